// A kind of day as numbers: per service, how many citizens come in each hour and what their
// visits are like. The simulation draws a day's arrivals from it for a seed.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/hall.hpp"

namespace motcua::sim {

struct service_profile {
  domain::service_id id = 0;
  std::array<double, 24> arrivals_per_hour{};  // by hour of the day, business time
  minutes mean_service_minutes = 10;
  double service_cv = 0.6;    // coefficient of variation: log-normal service times
  double priority_share = 0;  // of the priority groups of the law
  double no_show_share = 0;   // called, never came
  double transfer_share = 0;  // sent on to transfer_to after their visit
  std::optional<domain::service_id> transfer_to;
  minutes transfer_minutes = 5;  // mean at the next service
  minutes target_wait_minutes = 15;
  // Arrivals on the month's last days over an ordinary day's (benefit payments draw crowds).
  double month_end_factor = 1;
  std::string prefix = "A";  // its tickets' letter, in a history written from the profile
};

// How a day of the calendar differs from the profile's ordinary day: arrivals are multiplied
// by its weekday's factor, by the month-end factor of each service from `month_end_from_day`,
// and by `before_tet_factor` in the `before_tet_days` calendar days before Tết's first day.
struct calendar_factors {
  std::array<double, 7> weekday{1.3, 1.1, 1.0, 1.0, 0.9, 1.0, 1.0};  // Monday first
  int month_end_from_day = 25;
  int before_tet_days = 21;
  double before_tet_factor = 1.5;
};

struct hall_profile {
  std::vector<service_profile> services;
  calendar_factors calendar;
};

// The profile of `day`: every service's arrivals scaled by the calendar's factors.
hall_profile profile_of_day(const hall_profile& profile, std::chrono::year_month_day day);

// A day's arrivals: Poisson within each hour at that hour's rate, each citizen's visit drawn from
// its service's figures. In time order; the same for the same profile and seed.
std::vector<arrival> draw_day(const hall_profile& profile, std::uint64_t seed);

}  // namespace motcua::sim
