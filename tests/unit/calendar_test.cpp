#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "shared/domain/calendar.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/domain/lunar.hpp"

namespace motcua::domain {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

std::string str(year_month_day d) { return format_iso_date(d); }

// ---- Lunar calendar ------------------------------------------------------------------------

struct tet_reference {
  int year;
  year_month_day tet;
  year_month_day hung_kings;
};

// docs/domain.md "Working days": first day of Tết and Hùng Kings' day, Vietnamese calendar (UTC+7).
constexpr tet_reference references[] = {
    {2020, 2020y / January / 25, 2020y / April / 2},
    {2021, 2021y / February / 12, 2021y / April / 21},
    {2022, 2022y / February / 1, 2022y / April / 10},
    {2023, 2023y / January / 22, 2023y / April / 29},
    {2024, 2024y / February / 10, 2024y / April / 18},
    {2025, 2025y / January / 29, 2025y / April / 7},
    {2026, 2026y / February / 17, 2026y / April / 26},
    {2027, 2027y / February / 6, 2027y / April / 16},
    {2028, 2028y / January / 26, 2028y / April / 4},
    {2029, 2029y / February / 13, 2029y / April / 23},
    {2030, 2030y / February / 2, 2030y / April / 12},
};

TEST(Lunar, TetAndHungKingsDays2020To2030) {
  for (const auto& r : references) {
    SCOPED_TRACE(r.year);
    EXPECT_EQ(str(tet_first_day(r.year)), str(r.tet));
    EXPECT_EQ(str(hung_kings_day(r.year)), str(r.hung_kings));
    EXPECT_EQ(to_lunar(r.tet), (lunar_date{1, 1, r.year, false}));
    EXPECT_EQ(to_lunar(r.hung_kings), (lunar_date{10, 3, r.year, false}));
  }
}

TEST(Lunar, ChinaTimeZoneStarts2030ADayLater) {
  EXPECT_EQ(str(tet_first_day(2030, 8.0)), "2030-02-03");
  EXPECT_EQ(to_lunar(2030y / February / 2, 8.0).year, 2029);
  EXPECT_EQ(to_lunar(2030y / February / 2, 7.0), (lunar_date{1, 1, 2030, false}));
}

TEST(Lunar, RoundTripEveryDay2020To2030) {
  lunar_date previous = to_lunar(2019y / December / 31);
  for (sys_days d{2020y / January / 1}; d <= sys_days{2030y / December / 31}; d += days{1}) {
    const year_month_day solar{d};
    const lunar_date lunar = to_lunar(solar);
    ASSERT_EQ(str(from_lunar(lunar)), str(solar));
    // Days follow each other: the next day of the month, or day 1 of the next month.
    if (lunar.day != 1) {
      ASSERT_EQ(lunar, (lunar_date{previous.day + 1, previous.month, previous.year, previous.leap}))
          << str(solar);
    } else {
      ASSERT_GE(previous.day, 29) << str(solar);
      ASSERT_TRUE(lunar.leap || lunar.month == previous.month % 12 + 1) << str(solar);
    }
    previous = lunar;
  }
}

TEST(Lunar, LeapMonths) {
  // 2020 repeats month 4, 2023 month 2, 2025 month 6.
  EXPECT_EQ(to_lunar(2020y / May / 23), (lunar_date{1, 4, 2020, true}));
  EXPECT_EQ(to_lunar(2023y / March / 22), (lunar_date{1, 2, 2023, true}));
  EXPECT_EQ(to_lunar(2025y / July / 25), (lunar_date{1, 6, 2025, true}));
  EXPECT_EQ(to_lunar(2025y / June / 25), (lunar_date{1, 6, 2025, false}));
  EXPECT_EQ(str(from_lunar({1, 6, 2025, true})), "2025-07-25");
  EXPECT_EQ(str(from_lunar({1, 7, 2025, false})), "2025-08-23");
}

TEST(Lunar, MonthTwelveOfAtTyHasNoThirtiethDay) {
  // The last day before Tết 2026 is 29/12: "no 30 Tết" that year.
  EXPECT_EQ(to_lunar(2026y / February / 16), (lunar_date{29, 12, 2025, false}));
  EXPECT_FALSE(from_lunar({30, 12, 2025, false}).ok());
  EXPECT_EQ(to_lunar(2025y / January / 28), (lunar_date{29, 12, 2024, false}));
}

TEST(Lunar, NonexistentDatesAreNotOk) {
  EXPECT_FALSE(from_lunar({1, 2, 2024, true}).ok());  // 2024 has no leap month
  EXPECT_FALSE(from_lunar({1, 5, 2025, true}).ok());  // 2025's leap month is the 6th
  EXPECT_FALSE(from_lunar({0, 1, 2026, false}).ok());
  EXPECT_FALSE(from_lunar({31, 1, 2026, false}).ok());
  EXPECT_FALSE(from_lunar({1, 13, 2026, false}).ok());
  EXPECT_FALSE(from_lunar({1, 0, 2026, false}).ok());
}

// ---- Working calendar ----------------------------------------------------------------------

// The dates in [first, last] that are not working days.
std::vector<std::string> days_off(const working_calendar& calendar, year_month_day first,
                                  year_month_day last) {
  std::vector<std::string> off;
  for (sys_days d{first}; d <= sys_days{last}; d += days{1})
    if (!calendar.is_working_day(year_month_day{d})) off.push_back(str(year_month_day{d}));
  return off;
}

using dates = std::vector<std::string>;

TEST(WorkingCalendar, NewYear2026SwapsFridayForSaturday) {
  working_calendar calendar{vietnam_2026_demo()};
  EXPECT_EQ(days_off(calendar, 2025y / December / 31, 2026y / January / 11),
            (dates{"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-11"}));
  EXPECT_TRUE(calendar.is_working_day(2026y / January / 10));  // a Saturday, worked
  // Without the notice only 1 Jan is a holiday.
  working_calendar statutory{calendar_rules{}};
  EXPECT_TRUE(statutory.is_working_day(2026y / January / 2));
  EXPECT_FALSE(statutory.is_working_day(2026y / January / 10));
}

TEST(WorkingCalendar, Tet2026IsOffFromSaturday14ToSunday22February) {
  working_calendar calendar{vietnam_2026_demo()};
  EXPECT_EQ(days_off(calendar, 2026y / February / 13, 2026y / February / 23),
            (dates{"2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
                   "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"}));
}

TEST(WorkingCalendar, AprilAndMay2026) {
  // Hùng Kings' day falls on Sunday 26 Apr: Monday 27 Apr is off instead. 30 Apr and 1 May
  // are Thursday and Friday.
  working_calendar calendar{vietnam_2026_demo()};
  EXPECT_EQ(days_off(calendar, 2026y / April / 24, 2026y / May / 4),
            (dates{"2026-04-25", "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01",
                   "2026-05-02", "2026-05-03"}));
}

TEST(WorkingCalendar, HolidaysOnAWeekendGiveTheNextWorkingDays) {
  // 2022: Hùng Kings' day on Sunday 10 Apr; 30 Apr and 1 May on Saturday and Sunday.
  working_calendar calendar{calendar_rules{}};
  EXPECT_EQ(days_off(calendar, 2022y / April / 9, 2022y / April / 12),
            (dates{"2022-04-09", "2022-04-10", "2022-04-11"}));
  EXPECT_EQ(days_off(calendar, 2022y / April / 29, 2022y / May / 4),
            (dates{"2022-04-30", "2022-05-01", "2022-05-02", "2022-05-03"}));

  calendar_rules without;
  without.holiday_on_day_off_gives_next_working_day = false;
  EXPECT_EQ(days_off(working_calendar{without}, 2022y / April / 29, 2022y / May / 4),
            (dates{"2022-04-30", "2022-05-01"}));
}

TEST(WorkingCalendar, ExplicitEntriesAlwaysWin) {
  auto rules = rules_with_entries({}, std::vector<entry_text>{
                                          {"2022-05-03", day_kind::make_up_working_day},
                                          {"2022-05-04", day_kind::holiday},
                                          {"2022-04-30", day_kind::make_up_working_day},
                                      });
  ASSERT_TRUE(rules);
  working_calendar calendar{*rules};
  // The notice decides its own dates only: 30 Apr (Saturday) is worked yet its substitute,
  // Monday 2 May, stays off; 1 May's substitute, Tuesday 3 May, is made a working day.
  EXPECT_EQ(days_off(calendar, 2022y / April / 29, 2022y / May / 4),
            (dates{"2022-05-01", "2022-05-02", "2022-05-04"}));
}

TEST(WorkingCalendar, SubstituteCrossesIntoTheNextYear) {
  // A holiday on Saturday 31 Dec 2022 gives Monday 2 Jan 2023, so Sunday 1 Jan gives Tuesday.
  calendar_rules rules;
  rules.fixed_holidays.push_back(December / 31);
  working_calendar calendar{rules};
  EXPECT_EQ(days_off(calendar, 2022y / December / 30, 2023y / January / 4),
            (dates{"2022-12-31", "2023-01-01", "2023-01-02", "2023-01-03"}));
}

TEST(WorkingCalendar, TetSpanIsConfigurable) {
  // Tết 2025: Wednesday 29 Jan; the old year's last day is 28 Jan.
  calendar_rules rules;
  rules.holiday_on_day_off_gives_next_working_day = false;
  rules.days_before_tet = 2;
  rules.days_from_tet = 3;
  EXPECT_EQ(days_off(working_calendar{rules}, 2025y / January / 24, 2025y / February / 3),
            (dates{"2025-01-25", "2025-01-26", "2025-01-27", "2025-01-28", "2025-01-29",
                   "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"}));
  rules.days_before_tet = 0;
  rules.days_from_tet = 1;
  EXPECT_EQ(days_off(working_calendar{rules}, 2025y / January / 27, 2025y / January / 31),
            (dates{"2025-01-29"}));
}

TEST(WorkingCalendar, NextPreviousAndAddWorkingDays) {
  working_calendar calendar{vietnam_2026_demo()};
  EXPECT_EQ(str(calendar.next_working_day(2026y / March / 6)), "2026-03-09");  // Fri -> Mon
  EXPECT_EQ(str(calendar.next_working_day(2026y / March / 9)), "2026-03-10");
  EXPECT_EQ(str(calendar.previous_working_day(2026y / March / 9)), "2026-03-06");      // Mon -> Fri
  EXPECT_EQ(str(calendar.previous_working_day(2026y / February / 23)), "2026-02-13");  // Tết
  EXPECT_EQ(str(calendar.previous_working_day(2026y / January / 12)), "2026-01-10");   // worked Sat
  EXPECT_EQ(str(calendar.previous_working_day(2026y / January / 5)), "2025-12-31");
  EXPECT_EQ(str(calendar.add_working_days(2026y / February / 13, 1)), "2026-02-23");
  EXPECT_EQ(str(calendar.add_working_days(2026y / February / 12, 2)), "2026-02-23");
  EXPECT_EQ(str(calendar.add_working_days(2026y / March / 7, 0)), "2026-03-07");
  EXPECT_EQ(str(calendar.add_working_days(2025y / December / 30, 3)), "2026-01-06");
}

TEST(WorkingCalendar, RejectsUnusableRules) {
  calendar_rules rules;
  rules.weekly_days_off = {Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday};
  EXPECT_THROW(working_calendar{rules}, std::invalid_argument);
  rules = {};
  rules.days_before_tet = -1;
  EXPECT_THROW(working_calendar{rules}, std::invalid_argument);
  rules = {};
  rules.lunar_holidays.push_back({.month = 13, .day = 1});
  EXPECT_THROW(working_calendar{rules}, std::invalid_argument);
  rules = {};
  rules.fixed_holidays.push_back(February / 30);
  EXPECT_THROW(working_calendar{rules}, std::invalid_argument);
}

TEST(CalendarRules, ParseDate) {
  EXPECT_EQ(str(*parse_date("2026-01-02")), "2026-01-02");
  EXPECT_EQ(str(*parse_date("2028-02-29")), "2028-02-29");
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-02", "2026-01-2", "20260102",
                          "2026-01-02T00:00", "", "abcd-ef-gh", "+026-01-02"})
    EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(CalendarRules, RulesWithEntries) {
  const entry_text good[] = {{"2026-09-03", day_kind::holiday},
                             {"2026-09-01", day_kind::make_up_working_day}};
  auto rules = rules_with_entries({}, good);
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->entries.size(), 2u);
  EXPECT_EQ(str(rules->entries[0].date), "2026-09-03");
  EXPECT_EQ(rules->entries[1].kind, day_kind::make_up_working_day);
  // National Day 2026 with 3 Sep as its adjacent day instead of 1 Sep.
  EXPECT_EQ(days_off(working_calendar{*rules}, 2026y / August / 31, 2026y / September / 4),
            (dates{"2026-09-02", "2026-09-03"}));

  const entry_text bad[] = {{"2026-09-03", day_kind::holiday}, {"2026-9-1", day_kind::holiday}};
  EXPECT_FALSE(rules_with_entries({}, bad));
}

}  // namespace
}  // namespace motcua::domain
