// Booking a time (shared/domain/booking.hpp, issue 13): bookable days on the 2026 demo calendar
// (Tết, the swapped Saturday), the cut-off and the horizon, the slots of a day with the walk-in
// share and bookings held after a capacity change, the check-in window. Times are passed in.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "shared/domain/booking.hpp"
#include "shared/domain/booking_code.hpp"

namespace motcua::domain {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const business_zone zone;

using lines = std::vector<std::string>;

class Booking : public ::testing::Test {
 protected:
  Booking() { rules.places_per_slot = 2; }  // half kept for walk-ins: one booking a slot

  std::optional<booking_refusal> refusal(year_month_day day, time_point now) const {
    return refusal_of(rules, *calendar, zone, day, now);
  }

  // One character per day from `first` to `last`, as refusal_of sees it at `now`: '.' bookable,
  // 'p' past, 'w' weekly day off, 'h' holiday, '>' beyond the horizon, 'c' after the cut-off.
  std::string refusals(year_month_day first, year_month_day last, time_point now) const {
    std::string out;
    for (sys_days d{first}; d <= sys_days{last}; d += days{1}) {
      const auto r = refusal(year_month_day{d}, now);
      out += !r                                      ? '.'
             : *r == booking_refusal::past           ? 'p'
             : *r == booking_refusal::weekly_day_off ? 'w'
             : *r == booking_refusal::holiday        ? 'h'
             : *r == booking_refusal::beyond_horizon ? '>'
                                                     : 'c';
    }
    return out;
  }

  // "07:15-07:30 0/1": start-end free/capacity, then " over-booked" when it is.
  lines slots(year_month_day day, const held_bookings& held = {}) const {
    lines out;
    for (const booking_slot& s : day_slots(rules, *calendar, zone, day, held))
      out.push_back(format_hh_mm(zone.time_of_day(s.start)) + "-" +
                    format_hh_mm(zone.time_of_day(s.end)) + " " + std::to_string(s.free) + "/" +
                    std::to_string(s.capacity) + (s.over_booked ? " over-booked" : ""));
    return out;
  }

  // The first `n` slots of `day`.
  lines first_slots(year_month_day day, std::size_t n, const held_bookings& held = {}) const {
    lines all = slots(day, held);
    all.resize(std::min(n, all.size()));
    return all;
  }

  std::string horizon(year_month_day today) const {
    return format_iso_date(last_bookable_day(rules, *calendar, today));
  }

  std::string closes(year_month_day day) const {
    return zone.format(booking_closes_at(rules, *calendar, zone, day));
  }

