#include "sim/model/staffing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace motcua::sim {
namespace {

constexpr int most_in_an_hour = 30;
// Staffings an advice tries at most (each simulating all its drawn days).
constexpr int most_checks = 400;

// Minutes of the counter's shifts within the hour.
minutes on_shift_in(const counter_plan& c, int hour) {
  minutes sum = 0;
  for (const auto& s : c.shifts)
    sum += std::max(0.0, std::min(s.to, hour * 60.0 + 60) - std::max(s.from, hour * 60.0));
  return sum;
}

bool serves(const counter_plan& c, domain::service_id service) {
  return std::find(c.services.begin(), c.services.end(), service) != c.services.end();
}

// The counter's shifts without the hour.
void take_off(counter_plan& c, int hour) {
  const minutes from = hour * 60.0, to = from + 60;
  std::vector<shift> left;
  for (const auto& s : c.shifts) {
    if (s.to <= from || s.from >= to) {
      left.push_back(s);
      continue;
    }
    if (s.from < from) left.push_back({s.from, from});
    if (s.to > to) left.push_back({to, s.to});
  }
  c.shifts = std::move(left);
}

// Several days' results as one (their visits and the unserved together, arrivals numbered on).
day_result pooled(const std::vector<day_result>& days, const std::vector<std::size_t>& sizes) {
  day_result out;
  std::size_t offset = 0;
  for (std::size_t d = 0; d < days.size(); ++d) {
    for (auto v : days[d].visits) {
      v.arrival += offset;
      out.visits.push_back(v);
    }
    for (auto u : days[d].unserved) {
      u.arrival += offset;
      out.unserved.push_back(u);
    }
    out.told.insert(out.told.end(), days[d].told.begin(), days[d].told.end());
    offset += sizes[d];
  }
  return out;
}

}  // namespace

int staffing::at(domain::service_id service, int hour) const {
  auto it = counters.find(service);
  return it == counters.end() ? 0 : it->second[static_cast<std::size_t>(hour)];
}

int staffing::counter_hours() const {
  int sum = 0;
  for (const auto& [service, hours] : counters)
    sum = std::accumulate(hours.begin(), hours.end(), sum);
  return sum;
}

staffing staffing_of(const std::vector<counter_plan>& plan) {
  staffing out;
  for (const auto& c : plan)
    for (int h = 0; h < 24; ++h)
      if (on_shift_in(c, h) > 30)
        for (auto service : c.services) ++out.counters[service][static_cast<std::size_t>(h)];
  return out;
}

std::vector<counter_plan> with_staffing(const std::vector<counter_plan>& plan,
                                        const staffing& wanted) {
  auto out = plan;
  // First every cell with too many: counters taken off (a shared one leaves its other services
  // too); then every cell with too few, those included: counters of that service added.
  for (const auto& [service, hours] : wanted.counters)
    for (int h = 0; h < 24; ++h) {
      const int extra = staffing_of(out).at(service, h) - hours[static_cast<std::size_t>(h)];
      if (extra <= 0) continue;
      std::vector<std::size_t> on;
      for (std::size_t i = 0; i < out.size(); ++i)
        if (serves(out[i], service) && on_shift_in(out[i], h) > 30) on.push_back(i);
      std::ranges::stable_sort(on, {}, [&](std::size_t i) { return out[i].services.size(); });
      for (int k = 0; k < extra && k < static_cast<int>(on.size()); ++k)
        take_off(out[on[static_cast<std::size_t>(k)]], h);
    }
  domain::counter_id next = 1;
  for (const auto& c : plan) next = std::max(next, c.id + 1);
  for (const auto& [service, hours] : wanted.counters)
    for (int h = 0; h < 24; ++h) {
      const int missing = hours[static_cast<std::size_t>(h)] - staffing_of(out).at(service, h);
      for (int k = 0; k < missing; ++k)
        out.push_back({next++, {service}, {{h * 60.0, h * 60.0 + 60}}});
    }
  return out;
}

