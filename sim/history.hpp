// A written history for the demo and the tests (issue 16): days of the hall simulated from a
// profile and a plan, stored in a server database as the server stores its own days, so the
// dashboard, the estimate figures and the replay (history_store) read them like recorded days.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/profile.hpp"

namespace motcua::sim {

struct history_request {
  std::string db;  // a server database (created or migrated as the server would)
  std::chrono::year_month_day from;
  int days = 28;  // calendar days from `from`; only working days get a history
  std::uint64_t seed = 1;
  hall_profile profile;
  std::vector<counter_plan> plan;
  hall_rules rules;
};

// Writes each working day (Labour Code holidays, weekends off) that has no tickets yet, in one
// transaction per day: its tickets (with the wait each was told), their visits, and the
// counters' openings and closings in the audit log. Clerks are named "clerk1".. by counter id.
// Returns the days written; days already holding tickets are left as they are.
int write_history(const history_request& r);

}  // namespace motcua::sim
