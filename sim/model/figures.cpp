#include "sim/model/figures.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace motcua::sim {

wait_summary summarize(std::vector<double> waits) {
  wait_summary s;
  s.count = waits.size();
  if (waits.empty()) return s;
  std::sort(waits.begin(), waits.end());
  auto rank = [&](double p) {
    auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(waits.size())));
    return waits[std::clamp<std::size_t>(k, 1, waits.size()) - 1];
  };
  s.mean = std::accumulate(waits.begin(), waits.end(), 0.0) / static_cast<double>(waits.size());
  s.p50 = rank(0.5);
  s.p90 = rank(0.9);
  s.max = waits.back();
  return s;
}

std::vector<double> waits_of(const day_result& day) {
  std::vector<double> out;
  out.reserve(day.visits.size());
  for (const auto& v : day.visits) out.push_back(v.wait());
  return out;
}

}  // namespace motcua::sim
