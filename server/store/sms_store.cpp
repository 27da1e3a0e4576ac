#include "server/store/sms_store.hpp"

#include <sqlite3.h>

#include "server/store/millis.hpp"

namespace motcua::store {
namespace {

constexpr std::string_view sms_select =
    "SELECT id, ticket, kind, phone, text, day, state, reason, attempts, next_attempt_at, answer, "
    "created_at, changed_at, dossier FROM sms_outbox ";

sms_record read_sms(const statement& q) {
  sms_record r;
  r.id = q.int64(0);
  r.ticket = q.optional_int64(1);
  r.kind = q.text(2);
  r.phone = q.text(3);
  r.text = q.text(4);
  r.day = q.text(5);
  r.state = q.text(6);
  r.reason = q.optional_text(7);
  r.attempts = static_cast<int>(q.int64(8));
  r.next_attempt_at = at_ms(q.int64(9));
  r.answer = q.optional_text(10);
  r.created_at = at_ms(q.int64(11));
  r.changed_at = at_ms(q.int64(12));
  r.dossier = q.optional_int64(13);
  return r;
}

}  // namespace

sms_store::sms_store(database& db) : db_(db) {}

bool sms_store::insert(sms_record& r) {
  auto q = db_.prepare(
      "INSERT INTO sms_outbox (ticket, kind, phone, text, day, state, reason, attempts, "
      "next_attempt_at, answer, created_at, changed_at, dossier) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (ticket, kind) DO NOTHING");
  q.bind(1, r.ticket)
      .bind(2, r.kind)
      .bind(3, r.phone)
      .bind(4, r.text)
      .bind(5, r.day)
      .bind(6, r.state)
      .bind(7, r.reason)
      .bind(8, r.attempts)
      .bind(9, ms(r.next_attempt_at))
      .bind(10, r.answer)
      .bind(11, ms(r.created_at))
      .bind(12, ms(r.changed_at))
      .bind(13, r.dossier);
  q.run();
  if (sqlite3_changes(db_.handle()) == 0) return false;
  r.id = db_.last_insert_rowid();
  return true;
}

bool sms_store::has(ticket_id ticket, const std::string& kind) {
  auto q = db_.prepare("SELECT 1 FROM sms_outbox WHERE ticket = ? AND kind = ?");
  q.bind(1, ticket).bind(2, kind);
  return q.step();
}

int sms_store::counted(const std::string& phone, const std::string& day) {
  auto q = db_.prepare(
      "SELECT COUNT(*) FROM sms_outbox WHERE phone = ? AND day = ? AND state != 'skipped' "
      "AND ticket IS NOT NULL");
  q.bind(1, phone).bind(2, day);
  return q.step() ? static_cast<int>(q.int64(0)) : 0;
}

std::optional<sms_record> sms_store::next_due(time_point now) {
  auto q = db_.prepare(std::string(sms_select) +
                       "WHERE state = 'queued' AND next_attempt_at <= ? "
                       "ORDER BY next_attempt_at, id LIMIT 1");
  q.bind(1, ms(now));
  if (!q.step()) return std::nullopt;
  return read_sms(q);
}

int sms_store::requeue_sending(time_point now) {
  db_.prepare(
         "UPDATE sms_outbox SET state = 'queued', next_attempt_at = ?, changed_at = ? "
         "WHERE state = 'sending'")
      .bind(1, ms(now))
      .bind(2, ms(now))
      .run();
  return sqlite3_changes(db_.handle());
}

bool sms_store::update(const sms_record& r, std::string_view from) {
  db_.prepare(
         "UPDATE sms_outbox SET state = ?, reason = ?, attempts = ?, next_attempt_at = ?, "
         "answer = ?, changed_at = ? WHERE id = ? AND state = ?")
      .bind(1, r.state)
      .bind(2, r.reason)
      .bind(3, r.attempts)
      .bind(4, ms(r.next_attempt_at))
      .bind(5, r.answer)
      .bind(6, ms(r.changed_at))
      .bind(7, r.id)
      .bind(8, from)
      .run();
  return sqlite3_changes(db_.handle()) > 0;
}

std::optional<sms_record> sms_store::find(std::int64_t id) {
  auto q = db_.prepare(std::string(sms_select) + "WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_sms(q);
}

std::vector<sms_record> sms_store::of_ticket(ticket_id ticket) {
  auto q = db_.prepare(std::string(sms_select) + "WHERE ticket = ? ORDER BY id");
  q.bind(1, ticket);
  std::vector<sms_record> out;
  while (q.step()) out.push_back(read_sms(q));
  return out;
}

std::vector<sms_record> sms_store::of_dossier(std::int64_t dossier) {
  auto q = db_.prepare(std::string(sms_select) + "WHERE dossier = ? ORDER BY id");
  q.bind(1, dossier);
  std::vector<sms_record> out;
  while (q.step()) out.push_back(read_sms(q));
  return out;
}

std::vector<std::pair<std::string, int>> sms_store::states(const std::string& from_day,
                                                           const std::string& to_day) {
  auto q = db_.prepare(
      "SELECT state, COUNT(*) FROM sms_outbox WHERE day BETWEEN ? AND ? GROUP BY state "
      "ORDER BY state");
  q.bind(1, from_day).bind(2, to_day);
  std::vector<std::pair<std::string, int>> out;
  while (q.step()) out.emplace_back(q.text(0), static_cast<int>(q.int64(1)));
  return out;
}

std::vector<std::pair<std::string, int>> sms_store::states() {
  auto q = db_.prepare("SELECT state, COUNT(*) FROM sms_outbox GROUP BY state ORDER BY state");
  std::vector<std::pair<std::string, int>> out;
  while (q.step()) out.emplace_back(q.text(0), static_cast<int>(q.int64(1)));
  return out;
}

}  // namespace motcua::store
