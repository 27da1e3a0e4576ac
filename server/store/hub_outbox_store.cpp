#include "server/store/hub_outbox_store.hpp"

#include "server/store/millis.hpp"

namespace motcua::store {

hub_outbox_store::hub_outbox_store(database& db)
    : db_(db), append_(db.prepare("INSERT INTO hub_outbox (at, kind, body) VALUES (?, ?, ?)")) {}

std::int64_t hub_outbox_store::append(time_point at, std::string_view kind, std::string_view body) {
  append_.reset();
  append_.bind(1, ms(at)).bind(2, kind).bind(3, body).run();
  return db_.last_insert_rowid();
}

std::vector<outbox_record> hub_outbox_store::after(std::int64_t seq, int limit) {
  auto q =
      db_.prepare("SELECT seq, at, kind, body FROM hub_outbox WHERE seq > ? ORDER BY seq LIMIT ?");
  q.bind(1, seq).bind(2, limit);
  std::vector<outbox_record> out;
  while (q.step()) out.push_back({q.int64(0), at_ms(q.int64(1)), q.text(2), q.text(3)});
  return out;
}

std::int64_t hub_outbox_store::pending() {
  // The records waiting are the seqs from the oldest to the newest (only the oldest is ever
  // deleted: acknowledged, or set aside): two lookups of the key, not a scan of the table.
  auto q = db_.prepare("SELECT COALESCE(MAX(seq) - MIN(seq) + 1, 0) FROM hub_outbox");
  q.step();
  return q.int64(0);
}

std::optional<time_point> hub_outbox_store::oldest() {
  auto q = db_.prepare("SELECT at FROM hub_outbox ORDER BY seq LIMIT 1");
  if (!q.step()) return std::nullopt;
  return at_ms(q.int64(0));
}

void hub_outbox_store::acknowledge(std::int64_t seq) {
  db_.prepare("DELETE FROM hub_outbox WHERE seq <= ?").bind(1, seq).run();
  db_.prepare("UPDATE meta SET value = ? WHERE key = 'hub_acked'").bind(1, seq).run();
}

std::int64_t hub_outbox_store::acked() {
  auto q = db_.prepare("SELECT value FROM meta WHERE key = 'hub_acked'");
  return q.step() ? q.int64(0) : 0;
}

void hub_outbox_store::drop_oldest(std::int64_t keep) {
  db_.prepare("DELETE FROM hub_outbox WHERE seq <= (SELECT MAX(seq) FROM hub_outbox) - ?")
      .bind(1, keep)
      .run();
}

void hub_outbox_store::set_aside(std::int64_t seq, time_point now, std::string_view reason) {
  db_.prepare(
         "INSERT INTO hub_refused (seq, at, kind, body, refused_at, reason) "
         "SELECT seq, at, kind, body, ?, ? FROM hub_outbox WHERE seq = ?")
      .bind(1, ms(now))
      .bind(2, reason)
      .bind(3, seq)
      .run();
  db_.prepare("DELETE FROM hub_outbox WHERE seq = ?").bind(1, seq).run();
}

std::int64_t hub_outbox_store::refused() {
  auto q = db_.prepare("SELECT COUNT(*) FROM hub_refused");
  return q.step() ? q.int64(0) : 0;
}

std::int64_t hub_outbox_store::resend_refused() {
  transaction t(db_);
  const std::int64_t set_aside = refused();
  if (set_aside == 0) return 0;
  db_.prepare("DELETE FROM hub_refused").run();
  set_snapshot({1, 0});
  t.commit();
  return set_aside;
}

hub_outbox_store::cursor hub_outbox_store::snapshot() {
  auto q = db_.prepare(
      "SELECT (SELECT value FROM meta WHERE key = 'hub_snapshot'), "
      "(SELECT value FROM meta WHERE key = 'hub_snapshot_after')");
  q.step();
  return {static_cast<int>(q.int64(0)), q.int64(1)};
}

void hub_outbox_store::set_snapshot(cursor c) {
  db_.prepare("UPDATE meta SET value = ? WHERE key = 'hub_snapshot'").bind(1, c.part).run();
  db_.prepare("UPDATE meta SET value = ? WHERE key = 'hub_snapshot_after'").bind(1, c.after).run();
}

std::int64_t hub_outbox_store::last_seq() {
  auto q = db_.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'hub_outbox'");
  return q.step() ? q.int64(0) : 0;
}

void hub_outbox_store::renumber_after(std::int64_t seq) {
  // sqlite_sequence has a row for the table once a record was ever appended, and no key.
  if (db_.prepare("SELECT 1 FROM sqlite_sequence WHERE name = 'hub_outbox'").step())
    db_.prepare("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'hub_outbox'")
        .bind(1, seq)
        .run();
  else
    db_.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('hub_outbox', ?)")
        .bind(1, seq)
        .run();
  // Re-inserted in order, each takes the next seq after the raised counter.
  db_.exec(
      "CREATE TEMP TABLE hub_renumber AS SELECT at, kind, body FROM hub_outbox ORDER BY seq;"
      "DELETE FROM hub_outbox;"
      "INSERT INTO hub_outbox (at, kind, body) SELECT at, kind, body FROM hub_renumber "
      "ORDER BY rowid;"
      "DROP TABLE hub_renumber;");
}

}  // namespace motcua::store