std::vector<std::chrono::year_month_day> same_weekdays_before(std::chrono::year_month_day day,
                                                              int weeks) {
  std::vector<std::chrono::year_month_day> out;
  for (int k = 1; k <= weeks; ++k)
    out.emplace_back(std::chrono::sys_days{day} - std::chrono::weeks{k});
  return out;
}

std::vector<counter_plan> plan_of(const staffing& s) {
  std::vector<counter_plan> out;
  domain::counter_id id = 1;
  for (const auto& [service, hours] : s.counters) {
    const int most = *std::max_element(hours.begin(), hours.end());
    for (int k = 0; k < most; ++k) {
      counter_plan c{id++, {service}, {}};
      for (int h = 0; h < 24; ++h) {
        if (hours[static_cast<std::size_t>(h)] <= k) continue;
        if (!c.shifts.empty() && c.shifts.back().to == h * 60.0)
          c.shifts.back().to += 60;
        else
          c.shifts.push_back({h * 60.0, h * 60.0 + 60});
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

hall_profile profile_of_days(std::span<const replay> days,
                             const std::map<domain::service_id, minutes>& target_wait) {
  struct sums {
    std::array<double, 24> arrivals{};
    std::vector<double> service_minutes, transfer_minutes;
    int citizens = 0, priority = 0, no_shows = 0;
    std::map<domain::service_id, int> sent_to;
  };
  std::map<domain::service_id, sums> by_service;
  for (const auto& day : days)
    for (const auto& a : day.arrivals) {
      auto& s = by_service[a.service];
      s.arrivals[static_cast<std::size_t>(std::clamp(static_cast<int>(a.at / 60), 0, 23))] += 1;
      ++s.citizens;
      s.priority += domain::group_of(a.priority) == domain::call_group::priority_group;
      if (a.no_show)
        ++s.no_shows;
      else
        s.service_minutes.push_back(a.service_minutes);
      if (a.transfer_to) {
        ++s.sent_to[*a.transfer_to];
        s.transfer_minutes.push_back(a.transfer_minutes);
        by_service.try_emplace(*a.transfer_to);  // served there too
      }
    }
  auto mean = [](const std::vector<double>& v, double otherwise) {
    return v.empty() ? otherwise : std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  };
  hall_profile out;
  for (const auto& [id, s] : by_service) {
    service_profile p;
    p.id = id;
    for (std::size_t h = 0; h < 24; ++h)
      p.arrivals_per_hour[h] = s.arrivals[h] / static_cast<double>(days.size());
    p.mean_service_minutes = std::max(0.1, mean(s.service_minutes, p.mean_service_minutes));
    if (s.service_minutes.size() > 1) {
      double var = 0;
      for (double m : s.service_minutes)
        var += (m - p.mean_service_minutes) * (m - p.mean_service_minutes);
      p.service_cv = std::sqrt(var / (s.service_minutes.size() - 1)) / p.mean_service_minutes;
    }
    if (s.citizens > 0) {
      p.priority_share = static_cast<double>(s.priority) / s.citizens;
      p.no_show_share = static_cast<double>(s.no_shows) / s.citizens;
      int sent = 0;
      for (const auto& [to, n] : s.sent_to) {
        sent += n;
        if (!p.transfer_to || n > s.sent_to.at(*p.transfer_to)) p.transfer_to = to;
      }
      p.transfer_share = static_cast<double>(sent) / s.citizens;
      p.transfer_minutes = std::max(0.1, mean(s.transfer_minutes, p.transfer_minutes));
    }
    auto target = target_wait.find(id);
    p.target_wait_minutes = target != target_wait.end() ? target->second : never;
    out.services.push_back(p);
  }
  return out;
}

namespace {

// Days drawn once from a profile, played with one plan after another.
class drawn_days {
 public:
  drawn_days(const hall_profile& profile, const hall_rules& rules, int days, std::uint64_t seed)
      : rules_(rules) {
    for (int d = 0; d < std::max(days, 1); ++d) {
      arrivals_.push_back(draw_day(profile, seed + static_cast<std::uint64_t>(d)));
      sizes_.push_back(arrivals_.back().size());
    }
    for (const auto& s : profile.services) {
      rules_.expected_service_minutes[s.id] = s.mean_service_minutes;
      targets_[s.id] = s.target_wait_minutes;
    }
  }

  // The plan's figures, and the earliest hour each service misses its target in (a citizen
  // left unserved misses it).
  expected_days play(const std::vector<counter_plan>& plan,
                     std::map<domain::service_id, int>& missed) const {
    std::vector<day_result> results;
    for (const auto& arrivals : arrivals_) results.push_back(simulate(arrivals, plan, rules_));
    expected_days out{by_service_and_hour(pooled(results, sizes_), plan, targets_), true};
    missed.clear();
    const double days = static_cast<double>(arrivals_.size());
    for (auto& f : out.figures) {
      if (f.unserved > 0 || f.waits.p90 > targets_.at(f.service))
        missed.try_emplace(f.service, f.hour);
      f.joined = static_cast<int>(std::lround(f.joined / days));
      f.unserved = static_cast<int>(std::lround(f.unserved / days));
      f.over_target = static_cast<int>(std::lround(f.over_target / days));
      f.mean_waiting /= days;
      f.utilisation /= days;  // the busy minutes of all the days over one day's shifts
    }
    out.met = missed.empty();
    return out;
  }

 private:
  hall_rules rules_;
  std::map<domain::service_id, minutes> targets_;
  std::vector<std::vector<arrival>> arrivals_;
  std::vector<std::size_t> sizes_;
};

}  // namespace

expected_days expect(const hall_profile& profile, const std::vector<counter_plan>& plan,
                     const hall_rules& rules, int days, std::uint64_t seed) {
  std::map<domain::service_id, int> missed;
  return drawn_days(profile, rules, days, seed).play(plan, missed);
}

staffing_advice advise(const hall_profile& profile, const hall_rules& rules, int days,
                       std::uint64_t seed) {
  const drawn_days drawn(profile, rules, days, seed);
  staffing_advice out;
  for (const auto& s : profile.services) {
    auto& hours = out.counters.counters[s.id];
    for (int h = 0; h < 24; ++h) {
      const double rate = s.arrivals_per_hour[static_cast<std::size_t>(h)];
      const double before = h > 0 ? s.arrivals_per_hour[static_cast<std::size_t>(h - 1)] : 0;
      int n = static_cast<int>(std::ceil(rate * s.mean_service_minutes / 60 - 1e-9));
      if (rate > 0 || before > 0) n = std::max(n, 1);
      hours[static_cast<std::size_t>(h)] = std::min(n, most_in_an_hour);
    }
  }
  // Each staffing tried is a check of all the drawn days; a target out of reach would otherwise
  // try 30 counters in every hour one by one.
  int checks = 0;
  auto play = [&](std::map<domain::service_id, int>& missed) {
    ++checks;
    return drawn.play(plan_of(out.counters), missed);
  };
  std::map<domain::service_id, int> missed;
  out.expected = play(missed);
  while (!missed.empty()) {
    if (checks >= most_checks) return out;
    bool added = false;
    for (const auto& [service, hour] : missed)
      for (int h = hour; h < 24; ++h)
        if (auto& n = out.counters.counters[service][static_cast<std::size_t>(h)];
            n < most_in_an_hour) {
          ++n;
          added = true;
          break;
        }
    if (!added) return out;  // the most counters in every hour from there on: not met
    out.expected = play(missed);
  }
  for (int h = 23; h >= 0; --h)
    for (auto& [service, hours] : out.counters.counters)
      while (hours[static_cast<std::size_t>(h)] > 0 && checks < most_checks) {
        --hours[static_cast<std::size_t>(h)];
        auto fewer = play(missed);
        if (!fewer.met) {
          ++hours[static_cast<std::size_t>(h)];
          break;
        }
        out.expected = std::move(fewer);
      }
  return out;
}

}  // namespace motcua::sim
