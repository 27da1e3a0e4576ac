#include "sim/model/profile.hpp"

#include <algorithm>

#include "shared/domain/lunar.hpp"
#include "sim/model/random.hpp"

namespace motcua::sim {

std::vector<arrival> draw_day(const hall_profile& profile, std::uint64_t seed) {
  random_source draw(seed);
  std::vector<arrival> out;
  for (const auto& s : profile.services)
    for (int hour = 0; hour < 24; ++hour) {
      const double rate = s.arrivals_per_hour[static_cast<std::size_t>(hour)];
      if (rate <= 0) continue;
      const minutes end = (hour + 1) * 60.0;
      for (minutes t = hour * 60 + draw.exponential(60 / rate); t < end;
           t += draw.exponential(60 / rate)) {
        auto a = citizen(
            t, s.id, draw.lognormal(s.mean_service_minutes, s.service_cv),
            draw.chance(s.priority_share) ? domain::priority::elderly : domain::priority::none);
        a.no_show = draw.chance(s.no_show_share);
        if (s.transfer_to && draw.chance(s.transfer_share)) {
          a.transfer_to = s.transfer_to;
          a.transfer_minutes = draw.lognormal(s.transfer_minutes, s.service_cv);
        }
        out.push_back(a);
      }
    }
  std::ranges::stable_sort(out, {}, &arrival::at);
  return out;
}

hall_profile profile_of_day(const hall_profile& profile, std::chrono::year_month_day day) {
  using namespace std::chrono;
  const auto& c = profile.calendar;
  const sys_days date{day};
  double factor = c.weekday[weekday{date}.iso_encoding() - 1];
  sys_days tet{domain::tet_first_day(static_cast<int>(day.year()))};
  if (tet <= date) tet = sys_days{domain::tet_first_day(static_cast<int>(day.year()) + 1)};
  if ((tet - date).count() <= c.before_tet_days) factor *= c.before_tet_factor;
  const bool month_end = static_cast<int>(static_cast<unsigned>(day.day())) >= c.month_end_from_day;
  auto out = profile;
  for (auto& s : out.services) {
    const double f = factor * (month_end ? s.month_end_factor : 1);
    for (auto& rate : s.arrivals_per_hour) rate *= f;
  }
  return out;
}

}  // namespace motcua::sim
