#include "shared/domain/wait_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

namespace motcua::domain {

void service_times::add(service_id service, int seconds) {
  auto& recent = recent_[service];
  recent.push_back(std::max(seconds, 0));
  while (static_cast<int>(recent.size()) > samples_) recent.pop_front();
}

double service_times::average_minutes(service_id service, double fallback_minutes) const {
  auto it = recent_.find(service);
  if (it == recent_.end() || it->second.empty()) return fallback_minutes;
  double total = std::accumulate(it->second.begin(), it->second.end(), 0.0);
  return total / static_cast<double>(it->second.size()) / 60.0;
}

std::vector<closed_spell> closed_spells(
    std::vector<std::pair<std::chrono::minutes, std::chrono::minutes>> today, double now) {
  std::ranges::sort(today);
  std::vector<closed_spell> out;
  std::optional<double> open_until;  // the latest end of the intervals so far
  for (const auto& [from_m, to_m] : today) {
    const auto from = static_cast<double>(from_m.count()), to = static_cast<double>(to_m.count());
    if (from > now && (!open_until || from > *open_until))
      out.push_back({open_until ? *open_until - now : 0.0, from - now});
    open_until = std::max(open_until.value_or(to), to);
  }
  return out;
}

int estimate_wait_minutes(const wait_question& q, const waiting_lines& lines) {
  double capacity = 0;
  int free = 0;
  bool open = false;
  for (const auto& c : q.open) {
    if (std::find(c.services.begin(), c.services.end(), q.service) == c.services.end()) continue;
    double all = 0;
    for (auto s : c.services) all += static_cast<double>(lines.count(s)) + 1;
    capacity += (static_cast<double>(lines.count(q.service)) + 1) / all;
    free += !c.busy;
    open = true;
  }
  if (!open) capacity = 1;
  if (q.ahead < free) return 0;
  const double visits = q.ahead - free + (open ? 0.5 : 0);
  double minutes = visits * q.mean_service_minutes / capacity;
  for (const auto& spell : q.closed)
    if (spell.from <= minutes) minutes += spell.to - std::max(spell.from, 0.0);
  if (visits <= 0 && minutes <= 0) return 0;
  return std::max(1, static_cast<int>(std::ceil(minutes - 1e-9)));
}

eta_accuracy accuracy_of(std::span<const double> errors) {
  eta_accuracy a;
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

}  // namespace motcua::domain
