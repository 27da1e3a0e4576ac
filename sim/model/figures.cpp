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

std::map<domain::service_id, std::vector<double>> eta_errors(const day_result& day) {
  std::map<domain::service_id, std::vector<double>> out;
  for (const auto& v : day.visits)
    if (!v.transferred) out[v.service].push_back(v.wait() - day.told.at(v.arrival));
  return out;
}

namespace {

// Minutes of [from, to) within the hour.
double overlap(minutes from, minutes to, int hour) {
  return std::max(0.0, std::min(to, hour * 60.0 + 60) - std::max(from, hour * 60.0));
}

int hour_of(minutes t) { return std::clamp(static_cast<int>(t / 60), 0, 23); }

}  // namespace

std::vector<hour_figures> by_service_and_hour(
    const day_result& day, const std::vector<counter_plan>& plan,
    const std::map<domain::service_id, minutes>& target_wait) {
  struct cell {
    hour_figures figures;
    std::vector<double> waits, eta_errors;
    double waiting_minutes = 0, busy = 0;
  };
  std::map<std::pair<domain::service_id, int>, cell> cells;
  auto at = [&](domain::service_id s, int hour) -> cell& {
    auto& c = cells[{s, hour}];
    c.figures.service = s;
    c.figures.hour = hour;
    return c;
  };
  auto spread = [&](domain::service_id s, minutes from, minutes to, double cell::*sum) {
    if (!(to > from)) return;
    for (int h = hour_of(from); h <= hour_of(to); ++h)
      if (auto m = overlap(from, to, h); m > 0) at(s, h).*sum += m;
  };
  for (const auto& v : day.visits) {
    auto& c = at(v.service, hour_of(v.joined));
    ++c.figures.joined;
    c.waits.push_back(v.wait());
    if (!v.transferred) c.eta_errors.push_back(v.wait() - day.told.at(v.arrival));
    auto target = target_wait.find(v.service);
    if (target != target_wait.end() && v.wait() > target->second) ++c.figures.over_target;
    spread(v.service, v.joined, v.called, &cell::waiting_minutes);
    spread(v.service, v.called, v.ended, &cell::busy);
  }
  for (const auto& u : day.unserved) {
    auto& c = at(u.service, hour_of(u.joined));
    ++c.figures.joined;
    ++c.figures.unserved;
    spread(u.service, u.joined, 24 * 60, &cell::waiting_minutes);
  }
  std::vector<hour_figures> out;
  for (auto& [key, c] : cells) {
    const auto& [service, hour] = key;
    double on_shift = 0;
    for (const auto& counter : plan) {
      if (std::find(counter.services.begin(), counter.services.end(), service) ==
          counter.services.end())
        continue;
      for (const auto& s : counter.shifts) on_shift += overlap(s.from, s.to, hour);
    }
    c.figures.waits = summarize(std::move(c.waits));
    c.figures.eta = domain::accuracy_of(c.eta_errors);
    c.figures.mean_waiting = c.waiting_minutes / 60;
    c.figures.utilisation = on_shift > 0 ? c.busy / on_shift : 0;
    out.push_back(c.figures);
  }
  return out;
}

}  // namespace motcua::sim
