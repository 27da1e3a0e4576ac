// Staffing as a manager speaks of it: how many counters serve each service in each hour (issue
// 16). The what-if changes a day's staffing cell by cell; the advice finds the fewest counters per
// service and hour that keep each service's p90 wait within its target, from the profile of
// recorded days (the mean of the last same weekdays).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "sim/model/figures.hpp"
#include "sim/model/profile.hpp"
#include "sim/model/recorded.hpp"

namespace motcua::sim {

struct staffing {
  std::map<domain::service_id, std::array<int, 24>> counters;  // by hour of the day
  int at(domain::service_id service, int hour) const;
  int counter_hours() const;
  bool operator==(const staffing&) const = default;
};

// Counters on shift for more than half of each hour serving each service; a counter of several
// services counts for each of them.
staffing staffing_of(const std::vector<counter_plan>& plan);

// `plan` with `wanted` counters per service and hour: first, where it has more, counters
// serving the service are taken off shift for the hour, those of the fewest services first;
// then, where it has fewer (a shared counter taken off counts there too), counters serving only
// that service are added for the hour (new ids after the plan's). Cells `wanted` leaves as they
// are stay so.
std::vector<counter_plan> with_staffing(const std::vector<counter_plan>& plan,
                                        const staffing& wanted);

// The profile of a kind of day from recorded days played again (sim/model/recorded.hpp): per
// service and hour the mean arrivals over the days; the visits' mean time and spread (first
// visits, no-shows apart), the shares of priority groups, no-shows and transfers (to the
// service most sent to, with those visits' mean time). Appointments count as walk-ins. Targets
// from `target_wait`; a service it does not name has none (`never`: no wait misses it). An
// empty `days` gives no service.
hall_profile profile_of_days(std::span<const replay> days,
                             const std::map<domain::service_id, minutes>& target_wait);

// What a staffing plan gives over days drawn from a profile: per service and hour, the days'
// waits pooled (counts per day), and whether every service's p90 wait was within its target in
// every hour with nobody left unserved.
struct expected_days {
  std::vector<hour_figures> figures;
  bool met = false;
};
// Over `days` days (at least 1) drawn from `profile` (seeds `seed`, `seed` + 1, …), each citizen
// told the server's estimate from the profile's service times.
expected_days expect(const hall_profile& profile, const std::vector<counter_plan>& plan,
                     const hall_rules& rules, int days = 8, std::uint64_t seed = 1);

struct staffing_advice {
  staffing counters;  // counters serving one service each (plan_of)
  expected_days expected;
};

// The fewest counters per service and hour found to keep each service's p90 wait within its
// target over `days` drawn days (expect): from the offered load (at least one counter in an
// hour with arrivals and the hour after), a counter is added at each service's earliest hour
// over its target until none is (or 30 in every hour from there: `expected.met` false); then
// each hour's counters are taken away one by one, latest hour first, while the targets hold.
// At most 400 staffings are tried (a target out of reach stops there, not met).
staffing_advice advise(const hall_profile& profile, const hall_rules& rules, int days = 8,
                       std::uint64_t seed = 1);

// The `weeks` days before `day` on its weekday, latest first: the days whose profile is "a
// typical Monday" when `day` is a Monday.
std::vector<std::chrono::year_month_day> same_weekdays_before(std::chrono::year_month_day day,
                                                              int weeks);

// Counters serving one service each, by `s`: per service, counter k is on shift in the hours
// that have more than k.
std::vector<counter_plan> plan_of(const staffing& s);

}  // namespace motcua::sim
