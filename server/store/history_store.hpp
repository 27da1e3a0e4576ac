// A recorded day for the simulation (issue 16): the day's tickets with their visits, and the
// counters' openings, pauses and closings from the audit log, in the model's terms
// (sim/model/recorded.hpp). Reads only; the caller may hold a transaction for a consistent view.
#pragma once

#include <string>

#include "server/store/database.hpp"
#include "shared/domain/clock.hpp"
#include "sim/model/recorded.hpp"

namespace motcua::store {

// The business day `day` (YYYY-MM-DD) that began at `day_start`; times in minutes from it.
sim::recorded_day read_recorded_day(database& db, const std::string& day,
                                    domain::time_point day_start);

}  // namespace motcua::store