  booking_rules rules;
  std::unique_ptr<working_calendar> calendar =
      std::make_unique<working_calendar>(vietnam_2026_demo());
};

TEST_F(Booking, AMonthAroundTet2026) {
  // Monday 2 Feb at 10:00, ten working days ahead. Tết closes Sat 14 – Sun 22 Feb (the calendar
  // gives the old year's last day and four days from 1/1: Mon 16 – Fri 20, between weekends),
  // and the tenth working day is Monday 23 Feb, after it.
  const time_point now = zone.at(2026y / February / 2, 10h);
  EXPECT_EQ(horizon(2026y / February / 2), "2026-02-23");
  EXPECT_EQ(refusals(2026y / February / 1, 2026y / February / 28, now),
            // 1 Sun, 2 Mon (today) ...                          28 Sat
            "pc....ww.....wwhhhhhww.>>>>w");
  for (sys_days d{2026y / February / 1}; d <= sys_days{2026y / February / 28}; d += days{1}) {
    const year_month_day day{d};
    SCOPED_TRACE(format_iso_date(day));
    // 07:00–11:30 and 13:30–17:00: 18 and 14 slots of 15 minutes on every working day.
    EXPECT_EQ(slots(day).size(), calendar->is_working_day(day) ? 32u : 0u);
  }
  EXPECT_EQ(first_slots(2026y / February / 23, 2), (lines{"07:00-07:15 1/1", "07:15-07:30 1/1"}));
  EXPECT_EQ(slots(2026y / February / 23).back(), "16:45-17:00 1/1");

  // A holiday added to the calendar closes its slots: Tuesday 10 Feb.
  auto rules_with_holiday = vietnam_2026_demo();
  rules_with_holiday.entries.push_back({2026y / February / 10, day_kind::holiday});
  calendar = std::make_unique<working_calendar>(rules_with_holiday);
  EXPECT_EQ(refusal(2026y / February / 10, now), booking_refusal::holiday);
  EXPECT_TRUE(slots(2026y / February / 10).empty());
  EXPECT_EQ(refusals(2026y / February / 9, 2026y / February / 13, now), ".h...");
}

TEST_F(Booking, ASwappedSaturdayIsBookableItsDayOffInLieuIsNot) {
  // New Year 2026: Saturday 10 Jan is worked, so it has slots, and Monday 12 Jan's booking
  // closes on it.
  EXPECT_EQ(refusals(2026y / January / 5, 2026y / January / 12, zone.at(2026y / January / 8, 10h)),
            //  Mon 5 ... Thu 8 (today), Fri 9, Sat 10, Sun 11, Mon 12
            "pppc..w.");
  EXPECT_EQ(slots(2026y / January / 10).size(), 32u);
  EXPECT_EQ(closes(2026y / January / 10), "2026-01-09T16:00:00+07:00");
  EXPECT_EQ(closes(2026y / January / 12), "2026-01-10T16:00:00+07:00");
  // Friday 2 Jan is given off in exchange: a holiday like 1 Jan; Monday 5 Jan closes on
  // Wednesday 31 Dec, the working day before it.
  EXPECT_EQ(
      refusals(2025y / December / 30, 2026y / January / 6, zone.at(2025y / December / 30, 10h)),
      //  Tue 30 (today), Wed 31, Thu 1, Fri 2, Sat 3, Sun 4, Mon 5, Tue 6
      "c.hhww..");
  EXPECT_TRUE(slots(2026y / January / 2).empty());
  EXPECT_EQ(closes(2026y / January / 5), "2025-12-31T16:00:00+07:00");
}

TEST_F(Booking, TheCutoffIsSixteenHundredOnTheWorkingDayBefore) {
  const year_month_day monday = 2026y / March / 2;
  const year_month_day tuesday = 2026y / March / 3;
  EXPECT_EQ(closes(tuesday), "2026-03-02T16:00:00+07:00");
  EXPECT_EQ(refusal(tuesday, zone.at(monday, 15h + 59min)), std::nullopt);
  EXPECT_EQ(refusal(tuesday, zone.at(monday, 16h) - 1ms), std::nullopt);
  EXPECT_EQ(refusal(tuesday, zone.at(monday, 16h)), booking_refusal::after_cutoff);
  // The day itself is never bookable, however early.
  EXPECT_EQ(refusal(monday, zone.at(monday, 0min)), booking_refusal::after_cutoff);
  // The Monday after Tết closes on Friday 13 Feb, before the nine days off.
  EXPECT_EQ(closes(2026y / February / 23), "2026-02-13T16:00:00+07:00");
  EXPECT_EQ(refusal(2026y / February / 23, zone.at(2026y / February / 13, 15h)), std::nullopt);
  EXPECT_EQ(refusal(2026y / February / 23, zone.at(2026y / February / 14, 9h)),
            booking_refusal::after_cutoff);
  rules.cutoff = 0min;  // before the working day before begins
  EXPECT_EQ(closes(tuesday), "2026-03-02T00:00:00+07:00");
}

TEST_F(Booking, TheHorizonCountsWorkingDays) {
  // From Friday 6 Mar or the Saturday after: ten working days end on Friday 20 Mar.
  EXPECT_EQ(horizon(2026y / March / 6), "2026-03-20");
  EXPECT_EQ(horizon(2026y / March / 7), "2026-03-20");
  const time_point friday = zone.at(2026y / March / 6, 10h);
  EXPECT_EQ(refusal(2026y / March / 20, friday), std::nullopt);
  EXPECT_EQ(refusal(2026y / March / 23, friday), booking_refusal::beyond_horizon);
  // One day ahead: only tomorrow, until 16:00 today.
  rules.days_ahead = 1;
  EXPECT_EQ(refusals(2026y / March / 9, 2026y / March / 11, zone.at(2026y / March / 9, 10h)),
            "c.>");
  EXPECT_EQ(refusals(2026y / March / 9, 2026y / March / 11, zone.at(2026y / March / 9, 16h)),
            "cc>");
}

TEST_F(Booking, TheWalkInShareIsKeptOverEachIntervalToWithinOnePlace) {
  const year_month_day monday = 2026y / March / 9;
  // One place a slot, half for walk-ins: every second slot may be booked, from each opening.
  rules.places_per_slot = 1;
  EXPECT_EQ(first_slots(monday, 2), (lines{"07:15-07:30 1/1", "07:45-08:00 1/1"}));
  EXPECT_EQ(slots(monday).size(), 9u + 7u);
  EXPECT_EQ(slots(monday)[9], "13:45-14:00 1/1");
  // Two places, a quarter for walk-ins: 1.5 bookings a slot, as 1, 2, 1, 2.
  rules.places_per_slot = 2;
  rules.walk_in_per_mille = 250;
  EXPECT_EQ(first_slots(monday, 4),
            (lines{"07:00-07:15 1/1", "07:15-07:30 2/2", "07:30-07:45 1/1", "07:45-08:00 2/2"}));
  // 30% of ten places: exactly seven in every slot (whole thousandths, no rounding drift).
  rules.places_per_slot = 10;
  rules.walk_in_per_mille = 300;
  for (const std::string& s : slots(monday)) EXPECT_EQ(s.substr(12), "7/7");
  // No share for walk-ins: every place may be booked.
  rules.walk_in_per_mille = 0;
  EXPECT_EQ(first_slots(monday, 1), (lines{"07:00-07:15 10/10"}));
}

TEST_F(Booking, SlotsFitInTheBookableHours) {
  const year_month_day monday = 2026y / March / 9;
  // 20 minutes: 07:00–11:00 (11:20 would end past 11:30) and 13:30–16:30.
  rules.slot = 20min;
  lines all = slots(monday);
  ASSERT_EQ(all.size(), 13u + 10u);
  EXPECT_EQ(all[12], "11:00-11:20 1/1");
  EXPECT_EQ(all[13], "13:30-13:50 1/1");
  EXPECT_EQ(all.back(), "16:30-16:50 1/1");
  // A service's own bookable hours.
  rules.hours = *parse_office_hours("08:00-09:00");
  EXPECT_EQ(slots(monday), (lines{"08:00-08:20 1/1", "08:20-08:40 1/1", "08:40-09:00 1/1"}));
}

TEST_F(Booking, ALowerCapacityKeepsTheBookingsAndShowsTheSlotOverBooked) {
  const year_month_day monday = 2026y / March / 9;
  const held_bookings held{{zone.at(monday, 7h), 2}, {zone.at(monday, 7h + 15min), 1}};
  rules.places_per_slot = 4;
  EXPECT_EQ(first_slots(monday, 3, held),
            (lines{"07:00-07:15 0/2", "07:15-07:30 1/2", "07:30-07:45 2/2"}));
  // Two places: one booking a slot. 07:00 holds two: never a negative `free`.
  rules.places_per_slot = 2;
  EXPECT_EQ(first_slots(monday, 3, held),
            (lines{"07:00-07:15 0/1 over-booked", "07:15-07:30 0/1", "07:30-07:45 1/1"}));
  // 20-minute slots: the 07:15 bookings start no slot any more, and stay visible.
  rules.slot = 20min;
  EXPECT_EQ(
      first_slots(monday, 3, held),
      (lines{"07:00-07:20 0/1 over-booked", "07:15-07:35 0/0 over-booked", "07:20-07:40 1/1"}));
  // One place a slot, half for walk-ins: 07:00 is for walk-ins, yet its bookings are shown.
  rules.slot = 15min;
  rules.places_per_slot = 1;
  EXPECT_EQ(first_slots(monday, 3, held),
            (lines{"07:00-07:15 0/0 over-booked", "07:15-07:30 0/1", "07:45-08:00 1/1"}));
  // The day made a holiday: no slot to book, the bookings held still shown.
  auto rules_with_holiday = vietnam_2026_demo();
  rules_with_holiday.entries.push_back({monday, day_kind::holiday});
  calendar = std::make_unique<working_calendar>(rules_with_holiday);
  EXPECT_EQ(slots(monday, held),
            (lines{"07:00-07:15 0/0 over-booked", "07:15-07:30 0/0 over-booked"}));
  EXPECT_EQ(refusal(monday, zone.at(2026y / March / 5, 10h)), booking_refusal::holiday);
}

TEST_F(Booking, TheCheckInWindowRunsFromThirtyBeforeToTenAfterTheStart) {
  const year_month_day monday = 2026y / March / 9;
  const check_in_window w = check_in_window_of(rules, zone.at(monday, 8h));
  EXPECT_EQ(w.opens, zone.at(monday, 7h + 30min));  // when a citizen too early should come back
  EXPECT_EQ(w.closes, zone.at(monday, 8h + 10min));
  EXPECT_EQ(w.verdict(zone.at(monday, 7h)), check_in_verdict::too_early);
  EXPECT_EQ(w.verdict(zone.at(monday, 7h + 30min) - 1ms), check_in_verdict::too_early);
  EXPECT_EQ(w.verdict(zone.at(monday, 7h + 30min)), check_in_verdict::in_window);
  EXPECT_EQ(w.verdict(zone.at(monday, 8h)), check_in_verdict::in_window);
  EXPECT_EQ(w.verdict(zone.at(monday, 8h + 10min) - 1ms), check_in_verdict::in_window);
  EXPECT_EQ(w.verdict(zone.at(monday, 8h + 10min)), check_in_verdict::too_late);
  EXPECT_EQ(w.verdict(zone.at(monday, 9h)), check_in_verdict::too_late);
}

TEST(BookingRules, DerivedPlacesPerSlot) {
  // counters × slot ÷ expected service minutes, rounded down, at least one.
  EXPECT_EQ(derived_places_per_slot(3, 15min, 12), 3);  // 3.75
  EXPECT_EQ(derived_places_per_slot(2, 15min, 10), 3);
  EXPECT_EQ(derived_places_per_slot(4, 30min, 10), 12);
  EXPECT_EQ(derived_places_per_slot(1, 15min, 20), 1);  // 0.75
  EXPECT_EQ(derived_places_per_slot(0, 15min, 10), 1);
}

TEST(BookingRules, EveryRefusalIsWordedInBothLanguages) {
  for (auto r : {booking_refusal::past, booking_refusal::weekly_day_off, booking_refusal::holiday,
                 booking_refusal::beyond_horizon, booking_refusal::after_cutoff}) {
    EXPECT_GT(std::strlen(refusal_text(r)(lang::vi)), 0u);
    EXPECT_GT(std::strlen(refusal_text(r)(lang::en)), 0u);
  }
  EXPECT_STREQ(refusal_text(booking_refusal::after_cutoff)(lang::en),
               "Booking for this day has closed. Please choose another day.");
}

TEST(BookingStatus, NamesRoundTrip) {
  for (auto s : {booking_status::booked, booking_status::checked_in, booking_status::cancelled,
                 booking_status::missed})
    EXPECT_EQ(parse_booking_status(to_string(s)), s);
  EXPECT_EQ(to_string(booking_status::checked_in), "checked_in");
  EXPECT_FALSE(parse_booking_status("done"));
}

TEST(BookingCode, TypedWithSpacesDashesOrSmallLettersIsTheSameCode) {
  EXPECT_EQ(parse_booking_code("K7M2Q9TX"), "K7M2Q9TX");
  EXPECT_EQ(parse_booking_code("k7m2-q9tx"), "K7M2Q9TX");
  EXPECT_EQ(parse_booking_code(" K7M2 Q9TX "), "K7M2Q9TX");
}

TEST(BookingCode, RefusesWhatCannotBeACode) {
  EXPECT_FALSE(parse_booking_code(""));
  EXPECT_FALSE(parse_booking_code("K7M2Q9T"));    // too short
  EXPECT_FALSE(parse_booking_code("K7M2Q9TXA"));  // too long
  // The symbols left out, so that nobody types one for another: 0 O 1 I L U.
  for (const char* ambiguous :
       {"K7M2Q9T0", "K7M2Q9TO", "K7M2Q9T1", "K7M2Q9TI", "K7M2Q9TL", "K7M2Q9TU"})
    EXPECT_FALSE(parse_booking_code(ambiguous)) << ambiguous;
  EXPECT_FALSE(parse_booking_code("K7M2Q9T\xc3\x80"));
  EXPECT_FALSE(parse_booking_code("000.00.00.H99-261127-0001"));  // a dossier code
}

TEST(BookingCode, TheAlphabetHasThirtyDistinctSymbols) {
  const std::string symbols(booking_code_alphabet);
  EXPECT_EQ(symbols.size(), 30u);
  EXPECT_EQ(std::set<char>(symbols.begin(), symbols.end()).size(), symbols.size());
}

}  // namespace
}  // namespace motcua::domain
