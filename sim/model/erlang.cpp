#include "sim/model/erlang.hpp"

#include <cmath>
#include <limits>

#include "sim/model/random.hpp"

namespace motcua::sim {
namespace {

double offered_load(const mmc& q) { return q.arrivals_per_hour * q.mean_service_minutes / 60; }

// Minutes⁻¹: how fast the queue drains when every counter is busy (cμ − λ).
double drain_rate(const mmc& q) {
  return q.counters / q.mean_service_minutes - q.arrivals_per_hour / 60;
}

}  // namespace

double erlang_c_wait_probability(const mmc& q) {
  const double a = offered_load(q);
  const int c = q.counters;
  if (a >= c) return 1;
  // Erlang B by its recurrence (stable for any c), then C from B.
  double b = 1;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1 - b));
}

double erlang_c_mean_wait(const mmc& q) {
  if (offered_load(q) >= q.counters) return std::numeric_limits<double>::infinity();
  return erlang_c_wait_probability(q) / drain_rate(q);
}

double erlang_c_wait_quantile(const mmc& q, double p) {
  if (offered_load(q) >= q.counters) return std::numeric_limits<double>::infinity();
  // P(wait > t) = C · e^(−(cμ−λ)t).
  const double waiting = erlang_c_wait_probability(q);
  if (waiting <= 1 - p) return 0;
  return std::log(waiting / (1 - p)) / drain_rate(q);
}

std::vector<arrival> poisson_arrivals(const mmc& q, double hours, std::uint64_t seed) {
  random_source draw(seed);
  std::vector<arrival> out;
  const double gap = 60 / q.arrivals_per_hour, end = hours * 60;
  for (double t = draw.exponential(gap); t < end; t += draw.exponential(gap))
    out.push_back(citizen(t, 1, draw.exponential(q.mean_service_minutes)));
  return out;
}

std::vector<counter_plan> always_open(int counters) {
  std::vector<counter_plan> plan;
  for (int c = 1; c <= counters; ++c) plan.push_back({c, {1}, {shift{}}});
  return plan;
}

}  // namespace motcua::sim
