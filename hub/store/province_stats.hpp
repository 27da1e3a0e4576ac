// The province dashboard's figures (issue 15; get_province_stats), computed by PostgreSQL from
// the province copy in a few grouped statements (GROUPING SETS give each centre's row and the
// province's in one pass):
// - the queue: waiting now and the longest wait now (today's tickets still `waiting`), tickets
//   issued and served (`done`) in the period, and the 90th percentile (nearest rank) of the waits
//   from issue to call of the period's tickets called;
// - the dossiers: those received in the month to date and, of those, the ones on time (finished
//   by their due time, or not finished and not yet due: the centre's own rule, without its
//   supplement count, which the province copy does not hold), and the open ones past their due
//   time now, whenever received;
// - the drill-down (`centre`): that centre's services and procedures and its late dossiers;
//   without it, the procedures and late dossiers of the whole province.
// Days are business days in Hà Nội's time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "hub/store/pg.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::hub::store {

struct stats_query {
  std::string from;                    // YYYY-MM-DD, the period's first day
  std::string to;                      // YYYY-MM-DD, the day after its last
  std::string month_from;              // YYYY-MM-DD, the on-time figures' first day
  std::string today;                   // YYYY-MM-DD
  std::string now;                     // ISO 8601 with offset
  std::optional<std::int64_t> centre;  // the drill-down's centre (its id)
};

// The late dossiers listed at most (late_total counts them all).
inline constexpr int late_listed = 200;

// Throws pg::error.
protocol::province_stats_result province_stats(pg::connection& db, const stats_query& q);

}  // namespace motcua::hub::store
