// The audit log: every state change, appended (who, what, when, before and
// after) and never updated or deleted. Each entry's hash covers its own
// fields and the previous entry's hash, so an edit, a deletion in the middle
// or a truncation of the tail is detectable by `verify_audit`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/store/database.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::engine {

struct audit_entry {
  domain::time_point at;
  std::string actor;   // username or device name, "system" for the server itself
  std::string action;  // "take_ticket", "call_ticket", "day_closed", ...
  std::string entity;  // "ticket:42", "counter:3", "session:clerk1"
  std::string before;  // JSON of the entity before ("" when created)
  std::string after;   // JSON of the entity after
  std::string reason;  // required for out-of-order calls and transfers
};

// Appends entries inside the caller's transaction. Engine thread only.
class audit_log {
 public:
  explicit audit_log(store::database& db);
  void append(const audit_entry& e);
  // Commits `tx` with the last entry's number recorded in it (by which verify_audit finds a
  // deleted tail): once per transaction, not per entry. Every transaction that may append
  // commits through here.
  void commit(store::transaction& tx);
  // Re-reads the chain head after a rolled-back transaction.
  void reload();

 private:
  store::database& db_;
  store::statement insert_;
  store::statement set_head_;
  std::int64_t last_id_ = 0;
  std::int64_t head_ = 0;  // the last entry's number as meta records it
  std::string last_hash_;
};

struct audit_verdict {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> broken_at;  // first entry id that does not verify
  std::string problem;
};

// Recomputes the whole chain.
audit_verdict verify_audit(store::database& db);

}  // namespace motcua::engine
