#include "shared/domain/lunar.hpp"

#include <cmath>
#include <numbers>

namespace motcua::domain {

using namespace std::chrono;

namespace {

constexpr double degree = std::numbers::pi / 180.0;
constexpr double synodic_month = 29.530588853;  // mean days from one new moon to the next
constexpr long unix_epoch_day = 2440588;        // Julian day number of 1970-01-01

// Julian day numbers count days, each starting at noon UTC, from 1 Jan 4713 BC.
long julian_day(year_month_day d) {
  return sys_days{d}.time_since_epoch().count() + unix_epoch_day;
}
year_month_day from_julian_day(long jd) {
  return year_month_day{sys_days{days{jd - unix_epoch_day}}};
}

// Julian date (UT) of new moon number k, counted from the new moon of 1 Jan 1900 13:52 UT.
double new_moon(long k) {
  const double t = k / 1236.85;  // Julian centuries since 1900 January 0.5
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 +
                      0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * degree);
  // Mean anomalies of the sun and the moon, and the moon's argument of latitude.
  const double m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * degree;
  const double mp = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * degree;
  const double f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * degree;
  const double correction =
      (0.1734 - 0.000393 * t) * std::sin(m) + 0.0021 * std::sin(2 * m) - 0.4068 * std::sin(mp) +
      0.0161 * std::sin(2 * mp) - 0.0004 * std::sin(3 * mp) + 0.0104 * std::sin(2 * f) -
      0.0051 * std::sin(m + mp) - 0.0074 * std::sin(m - mp) + 0.0004 * std::sin(2 * f + m) -
      0.0004 * std::sin(2 * f - m) - 0.0006 * std::sin(2 * f + mp) + 0.0010 * std::sin(2 * f - mp) +
      0.0005 * std::sin(2 * mp + m);
  const double delta_t =
      t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
              : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - delta_t;
}

// The sun's apparent longitude at Julian date `jd`, in radians, in [0, 2π).
double sun_longitude(double jd) {
  const double t = (jd - 2451545.0) / 36525;  // Julian centuries since 2000-01-01 12:00 UT
  const double t2 = t * t;
  const double m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * degree;
  const double mean = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const double centre = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(m) +
                        (0.019993 - 0.000101 * t) * std::sin(2 * m) + 0.000290 * std::sin(3 * m);
  const double turn = 2 * std::numbers::pi;
  const double longitude = (mean + centre) * degree;
  return longitude - turn * std::floor(longitude / turn);
}

// New moons and solar terms seen from one time zone: days are that zone's local days.
class lunar_zone {
 public:
  explicit lunar_zone(double hours) : offset_days_(hours / 24) {}

  // The Julian day number of the local day on which new moon k falls.
  long new_moon_day(long k) const {
    return static_cast<long>(std::floor(new_moon(k) + 0.5 + offset_days_));
  }

  // The 30° sector (0 from the March equinox, 9 from the winter solstice) the sun is in at
  // the local midnight that starts day `jd`.
  int sun_sector(long jd) const {
    return static_cast<int>(sun_longitude(jd - 0.5 - offset_days_) / (std::numbers::pi / 6));
  }

  // The new moon that starts lunar month 11, the month holding the winter solstice, in
  // solar `year`: the last new moon of the year, or the one before when the last one is
  // already past the solstice.
  long month_11(int solar_year) const {
    const year_month_day dec_31{year{solar_year}, December, day{31}};
    const auto k = static_cast<long>(std::floor((julian_day(dec_31) - 2415021) / synodic_month));
    return sun_sector(new_moon_day(k)) >= 9 ? k - 1 : k;
  }

 private:
  double offset_days_;
};

// The lunar months from month 11 of lunar year `year - 1` up to, not including, the month 11
// of lunar year `year`: 12 months, or 13 when one of them is a leap month.
struct months_to_month_11 {
  int year;
  long first;     // new moon number that starts month 11 of `year - 1`
  int count;      // 12 or 13
  int leap = -1;  // index of the leap month, or -1

  months_to_month_11(int lunar_year, const lunar_zone& zone)
      : year(lunar_year),
        first(zone.month_11(lunar_year - 1)),
        count(static_cast<int>(zone.month_11(lunar_year) - first)) {
    if (count != 13) return;
    // Month 11 holds the solstice; the first later month during which the sun stays in
    // one sector is the leap month. Thirteen months for twelve sectors: one must exist.
    auto sector_at = [&](int index) { return zone.sun_sector(zone.new_moon_day(first + index)); };
    leap = 1;
    while (leap < 12 && sector_at(leap) != sector_at(leap + 1)) ++leap;
  }

  // The lunar date of day `day` of the month at `index` (0 is month 11 of `year - 1`).
  lunar_date date(int index, int day) const {
    const int n = leap >= 0 && index >= leap ? index - 1 : index;  // months after month 11
    const bool is_leap = index == leap;
    return n < 2 ? lunar_date{day, 11 + n, year - 1, is_leap}
                 : lunar_date{day, n - 1, year, is_leap};
  }
};

}  // namespace

lunar_date to_lunar(year_month_day solar, double time_zone_hours) {
  const lunar_zone zone{time_zone_hours};
  const long jd = julian_day(solar);
  int lunar_year = static_cast<int>(solar.year());
  if (jd >= zone.new_moon_day(zone.month_11(lunar_year))) ++lunar_year;
  const months_to_month_11 months{lunar_year, zone};
  int index = 0;
  while (zone.new_moon_day(months.first + index + 1) <= jd) ++index;
  return months.date(index, static_cast<int>(jd - zone.new_moon_day(months.first + index)) + 1);
}

year_month_day from_lunar(lunar_date lunar, double time_zone_hours) {
  constexpr year_month_day no_such_date{};  // month 0: not ok()
  if (lunar.month < 1 || lunar.month > 12 || lunar.day < 1 || lunar.day > 30) return no_such_date;
  const lunar_zone zone{time_zone_hours};
  const months_to_month_11 months{lunar.month >= 11 ? lunar.year + 1 : lunar.year, zone};
  for (int index = 0; index < months.count; ++index) {
    if (months.date(index, lunar.day) != lunar) continue;
    const long start = zone.new_moon_day(months.first + index);
    if (lunar.day > zone.new_moon_day(months.first + index + 1) - start) return no_such_date;
    return from_julian_day(start + lunar.day - 1);
  }
  return no_such_date;  // `leap` set on a month that is not leap this year
}

year_month_day tet_first_day(int year, double time_zone_hours) {
  return from_lunar({.day = 1, .month = 1, .year = year}, time_zone_hours);
}

year_month_day hung_kings_day(int year, double time_zone_hours) {
  return from_lunar({.day = 10, .month = 3, .year = year}, time_zone_hours);
}

}  // namespace motcua::domain
