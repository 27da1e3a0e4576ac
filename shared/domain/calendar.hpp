// The working-day calendar (docs/domain.md "Working days"): which days the offices work, from rules
// held as data: weekly days off, solar and lunar public holidays (Labour Code 2019 Art. 112),
// and the dated entries of the Prime Minister's yearly notice, which swaps days.
// Pure values and computations: no I/O, no JSON.
#pragma once

#include <bitset>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace motcua::domain {

// What a dated entry of the yearly notice makes of its day.
enum class day_kind {
  holiday,               // a public holiday (day off)
  compensatory_day_off,  // nghỉ bù: a day off given in exchange (removes a working day)
  make_up_working_day,   // làm bù: a day worked in exchange (even on a weekly day off)
};

struct calendar_entry {
  std::chrono::year_month_day date;
  day_kind kind;
};

// A holiday on a fixed day of the lunar calendar (lunar.hpp, Vietnamese, UTC+7).
struct lunar_holiday {
  int month;  // 1..12, never a leap month
  int day;    // 1..30; a year whose month has no such day has no such holiday
};

// Everything that decides the working days. The defaults are the Labour Code 2019 Art. 112
// holidays with Saturday and Sunday off; the yearly notices come in as `entries`.
struct calendar_rules {
  std::vector<std::chrono::weekday> weekly_days_off{std::chrono::Saturday, std::chrono::Sunday};
  // Every year: 1 Jan, 30 Apr, 1 May, and National Day 2 Sep with one adjacent day. The
  // adjacent day is chosen yearly: 1 Sep by default; a year that takes 3 Sep instead says so
  // with entries (3 Sep holiday, 1 Sep make-up working day). 29 Feb counts in leap years only.
  std::vector<std::chrono::month_day> fixed_holidays{
      std::chrono::January / 1, std::chrono::April / 30, std::chrono::May / 1,
      std::chrono::September / 1, std::chrono::September / 2};
  // Tết: `days_before_tet` last days of the old lunar year (counted back from the day before
  // lunar 1/1, so "the last day" is 30/12 or 29/12, whichever the year has) and
  // `days_from_tet` days from lunar 1/1 on. The default is the statutory five days, 30/12 to
  // 4/1; the notice fixes the real span each year.
  int days_before_tet = 1;
  int days_from_tet = 4;
  // Other lunar holidays; by default Hùng Kings' day, lunar 10/3.
  std::vector<lunar_holiday> lunar_holidays{{.month = 3, .day = 10}};
  // Labour Code 2019 Art. 112(3): a holiday on a weekly day off gives the next working day
  // off. In practice the yearly notice lists the days off itself, and its explicit entries
  // decide their dates (see `entries`), including overriding a computed substitute day.
  bool holiday_on_day_off_gives_next_working_day = true;
  // The yearly notices' dated entries. An entry always wins over everything above for its
  // date; when several entries name one date, the last one wins. Entries never produce
  // substitute days: a notice lists its compensatory days itself.
  std::vector<calendar_entry> entries;
};

// "2026-01-02" -> 2 Jan 2026; nothing unless exactly YYYY-MM-DD and a real date.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

// A dated entry as a configuration gives it: {"2026-01-10", day_kind::make_up_working_day}.
struct entry_text {
  std::string_view date;
  day_kind kind;
};

// `base` with `entries` appended, or nothing if any date fails parse_date.
std::optional<calendar_rules> rules_with_entries(calendar_rules base,
                                                 std::span<const entry_text> entries);

// The default rules plus the 2026 notices (docs/domain.md "Working days"): New Year off Thu 1 Jan –
// Sun 4 Jan (Fri 2 Jan compensatory) with Sat 10 Jan worked. Tết (Mon 16 – Fri 20 Feb, so with the
// weekends Sat 14 – Sun 22 Feb off) and Mon 27 Apr off for Hùng Kings' day on Sunday 26 Apr follow
// from the default rules. Used by the demo configuration.
calendar_rules vietnam_2026_demo();

// Answers "is this a working day" from a set of rules, working out each year once (on first
// use) and keeping it. Thread-safe; share one per rule version by reference.
class working_calendar {
 public:
  // Throws std::invalid_argument when the rules are unusable: all seven weekdays off, an
  // invalid weekday, fixed date, lunar day or entry date, or a negative Tết count.
  explicit working_calendar(calendar_rules rules);

  const calendar_rules& rules() const { return rules_; }

  // `day` must be ok(), as for every date below.
  bool is_working_day(std::chrono::year_month_day day) const;
  // The first working day after `day` (never `day` itself).
  std::chrono::year_month_day next_working_day(std::chrono::year_month_day day) const;
  // The last working day before `day` (never `day` itself).
  std::chrono::year_month_day previous_working_day(std::chrono::year_month_day day) const;
  // The n-th working day after `start`: counting starts the day after `start`, which itself
  // never counts (Civil Code Art. 147). n <= 0 gives `start`.
  std::chrono::year_month_day add_working_days(std::chrono::year_month_day start, int n) const;

 private:
  using year_days_off = std::bitset<366>;  // by day of the year, 1 Jan = 0

  const year_days_off& days_off(int year) const;
  // The first working day `step` (one day forwards or backwards) at a time from `day`.
  std::chrono::year_month_day working_day_from(std::chrono::year_month_day day,
                                               std::chrono::days step) const;
  year_days_off compute_days_off(int year) const;
  bool is_weekly_day_off(std::chrono::weekday w) const;

  calendar_rules rules_;
  mutable std::mutex mutex_;
  mutable std::map<int, year_days_off> years_;  // guarded by mutex_; entries never change
};

}  // namespace motcua::domain
