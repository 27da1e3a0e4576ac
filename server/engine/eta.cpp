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

}  // namespace motcua::engine
