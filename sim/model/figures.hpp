// What a simulated (or recorded) day comes to: waits summed up.
#pragma once

#include <map>
#include <vector>

#include "shared/domain/wait_estimate.hpp"
#include "sim/model/hall.hpp"

namespace motcua::sim {

struct wait_summary {
  std::size_t count = 0;
  double mean = 0, p50 = 0, p90 = 0, max = 0;  // minutes
};

// Nearest-rank percentiles, as the server's figures.
wait_summary summarize(std::vector<double> waits);
// The waits of every visit (first visits and visits after a transfer).
std::vector<double> waits_of(const day_result& day);
// Each called citizen's estimate error (their first wait minus the wait they were told), by
// the service they joined first, as the server's figures.
std::map<domain::service_id, std::vector<double>> eta_errors(const day_result& day);

// One service in one hour of the day. Citizens count in the hour they joined the service's line
// (took the ticket, or were transferred to it).
struct hour_figures {
  domain::service_id service = 0;
  int hour = 0;
  int joined = 0;           // took a ticket or came by transfer
  int unserved = 0;         // of those, still waiting when every counter had closed
  wait_summary waits;       // of those called
  int over_target = 0;      // called after more than the service's target wait
  double mean_waiting = 0;  // citizens waiting, on average over the hour
  // Minutes the counters serving the service spent with its citizens in the hour, over the
  // minutes they were on shift in it (a counter of two services counts for both; a citizen
  // finished after the shift's end counts as busy, so it may exceed 1; 0 with none on shift).
  double utilisation = 0;
  domain::eta_accuracy eta;  // of the estimates told to those who took a ticket in the hour
};

// Per service and hour of the day (0 to 23; a visit past midnight counts in hour 23), in that
// order; only the hours with anyone joining, waiting or served.
std::vector<hour_figures> by_service_and_hour(
    const day_result& day, const std::vector<counter_plan>& plan,
    const std::map<domain::service_id, minutes>& target_wait);

}  // namespace motcua::sim
