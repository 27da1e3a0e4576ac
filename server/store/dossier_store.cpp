#include "store/dossier_store.hpp"

#include <variant>

namespace motcua::store {
namespace {

constexpr char document_separator = '\x1f';

std::int64_t ms(time_point t) { return t.time_since_epoch().count(); }
std::optional<std::int64_t> ms(const std::optional<time_point>& t) {
  if (!t) return std::nullopt;
  return ms(*t);
}
time_point at_ms(std::int64_t v) { return time_point{std::chrono::milliseconds{v}}; }
std::optional<time_point> at_ms(const std::optional<std::int64_t>& v) {
  if (!v) return std::nullopt;
  return at_ms(*v);
}

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
  d.applicant = {q.text(18), q.optional_text(19), q.optional_text(20), q.text(21), q.text(22),
                 q.optional_text(23)};
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



}  // namespace

dossier_store::dossier_store(database& db)
    : db_(db),
      insert_(db.prepare(
          "INSERT INTO dossiers (code, day, sequence, request_key, procedure, version_from, "
          "status, received_at, due_at, step_started_at, department, full_name, id_number, "
          "passport, phone, address, email, documents, ticket, note, book_volume, book_line) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      update_(db.prepare(
          "UPDATE dossiers SET status = ?, due_at = ?, original_due_at = ?, finished_at = ?, "
          "paused_at = ?, supplements = ?, flagged = ?, step = ?, step_started_at = ?, "
          "department = ? WHERE id = ?")),
      add_history_(db.prepare(
          "INSERT INTO dossier_history (dossier, at, actor, action, from_dept, to_dept, note, "
          "result) VALUES (?,?,?,?,?,?,?,?)")),
      index_(db.prepare("INSERT INTO dossier_search (rowid, folded) VALUES (?, ?)")),
      next_book_line_(db.prepare(
          "UPDATE meta SET value = value + 1 WHERE key = 'book_lines' RETURNING value")) {}

void dossier_store::insert(dossier_record& d, const std::string& folded) {
  insert_.bind(1, d.code)
      .bind(2, d.day)
      .bind(3, d.sequence)
      .bind(4, d.request_key)
      .bind(5, d.procedure)
      .bind(6, d.version_from)
      .bind(7, domain::to_string(d.status))
      .bind(8, ms(d.received_at))
      .bind(9, ms(d.due_at))
      .bind(10, ms(d.step_started_at))
      .bind(11, d.department)
      .bind(12, d.applicant.full_name)
      .bind(13, d.applicant.id_number)
      .bind(14, d.applicant.passport)
      .bind(15, d.applicant.phone)
      .bind(16, d.applicant.address)
      .bind(17, d.applicant.email)
      .bind(18, join(d.documents))
      .bind(19, d.ticket)
      .bind(20, d.note)
      .bind(21, d.book_volume)
      .bind(22, d.book_line);
  insert_.run();
  d.id = db_.last_insert_rowid();
  index_.bind(1, d.id).bind(2, folded).run();
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

void dossier_store::add_history(std::int64_t dossier, const history_record& h) {
  add_history_.bind(1, dossier)
      .bind(2, ms(h.at))
      .bind(3, h.actor)
      .bind(4, h.action)
      .bind(5, h.from)
      .bind(6, h.to)
      .bind(7, h.note)
      .bind(8, h.result)
      .run();
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
  auto q = db_.prepare("SELECT at, actor, action, from_dept, to_dept, note, result "
                       "FROM dossier_history WHERE dossier = ? ORDER BY id");
  q.bind(1, dossier);
  std::vector<history_record> out;
  while (q.step())
    out.push_back({at_ms(q.int64(0)), q.text(1), q.text(2), q.optional_text(3),
                   q.optional_text(4), q.optional_text(5), q.optional_text(6)});
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

std::pair<std::vector<dossier_record>, int> dossier_store::search(const dossier_filter& f) {
  // Conditions with `?` placeholders, and their values in the same order.
  std::string where = " WHERE 1 = 1";
  std::vector<std::variant<std::int64_t, std::string>> values;
  auto add = [&](const std::string& condition, auto... bound) {
    where += " AND (" + condition + ")";
    (values.emplace_back(bound), ...);
  };
  if (f.text) {
    add("code = ? OR code LIKE ? OR id_number = ? OR passport = upper(?)", *f.text,
        *f.text + "%", *f.text, *f.text);
    if (f.folded && f.folded->size() >= 3) {
      std::string phrase = "\"";  // an FTS5 string: the folded text, quotes doubled
      for (char c : *f.folded) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
      where.pop_back();  // widen the text condition with the name/address index
      where += " OR id IN (SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?))";
      values.emplace_back(phrase + "\"");
    }
    if (f.phone) {
      where.pop_back();
      where += " OR phone = ?)";
      values.emplace_back(*f.phone);
    }
  }
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

  auto prepared = [&](const std::string& sql) {
    auto q = db_.prepare(sql);
    int i = 1;
    for (const auto& v : values) std::visit([&](const auto& x) { q.bind(i++, x); }, v);
    return q;
  };
  auto count = prepared("SELECT COUNT(*) FROM dossiers" + where);
  int total = count.step() ? static_cast<int>(count.int64(0)) : 0;
  auto page = prepared("SELECT " + std::string(dossier_columns) + " FROM dossiers" + where +
                       " ORDER BY received_at DESC, id DESC LIMIT " + std::to_string(f.limit) +
                       " OFFSET " + std::to_string(f.offset));
  std::vector<dossier_record> rows;
  while (page.step()) rows.push_back(read_dossier(page));
  return {std::move(rows), total};
}

}  // namespace motcua::store
