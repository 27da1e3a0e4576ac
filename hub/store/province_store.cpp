#include "hub/store/province_store.hpp"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "hub/store/sql_time.hpp"

namespace motcua::hub::store {
namespace {

namespace province = protocol::province;

const std::string register_sql = R"(
  INSERT INTO centres (unit, name, token_sha256) VALUES ($1, $2, $3)
  ON CONFLICT (unit) DO UPDATE SET name = excluded.name, token_sha256 = excluded.token_sha256
  RETURNING id)";

const std::string by_token_sql =
    "SELECT id, unit, name, applied_through FROM centres WHERE token_sha256 = $1";

const std::string centres_sql = "SELECT id, unit, name, applied_through FROM centres ORDER BY unit";

const std::string lock_sql = "SELECT applied_through FROM centres WHERE id = $1 FOR UPDATE";

const std::string applied_sql = "SELECT applied_through FROM centres WHERE id = $1";

const std::string advance_sql =
    "UPDATE centres SET applied_through = $2, applied_at = now() WHERE id = $1";

const std::string ticket_sql = R"(
  INSERT INTO tickets (centre, id, day, number, service, state, priority, issued_at, called_at,
                       started_at, ended_at, counter, eta_minutes)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (centre, id) DO UPDATE SET
    day = excluded.day, number = excluded.number, service = excluded.service,
    state = excluded.state, priority = excluded.priority, issued_at = excluded.issued_at,
    called_at = excluded.called_at, started_at = excluded.started_at,
    ended_at = excluded.ended_at, counter = excluded.counter,
    eta_minutes = excluded.eta_minutes)";

const std::string dossier_sql = R"(
  INSERT INTO dossiers (code, centre, unit, procedure_code, procedure_name, status, received_at,
                        due_at, original_due_at, finished_at, department, full_name, id_number,
                        passport, updated_seq, procedure_name_en)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
  ON CONFLICT (code) DO UPDATE SET
    centre = excluded.centre, unit = excluded.unit, procedure_code = excluded.procedure_code,
    procedure_name = excluded.procedure_name, status = excluded.status,
    received_at = excluded.received_at, due_at = excluded.due_at,
    original_due_at = excluded.original_due_at, finished_at = excluded.finished_at,
    department = excluded.department, full_name = excluded.full_name,
    id_number = excluded.id_number, passport = excluded.passport,
    updated_seq = excluded.updated_seq, procedure_name_en = excluded.procedure_name_en
  WHERE dossiers.centre = excluded.centre)";

const std::string history_sql = R"(
  INSERT INTO dossier_history (centre, id, code, unit, at, actor, action, from_department,
                               to_department, note, result)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  ON CONFLICT (centre, id) DO UPDATE SET
    code = excluded.code, unit = excluded.unit, at = excluded.at, actor = excluded.actor,
    action = excluded.action, from_department = excluded.from_department,
    to_department = excluded.to_department, note = excluded.note, result = excluded.result)";

const std::string rating_sql = R"(
  INSERT INTO ratings (centre, id, at, day, counter, level, scale, ticket, dossier)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (centre, id) DO UPDATE SET
    at = excluded.at, day = excluded.day, counter = excluded.counter, level = excluded.level,
    scale = excluded.scale, ticket = excluded.ticket, dossier = excluded.dossier)";

const std::string service_sql = R"(
  INSERT INTO services (centre, id, name, name_en, max_wait_minutes)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (centre, id) DO UPDATE SET
    name = excluded.name, name_en = excluded.name_en,
    max_wait_minutes = excluded.max_wait_minutes)";

const std::string find_dossier_sql =
    "SELECT code, unit, procedure_code, procedure_name, status, " + iso("received_at") + ", " +
    iso("due_at") + ", " + iso("original_due_at") + ", " + iso("finished_at") +
    ", department, full_name, id_number, passport, procedure_name_en FROM dossiers WHERE code = "
    "$1";

const std::string history_of_sql =
    "SELECT code, unit, " + iso("at") +
    ", actor, action, from_department, to_department, note, result, id FROM dossier_history "
    "WHERE code = $1 ORDER BY at, centre, id";

const std::string staff_sql = R"(
  INSERT INTO staff (username, display_name, password_hash, role)
  VALUES ($1, $2, $3, 'province_manager')
  ON CONFLICT (username) DO UPDATE SET
    display_name = excluded.display_name, password_hash = excluded.password_hash)";

