// How the counter app writes times, durations and money (dd/mm/yyyy on screen, ISO 8601 on the
// wire, business zone Asia/Ho_Chi_Minh). Pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"

namespace motcua::counter {

// "2026-12-03T17:00:00+07:00" -> "17:00 03/12/2026" (domain::format_hh_mm_ddmmyyyy, the
// receipt's order); the text itself when it does not parse. Dates alone: domain::format_ddmmyyyy.
std::string local_time_date(std::string_view iso, const domain::business_zone& zone = {});
// "2026-12-03T08:15:00+07:00" -> "08:15"; the text itself when it does not parse.
std::string local_hh_mm(std::string_view iso, const domain::business_zone& zone = {});
// "4:05" under an hour, "1:04:05" from one hour; negative durations count as 0.
std::string clock_text(std::chrono::seconds s);
// 600000 -> "600.000 đ"; 0 -> "0 đ".
std::string money_text(std::int64_t dong);
// "3/12/2026" or "03/12/2026" -> the date; nothing for anything else or an impossible date.
std::optional<std::chrono::year_month_day> parse_ui_date(std::string_view dd_mm_yyyy);
// "Thứ Hai" / "Monday".
domain::text weekday_name(std::chrono::weekday d);
// Seconds from `iso` to `now` (0 when `iso` does not parse or is later).
std::chrono::seconds since(std::string_view iso, domain::time_point now);

// One CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);

// A CSV file for spreadsheet programs: UTF-8 with a byte-order mark, rows ended by CRLF.
class csv_text {
 public:
  csv_text() { out_ << "\xEF\xBB\xBF"; }
  void row(std::initializer_list<std::string> fields);
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

}  // namespace motcua::counter
