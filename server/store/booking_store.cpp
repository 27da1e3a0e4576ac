#include "server/store/booking_store.hpp"

#include "server/store/millis.hpp"

namespace motcua::store {
namespace {

constexpr std::string_view booking_columns =
    "id, code, token_hash, sealed_token, request_hash, service, procedure, start_at, end_at, "
    "full_name, phone, id_number, lang, status, booked_by, created_at, changed_at, "
    "cancel_reason, ticket";

booking_record read_booking(const statement& q) {
  booking_record b;
  b.id = q.int64(0);
  b.code = q.text(1);
  b.token_hash = q.text(2);
  b.sealed_token = q.text(3);
  b.request_hash = q.text(4);
  b.service = q.int64(5);
  b.procedure = q.optional_int64(6);
  b.start = at_ms(q.int64(7));
  b.end = at_ms(q.int64(8));
  b.full_name = q.text(9);
  b.phone = q.text(10);
  b.id_number = q.optional_text(11);
  b.lang = q.text(12);
  b.status = domain::parse_booking_status(q.text(13)).value_or(domain::booking_status::cancelled);
  b.booked_by = q.text(14);
  b.created_at = at_ms(q.int64(15));
  b.changed_at = at_ms(q.int64(16));
  b.cancel_reason = q.optional_text(17);
  b.ticket = q.optional_int64(18);
  return b;
}

// The statuses that hold a place in their slot.
constexpr std::string_view holding = "status IN ('booked', 'checked_in')";

}  // namespace

booking_store::booking_store(database& db)
    : db_(db),
      insert_(db.prepare("INSERT INTO bookings (" + std::string(booking_columns) +
                         ") VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      update_(db.prepare(
          "UPDATE bookings SET status = ?, changed_at = ?, cancel_reason = ?, ticket = ?, "
          "start_at = ?, end_at = ? WHERE id = ?")),
      held_(db.prepare("SELECT start_at, COUNT(*) FROM bookings WHERE service = ? AND "
                       "start_at >= ? AND start_at < ? AND " +
                       std::string(holding) + " GROUP BY start_at")) {}

void booking_store::insert(booking_record& b) {
  insert_.bind(1, b.code)
      .bind(2, b.token_hash)
      .bind(3, b.sealed_token)
      .bind(4, b.request_hash)
      .bind(5, b.service)
      .bind(6, b.procedure)
      .bind(7, ms(b.start))
      .bind(8, ms(b.end))
      .bind(9, b.full_name)
      .bind(10, b.phone)
      .bind(11, b.id_number)
      .bind(12, b.lang)
      .bind(13, domain::to_string(b.status))
      .bind(14, b.booked_by)
      .bind(15, ms(b.created_at))
      .bind(16, ms(b.changed_at))
      .bind(17, b.cancel_reason)
      .bind(18, b.ticket)
      .run();
  b.id = db_.last_insert_rowid();
}

void booking_store::update(const booking_record& b) {
  update_.bind(1, domain::to_string(b.status))
      .bind(2, ms(b.changed_at))
      .bind(3, b.cancel_reason)
      .bind(4, b.ticket)
      .bind(5, ms(b.start))
      .bind(6, ms(b.end))
      .bind(7, b.id)
      .run();
}

template <class Bind>
std::vector<booking_record> booking_store::select(std::string_view where, Bind bind) {
  auto q = db_.prepare("SELECT " + std::string(booking_columns) + " FROM bookings WHERE " +
                       std::string(where) + " ORDER BY start_at, id");
  bind(q);
  std::vector<booking_record> out;
  while (q.step()) out.push_back(read_booking(q));
  return out;
}

std::optional<booking_record> booking_store::find_by_code(const std::string& code) {
  auto found = select("code = ?", [&](statement& q) { q.bind(1, code); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<booking_record> booking_store::find_by_request(const std::string& request_hash) {
  auto found = select("request_hash = ?", [&](statement& q) { q.bind(1, request_hash); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

domain::held_bookings booking_store::held(service_id service, time_point from, time_point to) {
  held_.bind(1, service).bind(2, ms(from)).bind(3, ms(to));
  domain::held_bookings out;
  while (held_.step()) out[at_ms(held_.int64(0))] = static_cast<int>(held_.int64(1));
  held_.reset();
  return out;
}

std::vector<booking_record> booking_store::starting(time_point from, time_point to,
                                                    std::optional<service_id> service) {
  if (!service)
    return select("start_at >= ? AND start_at < ?",
                  [&](statement& q) { q.bind(1, ms(from)).bind(2, ms(to)); });
  return select("service = ? AND start_at >= ? AND start_at < ?",
                [&](statement& q) { q.bind(1, *service).bind(2, ms(from)).bind(3, ms(to)); });
}

std::vector<booking_record> booking_store::of_phone(const std::string& phone, time_point from,
                                                    time_point to) {
  return select("phone = ? AND start_at >= ? AND start_at < ?",
                [&](statement& q) { q.bind(1, phone).bind(2, ms(from)).bind(3, ms(to)); });
}

int booking_store::active_of_phone(const std::string& phone, service_id service) {
  auto q = db_.prepare(
      "SELECT COUNT(*) FROM bookings WHERE phone = ? AND service = ? AND status = 'booked'");
  q.bind(1, phone).bind(2, service);
  q.step();
  return static_cast<int>(q.int64(0));
}

std::vector<time_point> booking_store::made_since(const std::string& phone,
                                                  std::string_view booked_by, time_point since) {
  auto q = db_.prepare(
      "SELECT created_at FROM bookings WHERE phone = ? AND booked_by = ? AND created_at >= ? "
      "ORDER BY created_at");
  q.bind(1, phone).bind(2, booked_by).bind(3, ms(since));
  std::vector<time_point> out;
  while (q.step()) out.push_back(at_ms(q.int64(0)));
  return out;
}

std::vector<booking_record> booking_store::booked_before(time_point before) {
  return select("status = 'booked' AND start_at < ?", [&](statement& q) { q.bind(1, ms(before)); });
}

}  // namespace motcua::store