const std::string heard_sql = "UPDATE centres SET heard_at = now() WHERE id = $1";

const std::string staff_of_sql =
    "SELECT username, display_name, password_hash FROM staff WHERE username = $1";

// The statements' names on the connection.
constexpr const char* register_stmt = "hub_register_centre";
constexpr const char* by_token_stmt = "hub_centre_by_token";
constexpr const char* lock_stmt = "hub_lock_centre";
constexpr const char* applied_stmt = "hub_applied_through";
constexpr const char* centres_stmt = "hub_centres";
constexpr const char* advance_stmt = "hub_advance_centre";
constexpr const char* ticket_stmt = "hub_upsert_ticket";
constexpr const char* dossier_stmt = "hub_upsert_dossier";
constexpr const char* history_stmt = "hub_insert_history";
constexpr const char* rating_stmt = "hub_upsert_rating";
constexpr const char* service_stmt = "hub_upsert_service";
constexpr const char* find_dossier_stmt = "hub_find_dossier";
constexpr const char* history_of_stmt = "hub_history_of";
constexpr const char* staff_stmt = "hub_register_staff";
constexpr const char* heard_stmt = "hub_heard";
constexpr const char* staff_of_stmt = "hub_staff_of";

std::string_view kind_name(const province::ticket_row&) { return "ticket"; }
std::string_view kind_name(const province::dossier_row&) { return "dossier"; }
std::string_view kind_name(const province::history_row&) { return "history"; }
std::string_view kind_name(const province::rating_row&) { return "rating"; }
std::string_view kind_name(const province::service_row&) { return "service"; }

// As protocol::province::kind_of names it (that one lives in the codec).
std::string_view kind(const province::record_body& body) {
  return std::visit([](const auto& row) { return kind_name(row); }, body);
}

}  // namespace

province_store::province_store(pg::connection& db) : db_(db) {
  db_.prepare(register_stmt, register_sql);
  db_.prepare(by_token_stmt, by_token_sql);
  db_.prepare(lock_stmt, lock_sql);
  db_.prepare(applied_stmt, applied_sql);
  db_.prepare(centres_stmt, centres_sql);
  db_.prepare(advance_stmt, advance_sql);
  db_.prepare(ticket_stmt, ticket_sql);
  db_.prepare(dossier_stmt, dossier_sql);
  db_.prepare(history_stmt, history_sql);
  db_.prepare(rating_stmt, rating_sql);
  db_.prepare(service_stmt, service_sql);
  db_.prepare(find_dossier_stmt, find_dossier_sql);
  db_.prepare(history_of_stmt, history_of_sql);
  db_.prepare(staff_stmt, staff_sql);
  db_.prepare(heard_stmt, heard_sql);
  db_.prepare(staff_of_stmt, staff_of_sql);
}

std::int64_t province_store::register_centre(std::string_view unit, std::string_view name,
                                             std::string_view token_sha256) {
  return db_.run(register_stmt, unit, name, token_sha256).int64(0, 0);
}

std::optional<centre> province_store::centre_by_token_hash(std::string_view token_sha256) {
  auto r = db_.run(by_token_stmt, token_sha256);
  if (r.rows() == 0) return std::nullopt;
  return centre{r.int64(0, 0), r.text(0, 1), r.text(0, 2), r.int64(0, 3)};
}

std::vector<centre> province_store::centres() {
  auto r = db_.run(centres_stmt);
  std::vector<centre> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.int64(i, 3)});
  return out;
}

std::int64_t province_store::applied_through(std::int64_t centre_id) {
  auto r = db_.run(applied_stmt, centre_id);
  if (r.rows() == 0) throw pg::error("no centre " + std::to_string(centre_id));
  return r.int64(0, 0);
}

std::int64_t province_store::apply(const centre& c, const std::vector<province::record>& records,
                                   std::optional<std::int64_t> after) {
  pg::transaction tx(db_);
  auto locked = db_.run(lock_stmt, c.id);
  if (locked.rows() == 0) throw pg::error("no centre " + std::to_string(c.id));
  const std::int64_t before = locked.int64(0, 0);
  if (after && before < *after) return before;  // records are missing here: nothing applied

  // Increasing seq whatever order they came in; a seq sent twice in one batch counts once.
  std::vector<const province::record*> order;
  order.reserve(records.size());
  for (const auto& r : records) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return a->seq < b->seq; });

  std::int64_t through = before;
  for (const auto* r : order) {
    if (r->seq <= through) continue;
    apply_one(c.id, *r);
    through = r->seq;
  }
  if (through == before) return before;  // nothing new: the transaction rolls back, unchanged
  db_.run(advance_stmt, c.id, through);
  tx.commit();
  return through;
}

