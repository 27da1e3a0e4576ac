#include "counter/model/queue_model.hpp"

#include <algorithm>

#include "counter/model/format.hpp"

namespace motcua::counter {

using domain::ticket_state;

const char* shortcut(queue_action a) {
  static const char* keys[] = {"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"};
  return keys[function_key(a) - 1];
}

int function_key(queue_action a) { return static_cast<int>(a) + 1; }

const protocol::counter_view* queue_model::counter() const {
  return counter_ ? centre_.counter(*counter_) : nullptr;
}

const protocol::ticket* queue_model::current() const {
  const auto* c = counter();
  return c && c->ticket ? &*c->ticket : nullptr;
}

std::vector<waiting_row> queue_model::waiting() const {
  std::vector<waiting_row> out;
  if (!counter_) return out;
  auto now = clock_.now();
  for (const auto* t : centre_.waiting_for(*counter_)) {
    waiting_row row{*t, since(t->issued_at, now)};
    if (const auto* s = centre_.service(t->service); s && s->max_wait_minutes > 0)
      row.over_target = row.waited > std::chrono::minutes{s->max_wait_minutes};
    row.next = out.empty();
    out.push_back(std::move(row));
  }
  return out;
}

bool queue_model::enabled(queue_action a) const {
  const auto* c = counter();
  if (!c || slot_.busy()) return false;
  const auto* t = current();
  bool open = c->state == protocol::counter_state::open;
  switch (a) {
    case queue_action::call_next:
      return open && !t && !waiting().empty();
    case queue_action::recall:
    case queue_action::start:
    case queue_action::no_show:
      return t && t->state == ticket_state::called;
    case queue_action::transfer:
      return t != nullptr;
    case queue_action::finish:
      return t && t->state == ticket_state::serving;
    case queue_action::pause:
      return open && !t;
    case queue_action::resume:
      return c->state == protocol::counter_state::paused;
  }
  return false;
}

void queue_model::send(protocol::request_params p) {
  problem_.reset();
  slot_.send(send_, std::move(p));
}

void queue_model::act(queue_action a) {
  if (!enabled(a)) return;
  switch (a) {
    case queue_action::call_next:
      return send(protocol::call_next{});
    case queue_action::recall:
      return send(protocol::recall{});
    case queue_action::start:
      return send(protocol::start_service{});
    case queue_action::no_show:
      return send(protocol::no_show{});
    case queue_action::transfer:
      return;  // needs a destination: transfer()
    case queue_action::finish:
      return send(protocol::finish{});
    case queue_action::pause:
      return send(protocol::pause_counter{});
    case queue_action::resume:
      return send(protocol::resume_counter{});
  }
}

void queue_model::transfer(protocol::service_id service,
                           std::optional<protocol::counter_id> to_counter, std::string reason) {
  if (!enabled(queue_action::transfer)) return;
  send(protocol::transfer{service, to_counter,
                          reason.empty() ? std::nullopt : std::optional(std::move(reason))});
}

bool queue_model::needs_reason_to_call(protocol::ticket_id id) const {
  auto rows = waiting();
  return rows.empty() || rows.front().ticket.id != id;
}

bool queue_model::can_call(protocol::ticket_id id) const {
  if (!enabled(queue_action::call_next)) return false;
  auto rows = waiting();
  return std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return r.ticket.id == id; });
}

void queue_model::call(protocol::ticket_id id, std::optional<std::string> reason) {
  if (!can_call(id)) return;
  if (needs_reason_to_call(id) && (!reason || reason->empty())) {
    problem_ = protocol::error{protocol::error_code::invalid,
                               "Gọi số không theo thứ tự cần ghi lý do.",
                               "Calling out of turn needs a reason.",
                               {{"reason", "required"}}};
    return;
  }
  send(protocol::call_ticket{id, needs_reason_to_call(id) ? reason : std::nullopt});
}

std::chrono::seconds queue_model::serving_time() const {
  const auto* t = current();
  if (!t) return std::chrono::seconds{0};
  return since(t->started_at.value_or(t->called_at.value_or(t->issued_at)), clock_.now());
}

int queue_model::served_today() const {
  const auto* c = counter();
  return c ? c->served_today : 0;
}

std::chrono::seconds queue_model::average_service() const {
  const auto* c = counter();
  return std::chrono::seconds{c ? c->average_service_seconds : 0};
}

bool queue_model::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  if (const auto* e = client::error_of(r)) problem_ = *e;
  return true;
}

}  // namespace motcua::counter
