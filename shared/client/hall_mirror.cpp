#include "shared/client/hall_mirror.hpp"

#include <algorithm>

#include "shared/domain/clock.hpp"

namespace motcua::client {

namespace {

// `t` as the call-order rule reads it; an unreadable issued_at (the server always sends one)
// counts as the epoch.
domain::queued_ticket queued(const protocol::ticket& t) {
  return {t.id,
          t.service,
          t.priority,
          t.state,
          domain::parse_iso8601(t.issued_at).value_or(domain::time_point{}),
          t.target_counter};
}

}  // namespace

bool hall_mirror::apply(const inbox_item& item) {
  if (const auto* status = std::get_if<link_status>(&item)) {
    online_ = status->state == link_state::online;
    refused_ = status->state == link_state::refused;
    if (online_)
      offline_detail_.clear();
    else if (!status->detail.empty())  // `connecting` gives none: the last reason stays
      offline_detail_ = status->detail;
    return true;
  }
  if (const auto* event = std::get_if<protocol::event>(&item)) return apply(*event);
  const auto& reply = std::get<protocol::reply>(item);
  if (const auto* hello = std::get_if<protocol::hello_result>(&reply.body)) {
    // Without a snapshot the missed events follow: the picture stays as of our last event.
    if (hello->snapshot) reset(*hello->snapshot, hello->seq);
    synced_ = true;
  } else if (const auto* list = std::get_if<protocol::services_result>(&reply.body)) {
    services_ = list->services;
  }
  return true;
}

void hall_mirror::reset(const protocol::snapshot& s, std::int64_t seq) {
  synced_ = true;
  seq_ = seq;
  services_ = s.services;
  counters_ = s.counters;
  calls_.assign(s.recent_calls.begin(), s.recent_calls.end());
  if (calls_.size() > max_calls) calls_.resize(max_calls);
  waiting_.clear();
  waiting_order_.clear();
  for (const auto& t : s.waiting) add_waiting(t);
  my_counter_ = s.my_counter;
  if (s.rating_levels) rating_levels_ = *s.rating_levels;
  texts_ = s.texts.value_or(false);
}

bool hall_mirror::apply(const protocol::event& e) {
  if (e.seq <= seq_) return false;
  seq_ = e.seq;
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, protocol::ticket_issued> ||
                      std::is_same_v<T, protocol::ticket_changed>) {
          update_ticket(body.ticket);
        } else if constexpr (std::is_same_v<T, protocol::ticket_called>) {
          update_ticket(body.ticket);
          for (auto& c : counters_)
            if (c.id == body.counter) c.ticket = body.ticket;
          calls_.push_front(protocol::call_view{body.ticket, body.counter, body.counter_name,
                                                body.ticket.called_at.value_or(""), body.recall});
          if (calls_.size() > max_calls) calls_.pop_back();
        } else if constexpr (std::is_same_v<T, protocol::queue_changed>) {
          for (auto& s : services_)
            if (s.id == body.service) {
              s.waiting = body.waiting;
              s.eta_minutes = body.eta_minutes;
            }
        } else if constexpr (std::is_same_v<T, protocol::counter_changed>) {
          auto found = std::ranges::find(counters_, body.counter.id, &protocol::counter_view::id);
          if (found == counters_.end())
            counters_.push_back(body.counter);
          else
            *found = body.counter;
        }
      },
      e.body);
  return true;
}

void hall_mirror::add_waiting(const protocol::ticket& t) {
  auto q = queued(t);
  auto at =
      std::ranges::upper_bound(waiting_order_, q, domain::called_before) - waiting_order_.begin();
  waiting_order_.insert(waiting_order_.begin() + at, q);
  waiting_.insert(waiting_.begin() + at, t);
}

void hall_mirror::update_ticket(const protocol::ticket& t) {
  auto was = std::ranges::find(waiting_, t.id, &protocol::ticket::id);
  if (was != waiting_.end()) {
    waiting_order_.erase(waiting_order_.begin() + (was - waiting_.begin()));
    waiting_.erase(was);
  }
  if (t.state == domain::ticket_state::waiting) add_waiting(t);
  // A counter's current ticket follows the ticket's own changes.
  for (auto& c : counters_)
    if (c.ticket && c.ticket->id == t.id) {
      if (t.state == domain::ticket_state::called || t.state == domain::ticket_state::serving)
        c.ticket = t;
      else
        c.ticket.reset();
    }
}

const protocol::service_view* hall_mirror::service(protocol::service_id id) const {
  auto found = std::ranges::find(services_, id, &protocol::service_view::id);
  return found == services_.end() ? nullptr : &*found;
}

const protocol::counter_view* hall_mirror::counter(protocol::counter_id id) const {
  auto found = std::ranges::find(counters_, id, &protocol::counter_view::id);
  return found == counters_.end() ? nullptr : &*found;
}

std::string hall_mirror::now_serving(protocol::service_id service) const {
  auto found = std::ranges::find(calls_, service,
                                 [](const protocol::call_view& c) { return c.ticket.service; });
  return found == calls_.end() ? "" : found->ticket.number;
}

std::vector<const protocol::ticket*> hall_mirror::waiting_for(protocol::counter_id id) const {
  std::vector<const protocol::ticket*> out;
  const auto* c = counter(id);
  if (!c) return out;
  std::vector<domain::queued_ticket> mine;
  std::vector<const protocol::ticket*> tickets;
  for (std::size_t i = 0; i < waiting_order_.size(); ++i)
    if (domain::may_take(waiting_order_[i], c->id, c->services)) {
      mine.push_back(waiting_order_[i]);
      tickets.push_back(&waiting_[i]);
    }
  for (auto i : domain::calls_in_order(mine, {c->appointments_called, c->appointments_in_a_row}))
    out.push_back(tickets[i]);
  return out;
}

}  // namespace motcua::client
