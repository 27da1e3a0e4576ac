#include "shared/domain/clock.hpp"

#include <charconv>
#include <cstdio>

namespace motcua::domain {

using namespace std::chrono;

time_point system_clock::now() const {
  return time_point_cast<milliseconds>(std::chrono::system_clock::now());
}

time_point test_clock::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void test_clock::set(time_point t) {
  std::lock_guard lock(mutex_);
  now_ = t;
}

void test_clock::advance(milliseconds d) {
  std::lock_guard lock(mutex_);
  now_ += d;
}

namespace {

// Digits only: no sign, no spaces.
bool read_int(std::string_view s, int& out) {
  if (s.empty() || s[0] < '0' || s[0] > '9') return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && ptr == s.data() + s.size();
}

std::optional<minutes> parse_offset(std::string_view s) {
  // "+07:00" or "-0530"
  if (s.size() < 5 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int h = 0, m = 0;
  std::string_view rest = s.substr(1);
  if (rest.size() == 5 && rest[2] == ':') {
    if (!read_int(rest.substr(0, 2), h) || !read_int(rest.substr(3, 2), m)) return std::nullopt;
  } else if (rest.size() == 4) {
    if (!read_int(rest.substr(0, 2), h) || !read_int(rest.substr(2, 2), m)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (h > 14 || m > 59) return std::nullopt;
  minutes off{h * 60 + m};
  return s[0] == '-' ? -off : off;
}

}  // namespace

std::optional<business_zone> business_zone::parse(std::string_view text) {
  if (text == "Asia/Ho_Chi_Minh" || text == "Asia/Saigon" || text == "Asia/Bangkok" ||
      text == "Asia/Jakarta")
    return business_zone{std::string(text), minutes{7 * 60}};
  if (text == "UTC" || text == "Etc/UTC") return business_zone{std::string(text), minutes{0}};
  if (auto off = parse_offset(text)) return business_zone{std::string(text), *off};
  return std::nullopt;
}

year_month_day business_zone::day_of(time_point t) const {
  return year_month_day{floor<days>(t + offset)};
}

weekday business_zone::weekday_of(time_point t) const { return weekday{floor<days>(t + offset)}; }

minutes business_zone::time_of_day(time_point t) const {
  auto local = t + offset;
  return duration_cast<minutes>(local - floor<days>(local));
}

time_point business_zone::at(year_month_day day, minutes tod) const {
  return time_point{sys_days{day}.time_since_epoch() + tod - offset};
}

std::string business_zone::format(time_point t) const {
  auto local = t + offset;
  auto day = floor<days>(local);
  year_month_day ymd{day};
  hh_mm_ss hms{floor<seconds>(local - day)};
  long off = offset.count();
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02lld%c%02ld:%02ld",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()), sign, off / 60, off % 60);
  return buf;
}

std::string format_iso_date(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string format_ddmmyyyy(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

std::string format_hh_mm(minutes time_of_day) {
  const long m = time_of_day.count();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld", m / 60 % 24, m % 60);
  return buf;
}

std::string format_hh_mm_ddmmyyyy(time_point t, const business_zone& zone) {
  return format_hh_mm(zone.time_of_day(t)) + " " + format_ddmmyyyy(zone.day_of(t));
}

std::optional<time_point> parse_iso8601(std::string_view s) {
  // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM)
  if (s.size() < 17 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
    return std::nullopt;
  int y, mo, d, h, mi, sec = 0, ms = 0;
  if (!read_int(s.substr(0, 4), y) || !read_int(s.substr(5, 2), mo) ||
      !read_int(s.substr(8, 2), d) || !read_int(s.substr(11, 2), h) ||
      !read_int(s.substr(14, 2), mi))
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (pos + 3 > s.size() || !read_int(s.substr(pos + 1, 2), sec)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      std::size_t end = pos + 1;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
      std::string frac(s.substr(pos + 1, end - pos - 1));
      if (frac.empty()) return std::nullopt;
      frac.resize(3, '0');
      if (!read_int(frac, ms)) return std::nullopt;
      pos = end;
    }
  }
  minutes off{0};
  std::string_view zone = s.substr(pos);
  if (zone != "Z") {
    auto parsed = parse_offset(zone);
    if (!parsed) return std::nullopt;
    off = *parsed;
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  return time_point{sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} + seconds{sec} +
                    milliseconds{ms} - off};
}

std::optional<minutes> parse_hh_mm(std::string_view s) {
  int h, m;
  if (s.size() != 5 || s[2] != ':' || !read_int(s.substr(0, 2), h) ||
      !read_int(s.substr(3, 2), m) || h > 24 || m > 59 || (h == 24 && m != 0))
    return std::nullopt;
  return minutes{h * 60 + m};
}

}  // namespace motcua::domain
