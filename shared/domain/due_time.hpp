// Due times of dossiers and steps (docs/domain.md "Due times"): a legal time in working days,
// calendar days or office hours, counted on a working_calendar from the reception instant,
// and shown to the minute on receipts. Pure functions: no I/O, no JSON.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/domain/calendar.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::domain {

// Stored with the amount, as published: "10 working days" and "20 days" differ.
enum class duration_unit { working_days, calendar_days, hours };

// A procedure's (or a step's) legal time.
struct duration_rule {
  int amount = 0;  // >= 0
  duration_unit unit = duration_unit::working_days;
  // Local time of day (e.g. 15:00) after which a reception counts as made on the next
  // working day; none: a reception at any time of a working day counts for that day.
  std::optional<std::chrono::minutes> cutoff = std::nullopt;
};

// The opening intervals of every working day, local time of day; by default 07:00–11:30 and
// 13:30–17:00. Valid when there is at least one, each ends after it starts, within 00:00–24:00,
// and each starts no earlier than the one before ends.
struct office_hours {
  std::vector<std::pair<std::chrono::minutes, std::chrono::minutes>> intervals{
      {std::chrono::hours{7}, std::chrono::hours{11} + std::chrono::minutes{30}},
      {std::chrono::hours{13} + std::chrono::minutes{30}, std::chrono::hours{17}}};

  bool valid() const;
};

// "07:00-11:30,13:30-17:00"; nothing unless well-formed and valid.
std::optional<office_hours> parse_office_hours(std::string_view text);

// When a dossier received at `received` is due under `rule`.
//
// The reception day is the local day of `received`, or the next working day when that day
// is not a working day or the reception came after the rule's cut-off. Then:
// - working days: counting starts the working day after the reception day (Civil Code
//   Art. 147); due at the end of office hours (the last interval's end) of the last one;
// - calendar days: the day `amount` days after the reception day, or the next working day
//   if that one is not (Civil Code Art. 148: a term ending on a day off ends on the next
//   working day); due at the end of its office hours;
// - hours: `amount` hours of office time on working days, from the reception instant (or
//   the opening of the reception day, when that was moved); due when they are used up.
// An amount of 0 gives the end of the reception day's office hours, or for hours the moment
// counting starts. Throws std::invalid_argument for a negative amount or invalid hours.
time_point due_at(time_point received, const duration_rule& rule, const working_calendar& calendar,
                  const office_hours& office, const business_zone& zone);

}  // namespace motcua::domain
