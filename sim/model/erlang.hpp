// The model checked against queueing theory: one service, Poisson arrivals, exponential service
// times, C counters, first come first served (M/M/C). Erlang C gives the exact waits of the
// steady state; the simulation of a long run must agree (tests/unit/sim_test.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/hall.hpp"

namespace motcua::sim {

struct mmc {
  double arrivals_per_hour = 0;
  double mean_service_minutes = 0;
  int counters = 1;
};

// Erlang C: the probability that a citizen has to wait; 1 when the counters cannot keep up.
double erlang_c_wait_probability(const mmc& q);
// The steady state's mean wait and its p-th quantile (0 < p < 1), in minutes; infinite when the
// counters cannot keep up (arrivals ≥ what they serve).
double erlang_c_mean_wait(const mmc& q);
double erlang_c_wait_quantile(const mmc& q, double p);

// `hours` of Poisson arrivals at one service (id 1), exponential service times, for a seed.
std::vector<arrival> poisson_arrivals(const mmc& q, double hours, std::uint64_t seed);
// `counters` counters serving service 1 all along (they finish everyone who came).
std::vector<counter_plan> always_open(int counters);

}  // namespace motcua::sim
