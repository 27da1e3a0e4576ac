// The call order and which waiting tickets a counter may take: the one rule behind the
// server's call_next and the counter's waiting list. Pure values: no I/O, no JSON.
#pragma once

#include <compare>
#include <optional>
#include <span>
#include <vector>

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

// The three lines a waiting ticket stands in, in the order a counter looks at them: the
// priority groups of the law (always first: the law gives them their place, a booking does
// not take it), the checked-in appointments, then the walk-ins.
enum class call_group { priority_group, appointment, walk_in };
call_group group_of(priority p);

// A ticket's place in its line and of the lines in their order: the group, then the earliest
// issued (an appointment: its check-in; a transferred ticket keeps its issue time), then the
// lowest id. Compares as the tickets are called when the counter may still call appointments
// (for keyed containers); next_group says when a walk-in goes first.
struct call_position {
  call_group group = call_group::walk_in;
  time_point issued_at;
  ticket_id id = 0;
  auto operator<=>(const call_position&) const = default;
};

call_position position_of(const queued_ticket& t);
// True when `a` is before `b` in that order.
bool called_before(const queued_ticket& a, const queued_ticket& b);

// A counter's run of appointments: how many it called last, one after another (a call of any
// other ticket ends the run), and how many the centre allows in a row while walk-ins wait
// (`appointments_in_a_row`, at least 1). The run is the counter's own: each counter serves its
// walk-ins in turn, so none of them waits behind more than `limit` appointments at a time.
struct appointment_run {
  int called = 0;
  int limit = 2;
};

// The group a counter calls next, given which lines hold a ticket it may take: a priority
// group first; then an appointment while the run is under its limit or no walk-in waits; then
// a walk-in. None when all three are empty.
std::optional<call_group> next_group(bool priority_waiting, bool appointment_waiting,
                                     bool walk_in_waiting, appointment_run run);
// The run after calling a ticket of `group`.
appointment_run after_call(appointment_run run, call_group group);

// Whether the counter `counter`, open for `services`, may take `t`: a waiting ticket
// transferred to this counter (whatever its service), or a waiting ticket with no target
// counter in one of `services`.
bool may_take(const queued_ticket& t, counter_id counter, std::span<const service_id> services);

// `tickets` (those a counter may take) in the order its call_next takes them one after another
// from `run`: next_group applied to the fronts of the three lines at each step. Indexes into
// `tickets`.
std::vector<std::size_t> calls_in_order(std::span<const queued_ticket> tickets,
                                        appointment_run run);

}  // namespace motcua::domain
