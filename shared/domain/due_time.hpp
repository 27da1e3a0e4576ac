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

// The end of `day`'s office hours (the last interval's close): when due times given in days fall.
time_point end_of_office_day(std::chrono::year_month_day day, const office_hours& office,
                             const business_zone& zone);

// A supplement pause is not counted: the due time after a pause from `paused_at` to
// `resumed_at` is the end of office hours of the working day that lies, after the due day, as
// many working days later as there are working days after the pause's day up to and including
// the resume day (so a pause within one day moves nothing, Friday to Monday moves one day).
time_point due_after_pause(time_point due, time_point paused_at, time_point resumed_at,
                           const working_calendar& calendar, const office_hours& office,
                           const business_zone& zone);

// Why an extension (Form 04) is refused, in the order checked.
enum class extension_refusal {
  already_extended,  // only once
  past_due,          // only before the due time
  not_later,         // the new due time is missing or not after the current one
};

// Whether a dossier due at `due` may be extended at `now` to `new_due`; nothing when it may.
// `extended_before`: the dossier already carries an original due time.
std::optional<extension_refusal> check_extension(time_point now, time_point due,
                                                 bool extended_before,
                                                 std::optional<time_point> new_due);

// Late: finished, or when still open `now`, after the due time.
bool is_late(std::optional<time_point> finished_at, time_point due, time_point now);

// Due at or before this instant counts as "due soon" at `now`: the end of office hours of the
// next working day after today.
time_point due_soon_before(time_point now, const working_calendar& calendar,
                           const office_hours& office, const business_zone& zone);

// An open dossier due at `due` is due soon at `now`: not yet late, and due by
// due_soon_before(now).
bool is_due_soon(time_point due, time_point now, const working_calendar& calendar,
                 const office_hours& office, const business_zone& zone);

// On time for the figures (docs/domain.md "On-time figures and satisfaction", Decision
// 766/QĐ-TTg): not late, and at most one supplement request.
bool is_on_time(std::optional<time_point> finished_at, time_point due, int supplements,
                time_point now);

// How a processing step ended, on the control sheet: before its due day, on it, or after its
// due time.
enum class step_outcome { early, on_time, late };

std::string_view to_string(step_outcome o);  // "early", "on_time", "late"
std::optional<step_outcome> parse_step_outcome(std::string_view s);

// The outcome at `now` of a step started at `started` with the legal time `allotted`.
step_outcome step_result(time_point started, const duration_rule& allotted, time_point now,
                         const working_calendar& calendar, const office_hours& office,
                         const business_zone& zone);

}  // namespace motcua::domain
