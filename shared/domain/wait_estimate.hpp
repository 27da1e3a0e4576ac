// The wait a citizen is told at the kiosk, on the slip and on the phone: one estimator for the
// server (engine::queue, today's hall) and the simulation (sim/model, a simulated hall), so a
// simulated day measures the estimate the server really gives (issue 16). Pure: no clock, no I/O.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "shared/domain/call_order.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::domain {

// Each service's latest service times (call to finish, so walking to the counter counts).
class service_times {
 public:
  explicit service_times(int samples) : samples_(samples) {}
  void add(service_id service, int seconds);
  // Average of the recent samples, or `fallback_minutes` when there are none.
  double average_minutes(service_id service, double fallback_minutes) const;

 private:
  int samples_;
  std::map<service_id, std::deque<int>> recent_;  // newest at the back
};

// A counter open now (not paused or closed), as the estimate sees it.
struct open_counter {
  std::vector<service_id> services;
  bool busy = false;  // a citizen called to it or at it
};

// A spell later today when no counter serves the service (lunch), in minutes from now.
struct closed_spell {
  double from = 0, to = 0;
};

// The spells of today's opening hours (intervals [from, to) in minutes of the day, in any order,
// overlapping or not) when it is closed after `now` (minutes of the day): before the first
// interval, and between intervals; in time order, in minutes from now (the one now is in
// starts before 0).
std::vector<closed_spell> closed_spells(
    std::vector<std::pair<std::chrono::minutes, std::chrono::minutes>> today, double now);

// What the estimate of a citizen's wait reads.
struct wait_question {
  service_id service = 0;
  int ahead = 0;                     // waiting before them in the service's line, by the call order
  double mean_service_minutes = 10;  // service_times::average_minutes
  std::span<const open_counter> open;    // every counter open now
  std::span<const closed_spell> closed;  // in time order
};

// Minutes, rounded up (at least 1 unless 0 exactly):
// - the capacity is the share of each open counter serving the service: a counter of several
//   services gives each its part by their lines (each waiting count plus one), so a counter
//   shared with a long line is not counted as a whole one;
// - a free counter calls at once: with fewer ahead than free counters of the service, 0;
// - otherwise those ahead beyond the free counters, plus half a visit (the counters finishing
//   the citizens at them, or those just called), times the mean service time, over the
//   capacity;
// - a closed spell that begins by that moment puts it off: its length (what is left of it) is
//   added.
// With no counter open for the service, one is assumed and nobody is at it: those ahead times
// the mean service time (the estimate then means "once it opens").
int estimate_wait_minutes(const wait_question& q, const waiting_lines& lines);

// How good the wait estimates of one service were (issue 16), over its tickets called: each
// one's error is its wait (issue to first call) minus the wait it was told at issue, in
// minutes. `mean_abs` and `p90_abs` (nearest rank) of the errors' sizes, `within_5` the share
// within ±5 minutes, `bias` their mean (positive: the estimates were too optimistic, citizens
// waited longer; negative: too pessimistic). All 0 for no tickets.
struct eta_accuracy {
  int tickets = 0;
  double mean_abs = 0, p90_abs = 0, within_5 = 0, bias = 0;
};

// The figures of `errors`, each a called ticket's error in minutes.
eta_accuracy accuracy_of(std::span<const double> errors);

}  // namespace motcua::domain
