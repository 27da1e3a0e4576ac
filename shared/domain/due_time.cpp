#include "shared/domain/due_time.hpp"

#include <algorithm>
#include <stdexcept>

#include "shared/domain/enum_names.hpp"

namespace motcua::domain {

using namespace std::chrono;

bool office_hours::valid() const {
  minutes earliest{0};
  for (const auto& [open, close] : intervals) {
    if (open < earliest || close <= open || close > hours{24}) return false;
    earliest = close;
  }
  return !intervals.empty();
}

std::optional<office_hours> parse_office_hours(std::string_view text) {
  office_hours result{.intervals = {}};
  for (;;) {
    const std::size_t comma = text.find(',');
    const std::string_view interval = text.substr(0, comma);  // "HH:MM-HH:MM"
    if (interval.size() != 11 || interval[5] != '-') return std::nullopt;
    auto open = parse_hh_mm(interval.substr(0, 5));
    auto close = parse_hh_mm(interval.substr(6));
    if (!open || !close) return std::nullopt;
    result.intervals.emplace_back(*open, *close);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (!result.valid()) return std::nullopt;
  return result;
}

namespace {

// `amount` of office time on the working days from `start` (on a working day) onwards.
time_point add_office_time(time_point start, milliseconds amount, const working_calendar& calendar,
                           const office_hours& office, const business_zone& zone) {
  for (year_month_day day = zone.day_of(start);; day = calendar.next_working_day(day)) {
    for (const auto& [open, close] : office.intervals) {
      const time_point from = std::max(start, zone.at(day, open));
      const time_point to = zone.at(day, close);
      if (from >= to) continue;  // no office time left in this interval
      if (to - from >= amount) return from + amount;
      amount -= to - from;
    }
  }
}

}  // namespace

time_point due_at(time_point received, const duration_rule& rule, const working_calendar& calendar,
                  const office_hours& office, const business_zone& zone) {
  if (rule.amount < 0) throw std::invalid_argument("due_at: negative duration");
  if (!office.valid()) throw std::invalid_argument("due_at: invalid office hours");

  const year_month_day arrival = zone.day_of(received);
  const bool after_cutoff = rule.cutoff && received > zone.at(arrival, *rule.cutoff);
  const year_month_day reception = calendar.is_working_day(arrival) && !after_cutoff
                                       ? arrival
                                       : calendar.next_working_day(arrival);
  auto closing = [&](year_month_day day) { return end_of_office_day(day, office, zone); };

  switch (rule.unit) {
    case duration_unit::working_days:
      return closing(calendar.add_working_days(reception, rule.amount));
    case duration_unit::calendar_days: {
      // Civil Code Art. 148: a term whose last day is a day off ends on the next working day.
      const year_month_day last{sys_days{reception} + days{rule.amount}};
      return closing(calendar.is_working_day(last) ? last : calendar.next_working_day(last));
    }
    case duration_unit::hours: {
      const time_point start = reception == arrival ? received : zone.at(reception, minutes{0});
      return add_office_time(start, hours{rule.amount}, calendar, office, zone);
    }
  }
  throw std::invalid_argument("due_at: invalid duration unit");
}

time_point end_of_office_day(year_month_day day, const office_hours& office,
                             const business_zone& zone) {
  return zone.at(day, office.intervals.back().second);
}

time_point due_after_pause(time_point due, time_point paused_at, time_point resumed_at,
                           const working_calendar& calendar, const office_hours& office,
                           const business_zone& zone) {
  const year_month_day resumed = zone.day_of(resumed_at);
  int paused = 0;
  for (auto day = calendar.next_working_day(zone.day_of(paused_at)); day <= resumed;
       day = calendar.next_working_day(day))
    ++paused;
  return end_of_office_day(calendar.add_working_days(zone.day_of(due), paused), office, zone);
}

std::optional<extension_refusal> check_extension(time_point now, time_point due,
                                                 bool extended_before,
                                                 std::optional<time_point> new_due) {
  if (extended_before) return extension_refusal::already_extended;
  if (now > due) return extension_refusal::past_due;
  if (!new_due || *new_due <= due) return extension_refusal::not_later;
  return std::nullopt;
}

bool is_late(std::optional<time_point> finished_at, time_point due, time_point now) {
  return finished_at.value_or(now) > due;
}

time_point due_soon_before(time_point now, const working_calendar& calendar,
                           const office_hours& office, const business_zone& zone) {
  return end_of_office_day(calendar.next_working_day(zone.day_of(now)), office, zone);
}

bool is_due_soon(time_point due, time_point now, const working_calendar& calendar,
                 const office_hours& office, const business_zone& zone) {
  return now <= due && due <= due_soon_before(now, calendar, office, zone);
}

bool is_on_time(std::optional<time_point> finished_at, time_point due, int supplements,
                time_point now) {
  return !is_late(finished_at, due, now) && supplements <= 1;
}

namespace {

constexpr name_table<step_outcome, 3> step_outcome_names{{
    {step_outcome::early, "early"},
    {step_outcome::on_time, "on_time"},
    {step_outcome::late, "late"},
}};

}  // namespace

std::string_view to_string(step_outcome o) { return name_of(step_outcome_names, o); }
std::optional<step_outcome> parse_step_outcome(std::string_view s) {
  return value_of(step_outcome_names, s);
}

step_outcome step_result(time_point started, const duration_rule& allotted, time_point now,
                         const working_calendar& calendar, const office_hours& office,
                         const business_zone& zone) {
  const time_point due = due_at(started, allotted, calendar, office, zone);
  if (now > due) return step_outcome::late;
  return zone.day_of(now) < zone.day_of(due) ? step_outcome::early : step_outcome::on_time;
}

}  // namespace motcua::domain
