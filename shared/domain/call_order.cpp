#include "shared/domain/call_order.hpp"

#include <algorithm>
#include <array>
#include <deque>

namespace motcua::domain {

call_group group_of(priority p) {
  if (p == priority::appointment) return call_group::appointment;
  return is_priority_group(p) ? call_group::priority_group : call_group::walk_in;
}

call_position position_of(const queued_ticket& t) {
  return {group_of(t.priority), t.issued_at, t.id};
}

bool called_before(const queued_ticket& a, const queued_ticket& b) {
  return position_of(a) < position_of(b);
}

std::optional<call_group> next_group(bool priority_waiting, bool appointment_waiting,
                                     bool walk_in_waiting, appointment_run run) {
  if (priority_waiting) return call_group::priority_group;
  if (appointment_waiting && (run.called < run.limit || !walk_in_waiting))
    return call_group::appointment;
  if (walk_in_waiting) return call_group::walk_in;
  return std::nullopt;
}

appointment_run after_call(appointment_run run, call_group group) {
  run.called = group == call_group::appointment ? run.called + 1 : 0;
  return run;
}

bool may_take(const queued_ticket& t, counter_id counter, std::span<const service_id> services) {
  if (t.state != ticket_state::waiting) return false;
  if (t.target_counter) return *t.target_counter == counter;
  return std::find(services.begin(), services.end(), t.service) != services.end();
}

std::vector<std::size_t> calls_in_order(std::span<const queued_ticket> tickets,
                                        appointment_run run) {
  std::vector<std::size_t> sorted(tickets.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
  std::ranges::sort(sorted, {}, [&](std::size_t i) { return position_of(tickets[i]); });
  std::array<std::deque<std::size_t>, 3> lines;
  for (auto i : sorted) lines[static_cast<std::size_t>(group_of(tickets[i].priority))].push_back(i);
  std::vector<std::size_t> out;
  out.reserve(sorted.size());
  while (auto group = next_group(!lines[0].empty(), !lines[1].empty(), !lines[2].empty(), run)) {
    auto& line = lines[static_cast<std::size_t>(*group)];
    out.push_back(line.front());
    line.pop_front();
    run = after_call(run, *group);
  }
  return out;
}

}  // namespace motcua::domain
