#include "server/store/report_store.hpp"

#include "server/store/millis.hpp"

namespace motcua::store {

report_store::report_store(database& db) : db_(db) {}

std::vector<protocol::counter_figures> report_store::counters(time_point from, time_point to) {
  auto q = db_.prepare(
      "SELECT counter, SUM(end_state = 'done'), "
      "COALESCE(AVG(CASE WHEN end_state = 'done' THEN ended_at - started_at END), 0) / 1000 "
      "FROM visits WHERE called_at >= ? AND called_at < ? GROUP BY counter ORDER BY counter");
  q.bind(1, ms(from)).bind(2, ms(to));
  std::vector<protocol::counter_figures> out;
  while (q.step())
    out.push_back({q.int64(0), "", static_cast<int>(q.int64(1)), static_cast<int>(q.int64(2))});
  return out;
}

std::vector<dossier_timing> report_store::dossiers(time_point from, time_point to) {
  auto q = db_.prepare(
      "SELECT procedure, status, received_at, due_at, finished_at, supplements FROM dossiers "
      "WHERE received_at >= ? AND received_at < ?");
  q.bind(1, ms(from)).bind(2, ms(to));
  std::vector<dossier_timing> out;
  while (q.step()) {
    auto finished = q.optional_int64(4);
    out.push_back({q.int64(0), q.text(1), at_ms(q.int64(2)), at_ms(q.int64(3)),
                   finished ? std::optional(at_ms(*finished)) : std::nullopt,
                   static_cast<int>(q.int64(5))});
  }
  return out;
}

std::vector<protocol::hour_figures> report_store::hourly(time_point from, time_point to,
                                                         std::chrono::minutes offset) {
  auto q = db_.prepare(R"sql(
SELECT hour, SUM(issued), SUM(served) FROM (
  SELECT ((issued_at + ?1) / 3600000) % 24 AS hour, 1 AS issued, 0 AS served
  FROM tickets WHERE issued_at >= ?2 AND issued_at < ?3
  UNION ALL
  SELECT ((ended_at + ?1) / 3600000) % 24, 0, 1
  FROM visits WHERE end_state = 'done' AND ended_at >= ?2 AND ended_at < ?3)
GROUP BY hour ORDER BY hour)sql");
  q.bind(1, std::chrono::milliseconds{offset}.count()).bind(2, ms(from)).bind(3, ms(to));
  std::vector<protocol::hour_figures> out;
  while (q.step())
    out.push_back(
        {static_cast<int>(q.int64(0)), static_cast<int>(q.int64(1)), static_cast<int>(q.int64(2))});
  return out;
}

protocol::open_dossier_figures report_store::open_dossiers(time_point now, time_point soon) {
  auto q = db_.prepare(
      "SELECT COUNT(*), COALESCE(SUM(due_at >= ?1 AND due_at < ?2), 0), "
      "COALESCE(SUM(due_at < ?1), 0) FROM dossiers WHERE finished_at IS NULL");
  q.bind(1, ms(now)).bind(2, ms(soon));
  q.step();
  return {static_cast<int>(q.int64(0)), static_cast<int>(q.int64(1)), static_cast<int>(q.int64(2))};
}

protocol::booking_figures report_store::booking_counts(time_point from, time_point to) {
  auto q = db_.prepare(
      "SELECT status, COUNT(*) FROM bookings WHERE start_at >= ? AND start_at < ? GROUP BY status");
  q.bind(1, ms(from)).bind(2, ms(to));
  protocol::booking_figures out;
  while (q.step()) {
    const auto n = static_cast<int>(q.int64(1));
    switch (domain::parse_booking_status(q.text(0)).value_or(domain::booking_status::cancelled)) {
      case domain::booking_status::booked:
        out.booked = n;
        break;
      case domain::booking_status::checked_in:
        out.checked_in = n;
        break;
      case domain::booking_status::missed:
        out.missed = n;
        break;
      case domain::booking_status::cancelled:
        out.cancelled = n;
        break;
    }
  }
  return out;
}

std::vector<int> report_store::rating_counts(time_point from, time_point to, int scale) {
  std::vector<int> counts(static_cast<std::size_t>(scale), 0);
  auto q = db_.prepare(
      "SELECT level, COUNT(*) FROM ratings WHERE at >= ? AND at < ? AND "
      "scale = ? GROUP BY level");
  q.bind(1, ms(from)).bind(2, ms(to)).bind(3, scale);
  while (q.step()) {
    auto level = q.int64(0);
    if (level >= 1 && level <= scale)
      counts[static_cast<std::size_t>(level - 1)] = static_cast<int>(q.int64(1));
  }
  return counts;
}

std::vector<std::pair<std::int64_t, rating_record>> report_store::ratings_after(std::int64_t id,
                                                                                int limit) {
  auto q = db_.prepare(
      "SELECT id, at, day, request_key, counter, clerk, ticket, dossier, level, scale "
      "FROM ratings WHERE id > ? ORDER BY id LIMIT ?");
  q.bind(1, id).bind(2, limit);
  std::vector<std::pair<std::int64_t, rating_record>> out;
  while (q.step())
    out.emplace_back(q.int64(0),
                     rating_record{at_ms(q.int64(1)), q.text(2), q.text(3), q.int64(4),
                                   q.optional_text(5), q.optional_int64(6), q.optional_text(7),
                                   static_cast<int>(q.int64(8)), static_cast<int>(q.int64(9))});
  return out;
}

std::int64_t report_store::add_rating(const rating_record& r) {
  auto existing = db_.prepare("SELECT id FROM ratings WHERE day = ? AND request_key = ?");
  existing.bind(1, r.day).bind(2, r.request_key);
  if (existing.step()) return existing.int64(0);
  db_.prepare(
         "INSERT INTO ratings (at, day, request_key, counter, clerk, ticket, dossier, level, "
         "scale) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, ms(r.at))
      .bind(2, r.day)
      .bind(3, r.request_key)
      .bind(4, r.counter)
      .bind(5, r.clerk)
      .bind(6, r.ticket)
      .bind(7, r.dossier)
      .bind(8, r.level)
      .bind(9, r.scale)
      .run();
  return db_.last_insert_rowid();
}

}  // namespace motcua::store
