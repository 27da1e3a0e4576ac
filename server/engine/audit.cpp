#include "server/engine/audit.hpp"

#include <spdlog/spdlog.h>

#include "server/auth/crypto.hpp"
#include "server/store/millis.hpp"

namespace motcua::engine {
namespace {

const std::string genesis(64, '0');

std::string entry_hash(const std::string& prev_hash, std::int64_t id, std::int64_t at_ms,
                       const audit_entry& e) {
  // Unit separators keep field boundaries unambiguous.
  const std::string id_text = std::to_string(id), at_text = std::to_string(at_ms);
  const std::string_view fields[] = {id_text,  at_text,  e.actor, e.action,
                                     e.entity, e.before, e.after, e.reason};
  std::string material = prev_hash;
  for (auto field : fields) {
    material += '\x1f';
    material += field;
  }
  return auth::sha256_hex(material);
}

std::int64_t recorded_head(store::database& db) {
  auto head = db.prepare("SELECT value FROM meta WHERE key = 'audit_last_id'");
  return head.step() ? head.int64(0) : 0;
}

}  // namespace

audit_log::audit_log(store::database& db)
    : db_(db),
      insert_(db.prepare("INSERT INTO audit (id, at, actor, action, entity, before, after, "
                         "reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)")),
      set_head_(db.prepare("INSERT INTO meta (key, value) VALUES ('audit_last_id', ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
  reload();
  // The next commit records the real length: say so before that evidence is gone.
  if (head_ > last_id_)
    spdlog::critical(
        "audit log: {} entries were written but the log ends at entry {}: its tail was deleted "
        "(motcua-server --verify-audit); the length recorded from now on is the log's own",
        head_, last_id_);
}

void audit_log::reload() {
  auto q = db_.prepare("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
  bool any = q.step();
  last_id_ = any ? q.int64(0) : 0;
  last_hash_ = any ? q.text(1) : genesis;
  head_ = recorded_head(db_);
}

void audit_log::commit(store::transaction& tx) {
  if (head_ != last_id_) set_head_.bind(1, last_id_).run();
  tx.commit();
  head_ = last_id_;
}

void audit_log::append(const audit_entry& e) {
  std::int64_t next_id = last_id_ + 1;
  std::string hash = entry_hash(last_hash_, next_id, store::ms(e.at), e);
  insert_.bind(1, next_id)
      .bind(2, store::ms(e.at))
      .bind(3, e.actor)
      .bind(4, e.action)
      .bind(5, e.entity)
      .bind(6, e.before)
      .bind(7, e.after)
      .bind(8, e.reason)
      .bind(9, last_hash_)
      .bind(10, hash);
  insert_.run();
  last_id_ = next_id;
  last_hash_ = std::move(hash);
}

audit_verdict verify_audit(store::database& db) {
  audit_verdict v;
  auto broken = [&](std::int64_t id, std::string problem) {
    v.ok = false;
    v.broken_at = id;
    v.problem = std::move(problem);
    return v;
  };
  std::string prev = genesis;
  std::int64_t expected_id = 1;
  auto q = db.prepare(
      "SELECT id, at, actor, action, entity, before, after, reason, prev_hash, "
      "hash FROM audit ORDER BY id");
  while (q.step()) {
    std::int64_t id = q.int64(0);
    if (id != expected_id)
      return broken(expected_id, "entry " + std::to_string(expected_id) + " is missing");
    audit_entry e{
        store::at_ms(q.int64(1)), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)};
    if (q.text(8) != prev)
      return broken(id, "entry " + std::to_string(id) + " does not follow the previous entry");
    std::string hash = entry_hash(prev, id, q.int64(1), e);
    if (hash != q.text(9))
      return broken(id, "entry " + std::to_string(id) + " was altered (hash mismatch)");
    prev = std::move(hash);
    ++expected_id;
    ++v.entries;
  }
  const std::int64_t recorded = recorded_head(db);
  if (recorded != v.entries)
    return broken(v.entries + 1, "the log ends at entry " + std::to_string(v.entries) + " but " +
                                     std::to_string(recorded) +
                                     " entries were written: the tail was deleted");
  return v;
}

}  // namespace motcua::engine
