// The call order and which waiting tickets a counter may take: the one rule behind the
// server's call_next and the counter's waiting list. Pure values: no I/O, no JSON.
#pragma once

#include <compare>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
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

// The waiting tickets, each service's in call order (by call_position): what call_next chooses
// from. The server's queue keeps today's in one, the simulation (sim/) its simulated hall's, so
// both call by the same rule.
class waiting_lines {
 public:
  using line = std::set<call_position>;

  // Adds a waiting ticket (again: its new place); a ticket not waiting is ignored.
  void add(const queued_ticket& t);
  // Takes the ticket out of its service's line (nothing when it is not there).
  void remove(ticket_id id);
  void clear();

  // The ticket `counter`, open for `services`, calls next after its `run`: the first ticket it
  // may take in each line (over its services), then next_group chooses the line.
  std::optional<ticket_id> next_for(counter_id counter, std::span<const service_id> services,
                                    appointment_run run) const;

  std::size_t count(service_id service) const;
  // The service's waiting tickets in call order (empty when none).
  const line& of(service_id service) const;
  // Every service's line, by service id.
  const std::map<service_id, line>& all() const { return lines_; }
  // The earliest issue time among the service's waiting tickets.
  std::optional<time_point> oldest(service_id service) const;
  const queued_ticket* find(ticket_id id) const;

 private:
  std::map<service_id, line> lines_;
  // The transferred tickets by their target counter, also in their service's line: a counter
  // finds them without walking the lines of services it does not serve.
  std::map<counter_id, line> targeted_;
  std::unordered_map<ticket_id, queued_ticket> tickets_;
};

}  // namespace motcua::domain
