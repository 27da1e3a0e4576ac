#include "sim/model/recorded.hpp"

#include <algorithm>
#include <map>

namespace motcua::sim {
namespace {

// Each counter's spells open, from its changes in time order.
std::vector<counter_plan> spells_of(const recorded_day& day) {
  std::map<domain::counter_id, std::vector<const counter_change*>> by_counter;
  for (const auto& c : day.counters) by_counter[c.counter].push_back(&c);
  std::map<domain::counter_id, minutes> first_call;
  minutes last = 0;  // the record's last moment
  for (const auto& t : day.tickets)
    for (const auto& v : t.visits) {
      auto [it, added] = first_call.try_emplace(v.counter, v.called);
      if (!added) it->second = std::min(it->second, v.called);
      last = std::max(last, v.ended.value_or(v.called));
    }
  for (const auto& c : day.counters) last = std::max(last, c.at);
  std::vector<counter_plan> out;
  for (const auto& [id, changes] : by_counter) {
    std::optional<counter_plan> spell;
    auto end = [&](minutes at) {
      if (!spell) return;
      spell->shifts.front().to = at;
      out.push_back(std::move(*spell));
      spell.reset();
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const auto& c = *changes[i];
      if (i == 0 && !c.open && first_call.count(id) && first_call[id] < c.at)
        spell = counter_plan{id, c.services, {{first_call[id], never}}};
      end(c.at);
      if (c.open) spell = counter_plan{id, c.services, {{c.at, never}}};
    }
    end(std::max(last, spell ? spell->shifts.front().from : last));  // still open: to the last
  }
  return out;
}

// Each service's mean length of the day's finished visits (10 minutes for one without any).
std::map<domain::service_id, minutes> mean_visits(const recorded_day& day) {
  std::map<domain::service_id, std::pair<minutes, int>> sums;
  for (const auto& t : day.tickets)
    for (const auto& v : t.visits)
      if (v.ended && v.how == recorded_visit::end::done) {
        sums[v.service].first += *v.ended - v.called;
        ++sums[v.service].second;
      }
  std::map<domain::service_id, minutes> out;
  for (const auto& [service, sum] : sums) out[service] = sum.first / sum.second;
  return out;
}

}  // namespace

std::string_view to_string(recorded_visit::end e) {
  switch (e) {
    case recorded_visit::end::done:
      return "done";
    case recorded_visit::end::no_show:
      return "no_show";
    case recorded_visit::end::transferred:
      return "transferred";
    case recorded_visit::end::open:
      break;
  }
  return "open";
}

std::optional<recorded_visit::end> parse_visit_end(std::string_view s) {
  for (auto e : {recorded_visit::end::done, recorded_visit::end::no_show,
                 recorded_visit::end::transferred, recorded_visit::end::open})
    if (to_string(e) == s) return e;
  return std::nullopt;
}

replay replay_of(const recorded_day& day) {
  replay out;
  out.plan = spells_of(day);
  const auto means = mean_visits(day);
  minutes no_show_total = 0;
  int no_shows = 0;
  for (const auto& t : day.tickets) {
    if (t.cancelled && t.visits.empty()) continue;
    const auto index = out.arrivals.size();
    arrival a = citizen(t.issued, t.service, 0, t.priority);
    minutes joined = t.issued;
    for (std::size_t k = 0; k < t.visits.size() && k < 2; ++k) {
      const auto& v = t.visits[k];
      auto mean = means.find(v.service);
      const minutes ended =
          v.ended.value_or(v.called + (mean == means.end() ? 10.0 : mean->second));
      const bool no_show = v.how == recorded_visit::end::no_show;
      out.recorded.visits.push_back(
          {index, v.service, v.counter, joined, v.called, ended, no_show && k == 0, k == 1});
      if (k == 0) {
        a.service_minutes = ended - v.called;
        a.no_show = no_show;
        if (no_show && v.ended) {
          no_show_total += ended - v.called;
          ++no_shows;
        }
        if (v.how == recorded_visit::end::transferred && t.visits.size() > 1)
          a.transfer_to = t.visits[1].service;
      } else if (a.transfer_to) {
        a.transfer_minutes = ended - v.called;
      }
      joined = ended;
    }
    if (t.visits.empty()) out.recorded.unserved.push_back({index, t.service, t.issued});
    out.recorded.told.push_back(t.told.value_or(0));
    out.arrivals.push_back(a);
  }
  if (no_shows > 0) out.rules.no_show_minutes = no_show_total / no_shows;
  std::ranges::sort(out.recorded.visits, {}, &visit::called);
  out.recorded.open_minutes.assign(out.plan.size(), 0);
  out.recorded.busy_minutes.assign(out.plan.size(), 0);
  minutes last = 0;
  for (const auto& v : out.recorded.visits) last = std::max(last, v.ended);
  for (std::size_t c = 0; c < out.plan.size(); ++c) {
    const auto& s = out.plan[c].shifts.front();
    out.recorded.open_minutes[c] = std::max(0.0, std::min(s.to, last) - s.from);
    for (const auto& v : out.recorded.visits)
      if (v.counter == out.plan[c].id && s.from <= v.called && v.called < s.to)
        out.recorded.busy_minutes[c] += v.ended - v.called;
  }
  return out;
}

}  // namespace motcua::sim
