#include "counter/model/centre_state.hpp"

#include <algorithm>

#include "shared/domain/clock.hpp"

namespace motcua::counter {

domain::queued_ticket queued(const protocol::ticket& t) {
  return {t.id,
          t.service,
          t.priority,
          t.state,
          domain::parse_iso8601(t.issued_at).value_or(domain::time_point{}),
          t.target_counter};
}

void centre_state::reset(const protocol::snapshot& s) {
  loaded_ = true;
  services_ = s.services;
  counters_ = s.counters;
  waiting_.clear();
  waiting_order_.clear();
  for (const auto& t : s.waiting) add_waiting(t);
  my_counter_ = s.my_counter;
}

void centre_state::add_waiting(const protocol::ticket& t) {
  auto q = queued(t);
  auto at =
      std::upper_bound(waiting_order_.begin(), waiting_order_.end(), q, domain::called_before) -
      waiting_order_.begin();
  waiting_order_.insert(waiting_order_.begin() + at, q);
  waiting_.insert(waiting_.begin() + at, t);
}

const protocol::service_view* centre_state::service(protocol::service_id id) const {
  auto it =
      std::find_if(services_.begin(), services_.end(), [&](const auto& s) { return s.id == id; });
  return it == services_.end() ? nullptr : &*it;
}

const protocol::counter_view* centre_state::counter(protocol::counter_id id) const {
  auto it =
      std::find_if(counters_.begin(), counters_.end(), [&](const auto& c) { return c.id == id; });
  return it == counters_.end() ? nullptr : &*it;
}

void centre_state::update_ticket(const protocol::ticket& t) {
  auto was =
      std::find_if(waiting_.begin(), waiting_.end(), [&](const auto& w) { return w.id == t.id; });
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

void centre_state::apply(const protocol::event& e) {
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
        } else if constexpr (std::is_same_v<T, protocol::queue_changed>) {
          for (auto& s : services_)
            if (s.id == body.service) {
              s.waiting = body.waiting;
              s.eta_minutes = body.eta_minutes;
            }
        } else if constexpr (std::is_same_v<T, protocol::counter_changed>) {
          auto it = std::find_if(counters_.begin(), counters_.end(),
                                 [&](const auto& c) { return c.id == body.counter.id; });
          if (it == counters_.end())
            counters_.push_back(body.counter);
          else
            *it = body.counter;
        }
      },
      e.body);
}

}  // namespace motcua::counter
