// A day in the hall, simulated: tickets arrive, counters open and close by a staffing plan, and
// each free counter calls the next ticket by the engine's own rule (domain::waiting_lines, the
// same code as the server's call_next: priority groups, appointments in a row, transfers keeping
// their place). Discrete events in simulated minutes; deterministic: the same arrivals and plan
// give the same result (ties go to the earlier event, then the lower ticket or counter id).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "shared/domain/due_time.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::sim {

// Times are minutes after the simulated day's midnight, business time (8:30 is 510).
using minutes = double;
constexpr minutes never = std::numeric_limits<double>::infinity();

// One citizen taking a ticket, and what then happens to it.
struct arrival {
  minutes at = 0;
  domain::service_id service = 0;
  domain::priority priority = domain::priority::none;
  minutes service_minutes = 0;  // at the counter, once the citizen is there
  bool no_show = false;         // called, never comes: the counter waits rules::no_show_minutes
  // Sent on to another service after it (keeping its place by issue time), served there for
  // transfer_minutes.
  std::optional<domain::service_id> transfer_to;
  minutes transfer_minutes = 0;
};

// A citizen who comes at `at` and is served once, for `service_minutes`.
inline arrival citizen(minutes at, domain::service_id service, minutes service_minutes,
                       domain::priority p = domain::priority::none) {
  arrival a;
  a.at = at;
  a.service = service;
  a.priority = p;
  a.service_minutes = service_minutes;
  return a;
}

// A counter's hours: it calls tickets of its services while a shift is on, and finishes the
// citizen in front of it when the shift ends.
struct shift {
  minutes from = 0, to = never;
  bool operator==(const shift&) const = default;
};
struct counter_plan {
  domain::counter_id id = 0;
  std::vector<domain::service_id> services;
  std::vector<shift> shifts;
};

struct hall_rules {
  minutes no_show_minutes = 2;    // a call, its recalls and the wait before the next call
  int appointments_in_a_row = 2;  // as config::settings::appointments_in_a_row
  // The estimate each citizen is told at arrival (domain/wait_estimate.hpp, as the server):
  // the latest `eta_samples` service times of the service, or its expected minutes before any.
  int eta_samples = 20;                                            // config::settings::eta_samples
  std::map<domain::service_id, minutes> expected_service_minutes;  // missing: 10
  // The centre's opening hours (config `hours`): the estimate puts a call due in a closed spell
  // after it, as the server's. None: always open (config `always_open`), as the demo.
  std::optional<domain::office_hours> opening_hours;
};

// One call of a ticket at a counter: a visit. `joined` is when it entered the line it was
// called from (its issue, or its transfer).
struct visit {
  std::size_t arrival = 0;  // index into the arrivals
  domain::service_id service = 0;
  domain::counter_id counter = 0;
  minutes joined = 0, called = 0, ended = 0;
  bool no_show = false;
  bool transferred = false;  // a second visit, after a transfer
  minutes wait() const { return called - joined; }
};

// A ticket still waiting when every counter had closed.
struct left_waiting {
  std::size_t arrival = 0;
  domain::service_id service = 0;
  minutes joined = 0;
  bool operator==(const left_waiting&) const = default;
};

struct day_result {
  std::vector<visit> visits;           // in the order of their calls
  std::vector<int> told;               // per arrival: the wait it was told, whole minutes
  std::vector<left_waiting> unserved;  // by arrival
  // Per counter of the plan (same order): minutes on shift (a shift without end counts to the
  // day's last event; shifts of a counter must not overlap), minutes busy with a citizen (also
  // finishing one after the shift's end, so busy may exceed open).
  std::vector<minutes> open_minutes, busy_minutes;
};

// Runs the day: `arrivals` sorted by time or not (they are taken in time order, ties by index).
day_result simulate(const std::vector<arrival>& arrivals, const std::vector<counter_plan>& plan,
                    const hall_rules& rules = {});

}  // namespace motcua::sim
