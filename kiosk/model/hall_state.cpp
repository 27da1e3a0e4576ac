#include "kiosk/model/hall_state.hpp"

#include <algorithm>

namespace motcua::kiosk {

bool hall_state::apply(const client::inbox_item& item) {
  if (const auto* status = std::get_if<client::link_status>(&item)) {
    const bool was = online_;
    const std::string before = offline_detail_;
    online_ = status->state == client::link_state::online;
    if (online_)
      offline_detail_.clear();
    else if (!status->detail.empty())  // `connecting` gives none: the last reason stays
      offline_detail_ = status->detail;
    return was != online_ || before != offline_detail_;
  }
  if (const auto* event = std::get_if<protocol::event>(&item)) return apply_event(*event);
  const auto& reply = std::get<protocol::reply>(item);
  if (const auto* hello = std::get_if<protocol::hello_result>(&reply.body)) {
    role_ = hello->role;
    if (hello->snapshot) apply_snapshot(*hello->snapshot);
    synced_ = true;
    return true;
  }
  if (const auto* list = std::get_if<protocol::services_result>(&reply.body)) {
    services_ = list->services;
    return true;
  }
  return false;
}

void hall_state::apply_snapshot(const protocol::snapshot& s) {
  services_ = s.services;
  counters_ = s.counters;
  calls_.assign(s.recent_calls.begin(), s.recent_calls.end());
  if (calls_.size() > max_calls) calls_.resize(max_calls);
  if (s.rating_levels) rating_levels_ = *s.rating_levels;
}

bool hall_state::apply_event(const protocol::event& e) {
  if (const auto* q = std::get_if<protocol::queue_changed>(&e.body)) {
    auto found = std::ranges::find(services_, q->service, &protocol::service_view::id);
    if (found == services_.end()) return false;
    found->waiting = q->waiting;
    found->eta_minutes = q->eta_minutes;
    return true;
  }
  if (const auto* c = std::get_if<protocol::counter_changed>(&e.body)) {
    auto found = std::ranges::find(counters_, c->counter.id, &protocol::counter_view::id);
    if (found == counters_.end())
      counters_.push_back(c->counter);
    else
      *found = c->counter;
    return true;
  }
  if (const auto* called = std::get_if<protocol::ticket_called>(&e.body)) {
    calls_.push_front(protocol::call_view{called->ticket, called->counter, called->counter_name,
                                          called->ticket.called_at.value_or(""), called->recall});
    if (calls_.size() > max_calls) calls_.pop_back();
    return true;
  }
  return false;
}

const protocol::service_view* hall_state::service(protocol::service_id id) const {
  auto found = std::ranges::find(services_, id, &protocol::service_view::id);
  return found == services_.end() ? nullptr : &*found;
}

const protocol::counter_view* hall_state::counter(protocol::counter_id id) const {
  auto found = std::ranges::find(counters_, id, &protocol::counter_view::id);
  return found == counters_.end() ? nullptr : &*found;
}

std::string hall_state::now_serving(protocol::service_id service) const {
  auto found = std::ranges::find_if(
      calls_, [&](const protocol::call_view& c) { return c.ticket.service == service; });
  return found == calls_.end() ? "" : found->ticket.number;
}

}  // namespace motcua::kiosk
