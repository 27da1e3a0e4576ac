#include "server/store/dossier_store.hpp"

#include <algorithm>
#include <variant>

#include "server/store/millis.hpp"
#include "server/store/search_terms.hpp"
#include "shared/domain/text.hpp"

namespace motcua::store {
namespace {

constexpr char document_separator = '\x1f';

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(1, document_separator)) + p;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (!s.empty() && start <= s.size()) {
    auto end = s.find(document_separator, start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

constexpr std::string_view dossier_columns =
    "id, code, day, sequence, request_key, procedure, version_from, status, received_at, due_at, "
    "original_due_at, finished_at, paused_at, supplements, flagged, step, step_started_at, "
    "department, full_name, id_number, passport, phone, address, email, documents, ticket, note, "
    "book_volume, book_line";

constexpr int dossier_column_count = 29;

std::string placeholders(int n) {
  std::string out = "?";
  for (int i = 1; i < n; ++i) out += ",?";
  return out;
}

dossier_record read_dossier(const statement& q) {
  dossier_record d;
  d.id = q.int64(0);
  d.code = q.text(1);
  d.day = q.text(2);
  d.sequence = static_cast<int>(q.int64(3));
  d.request_key = q.text(4);
  d.procedure = q.int64(5);
  d.version_from = q.text(6);
  d.status = domain::parse_dossier_status(q.text(7)).value_or(domain::dossier_status::received);
  d.received_at = at_ms(q.int64(8));
  d.due_at = at_ms(q.int64(9));
  d.original_due_at = at_ms(q.optional_int64(10));
  d.finished_at = at_ms(q.optional_int64(11));
  d.paused_at = at_ms(q.optional_int64(12));
  d.supplements = static_cast<int>(q.int64(13));
  d.flagged = q.int64(14) != 0;
  d.step = static_cast<int>(q.int64(15));
  d.step_started_at = at_ms(q.int64(16));
  d.department = q.optional_text(17);
  d.applicant = {q.text(18), q.optional_text(19), q.optional_text(20),
                 q.text(21), q.text(22),          q.optional_text(23)};
  d.documents = split(q.text(24));
  d.ticket = q.optional_int64(25);
  d.note = q.optional_text(26);
  d.book_volume = static_cast<int>(q.int64(27));
  d.book_line = static_cast<int>(q.int64(28));
  return d;
}

std::optional<dossier_record> first(statement& q) {
  if (!q.step()) return std::nullopt;
  return read_dossier(q);
}

using sql_value = std::variant<std::int64_t, std::string>;

statement prepared(database& db, const std::string& sql, const std::vector<sql_value>& values) {
  auto q = db.prepare(sql);
  int i = 1;
  for (const auto& v : values) std::visit([&](const auto& x) { q.bind(i++, x); }, v);
  return q;
}

// Binds every column of `d` but the id, in the order of `dossier_columns`, from index 2.
void bind_dossier(statement& q, const dossier_record& d) {
  q.bind(2, d.code)
      .bind(3, d.day)
      .bind(4, d.sequence)
      .bind(5, d.request_key)
      .bind(6, d.procedure)
      .bind(7, d.version_from)
      .bind(8, domain::to_string(d.status))
      .bind(9, ms(d.received_at))
      .bind(10, ms(d.due_at))
      .bind(11, ms(d.original_due_at))
      .bind(12, ms(d.finished_at))
      .bind(13, ms(d.paused_at))
      .bind(14, d.supplements)
      .bind(15, d.flagged ? 1 : 0)
      .bind(16, d.step)
      .bind(17, ms(d.step_started_at))
      .bind(18, d.department)
      .bind(19, d.applicant.full_name)
      .bind(20, d.applicant.id_number)
      .bind(21, d.applicant.passport)
      .bind(22, d.applicant.phone)
      .bind(23, d.applicant.address)
      .bind(24, d.applicant.email)
      .bind(25, join(d.documents))
      .bind(26, d.ticket)
      .bind(27, d.note)
      .bind(28, d.book_volume)
      .bind(29, d.book_line);
}

// The codes beginning with `text` (any case) lie in [from, to): `text` upper-cased, and the
// same with its last character incremented. Nothing when no code can begin with it (codes
// are printable ASCII).
std::optional<std::pair<std::string, std::string>> code_range(const std::string& text) {
  std::string from = domain::to_upper_ascii(text);
  if (from.empty() ||
      std::any_of(from.begin(), from.end(), [](char c) { return c < ' ' || c > '~'; }))
    return std::nullopt;
  std::string to = from;
  ++to.back();
  return std::pair{std::move(from), std::move(to)};
}

}  // namespace

dossier_store::dossier_store(database& db)
    : db_(db),
      insert_(db.prepare("INSERT INTO dossiers (" + std::string(dossier_columns) + ") VALUES (" +
                         placeholders(dossier_column_count) + ")")),
      update_(db.prepare(
          "UPDATE dossiers SET status = ?, due_at = ?, original_due_at = ?, finished_at = ?, "
          "paused_at = ?, supplements = ?, flagged = ?, step = ?, step_started_at = ?, "
          "department = ? WHERE id = ?")),
      add_history_(db.prepare(
          "INSERT INTO dossier_history (dossier, at, actor, action, from_dept, to_dept, note, "
          "result, unit) VALUES (?,?,?,?,?,?,?,?,?)")),
      index_name_(db.prepare("INSERT INTO dossier_names (rowid, terms) VALUES (?, ?)")),
      index_address_(db.prepare("INSERT INTO dossier_addresses (rowid, terms) VALUES (?, ?)")),
      next_book_line_(db.prepare(
          "UPDATE meta SET value = value + 1 WHERE key = 'book_lines' RETURNING value")) {
  db.exec("CREATE TEMP TABLE IF NOT EXISTS search_hits (dossier INTEGER PRIMARY KEY)");
}

void dossier_store::insert(dossier_record& d) {
  insert_.bind(1, std::nullopt);
  bind_dossier(insert_, d);
  insert_.run();
  d.id = db_.last_insert_rowid();
  index_name_.bind(1, d.id).bind(2, search_terms(d.applicant.full_name)).run();
  index_address_.bind(1, d.id).bind(2, search_terms(d.applicant.address)).run();
}

void dossier_store::update(const dossier_record& d) {
  update_.bind(1, domain::to_string(d.status))
      .bind(2, ms(d.due_at))
      .bind(3, ms(d.original_due_at))
      .bind(4, ms(d.finished_at))
      .bind(5, ms(d.paused_at))
      .bind(6, d.supplements)
      .bind(7, d.flagged ? 1 : 0)
      .bind(8, d.step)
      .bind(9, ms(d.step_started_at))
      .bind(10, d.department)
      .bind(11, d.id)
      .run();
}

std::int64_t dossier_store::add_history(std::int64_t dossier, const history_record& h) {
  add_history_.bind(1, dossier)
      .bind(2, ms(h.at))
      .bind(3, h.actor)
      .bind(4, h.action)
      .bind(5, h.from)
      .bind(6, h.to)
      .bind(7, h.note)
      .bind(8, h.result)
      .bind(9, h.unit)
      .run();
  return db_.last_insert_rowid();
}

std::optional<dossier_record> dossier_store::find_by_code(const std::string& code) {
  auto q = db_.prepare("SELECT " + std::string(dossier_columns) + " FROM dossiers WHERE code = ?");
  q.bind(1, code);
  return first(q);
}

std::optional<dossier_record> dossier_store::find_by_request(const std::string& day,
                                                             const std::string& key) {
  auto q = db_.prepare("SELECT " + std::string(dossier_columns) +
                       " FROM dossiers WHERE day = ? AND request_key = ?");
  q.bind(1, day).bind(2, key);
  return first(q);
}

std::vector<history_record> dossier_store::history(std::int64_t dossier) {
  std::vector<history_record> out;
  for (auto& [id, h] : history_rows(dossier)) out.push_back(std::move(h));
  return out;
}

std::vector<std::pair<std::int64_t, history_record>> dossier_store::history_rows(
    std::int64_t dossier) {
  auto q = db_.prepare(
      "SELECT id, at, actor, action, from_dept, to_dept, note, result, unit "
      "FROM dossier_history WHERE dossier = ? ORDER BY id");
  q.bind(1, dossier);
  std::vector<std::pair<std::int64_t, history_record>> out;
  while (q.step())
    out.emplace_back(q.int64(0),
                     history_record{at_ms(q.int64(1)), q.text(2), q.text(3), q.optional_text(4),
                                    q.optional_text(5), q.optional_text(6), q.optional_text(7),
                                    q.optional_text(8)});
  return out;
}

std::vector<dossier_record> dossier_store::after_id(std::int64_t id, int limit) {
  auto q = db_.prepare("SELECT " + std::string(dossier_columns) +
                       " FROM dossiers WHERE id > ? ORDER BY id LIMIT ?");
  q.bind(1, id).bind(2, limit);
  std::vector<dossier_record> out;
  while (auto d = first(q)) out.push_back(std::move(*d));
  return out;
}

std::vector<dossier_record> dossier_store::due_by(time_point threshold) {
  auto q = db_.prepare("SELECT " + std::string(dossier_columns) +
                       " FROM dossiers WHERE flagged = 0 AND finished_at IS NULL AND status IN "
                       "('received','processing','supplement_requested') AND due_at <= ?");
  q.bind(1, ms(threshold));
  std::vector<dossier_record> out;
  while (q.step()) out.push_back(read_dossier(q));
  return out;
}

std::vector<dossier_record> dossier_store::received_on_days(const std::string& from,
                                                            const std::string& to) {
  auto q = db_.prepare("SELECT " + std::string(dossier_columns) +
                       " FROM dossiers WHERE day BETWEEN ? AND ? ORDER BY id");
  q.bind(1, from).bind(2, to);
  std::vector<dossier_record> out;
  while (q.step()) out.push_back(read_dossier(q));
  return out;
}

std::map<std::string, int> dossier_store::count_by_status() {
  auto q = db_.prepare("SELECT status, COUNT(*) FROM dossiers GROUP BY status");
  std::map<std::string, int> out;
  while (q.step()) out[q.text(0)] = static_cast<int>(q.int64(1));
  return out;
}

int dossier_store::next_sequence(const std::string& day) {
  auto q = db_.prepare("SELECT COALESCE(MAX(sequence), 0) + 1 FROM dossiers WHERE day = ?");
  q.bind(1, day);
  q.step();
  return static_cast<int>(q.int64(0));
}

int dossier_store::next_book_line() {
  next_book_line_.step();
  int line = static_cast<int>(next_book_line_.int64(0));
  next_book_line_.reset();
  return line;
}

void dossier_store::collect_hits(const dossier_filter& f) {
  // Each part is one index lookup: an ID or passport number, the codes beginning with the
  // text, a phone number, the words of a name or an address.
  std::string sql =
      "INSERT OR IGNORE INTO search_hits (dossier) "
      "SELECT id FROM dossiers WHERE id_number = ? "
      "UNION ALL SELECT id FROM dossiers WHERE passport = ?";
  std::vector<sql_value> values{*f.text, domain::to_upper_ascii(*f.text)};
  if (auto codes = code_range(*f.text)) {
    sql += " UNION ALL SELECT id FROM dossiers WHERE code >= ? AND code < ?";
    values.emplace_back(std::move(codes->first));
    values.emplace_back(std::move(codes->second));
  }
  if (f.phone) {
    sql += " UNION ALL SELECT id FROM dossiers WHERE phone = ?";
    values.emplace_back(*f.phone);
  }
  if (auto words = search_query(*f.text)) {
    sql +=
        " UNION ALL SELECT rowid FROM dossier_names WHERE dossier_names MATCH ?"
        " UNION ALL SELECT rowid FROM dossier_addresses WHERE dossier_addresses MATCH ?";
    values.emplace_back(*words);
    values.emplace_back(*words);
  }
  db_.exec("DELETE FROM search_hits");
  prepared(db_, sql, values).run();
}

std::pair<std::vector<dossier_record>, int> dossier_store::search(const dossier_filter& f) {
  // Conditions with `?` placeholders, and their values in the same order.
  std::string where;
  std::vector<sql_value> values;
  auto add = [&](const std::string& condition, auto... bound) {
    where += (where.empty() ? " WHERE (" : " AND (") + condition + ")";
    (values.emplace_back(bound), ...);
  };
  if (f.status) add("status = ?", *f.status);
  if (f.procedure) add("procedure = ?", *f.procedure);
  if (f.from) add("received_at >= ?", ms(*f.from));
  if (f.to) add("received_at < ?", ms(*f.to));
  if (f.late)
    add(std::string(*f.late ? "" : "NOT ") + "(COALESCE(finished_at, ?) > due_at)", ms(f.now));
  if (f.due_soon)
    add(std::string(*f.due_soon ? "" : "NOT ") +
            "(finished_at IS NULL AND due_at >= ? AND due_at <= ?)",
        ms(f.now), ms(f.due_soon_before));

  std::string from = " FROM dossiers", count_from = from,
              order = " ORDER BY received_at DESC, id DESC";
  if (f.text) {
    collect_hits(f);
    // The hits drive the join (CROSS JOIN keeps them outside), each row read by its id, newest
    // first by id: the page reads only the rows it shows when no other filter applies.
    from = " FROM search_hits CROSS JOIN dossiers ON id = dossier";
    count_from = where.empty() ? " FROM search_hits" : from;
    order = " ORDER BY dossier DESC";
  }
  auto count = prepared(db_, "SELECT COUNT(*)" + count_from + where, values);
  int total = count.step() ? static_cast<int>(count.int64(0)) : 0;
  auto page = prepared(db_,
                       "SELECT " + std::string(dossier_columns) + from + where + order + " LIMIT " +
                           std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset),
                       values);
  std::vector<dossier_record> rows;
  while (page.step()) rows.push_back(read_dossier(page));
  return {std::move(rows), total};
}

}  // namespace motcua::store
