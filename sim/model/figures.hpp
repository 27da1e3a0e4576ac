// What a simulated (or recorded) day comes to: waits summed up.
#pragma once

#include <vector>

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

}  // namespace motcua::sim
