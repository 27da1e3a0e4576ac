// The demo centre's overrides for booking tests against the real server (integration, GUI
// smoke): service 1 booked, and a centre where a booking can be checked in now.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "shared/domain/clock.hpp"

namespace motcua::testing {

// The demo centre with "Người có công" (1) booked in slots of `minutes` minutes and `places`
// places, none kept for walk-ins, with `booking` (JSON members) in its booking object and `more`
// (JSON members) at the top level.
inline std::string centre(int places, int minutes = 15, const std::string& booking = "",
                          const std::string& more = "") {
  return R"({"services": [
    {"id": 1, "code": "NCC", "prefix": "A", "name": "Người có công", "name_en": "Merit",
     "expected_service_minutes": 12,
     "booking": {"walk_in_share": 0, "slot_minutes": )" +
         std::to_string(minutes) + R"(, "places_per_slot": )" + std::to_string(places) + booking +
         R"(}},
    {"id": 2, "code": "BTXH", "prefix": "B", "name": "Bảo trợ xã hội", "name_en": "Social"},
    {"id": 3, "code": "LDVL", "prefix": "C", "name": "Lao động", "name_en": "Labour"},
    {"id": 4, "code": "TKQ", "prefix": "D", "name": "Trả kết quả", "name_en": "Results"}])" +
         more + "}";
}

// The business zone in which it is 22:00 now (an offset of at most 14:59 either way).
inline domain::business_zone zone_at_ten_pm() {
  const auto now = std::chrono::system_clock::now();
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(
                          now - std::chrono::floor<std::chrono::days>(now))
                          .count();
  long offset = (22 * 60 - minute + 24 * 60) % (24 * 60);
  if (offset > 14 * 60 + 59) offset -= 24 * 60;
  char out[8];
  std::snprintf(out, sizeof out, "%c%02ld:%02ld", offset < 0 ? '-' : '+', std::abs(offset) / 60,
                std::abs(offset) % 60);
  return domain::business_zone::parse(out).value();
}

// A booking's slot is never today (booking closes on the working day before), so to check one
// in within its window: the demo centre in `zone` (zone_at_ten_pm), today and tomorrow worked
// whatever their weekday or holiday, service 1 booked in one-hour slots of two places from
// midnight to 04:00 until 23:30 the day before, checked in from four hours before the slot:
// tomorrow's 00:00 slot can be checked in now, the 03:00 one from 23:00 today.
inline std::string checking_in_tonight(const domain::business_zone& zone) {
  const auto today = zone.day_of(domain::system_clock{}.now());
  const auto tomorrow =
      std::chrono::year_month_day{std::chrono::sys_days{today} + std::chrono::days{1}};
  return centre(2, 60,
                R"(, "hours": "00:00-04:00", "cutoff": "23:30", "check_in_from_minutes": 240)",
                R"(, "time_zone": ")" + zone.name + R"(", "calendar": {"entries": [
                     {"date": ")" +
                    domain::format_iso_date(today) +
                    R"(", "kind": "make_up_working_day"},
                     {"date": ")" +
                    domain::format_iso_date(tomorrow) + R"(", "kind": "make_up_working_day"}]})");
}

}  // namespace motcua::testing
