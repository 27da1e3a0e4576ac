// The province hub's sender (issue 15; README "A province of centres"): a thread of its own that
// pushes the hub outbox (store/hub_outbox_store.hpp) to the hub in seq order, one batch in flight
// (back-pressure: the next batch leaves when the hub has answered the last one), and deletes what
// the hub says it holds. The engine never waits on the hub: the hall and the centre's own
// dossiers work the same while the hub or the network is down, and the outbox catches up after.
//
// Each time it (re)connects it first pushes an empty batch to learn what the hub holds:
// - the hub holds less than it acknowledged before (a hub restored from a backup, or a new hub):
//   a snapshot (engine/province_feed.hpp) gives it every row again;
// - the hub holds seqs this centre never gave (this centre's database restored from a backup):
//   the waiting records are numbered after them, and a snapshot follows;
// - else what the hub holds is deleted here.
// The snapshot is written in parts, each when fewer than a batch wait, so it never floods the
// outbox. When more than `max_pending` records wait (the hub unreachable for days), the oldest
// are dropped and a snapshot is due instead. /metrics shows the records waiting and the age of
// the oldest (motcua_hub_outbox_records, motcua_hub_lag_seconds).
//
// A push the hub refuses for what it carries (its JSON error `invalid`, `bad_request` or
// `forbidden`: nothing of it applied) is sent again one record at a time, and a record refused on
// its own, while an empty push is still taken, is set aside: moved to the table hub_refused with
// the hub's reason, logged (its seq, kind and the reason, no personal data) and counted
// (motcua_hub_refused_records), so that the records after it still reach the hub. Twenty in a row
// and none taken: the fault is not the records', and no more are set aside.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/config/config.hpp"
#include "server/engine/province_feed.hpp"
#include "server/metrics/metrics.hpp"
#include "server/province/endpoint.hpp"
#include "server/store/database.hpp"
#include "server/store/hub_outbox_store.hpp"
#include "shared/domain/clock.hpp"
#include "shared/os/worker.hpp"

namespace motcua::province {

class sender {
 public:
  sender(const config::settings& settings, const std::string& db_path, const domain::clock& clock,
         metrics::registry& metrics);
  ~sender();
  sender(const sender&) = delete;
  sender& operator=(const sender&) = delete;

  void start();
  void stop();  // finishes the push in progress, then joins

 private:
  // One step and the figures; the pause before the next turn (the back-off after a failure).
  std::chrono::milliseconds turn();
  // One step: learn what the hub holds (after a (re)connect), write a snapshot part, or push a
  // batch. False when there was nothing to do.
  bool step();
  // POSTs `body` and returns the hub's applied_through (also with 409: the hub holds less than
  // the push's `after`, and applied nothing); throws `refused` when the hub refuses what it
  // carries, another exception when the hub cannot be reached or does not take it now.
  std::int64_t push(std::string body);
  struct refused : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  // A push of `waiting` (at least one record) refused: its records sent again one at a time, or
  // the one record set aside.
  void refused_push(const std::vector<store::outbox_record>& waiting, const refused& e);
  // A record that cannot reach the hub: into hub_refused, logged.
  void set_aside(const store::outbox_record& r, const std::string& why);
  // What the hub holds (after a (re)connect) against what this outbox knows.
  void reconcile(std::int64_t hub_holds);
  void count();

  const config::settings& settings_;
  const config::province_hub& hub_;
  const domain::clock& clock_;
  metrics::registry& metrics_;
  store::database db_;
  store::hub_outbox_store outbox_;
  endpoint hub_at_;
  engine::province_snapshot snapshot_;
  bool reconciled_ = false;                          // since the last failure
  std::chrono::steady_clock::time_point last_push_;  // for the heartbeat
  int failures_ = 0;                                 // in a row: the back-off
  std::int64_t one_by_one_through_ = 0;  // the records of a refused push, sent one at a time
  int set_aside_in_a_row_ = 0;           // since a push was last taken with records
  os::worker worker_;
};

}  // namespace motcua::province
