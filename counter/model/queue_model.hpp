// The clerk's queue panel: the counter's current ticket and the actions on it, the waiting list
// of the tickets the counter may take, and the clerk's figures. Actions follow the ticket state
// machine: a button that makes no sense now is disabled (enabled() says which), never hidden.
// Each action has an F-key (shortcut()). One request at a time; the server's answer moves the
// state through events into the hall mirror. Plain C++; UI thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/hall_mirror.hpp"
#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::counter {

enum class queue_action { call_next, recall, start, no_show, transfer, finish, pause, resume };
constexpr queue_action all_queue_actions[] = {
    queue_action::call_next, queue_action::recall, queue_action::start, queue_action::no_show,
    queue_action::transfer,  queue_action::finish, queue_action::pause, queue_action::resume};

// "F1" ... "F8", in the order above.
const char* shortcut(queue_action a);
// 1..8 for F1..F8.
int function_key(queue_action a);

struct waiting_row {
  protocol::ticket ticket;
  std::chrono::seconds waited{0};
  bool over_target = false;  // waited longer than its service's max_wait_minutes
  bool next = false;         // the one call_next would take
};

class queue_model {
 public:
  queue_model(const client::hall_mirror& centre, const domain::clock& clock, client::sender send)
      : centre_(centre), clock_(clock), send_(std::move(send)) {}

  void set_counter(std::optional<protocol::counter_id> id) { counter_ = id; }
  const protocol::counter_view* counter() const;
  // The ticket called or being served at this counter.
  const protocol::ticket* current() const;

  bool enabled(queue_action a) const;
  // Sends the action when enabled (transfer needs transfer()).
  void act(queue_action a);
  void transfer(protocol::service_id service, std::optional<protocol::counter_id> to_counter,
                std::string reason);
  // Calling a ticket out of turn needs a reason (the audit keeps it).
  bool needs_reason_to_call(protocol::ticket_id id) const;
  bool can_call(protocol::ticket_id id) const;
  void call(protocol::ticket_id id, std::optional<std::string> reason);

  // The waiting tickets this counter may take (domain/call_order.hpp), in call order.
  std::vector<waiting_row> waiting() const;
  std::chrono::seconds serving_time() const;
  // Finished at this counter today and their average service time (the server's figures).
  int served_today() const;
  std::chrono::seconds average_service() const;

  bool busy() const { return slot_.busy(); }
  bool on_reply(const protocol::reply& r);
  void offline() { slot_.drop(); }
  const std::optional<protocol::error>& problem() const { return problem_; }

 private:
  void send(protocol::request_params p);

  const client::hall_mirror& centre_;
  const domain::clock& clock_;
  client::sender send_;
  std::optional<protocol::counter_id> counter_;
  client::request_slot slot_;
  std::optional<protocol::error> problem_;
};

}  // namespace motcua::counter
