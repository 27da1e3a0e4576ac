#include "sim/model/hall.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <tuple>

#include "shared/domain/call_order.hpp"
#include "shared/domain/wait_estimate.hpp"

namespace motcua::sim {
namespace {

// Simulated minutes as the rule's time points (issue times order a line), to the millisecond.
domain::time_point instant(minutes m) {
  return domain::time_point{std::chrono::milliseconds{std::llround(m * 60'000.0)}};
}

enum class event_kind { counter_free, shift_edge, arrival };  // at the same time, in this order

struct event {
  minutes at = 0;
  event_kind kind = event_kind::arrival;
  std::size_t index = 0;  // the arrival, or the counter in the plan
  bool operator>(const event& o) const {
    return std::tie(at, kind, index) > std::tie(o.at, o.kind, o.index);
  }
};

// One ticket in the hall: where it waits now and what is left to do.
struct ticket_state {
  domain::service_id service = 0;
  minutes joined = 0;
  minutes service_minutes = 0;
  bool second_visit = false;
};

struct counter_state {
  domain::appointment_run run;
  bool busy = false;
  std::optional<std::size_t> serving;  // the arrival at the counter
  std::size_t visit = 0;               // its visit in day_result::visits
  minutes busy_since = 0;
};

bool on_shift(const counter_plan& c, minutes t) {
  return std::any_of(c.shifts.begin(), c.shifts.end(),
                     [&](const shift& s) { return s.from <= t && t < s.to; });
}

}  // namespace

day_result simulate(const std::vector<arrival>& arrivals, const std::vector<counter_plan>& plan,
                    const hall_rules& rules) {
  day_result out;
  out.open_minutes.assign(plan.size(), 0);
  out.busy_minutes.assign(plan.size(), 0);
  out.told.assign(arrivals.size(), 0);
  std::priority_queue<event, std::vector<event>, std::greater<>> events;
  for (std::size_t i = 0; i < arrivals.size(); ++i)
    events.push({arrivals[i].at, event_kind::arrival, i});
  for (std::size_t c = 0; c < plan.size(); ++c)
    for (const auto& s : plan[c].shifts) {
      events.push({s.from, event_kind::shift_edge, c});
      if (s.to != never) events.push({s.to, event_kind::shift_edge, c});
    }
  minutes last = 0;  // the day's last event: a shift without end counts to it

  domain::waiting_lines lines;
  std::vector<ticket_state> tickets(arrivals.size());
  std::vector<counter_state> counters(plan.size());
  const domain::appointment_run limit{0, std::max(1, rules.appointments_in_a_row)};
  for (auto& c : counters) c.run = limit;

  domain::service_times times(rules.eta_samples);
  // What the server tells a citizen joining `service` with `ahead` before them at `now`.
  auto estimate = [&](domain::service_id service, int ahead, minutes now) {
    std::vector<domain::open_counter> open;
    for (std::size_t c = 0; c < plan.size(); ++c)
      if (on_shift(plan[c], now)) open.push_back({plan[c].services, counters[c].busy});
    const auto closed = rules.opening_hours
                            ? domain::closed_spells(rules.opening_hours->intervals, now)
                            : std::vector<domain::closed_spell>{};
    auto expected = rules.expected_service_minutes.find(service);
    const double mean = times.average_minutes(
        service, expected == rules.expected_service_minutes.end() ? 10 : expected->second);
    return domain::estimate_wait_minutes({service, ahead, mean, open, closed}, lines);
  };
  // Those before `t` in its line, by the call order.
  auto ahead_of = [&](const domain::queued_ticket& t) {
    const auto& line = lines.of(t.service);
    return static_cast<int>(std::distance(line.begin(), line.lower_bound(position_of(t))));
  };

  auto queue_ticket = [&](std::size_t i, domain::service_id service, minutes now) {
    tickets[i].service = service;
    tickets[i].joined = now;
    // Ticket ids from 1 in arrival order; a transferred ticket keeps its issue time.
    const domain::queued_ticket t{static_cast<domain::ticket_id>(i + 1),
                                  service,
                                  arrivals[i].priority,
                                  domain::ticket_state::waiting,
                                  instant(arrivals[i].at),
                                  std::nullopt};
    if (!tickets[i].second_visit) out.told[i] = estimate(service, ahead_of(t), now);
    lines.add(t);
  };
  // Every free counter on shift, in the plan's order, calls its next ticket.
  auto call_free_counters = [&](minutes now) {
    for (std::size_t c = 0; c < plan.size(); ++c) {
      auto& counter = counters[c];
      if (counter.busy || !on_shift(plan[c], now)) continue;
      auto next = lines.next_for(plan[c].id, plan[c].services, counter.run);
      if (!next) continue;
      auto i = static_cast<std::size_t>(*next - 1);
      lines.remove(*next);
      counter.run = domain::after_call(counter.run, domain::group_of(arrivals[i].priority));
      const auto& t = tickets[i];
      bool no_show = arrivals[i].no_show && !t.second_visit;
      minutes length = no_show ? rules.no_show_minutes : t.service_minutes;
      out.visits.push_back(
          {i, t.service, plan[c].id, t.joined, now, now + length, no_show, t.second_visit});
      counter.busy = true;
      counter.serving = i;
      counter.visit = out.visits.size() - 1;
      counter.busy_since = now;
      events.push({now + length, event_kind::counter_free, c});
    }
  };

  while (!events.empty()) {
    auto e = events.top();
    events.pop();
    last = e.at;
    switch (e.kind) {
      case event_kind::arrival:
        tickets[e.index].service_minutes = arrivals[e.index].service_minutes;
        queue_ticket(e.index, arrivals[e.index].service, e.at);
        break;
      case event_kind::counter_free: {
        auto& counter = counters[e.index];
        out.busy_minutes[e.index] += e.at - counter.busy_since;
        auto i = *counter.serving;
        counter.busy = false;
        counter.serving.reset();
        const auto& a = arrivals[i];
        const auto& v = out.visits[counter.visit];
        bool onwards = a.transfer_to && !a.no_show && !tickets[i].second_visit;
        if (!v.no_show && !onwards)  // a finished visit: its time is a sample, as the server's
          times.add(v.service, static_cast<int>(std::lround((v.ended - v.called) * 60)));
        if (onwards) {
          tickets[i].second_visit = true;
          tickets[i].service_minutes = a.transfer_minutes;
          queue_ticket(i, *a.transfer_to, e.at);
        }
        break;
      }
      case event_kind::shift_edge:
        break;
    }
    // Everything at this instant first: then the free counters call.
    if (events.empty() || events.top().at != e.at) call_free_counters(e.at);
  }
  for (std::size_t c = 0; c < plan.size(); ++c)
    for (const auto& s : plan[c].shifts)
      out.open_minutes[c] += std::max(0.0, std::min(s.to, last) - s.from);
  for (const auto& [service, line] : lines.all())
    for (const auto& key : line) {
      auto i = static_cast<std::size_t>(key.id - 1);
      out.unserved.push_back({i, service, tickets[i].joined});
    }
  std::ranges::sort(out.unserved, {}, &left_waiting::arrival);
  return out;
}

}  // namespace motcua::sim
