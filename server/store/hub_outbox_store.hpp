// SQL for the province hub's outbox (issue 15): the `hub_outbox` rows (schema 13). The engine
// appends a record in the transaction of the change it describes; the hub sender
// (server/province) reads them in seq order on a connection of its own, and deletes them once
// the hub says it holds them. Two meta values: `hub_acked` (the last seq the hub said it holds)
// and `hub_snapshot` / `hub_snapshot_after` (the snapshot's cursor: engine/province_feed.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/store/database.hpp"
#include "server/store/records.hpp"

namespace motcua::store {

struct outbox_record {
  std::int64_t seq = 0;
  time_point at;
  std::string kind;  // protocol::province::kind_of
  std::string body;  // protocol::province::encode_body
};

class hub_outbox_store {
 public:
  explicit hub_outbox_store(database& db);

  // Appends a record; its seq is the next one, never used before.
  std::int64_t append(time_point at, std::string_view kind, std::string_view body);
  // The records after `seq`, oldest first, at most `limit`.
  std::vector<outbox_record> after(std::int64_t seq, int limit);
  // How many records wait, and the time of the oldest one (none when none waits).
  std::int64_t pending();
  std::optional<time_point> oldest();
  // The hub holds every record up to `seq`: they are deleted and `hub_acked` set.
  void acknowledge(std::int64_t seq);
  std::int64_t acked();
  // Deletes the oldest records until at most `keep` wait (the outbox's bound: the hub is given a
  // snapshot instead).
  void drop_oldest(std::int64_t keep);
  // Moves the oldest record, `seq`, to hub_refused with the hub's `reason` (the hub refuses it on
  // its own: province::sender::set_aside).
  void set_aside(std::int64_t seq, time_point now, std::string_view reason);
  std::int64_t refused();  // how many hub_refused holds
  // For once the hub takes what it refused: empties hub_refused and starts a snapshot, in one
  // transaction, so that the hub is sent every row again as it is now (not the records set aside,
  // which a later change of the same row may have overtaken). Returns how many were set aside;
  // none: nothing done.
  std::int64_t resend_refused();
  // Where the snapshot is: its part (0: no snapshot due) and the last id it wrote of it.
  struct cursor {
    int part = 0;
    std::int64_t after = 0;
  };
  cursor snapshot();
  void set_snapshot(cursor c);
  // The highest seq ever given (also of deleted records).
  std::int64_t last_seq();
  // Gives the records waiting new seqs after `seq`, in their order: the hub already holds seqs
  // up to it from before this database was restored from a backup.
  void renumber_after(std::int64_t seq);

 private:
  database& db_;
  statement append_;
};

}  // namespace motcua::store
