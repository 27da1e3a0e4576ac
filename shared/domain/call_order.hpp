// The call order and which waiting tickets a counter may take: the one rule behind the
// server's call_next and the counter's waiting list. Pure values: no I/O, no JSON.
#pragma once

#include <compare>
#include <optional>
#include <span>

#include "shared/domain/clock.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::domain {

// What the rule reads of a ticket. The server maps its ticket record to it, the counter the
// protocol ticket (issued_at parsed once).
struct queued_ticket {
  ticket_id id = 0;
  service_id service = 0;
  domain::priority priority = domain::priority::none;
  ticket_state state = ticket_state::waiting;
  time_point issued_at;                      // a transferred ticket keeps its issue time
  std::optional<counter_id> target_counter;  // transferred to this counter only
};

// A ticket's place in the call order: every priority group before the normal queue (a checked-in
// appointment waits in it: is_priority_group), then the earliest issued, then the lowest id.
// Compares as the tickets are called (for keyed containers).
struct call_position {
  bool normal = true;
  time_point issued_at;
  ticket_id id = 0;
  auto operator<=>(const call_position&) const = default;
};

call_position position_of(const queued_ticket& t);
// True when `a` is called before `b`.
bool called_before(const queued_ticket& a, const queued_ticket& b);

// Whether the counter `counter`, open for `services`, may take `t`: a waiting ticket
// transferred to this counter (whatever its service), or a waiting ticket with no target
// counter in one of `services`.
bool may_take(const queued_ticket& t, counter_id counter, std::span<const service_id> services);

}  // namespace motcua::domain
