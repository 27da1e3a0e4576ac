#include "shared/domain/calendar.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "shared/domain/clock.hpp"
#include "shared/domain/lunar.hpp"

namespace motcua::domain {

using namespace std::chrono;

namespace {

std::size_t day_of_year(sys_days d) {
  const year_month_day ymd{d};
  return static_cast<std::size_t>((d - sys_days{ymd.year() / January / 1}).count());
}

}  // namespace

std::optional<year_month_day> parse_date(std::string_view text) {
  // The date part of an ISO 8601 instant (clock.hpp), so that both read dates alike.
  if (text.size() != 10) return std::nullopt;
  auto midnight = parse_iso8601(std::string(text) + "T00:00Z");
  if (!midnight) return std::nullopt;
  return year_month_day{floor<days>(*midnight)};
}

std::optional<calendar_rules> rules_with_entries(calendar_rules base,
                                                 std::span<const entry_text> entries) {
  for (const entry_text& e : entries) {
    auto date = parse_date(e.date);
    if (!date) return std::nullopt;
    base.entries.push_back({*date, e.kind});
  }
  return base;
}

calendar_rules vietnam_2026_demo() {
  static constexpr entry_text notices[] = {
      {"2026-01-02", day_kind::compensatory_day_off},
      {"2026-01-10", day_kind::make_up_working_day},
  };
  return *rules_with_entries({}, notices);  // literal, valid dates
}

working_calendar::working_calendar(calendar_rules rules) : rules_(std::move(rules)) {
  auto reject = [](const char* why) {
    throw std::invalid_argument(std::string("calendar: ") + why);
  };
  for (weekday w : rules_.weekly_days_off)
    if (!w.ok()) reject("invalid weekly day off");
  bool some_day_worked = false;
  for (unsigned w = 0; w < 7; ++w)
    some_day_worked = some_day_worked || !is_weekly_day_off(weekday{w});
  if (!some_day_worked) reject("every day of the week is off");
  for (month_day md : rules_.fixed_holidays)
    if (!md.ok()) reject("invalid fixed holiday");
  for (const lunar_holiday& h : rules_.lunar_holidays)
    if (h.month < 1 || h.month > 12 || h.day < 1 || h.day > 30) reject("invalid lunar holiday");
  if (rules_.days_before_tet < 0 || rules_.days_from_tet < 0) reject("negative Tết day count");
  for (const calendar_entry& e : rules_.entries)
    if (!e.date.ok()) reject("invalid entry date");
}

bool working_calendar::is_weekly_day_off(weekday w) const {
  return std::ranges::find(rules_.weekly_days_off, w) != rules_.weekly_days_off.end();
}

bool working_calendar::is_working_day(year_month_day day) const {
  return !days_off(static_cast<int>(day.year()))[day_of_year(sys_days{day})];
}

year_month_day working_calendar::next_working_day(year_month_day day) const {
  return working_day_from(day, days{1});
}

year_month_day working_calendar::previous_working_day(year_month_day day) const {
  return working_day_from(day, days{-1});
}

year_month_day working_calendar::working_day_from(year_month_day day, days step) const {
  sys_days d{day};
  do d += step;
  while (!is_working_day(year_month_day{d}));
  return year_month_day{d};
}

year_month_day working_calendar::add_working_days(year_month_day start, int n) const {
  for (int i = 0; i < n; ++i) start = next_working_day(start);
  return start;
}

const working_calendar::year_days_off& working_calendar::days_off(int year) const {
  std::lock_guard lock(mutex_);
  auto it = years_.find(year);
  if (it == years_.end()) it = years_.emplace(year, compute_days_off(year)).first;
  return it->second;  // std::map never moves its elements
}

working_calendar::year_days_off working_calendar::compute_days_off(int y) const {
  // Holidays by the rules, from the year before too: a late holiday may push its
  // substitute day into `y`.
  std::set<sys_days> holidays;
  for (int in : {y - 1, y}) {
    for (month_day md : rules_.fixed_holidays)
      if (year_month_day date = year{in} / md; date.ok()) holidays.insert(sys_days{date});
    const sys_days tet{tet_first_day(in)};
    for (int i = -rules_.days_before_tet; i < rules_.days_from_tet; ++i)
      holidays.insert(tet + days{i});
    for (const lunar_holiday& h : rules_.lunar_holidays)
      if (year_month_day date = from_lunar({.day = h.day, .month = h.month, .year = in}); date.ok())
        holidays.insert(sys_days{date});
  }

  std::set<sys_days> off = holidays;  // holidays and the substitute days they give
  if (rules_.holiday_on_day_off_gives_next_working_day) {
    for (sys_days h : holidays) {
      if (!is_weekly_day_off(weekday{h})) continue;
      sys_days substitute = h + days{1};
      while (is_weekly_day_off(weekday{substitute}) || off.contains(substitute))
        substitute += days{1};
      off.insert(substitute);
    }
  }

  year_days_off result;
  const sys_days first{year{y} / January / 1};
  const sys_days end{year{y + 1} / January / 1};
  for (sys_days d = first; d < end; d += days{1})
    result[day_of_year(d)] = is_weekly_day_off(weekday{d}) || off.contains(d);
  for (const calendar_entry& e : rules_.entries)
    if (e.date.year() == year{y})
      result[day_of_year(sys_days{e.date})] = e.kind != day_kind::make_up_working_day;
  return result;
}

}  // namespace motcua::domain
