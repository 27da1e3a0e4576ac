#include "shared/domain/call_order.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <deque>
#include <limits>

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

void waiting_lines::add(const queued_ticket& t) {
  remove(t.id);
  if (t.state != ticket_state::waiting) return;
  tickets_[t.id] = t;
  lines_[t.service].insert(position_of(t));
  if (t.target_counter) targeted_[*t.target_counter].insert(position_of(t));
}

void waiting_lines::remove(ticket_id id) {
  auto it = tickets_.find(id);
  if (it == tickets_.end()) return;
  const auto& t = it->second;
  auto erase_from = [&](auto& lines, auto key) {
    auto line = lines.find(key);
    assert(line != lines.end());  // add() put it there
    line->second.erase(position_of(t));
    if (line->second.empty()) lines.erase(line);
  };
  erase_from(lines_, t.service);
  if (t.target_counter) erase_from(targeted_, *t.target_counter);
  tickets_.erase(it);
}

void waiting_lines::clear() {
  lines_.clear();
  targeted_.clear();
  tickets_.clear();
}

std::optional<ticket_id> waiting_lines::next_for(counter_id counter,
                                                 std::span<const service_id> services,
                                                 appointment_run run) const {
  std::array<std::optional<call_position>, 3> first{};
  auto scan = [&](const line& keys) {
    for (const auto& key : keys) {  // in call order: lines in their order, each by issue time
      if (!may_take(tickets_.at(key.id), counter, services)) continue;
      auto& best = first[static_cast<std::size_t>(key.group)];
      if (!best || key < *best) best = key;
      if (key.group == call_group::walk_in) break;  // the last line: nothing better after
    }
  };
  for (auto service : services)
    if (auto it = lines_.find(service); it != lines_.end()) scan(it->second);
  if (auto it = targeted_.find(counter); it != targeted_.end()) scan(it->second);
  auto group = next_group(first[0].has_value(), first[1].has_value(), first[2].has_value(), run);
  if (!group) return std::nullopt;
  return first[static_cast<std::size_t>(*group)]->id;
}

std::size_t waiting_lines::count(service_id service) const {
  auto it = lines_.find(service);
  return it == lines_.end() ? 0 : it->second.size();
}

const waiting_lines::line& waiting_lines::of(service_id service) const {
  static const line none;
  auto it = lines_.find(service);
  return it == lines_.end() ? none : it->second;
}

std::optional<time_point> waiting_lines::oldest(service_id service) const {
  const auto& keys = of(service);
  std::optional<time_point> out;
  // Each group's line is by issue time: its first is its oldest.
  for (auto group : {call_group::priority_group, call_group::appointment, call_group::walk_in}) {
    auto it = keys.lower_bound(
        call_position{group, time_point::min(), std::numeric_limits<ticket_id>::min()});
    if (it != keys.end() && it->group == group && (!out || it->issued_at < *out))
      out = it->issued_at;
  }
  return out;
}

const queued_ticket* waiting_lines::find(ticket_id id) const {
  auto it = tickets_.find(id);
  return it == tickets_.end() ? nullptr : &it->second;
}

}  // namespace motcua::domain
