#include "shared/domain/booking.hpp"

#include <algorithm>

#include "shared/domain/enum_names.hpp"

namespace motcua::domain {

using namespace std::chrono;

namespace {

constexpr name_table<booking_status, 4> status_names{{
    {booking_status::booked, "booked"},
    {booking_status::checked_in, "checked_in"},
    {booking_status::cancelled, "cancelled"},
    {booking_status::missed, "missed"},
}};

}  // namespace

std::string_view to_string(booking_status s) { return name_of(status_names, s); }
std::optional<booking_status> parse_booking_status(std::string_view s) {
  return value_of(status_names, s);
}

int derived_places_per_slot(int counters, minutes slot, int expected_service_minutes) {
  return std::max(1, static_cast<int>(counters * slot.count() / expected_service_minutes));
}

text refusal_text(booking_refusal r) {
  switch (r) {
    case booking_refusal::past:
      return {"Ngày này đã qua.", "This day has passed."};
    case booking_refusal::weekly_day_off:
      return {"Ngày nghỉ hằng tuần, không nhận đặt lịch.", "A weekly day off: no appointments."};
    case booking_refusal::holiday:
      return {"Ngày nghỉ lễ, Tết hoặc nghỉ bù, không nhận đặt lịch.",
              "A public holiday or a day off in lieu: no appointments."};
    case booking_refusal::beyond_horizon:
      return {"Chưa mở đặt lịch cho ngày này. Vui lòng chọn ngày gần hơn.",
              "Booking for this day has not opened yet. Please choose an earlier day."};
    case booking_refusal::after_cutoff:
      return {"Đã hết hạn đặt lịch cho ngày này. Vui lòng chọn ngày khác.",
              "Booking for this day has closed. Please choose another day."};
  }
  return {"", ""};
}

year_month_day last_bookable_day(const booking_rules& rules, const working_calendar& calendar,
                                 year_month_day today) {
  return calendar.add_working_days(today, rules.days_ahead);
}

time_point booking_closes_at(const booking_rules& rules, const working_calendar& calendar,
                             const business_zone& zone, year_month_day day) {
  return zone.at(calendar.previous_working_day(day), rules.cutoff);
}

std::optional<booking_refusal> refusal_of(const booking_rules& rules,
                                          const working_calendar& calendar,
                                          const business_zone& zone, year_month_day day,
                                          time_point now) {
  const year_month_day today = zone.day_of(now);
  if (day < today) return booking_refusal::past;
  if (!calendar.is_working_day(day)) {
    const auto& weekly = calendar.rules().weekly_days_off;
    return std::ranges::find(weekly, weekday{sys_days{day}}) != weekly.end()
               ? booking_refusal::weekly_day_off
               : booking_refusal::holiday;
  }
  if (day > last_bookable_day(rules, calendar, today)) return booking_refusal::beyond_horizon;
  if (now >= booking_closes_at(rules, calendar, zone, day)) return booking_refusal::after_cutoff;
  return std::nullopt;
}

std::vector<booking_slot> day_slots(const booking_rules& rules, const working_calendar& calendar,
                                    const business_zone& zone, year_month_day day,
                                    const held_bookings& held) {
  auto slot_at = [&](time_point start, int capacity) {
    const auto it = held.find(start);
    const int taken = it == held.end() ? 0 : it->second;
    return booking_slot{.start = start,
                        .end = start + rules.slot,
                        .capacity = capacity,
                        .free = std::max(0, capacity - taken),
                        .over_booked = taken > capacity};
  };

  std::vector<booking_slot> slots;  // in start order, as the intervals are
  if (calendar.is_working_day(day)) {
    const long bookable_per_mille = 1000 - rules.walk_in_per_mille;
    for (const auto& [open, close] : rules.hours.intervals) {
      long places = 0;    // of the interval's slots so far
      long bookable = 0;  // of those places, the ones that may be booked
      for (minutes t = open; t + rules.slot <= close; t += rules.slot) {
        places += rules.places_per_slot;
        const long before = bookable;
        bookable = places * bookable_per_mille / 1000;
        const booking_slot s = slot_at(zone.at(day, t), static_cast<int>(bookable - before));
        if (s.capacity > 0 || s.over_booked) slots.push_back(s);  // else: walk-ins only
      }
    }
  }

  // Bookings whose start is no slot of the day stay visible, over-booked.
  std::vector<booking_slot> off_grid;
  for (const auto& [start, taken] : held)
    if (taken > 0 && !std::ranges::binary_search(slots, start, {}, &booking_slot::start))
      off_grid.push_back(slot_at(start, 0));
  slots.insert(slots.end(), off_grid.begin(), off_grid.end());
  std::ranges::sort(slots, {}, &booking_slot::start);
  return slots;
}

check_in_verdict check_in_window::verdict(time_point now) const {
  if (now < opens) return check_in_verdict::too_early;
  if (now >= closes) return check_in_verdict::too_late;
  return check_in_verdict::in_window;
}

check_in_window check_in_window_of(const booking_rules& rules, time_point start) {
  return {.opens = start - rules.check_in_before, .closes = start + rules.check_in_after};
}

}  // namespace motcua::domain
