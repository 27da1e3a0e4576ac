#include "server/engine/eta.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace motcua::engine {

void service_times::add(domain::service_id service, int seconds) {
  auto& recent = recent_[service];
  recent.push_back(std::max(seconds, 0));
  while (static_cast<int>(recent.size()) > samples_) recent.pop_front();
}

double service_times::average_minutes(domain::service_id service, int fallback_minutes) const {
  auto it = recent_.find(service);
  if (it == recent_.end() || it->second.empty()) return fallback_minutes;
  double total = std::accumulate(it->second.begin(), it->second.end(), 0.0);
  return total / static_cast<double>(it->second.size()) / 60.0;
}

int eta_minutes(int ahead, double average_service_minutes, int serving_counters) {
  if (ahead <= 0) return 0;
  double minutes = ahead * average_service_minutes / std::max(serving_counters, 1);
  return std::max(1, static_cast<int>(std::ceil(minutes - 1e-9)));
}

metrics::eta_accuracy accuracy_of(const std::vector<double>& errors) {
  metrics::eta_accuracy a;
  if (errors.empty()) return a;
  std::vector<double> sizes;
  sizes.reserve(errors.size());
  double sum = 0;
  int within = 0;
  for (double e : errors) {
    sizes.push_back(std::abs(e));
    sum += e;
    within += std::abs(e) <= 5;
  }
  std::sort(sizes.begin(), sizes.end());
  const auto n = sizes.size();
  a.tickets = static_cast<int>(n);
  a.mean_abs = std::accumulate(sizes.begin(), sizes.end(), 0.0) / static_cast<double>(n);
  a.p90_abs = sizes[(n * 90 + 99) / 100 - 1];  // nearest rank, as the wait figures
  a.within_5 = static_cast<double>(within) / static_cast<double>(n);
  a.bias = sum / static_cast<double>(n);
  return a;
}

}  // namespace motcua::engine
