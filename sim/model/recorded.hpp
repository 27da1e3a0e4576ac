// A day the server recorded, as the simulation replays it (issue 16): its tickets with their
// visits, and when each counter opened, paused, resumed and closed (store::read_recorded_day
// reads them from the database). replay_of turns it into the model's arrivals and staffing plan,
// and into the day as it happened, so both come to the same figures (figures.hpp).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sim/model/hall.hpp"

namespace motcua::sim {

// One call of a recorded ticket. `ended` is missing for a visit the day did not end (one the
// server closed at the next day's start counts as not ended).
struct recorded_visit {
  domain::service_id service = 0;
  domain::counter_id counter = 0;
  minutes called = 0;
  std::optional<minutes> ended;
  enum class end { done, no_show, transferred, open } how = end::open;
};

// "done", "no_show", "transferred", "open" (the wire's recorded_visit_view::end), and back.
std::string_view to_string(recorded_visit::end e);
std::optional<recorded_visit::end> parse_visit_end(std::string_view s);

struct recorded_ticket {
  minutes issued = 0;  // an appointment: its check-in
  domain::service_id service = 0;
  domain::priority priority = domain::priority::none;
  bool cancelled = false;   // given up (or left waiting at the day's end) before any call
  std::optional<int> told;  // the wait it was told at issue (schema 11 on)
  std::vector<recorded_visit> visits;  // in call order
};

// A counter's state from `at`: open (calling for `services`) or not (paused or closed).
struct counter_change {
  minutes at = 0;
  domain::counter_id counter = 0;
  bool open = false;
  std::vector<domain::service_id> services;
};

struct recorded_day {
  std::vector<recorded_ticket> tickets;  // by issue time
  std::vector<counter_change> counters;  // by time
};

// What the simulation needs to play the day again, and the day as it was.
struct replay {
  std::vector<arrival> arrivals;   // the tickets called or left waiting; not those given up
  std::vector<counter_plan> plan;  // one entry per spell a counter was open
  hall_rules rules;                // no-show minutes: the day's mean (2 when it had none)
  day_result recorded;             // the recorded visits in the model's terms
};

// Each ticket's visit times as recorded: the first visit's length (call to end) is its service
// time; a no-show's first call, a no-show; a visit ended by a transfer sends the ticket on to
// the next visit's service for that visit's length (a third visit and later are left out). A
// visit not ended that day counts the day's mean finished visit of its service (10 minutes
// without any) and is left out of the no-shows' mean. A counter still open at the end of the
// record (closed by the next day's start, or open now) is open until the record's last moment
// (the last call, end or change); one whose first change closes it was open from its first
// recorded call.
replay replay_of(const recorded_day& day);

}  // namespace motcua::sim
