#include "shared/domain/due_time.hpp"

#include <algorithm>
#include <stdexcept>

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
  auto closing = [&](year_month_day day) { return zone.at(day, office.intervals.back().second); };

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

}  // namespace motcua::domain
