// The Vietnamese lunar calendar (âm lịch), computed astronomically as in Hồ Ngọc Đức's
// well-known algorithm: a month starts on the local day of a new moon, month 11 is the month
// holding the winter solstice, and in a year of 13 months the first month after month 11 in
// which the sun enters no new 30° sector (holds no principal solar term) is the leap month,
// repeating the number of the month before it. New moons and sun longitudes come from the
// truncated series in Meeus, Astronomical Algorithms (1998).
//
// "Local" depends on the time zone, which is a parameter: Vietnam uses UTC+7. A calendar
// computed for China (UTC+8) differs whenever a new moon falls between 00:00 and 01:00
// Vietnamese time, e.g. Tết 2030 is 2 Feb in Vietnam but 3 Feb in China.
// Solar dates are proleptic Gregorian. Checked against the published dates of 2020–2030; the
// series are truncated, so a new moon within minutes of midnight could land on the wrong day,
// which is one reason the yearly holiday notice overrides computed holidays (calendar.hpp).
// Pure functions: no I/O.
#pragma once

#include <chrono>

namespace motcua::domain {

struct lunar_date {
  int day = 0;        // 1..30
  int month = 0;      // 1..12
  int year = 0;       // the solar year in which the lunar year's month 1 begins
  bool leap = false;  // the leap month that repeats `month`

  bool operator==(const lunar_date&) const = default;
};

// The lunar date of a valid solar date.
lunar_date to_lunar(std::chrono::year_month_day solar, double time_zone_hours = 7.0);

// The solar date of a lunar date, or a date that is not ok() when the lunar date does not
// exist: month or day out of range, day 30 of a 29-day month, or `leap` set on a month that
// is not that year's leap month.
std::chrono::year_month_day from_lunar(lunar_date lunar, double time_zone_hours = 7.0);

// The first day of Tết: lunar 1/1 of the lunar year that begins in solar `year`.
std::chrono::year_month_day tet_first_day(int year, double time_zone_hours = 7.0);
// Hùng Kings' commemoration day (Giỗ Tổ Hùng Vương): lunar 10/3 of that lunar year.
std::chrono::year_month_day hung_kings_day(int year, double time_zone_hours = 7.0);

}  // namespace motcua::domain
