// The due-time rules of shared/domain/due_time.hpp (docs/domain.md "Due times", "On-time
// figures and satisfaction"), on the 2026 demo calendar and the default office hours.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "shared/domain/calendar.hpp"
#include "shared/domain/due_time.hpp"

namespace motcua::domain {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const business_zone zone;

time_point local(year_month_day day, minutes time_of_day) { return zone.at(day, time_of_day); }

class DueAt : public ::testing::Test {
 protected:
  std::string due(time_point received, duration_rule rule) const {
    return zone.format(due_at(received, rule, calendar, office, zone));
  }

  working_calendar calendar{vietnam_2026_demo()};
  office_hours office;
};

TEST_F(DueAt, WorkingDaysAcrossTet) {
  // Thursday 12 Feb 2026: Fri 13 is day 1, then Tết until Sun 22, Mon 23 – Thu 26 days 2–5.
  duration_rule five{.amount = 5, .unit = duration_unit::working_days};
  EXPECT_EQ(due(local(2026y / February / 12, 9h), five), "2026-02-26T17:00:00+07:00");
  // A work permit (10 working days) received the day before.
  duration_rule ten{.amount = 10, .unit = duration_unit::working_days};
  EXPECT_EQ(due(local(2026y / February / 11, 16h), ten), "2026-03-04T17:00:00+07:00");
}

TEST_F(DueAt, FridayAfterTheCutoffCountsFromMonday) {
  duration_rule rule{.amount = 3, .unit = duration_unit::working_days, .cutoff = 15h};
  const year_month_day friday = 2026y / March / 6;
  EXPECT_EQ(due(local(friday, 14h + 59min), rule), "2026-03-11T17:00:00+07:00");
  EXPECT_EQ(due(local(friday, 15h), rule), "2026-03-11T17:00:00+07:00");
  EXPECT_EQ(due(local(friday, 15h) + 1s, rule), "2026-03-12T17:00:00+07:00");
  EXPECT_EQ(due(local(friday, 15h + 30min), rule), "2026-03-12T17:00:00+07:00");
  // Without a cut-off, any time of the day counts for that day.
  rule.cutoff.reset();
  EXPECT_EQ(due(local(friday, 20h), rule), "2026-03-11T17:00:00+07:00");
}

TEST_F(DueAt, ReceptionOnADayOffCountsFromTheNextWorkingDay) {
  duration_rule one{.amount = 1, .unit = duration_unit::working_days};
  // Saturday 7 Mar: received Monday 9, due Tuesday 10.
  EXPECT_EQ(due(local(2026y / March / 7, 10h), one), "2026-03-10T17:00:00+07:00");
  // Sunday 4 Jan (New Year off): received Monday 5, due Tuesday 6.
  EXPECT_EQ(due(local(2026y / January / 4, 10h), one), "2026-01-06T17:00:00+07:00");
  // Zero days: the end of the reception day.
  duration_rule none{.amount = 0, .unit = duration_unit::working_days};
  EXPECT_EQ(due(local(2026y / March / 7, 10h), none), "2026-03-09T17:00:00+07:00");
}

TEST_F(DueAt, CalendarDaysEndingOnADayOffMoveToTheNextWorkingDay) {
  const time_point monday = local(2026y / March / 2, 9h);
  duration_rule rule{.amount = 3, .unit = duration_unit::calendar_days};
  EXPECT_EQ(due(monday, rule), "2026-03-05T17:00:00+07:00");  // Thursday
  rule.amount = 5;
  EXPECT_EQ(due(monday, rule), "2026-03-09T17:00:00+07:00");  // Saturday 7 -> Monday 9
  rule.amount = 6;
  EXPECT_EQ(due(monday, rule), "2026-03-09T17:00:00+07:00");  // Sunday 8 -> Monday 9
  // 20 days from Thursday 2 Apr end on Wednesday 22 Apr; 24 days on Sunday 26 Apr, whose
  // next working day is Tuesday 28 Apr (Monday 27 is Hùng Kings' substitute day).
  rule.amount = 20;
  EXPECT_EQ(due(local(2026y / April / 2, 9h), rule), "2026-04-22T17:00:00+07:00");
  rule.amount = 24;
  EXPECT_EQ(due(local(2026y / April / 2, 9h), rule), "2026-04-28T17:00:00+07:00");
}

TEST_F(DueAt, HoursCountOfficeTimeOnly) {
  duration_rule rule{.amount = 8, .unit = duration_unit::hours};
  const year_month_day monday = 2026y / March / 9;
  // 10:00–11:30 and 13:30–17:00 on Monday are 5 hours; 3 more on Tuesday from 07:00.
  EXPECT_EQ(due(local(monday, 10h), rule), "2026-03-10T10:00:00+07:00");
  // Received at lunch: counting starts at 13:30.
  rule.amount = 2;
  EXPECT_EQ(due(local(monday, 12h), rule), "2026-03-09T15:30:00+07:00");
  // Zero hours: the moment counting starts, which is never a closing time.
  rule.amount = 0;
  EXPECT_EQ(due(local(monday, 11h + 30min), rule), "2026-03-09T13:30:00+07:00");
  EXPECT_EQ(due(local(monday, 10h), rule), "2026-03-09T10:00:00+07:00");
  // Before opening: from 07:00. Ending exactly at a closing time: due then, not at 13:30.
  rule.amount = 1;
  EXPECT_EQ(due(local(monday, 6h), rule), "2026-03-09T08:00:00+07:00");
  rule.amount = 4;
  EXPECT_EQ(due(local(monday, 7h + 30min), rule), "2026-03-09T11:30:00+07:00");
  // Friday 16:00: one hour on Friday, three on Monday.
  EXPECT_EQ(due(local(2026y / March / 6, 16h), rule), "2026-03-09T10:00:00+07:00");
  // Saturday: from Monday's opening. Minutes and seconds are kept.
  rule.amount = 1;
  EXPECT_EQ(due(local(2026y / March / 7, 9h), rule), "2026-03-09T08:00:00+07:00");
  EXPECT_EQ(due(local(monday, 8h + 12min) + 30s, rule), "2026-03-09T09:12:30+07:00");
  // A cut-off moves the start to the next working day's opening.
  rule.cutoff = 15h;
  EXPECT_EQ(due(local(monday, 15h + 1min), rule), "2026-03-10T08:00:00+07:00");
}

TEST_F(DueAt, HoursAcrossTet) {
  duration_rule rule{.amount = 4, .unit = duration_unit::hours};
  // Friday 13 Feb 15:00: two hours that day, two after Tết on Monday 23 Feb.
  EXPECT_EQ(due(local(2026y / February / 13, 15h), rule), "2026-02-23T09:00:00+07:00");
}

TEST_F(DueAt, RejectsNegativeAmountsAndInvalidHours) {
  const time_point t = local(2026y / March / 9, 9h);
  EXPECT_THROW(due(t, {.amount = -1}), std::invalid_argument);
  office.intervals.clear();
  EXPECT_THROW(due(t, {.amount = 1}), std::invalid_argument);
}

// The rules around a dossier's due time, on the same calendar and office hours.
class DueRules : public DueAt {
 protected:
  std::string pause(time_point due, time_point paused, time_point resumed) const {
    return zone.format(due_after_pause(due, paused, resumed, calendar, office, zone));
  }
  std::string soon_before(time_point now) const {
    return zone.format(due_soon_before(now, calendar, office, zone));
  }
  bool soon(time_point due, time_point now) const {
    return is_due_soon(due, now, calendar, office, zone);
  }
  step_outcome step(time_point started, duration_rule rule, time_point now) const {
    return step_result(started, rule, now, calendar, office, zone);
  }
};

TEST_F(DueRules, EndOfOfficeDayIsTheLastIntervalsClose) {
  EXPECT_EQ(zone.format(end_of_office_day(2026y / March / 9, office, zone)),
            "2026-03-09T17:00:00+07:00");
  office = *parse_office_hours("08:00-16:00");
  EXPECT_EQ(zone.format(end_of_office_day(2026y / March / 9, office, zone)),
            "2026-03-09T16:00:00+07:00");
}

TEST_F(DueRules, SupplementPauseMovesTheDueDayByTheWorkingDaysPaused) {
  const time_point due = local(2026y / March / 16, 17h);  // Monday
  // Asked and brought the same day: nothing moves.
  EXPECT_EQ(pause(due, local(2026y / March / 9, 9h), local(2026y / March / 9, 16h)),
            "2026-03-16T17:00:00+07:00");
  // Monday to Wednesday: two working days.
  EXPECT_EQ(pause(due, local(2026y / March / 9, 9h), local(2026y / March / 11, 8h)),
            "2026-03-18T17:00:00+07:00");
  // Friday to Monday, over the weekend: one working day.
  EXPECT_EQ(pause(due, local(2026y / March / 6, 16h), local(2026y / March / 9, 8h)),
            "2026-03-17T17:00:00+07:00");
  // Friday to Saturday: no working day yet.
  EXPECT_EQ(pause(due, local(2026y / March / 6, 16h), local(2026y / March / 7, 10h)),
            "2026-03-16T17:00:00+07:00");
  // Friday 13 Feb to Monday 23 Feb, over Tết: one working day, and the new due day skips
  // the weekend (Friday 20 Mar + 1 = Monday 23 Mar).
  EXPECT_EQ(pause(local(2026y / March / 20, 17h), local(2026y / February / 13, 10h),
                  local(2026y / February / 23, 10h)),
            "2026-03-23T17:00:00+07:00");
  // A due time within the day (a step in hours) moves to the end of the new due day.
  EXPECT_EQ(pause(local(2026y / March / 10, 10h), local(2026y / March / 9, 9h),
                  local(2026y / March / 10, 9h)),
            "2026-03-11T17:00:00+07:00");
}

TEST_F(DueRules, ExtensionOnceBeforeTheDueTimeToALaterOne) {
  const time_point due = local(2026y / March / 16, 17h);
  const time_point later = local(2026y / March / 20, 17h);
  const time_point now = local(2026y / March / 9, 9h);
  EXPECT_EQ(check_extension(now, due, false, later), std::nullopt);
  EXPECT_EQ(check_extension(due, due, false, later), std::nullopt);  // at the due time itself
  EXPECT_EQ(check_extension(now, due, true, later), extension_refusal::already_extended);
  EXPECT_EQ(check_extension(due + 1s, due, true, later), extension_refusal::already_extended);
  EXPECT_EQ(check_extension(due + 1s, due, false, later), extension_refusal::past_due);
  EXPECT_EQ(check_extension(now, due, false, due), extension_refusal::not_later);
  EXPECT_EQ(check_extension(now, due, false, now), extension_refusal::not_later);
  EXPECT_EQ(check_extension(now, due, false, std::nullopt), extension_refusal::not_later);
  EXPECT_EQ(check_extension(now, due, false, due + 1s), std::nullopt);
}

TEST_F(DueRules, LateAfterTheDueTimeFinishedOrNow) {
  const time_point due = local(2026y / March / 9, 17h);
  EXPECT_FALSE(is_late(std::nullopt, due, due));  // the due minute is still on time
  EXPECT_TRUE(is_late(std::nullopt, due, due + 1s));
  EXPECT_FALSE(is_late(due, due, due + hours{48}));  // finished in time stays in time
  EXPECT_TRUE(is_late(due + 1s, due, due + 1s));
}

TEST_F(DueRules, DueSoonMeansByTheEndOfTheNextWorkingDay) {
  const year_month_day monday = 2026y / March / 9;
  EXPECT_EQ(soon_before(local(monday, 10h)), "2026-03-10T17:00:00+07:00");
  // The end of an office day and the evening count for that day; midnight starts the next.
  EXPECT_EQ(soon_before(local(monday, 17h)), "2026-03-10T17:00:00+07:00");
  EXPECT_EQ(soon_before(local(monday, 23h + 59min)), "2026-03-10T17:00:00+07:00");
  EXPECT_EQ(soon_before(local(2026y / March / 10, 0min)), "2026-03-11T17:00:00+07:00");
  // Friday and the weekend look to Monday; the Friday before Tết to Monday 23 Feb.
  EXPECT_EQ(soon_before(local(2026y / March / 6, 16h)), "2026-03-09T17:00:00+07:00");
  EXPECT_EQ(soon_before(local(2026y / March / 8, 10h)), "2026-03-09T17:00:00+07:00");
  EXPECT_EQ(soon_before(local(2026y / February / 13, 10h)), "2026-02-23T17:00:00+07:00");

  const time_point friday = local(2026y / March / 6, 10h);
  EXPECT_TRUE(soon(local(2026y / March / 6, 17h), friday));
  EXPECT_TRUE(soon(friday, friday));
  EXPECT_TRUE(soon(local(monday, 17h), friday));
  EXPECT_FALSE(soon(local(monday, 17h) + 1s, friday));
  EXPECT_FALSE(soon(local(2026y / March / 10, 17h), friday));
  EXPECT_FALSE(soon(friday - 1s, friday));  // already late, not "soon"
}

TEST_F(DueRules, OnTimeAllowsOneSupplementRequest) {
  const time_point due = local(2026y / March / 9, 17h);
  EXPECT_TRUE(is_on_time(std::nullopt, due, 0, due));
  EXPECT_TRUE(is_on_time(due - hours{1}, due, 1, due + hours{24}));
  EXPECT_FALSE(is_on_time(due - hours{1}, due, 2, due));
  EXPECT_FALSE(is_on_time(std::nullopt, due, 0, due + 1s));
  EXPECT_FALSE(is_on_time(due + 1s, due, 0, due + 1s));
}

TEST_F(DueRules, StepResultEarlyOnTheDueDayOrLate) {
  // One working day from Monday 9 Mar 09:00: due Tuesday 10 Mar 17:00.
  const duration_rule day{.amount = 1, .unit = duration_unit::working_days};
  const time_point started = local(2026y / March / 9, 9h);
  EXPECT_EQ(step(started, day, local(2026y / March / 9, 16h)), step_outcome::early);
  EXPECT_EQ(step(started, day, local(2026y / March / 10, 0min)), step_outcome::on_time);
  EXPECT_EQ(step(started, day, local(2026y / March / 10, 17h)), step_outcome::on_time);
  EXPECT_EQ(step(started, day, local(2026y / March / 10, 17h) + 1s), step_outcome::late);
  // From Friday: due Monday, so the weekend is early.
  EXPECT_EQ(step(local(2026y / March / 6, 9h), day, local(2026y / March / 7, 10h)),
            step_outcome::early);
  // Two office hours from 09:00: due 11:00 the same day, so never early.
  const duration_rule hours2{.amount = 2, .unit = duration_unit::hours};
  EXPECT_EQ(step(started, hours2, started), step_outcome::on_time);
  EXPECT_EQ(step(started, hours2, local(2026y / March / 9, 11h)), step_outcome::on_time);
  EXPECT_EQ(step(started, hours2, local(2026y / March / 9, 11h) + 1s), step_outcome::late);

  EXPECT_EQ(to_string(step_outcome::early), "early");
  EXPECT_EQ(to_string(step_outcome::on_time), "on_time");
  EXPECT_EQ(to_string(step_outcome::late), "late");
  for (auto o : {step_outcome::early, step_outcome::on_time, step_outcome::late})
    EXPECT_EQ(parse_step_outcome(to_string(o)), o);
  EXPECT_EQ(parse_step_outcome("Late"), std::nullopt);
}

TEST(OfficeHours, ParseAndValidate) {
  auto parsed = parse_office_hours("07:00-11:30,13:30-17:00");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->intervals, office_hours{}.intervals);
  EXPECT_TRUE(office_hours{}.valid());
  auto single = parse_office_hours("08:00-16:00");
  ASSERT_TRUE(single);
  ASSERT_EQ(single->intervals.size(), 1u);
  EXPECT_EQ(single->intervals[0].second, 16h);
  for (const char* bad :
       {"", "07:00-11:30,", "07:00-11:30;13:30-17:00", "11:30-07:00", "07:00-12:00,11:30-17:00",
        "07:00-07:00", "7:00-11:30", "13:30-17:00,07:00-11:30"})
    EXPECT_FALSE(parse_office_hours(bad)) << bad;
}

}  // namespace
}  // namespace motcua::domain
