// What the server said about the hall, kept current: services, counters and every waiting
// ticket in call order. Reset from each hello snapshot, then moved by events (ticket_issued,
// ticket_called, ticket_changed, queue_changed, counter_changed). The queue panel and the
// manager's dashboard read it. Plain C++; UI thread only.
#pragma once

#include <optional>
#include <vector>

#include "shared/domain/call_order.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::counter {

class centre_state {
 public:
  void reset(const protocol::snapshot& s);
  void apply(const protocol::event& e);

  const std::vector<protocol::service_view>& services() const { return services_; }
  const std::vector<protocol::counter_view>& counters() const { return counters_; }
  // Waiting tickets in the order call_next takes them (domain/call_order.hpp).
  const std::vector<protocol::ticket>& waiting() const { return waiting_; }
  // The same tickets, at the same places, as the call-order rule reads them.
  const std::vector<domain::queued_ticket>& waiting_order() const { return waiting_order_; }
  const protocol::service_view* service(protocol::service_id id) const;
  const protocol::counter_view* counter(protocol::counter_id id) const;
  // The counter the logged-in clerk holds, as the snapshot said.
  std::optional<protocol::counter_id> my_counter() const { return my_counter_; }
  bool loaded() const { return loaded_; }

 private:
  void update_ticket(const protocol::ticket& t);
  void add_waiting(const protocol::ticket& t);

  bool loaded_ = false;
  std::vector<protocol::service_view> services_;
  std::vector<protocol::counter_view> counters_;
  std::vector<protocol::ticket> waiting_;
  std::vector<domain::queued_ticket> waiting_order_;  // waiting_[i] read as the rule reads it
  std::optional<protocol::counter_id> my_counter_;
};

// `t` as the call-order rule reads it; an unreadable issued_at (the server always sends one)
// counts as the epoch.
domain::queued_ticket queued(const protocol::ticket& t);

}  // namespace motcua::counter