void province_store::apply_one(std::int64_t centre_id, const province::record& r) {
  try {
    std::visit(
        [&](const auto& row) {
          using T = std::decay_t<decltype(row)>;
          if constexpr (std::is_same_v<T, province::ticket_row>) {
            db_.run(ticket_stmt, centre_id, row.id, row.day, row.number, row.service, row.state,
                    row.priority, row.issued_at, row.called_at, row.started_at, row.ended_at,
                    row.counter, row.eta_minutes);
          } else if constexpr (std::is_same_v<T, province::dossier_row>) {
            db_.run(dossier_stmt, row.code, centre_id, row.unit, row.procedure_code,
                    row.procedure_name, row.status, row.received_at, row.due_at,
                    row.original_due_at, row.finished_at, row.department, row.full_name,
                    row.id_number, row.passport, r.seq, row.procedure_name_en);
          } else if constexpr (std::is_same_v<T, province::history_row>) {
            db_.run(history_stmt, centre_id, row.id, row.code, row.unit, row.at, row.actor,
                    row.action, row.from, row.to, row.note, row.result);
          } else if constexpr (std::is_same_v<T, province::rating_row>) {
            db_.run(rating_stmt, centre_id, row.id, row.at, row.day, row.counter, row.level,
                    row.scale, row.ticket, row.dossier);
          } else {
            static_assert(std::is_same_v<T, province::service_row>);
            db_.run(service_stmt, centre_id, row.id, row.name, row.name_en, row.max_wait_minutes);
          }
        },
        r.body);
  } catch (const pg::error& e) {
    throw pg::error("record " + std::to_string(r.seq) + " (" + std::string(kind(r.body)) +
                        ") refused: " + e.what(),
                    e.sqlstate());
  }
}

std::optional<province::dossier_row> province_store::find_dossier(std::string_view code) {
  auto r = db_.run(find_dossier_stmt, code);
  if (r.rows() == 0) return std::nullopt;
  province::dossier_row d;
  d.code = r.text(0, 0);
  d.unit = r.text(0, 1);
  d.procedure_code = r.text(0, 2);
  d.procedure_name = r.text(0, 3);
  d.status = r.text(0, 4);
  d.received_at = r.text(0, 5);
  d.due_at = r.text(0, 6);
  d.original_due_at = r.get(0, 7);
  d.finished_at = r.get(0, 8);
  d.department = r.get(0, 9);
  d.full_name = r.text(0, 10);
  d.id_number = r.get(0, 11);
  d.passport = r.get(0, 12);
  d.procedure_name_en = r.text(0, 13);
  return d;
}

std::vector<province::history_row> province_store::history(std::string_view code) {
  auto r = db_.run(history_of_stmt, code);
  std::vector<province::history_row> steps;
  steps.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    province::history_row h;
    h.code = r.text(i, 0);
    h.unit = r.text(i, 1);
    h.at = r.text(i, 2);
    h.actor = r.text(i, 3);
    h.action = r.text(i, 4);
    h.from = r.get(i, 5);
    h.to = r.get(i, 6);
    h.note = r.get(i, 7);
    h.result = r.get(i, 8);
    h.id = r.int64(i, 9);
    steps.push_back(std::move(h));
  }
  return steps;
}

void province_store::register_staff(const staff_account& a) {
  db_.run(staff_stmt, a.username, a.display_name, a.password_hash);
}

std::optional<staff_account> province_store::staff(std::string_view username) {
  auto r = db_.run(staff_of_stmt, username);
  if (r.rows() == 0) return std::nullopt;
  return staff_account{r.text(0, 0), r.text(0, 1), r.text(0, 2)};
}

void province_store::heard(std::int64_t centre_id) { db_.run(heard_stmt, centre_id); }

void province_store::keep_only_staff(const std::vector<std::string>& keep) {
  const auto all = db_.exec("SELECT username FROM staff");
  for (int i = 0; i < all.rows(); ++i) {
    auto name = all.text(i, 0);
    if (std::find(keep.begin(), keep.end(), name) == keep.end())
      db_.exec("DELETE FROM staff WHERE username = $1", name);
  }
}

}  // namespace motcua::hub::store
