// The demo centre's overrides for booking tests against the real server (integration, GUI
// smoke): service 1 booked, and a centre where a booking can be checked in now.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
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

// The fixed-offset zone `offset` east of UTC (at most 14:59 either way), by the name a centre's
// "time_zone" gives it ("+05:30", "-14:59").
inline domain::business_zone zone_at_offset(std::chrono::minutes offset) {
  const auto minutes = std::abs(offset.count());
  char name[8];
  std::snprintf(name, sizeof name, "%c%02d:%02d", offset.count() < 0 ? '-' : '+',
                static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return domain::business_zone::parse(name).value();
}

// The business zone in which it is 22:00 now (an offset of at most 14:59 either way).
inline domain::business_zone zone_at_ten_pm() {
  using namespace std::chrono;
  const auto now = domain::system_clock{}.now();
  auto offset = (22h - domain::business_zone::parse("UTC")->time_of_day(now) + days{1}) % days{1};
  if (offset > 14h + 59min) offset -= days{1};
  return zone_at_offset(offset);
}

// For a client that works in Vietnam's time (the counter), where the server's tomorrow must be
// the client's today: the zone in which it is 22:00 or a little later now, on the day before
// Vietnam's today. As an offset is at most 14:59 behind UTC, it is later than 22:00 from 20:00
// in Vietnam (13:00 UTC) on; nothing from 21:24 on, when checking_in_tonight's 23:30 cut-off
// would be only minutes away, nor from 21:59 on, when even that zone has reached Vietnam's today.
inline std::optional<domain::business_zone> zone_on_the_eve_of_vietnams_today() {
  using namespace std::chrono;
  const auto now = domain::system_clock{}.now();
  const domain::business_zone vietnam;
  const auto offset = std::max(-(14h + 59min), 5h - vietnam.time_of_day(now));
  auto zone = zone_at_offset(offset);
  const bool the_eve = sys_days{zone.day_of(now)} + days{1} == sys_days{vietnam.day_of(now)};
  if (!the_eve || zone.time_of_day(now) >= 23h + 25min) return std::nullopt;
  return zone;
}

// A booking's slot is never today (booking closes on the working day before), so to check one
// in within its window: the demo centre in `zone` (zone_at_ten_pm, or
// zone_on_the_eve_of_vietnams_today), today and tomorrow worked whatever their weekday or
// holiday, service 1 booked in one-hour slots of two places from midnight to 04:00 until 23:30
// the day before, checked in from four hours before the slot: tomorrow's 00:00 slot can be
// checked in now, the 03:00 one from 23:00 today.
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
