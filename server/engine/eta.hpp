// Estimated wait. A citizen with `ahead` people before them waits about
// ahead x (average recent service time) / (counters serving that service now).
// The average is over the service's latest finished visits (call to finish,
// so walking time counts), seeded with the configured expected time.
#pragma once

#include <deque>
#include <map>
#include <vector>

#include "server/metrics/metrics.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::engine {

class service_times {
 public:
  explicit service_times(int samples) : samples_(samples) {}
  void add(domain::service_id service, int seconds);
  // Average of the recent samples, or `fallback_minutes` when there are none.
  double average_minutes(domain::service_id service, int fallback_minutes) const;

 private:
  int samples_;
  std::map<domain::service_id, std::deque<int>> recent_;  // newest at the back
};

// Minutes, rounded up; 0 when nobody is ahead, at least 1 when anyone is (visits
// recorded as 0 s long, a clerk finishing at once, must not make the kiosk say
// "no wait" to the sixth in line). With no counter serving the service, one
// counter is assumed (the estimate then means "once it opens").
int eta_minutes(int ahead, double average_service_minutes, int serving_counters);

// How good the estimates were (metrics::eta_accuracy), from each called ticket's error: its
// wait minus the wait it was told at issue, in minutes.
metrics::eta_accuracy accuracy_of(const std::vector<double>& errors);

}  // namespace motcua::engine
