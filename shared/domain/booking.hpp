// Booking a time (issue 13, docs/protocol.md "Appointments"): a service's booking rules as data,
// which days may be booked and when booking for a day closes, the slots of a day with their
// places, and the check-in window at the kiosk. Bookable days come from the working_calendar
// (weekly days off, holidays with Tết, swapped days), so a holiday added to the calendar closes
// its slots. Pure values and computations: no I/O, no JSON, no clock (callers pass "now").
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "shared/domain/calendar.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/domain/language.hpp"

namespace motcua::domain {

// One service's rules (the configuration's `booking` object; README "Configuration").
struct booking_rules {
  std::chrono::minutes slot{15};
  // Citizens the service's counters see in one slot, walk-ins and appointments together
  // (>= 1; the configuration derives it when not given: derived_places_per_slot).
  int places_per_slot = 1;
  // Thousandths of the places kept for walk-ins (the configuration's walk_in_share, 0 to 1,
  // times 1000), 0..999. Counted in whole numbers so that 0.3 keeps exactly 30%.
  int walk_in_per_mille = 500;
  int days_ahead = 10;  // the last bookable day: this many working days after today
  // Booking for a day closes at this local time of the working day before it (16:00: Friday
  // 16:00 for a Monday). The day itself is never bookable.
  std::chrono::minutes cutoff{16 * 60};
  // The kiosk checks a booking in from `check_in_before` before its slot's start until
  // `check_in_after` after it (that instant excluded): then it is late (and missed).
  std::chrono::minutes check_in_before{30};
  std::chrono::minutes check_in_after{10};
  // Active bookings (booked, not yet checked in, cancelled or missed) one phone number may
  // hold for the service.
  int max_active_per_phone = 1;
  // The bookable hours of every working day: the centre's office_hours unless the service's
  // booking names its own.
  domain::office_hours hours;
};

// A booking's life: `booked`, then `checked_in` at the kiosk within its check-in window (a
// ticket is issued), `cancelled` by the citizen or a clerk before that, or `missed` by itself
// once its window has closed without a check-in. Only `booked` is active: it holds its place
// and counts toward max_active_per_phone; `checked_in` still holds its place in the slot.
enum class booking_status { booked, checked_in, cancelled, missed };

std::string_view to_string(booking_status s);
std::optional<booking_status> parse_booking_status(std::string_view s);

// The places per slot when the configuration gives none: what the counters serving the service
// see in one slot at its expected service time, `counters × slot ÷ expected_service_minutes`
// rounded down, at least 1. A counter that serves several services counts for each of them.
int derived_places_per_slot(int counters, std::chrono::minutes slot, int expected_service_minutes);

// Why a day cannot be booked, in the order checked.
enum class booking_refusal {
  past,            // before today
  weekly_day_off,  // a weekly day off, not made up
  holiday,         // any other day off: public holidays, Tết, days off in lieu
  beyond_horizon,  // after last_bookable_day
  after_cutoff,    // booking_closes_at has passed (always so for today)
};

// The refusal as the citizen reads it.
text refusal_text(booking_refusal r);

// The last day one may book on `today`: `days_ahead` working days after it.
std::chrono::year_month_day last_bookable_day(const booking_rules& rules,
                                              const working_calendar& calendar,
                                              std::chrono::year_month_day today);

// When booking for `day` closes: the cut-off time on the working day before `day`.
time_point booking_closes_at(const booking_rules& rules, const working_calendar& calendar,
                             const business_zone& zone, std::chrono::year_month_day day);

// Why `day` cannot be booked at `now`; nothing when it can.
std::optional<booking_refusal> refusal_of(const booking_rules& rules,
                                          const working_calendar& calendar,
                                          const business_zone& zone,
                                          std::chrono::year_month_day day, time_point now);

// One slot of a day. `free` is what is left for bookings, never below 0; a slot holding more
// bookings than its capacity (the capacity was lowered, the hours or the slot length changed,
// the day became a holiday) is `over_booked`: its bookings stay, only no new ones are taken.
struct booking_slot {
  time_point start;
  time_point end;
  int capacity = 0;
  int free = 0;
  bool over_booked = false;
};

// Bookings held per slot start (booked or checked in), as the store counts them.
using held_bookings = std::map<time_point, int>;

// The slots of `day` with their places, in start order, whether or not the day can be booked
// now (refusal_of says that). On a working day, each interval of the bookable hours is cut into
// slots of `rules.slot` from its opening; a slot that would run past the interval's close is
// not made. Capacity is the places left after the walk-in share, counted over each interval:
// the first n slots of an interval hold together floor(n × places × (1 − share)) bookings, so
// every run of slots keeps its walk-in share to within one place and a share of one place in
// two still lets every second slot be booked. A slot kept wholly for walk-ins (capacity 0) is
// listed only when it holds bookings. Bookings held at a start that is no slot of the day (any
// start on a day off) come as slots of capacity 0, over-booked, one slot long.
std::vector<booking_slot> day_slots(const booking_rules& rules, const working_calendar& calendar,
                                    const business_zone& zone, std::chrono::year_month_day day,
                                    const held_bookings& held);

// Where `now` stands against a booking's check-in window.
enum class check_in_verdict { too_early, in_window, too_late };

// The check-in window of a slot starting at `start`: [opens, closes).
struct check_in_window {
  time_point opens;  // too early before it: the time to come back
  time_point closes;

  check_in_verdict verdict(time_point now) const;
};

check_in_window check_in_window_of(const booking_rules& rules, time_point start);

}  // namespace motcua::domain
