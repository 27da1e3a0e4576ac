// The simulation's input files (JSON): a hall profile and a staffing plan. A file that cannot be
// read, or a field that is missing or wrong, throws std::runtime_error naming the file and the
// field. Ids are unique, a transfer goes to a service of the profile, a counter's shifts do not
// overlap; a day holds at most 200,000 citizens and 1,000 counters.
#pragma once

#include <string>
#include <vector>

#include "sim/model/profile.hpp"

namespace motcua::sim {

// {"services": [{"id": 1, "arrivals_per_hour": {"8": 30, "9": 42}, "mean_service_minutes": 12,
//   "service_cv": 0.6, "priority_share": 0.1, "no_show_share": 0.05,
//   "transfer": {"to": 2, "share": 0.1, "mean_minutes": 5}, "target_wait_minutes": 15,
//   "month_end_factor": 1.4, "prefix": "A"}],
//  "calendar": {"weekday_factors": [1.3, 1.1, 1, 1, 0.9, 1, 1], "month_end_from_day": 25,
//   "before_tet_days": 21, "before_tet_factor": 1.5}}
// (`prefix` defaults to A, B, … in the file's order; `calendar` to these values.)
hall_profile read_profile(const std::string& path);
// {"counters": [{"id": 1, "services": [1, 2], "shifts": [["07:30", "11:30"], ["13:00", "17:00"]]}]}
std::vector<counter_plan> read_plan(const std::string& path);

}  // namespace motcua::sim
