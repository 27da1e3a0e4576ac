// Time for the whole system: an injectable clock (real or settable for tests)
// and the business time zone (Asia/Ho_Chi_Minh, UTC+7, no daylight saving
// since 1975), which decides the business day, opening hours and how times
// are written on the wire (ISO 8601 with offset).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

using time_point = std::chrono::sys_time<std::chrono::milliseconds>;

// Thread-safe source of "now". The server and the clients take one by
// reference so that tests can drive time.
class clock {
 public:
  virtual ~clock() = default;
  virtual time_point now() const = 0;
};

class system_clock final : public clock {
 public:
  time_point now() const override;
};

// A clock that only moves when told to.
class test_clock final : public clock {
 public:
  explicit test_clock(time_point start) : now_(start) {}
  time_point now() const override;
  void set(time_point t);
  void advance(std::chrono::milliseconds d);

 private:
  mutable std::mutex mutex_;
  time_point now_;  // guarded by mutex_
};

// A fixed-offset zone. Vietnam has had no daylight saving since 1975, so a
// name and an offset describe it exactly.
struct business_zone {
  std::string name = "Asia/Ho_Chi_Minh";
  std::chrono::minutes offset{7 * 60};

  // "Asia/Ho_Chi_Minh", "UTC", or an explicit "+07:00" / "-05:30".
  static std::optional<business_zone> parse(std::string_view text);

  std::chrono::year_month_day day_of(time_point t) const;
  std::chrono::weekday weekday_of(time_point t) const;
  // Minutes since local midnight.
  std::chrono::minutes time_of_day(time_point t) const;
  // The instant of local `hh:mm` on `day`.
  time_point at(std::chrono::year_month_day day, std::chrono::minutes time_of_day) const;
  // "2026-11-27T08:05:00+07:00"
  std::string format(time_point t) const;
};

// "2026-11-27": ISO 8601, for the wire and the business-day key used in storage.
std::string format_iso_date(std::chrono::year_month_day d);
// "27/11/2026": a date as people read it (screens, status pages, printed forms, CSV).
std::string format_ddmmyyyy(std::chrono::year_month_day d);
// "08:05" for a time of day (minutes since midnight).
std::string format_hh_mm(std::chrono::minutes time_of_day);
// "08:05 27/11/2026": the local time of `t` in `zone`, to the minute (seconds dropped).
std::string format_hh_mm_ddmmyyyy(time_point t, const business_zone& zone);
// ISO 8601 with an offset or Z; seconds and milliseconds optional.
std::optional<time_point> parse_iso8601(std::string_view text);
// "08:30" -> 510 minutes.
std::optional<std::chrono::minutes> parse_hh_mm(std::string_view text);

}  // namespace motcua::domain
