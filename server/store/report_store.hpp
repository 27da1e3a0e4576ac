// SQL for the figures managers read (get_stats) and for the satisfaction
// ratings. Prepared statements; the caller owns the transaction. Engine
// thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/store/database.hpp"
#include "server/store/history_store.hpp"
#include "server/store/records.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::store {

// What the on-time figures need of a dossier (docs/domain.md "On-time figures and satisfaction").
struct dossier_timing {
  std::int64_t procedure = 0;
  std::string status;
  time_point received_at;
  time_point due_at;
  std::optional<time_point> finished_at;
  int supplements = 0;
};

struct rating_record {
  time_point at;
  std::string day;
  std::string request_key;
  counter_id counter = 0;
  std::optional<std::string> clerk;
  std::optional<ticket_id> ticket;
  std::optional<std::string> dossier;
  int level = 0;
  int scale = 3;
};

class report_store {
 public:
  explicit report_store(database& db);

  // Per counter: tickets finished and their average service time, for visits
  // called in [from, to).
  std::vector<protocol::counter_figures> counters(time_point from, time_point to);
  // Dossiers received in [from, to).
  std::vector<dossier_timing> dossiers(time_point from, time_point to);
  // Tickets issued and visits finished in [from, to), per hour of the local
  // day (`offset` from UTC), hours without any left out, in order.
  std::vector<protocol::hour_figures> hourly(time_point from, time_point to,
                                             std::chrono::minutes offset);
  // Dossiers not finished at `now` (any reception date): how many, how many
  // due before `soon`, how many past due.
  protocol::open_dossier_figures open_dossiers(time_point now, time_point soon);
  // The bookings whose slot starts in [from, to), by status now (the waits are left at zero).
  protocol::booking_figures booking_counts(time_point from, time_point to);
  // Ratings given in [from, to): how many at each level 1..scale.
  std::vector<int> rating_counts(time_point from, time_point to, int scale);

  // The day `day` (YYYY-MM-DD) that began at `start`, for the simulation (history_store.hpp).
  sim::recorded_day recorded_day(const std::string& day, time_point start) {
    return read_recorded_day(db_, day, start);
  }

  // Idempotent on (day, request_key): the existing rating's id, or the new one's.
  std::int64_t add_rating(const rating_record& r);
  // The ratings with an id above `id`, by id, at most `limit` (the hub's snapshot, in parts).
  std::vector<std::pair<std::int64_t, rating_record>> ratings_after(std::int64_t id, int limit);

 private:
  database& db_;
};

}  // namespace motcua::store
