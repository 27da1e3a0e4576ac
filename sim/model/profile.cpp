#include "sim/model/profile.hpp"

#include <algorithm>

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

}  // namespace motcua::sim
