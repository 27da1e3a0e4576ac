#include "hub/store/pg.hpp"

#include <charconv>

#include <libpq-fe.h>

namespace motcua::hub::store::pg {
namespace {

// libpq's messages end with a newline (sometimes several lines: ERROR, DETAIL); keep them whole
// but without the trailing blank.
std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

void drop_notice(void*, const char*) {}

struct raw_params {
  std::vector<const char*> values;
  explicit raw_params(const std::vector<param>& params) {
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  }
  int count() const { return static_cast<int>(values.size()); }
  const char* const* data() const { return values.empty() ? nullptr : values.data(); }
};

}  // namespace

result::~result() {
  if (result_) PQclear(result_);
}

result& result::operator=(result&& other) noexcept {
  if (this != &other) {
    if (result_) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

int result::rows() const { return result_ ? PQntuples(result_) : 0; }
int result::columns() const { return result_ ? PQnfields(result_) : 0; }

std::optional<std::string> result::get(int row, int column) const {
  if (row < 0 || row >= rows() || column < 0 || column >= columns()) {
    throw error("no row " + std::to_string(row) + ", column " + std::to_string(column) +
                " in a result of " + std::to_string(rows()) + " rows and " +
                std::to_string(columns()) + " columns");
  }
  if (PQgetisnull(result_, row, column)) return std::nullopt;
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::string result::text(int row, int column) const {
  auto value = get(row, column);
  if (!value) throw error(std::string("column ") + PQfname(result_, column) + " is NULL");
  return *value;
}

std::optional<std::int64_t> result::optional_int64(int row, int column) const {
  auto value = get(row, column);
  if (!value) return std::nullopt;
  std::int64_t n = 0;
  const char* end = value->data() + value->size();
  auto [at, ec] = std::from_chars(value->data(), end, n);
  if (ec != std::errc{} || at != end) {
    throw error(std::string("column ") + PQfname(result_, column) +
                " is not an integer: " + *value);
  }
  return n;
}

std::int64_t result::int64(int row, int column) const {
  auto value = optional_int64(row, column);
  if (!value) throw error(std::string("column ") + PQfname(result_, column) + " is NULL");
  return *value;
}

std::int64_t result::affected() const {
  const char* n = result_ ? PQcmdTuples(result_) : "";
  return *n ? std::stoll(n) : 0;
}

std::string result::command_tag() const { return result_ ? PQcmdStatus(result_) : ""; }

connection::connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (!conn_) throw error("PostgreSQL: out of memory connecting");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = "PostgreSQL: cannot connect: " + trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw error(message);
  }
  PQsetNoticeProcessor(conn_, drop_notice, nullptr);
  if (PQsetClientEncoding(conn_, "UTF8") != 0) {
    std::string message = "PostgreSQL: cannot set UTF8: " + trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw error(message);
  }
}

connection::~connection() {
  if (conn_) PQfinish(conn_);
}

result connection::check(pg_result* r, std::string_view what) {
  result owned(r);
  if (!r) throw error("PostgreSQL (" + std::string(what) + "): " + trimmed(PQerrorMessage(conn_)));
  auto status = PQresultStatus(r);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return owned;
  const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  throw error("PostgreSQL (" + std::string(what) + "): " + trimmed(PQresultErrorMessage(r)),
              state ? state : "");
}

result connection::exec_params(const std::string& sql, const std::vector<param>& params) {
  raw_params raw(params);
  return check(
      PQexecParams(conn_, sql.c_str(), raw.count(), nullptr, raw.data(), nullptr, nullptr, 0),
      sql.size() <= 60 ? sql : sql.substr(0, 57) + "...");
}

void connection::prepare(const std::string& name, const std::string& sql) {
  if (auto it = prepared_.find(name); it != prepared_.end()) {
    if (it->second != sql) throw error("statement " + name + " prepared already with other SQL");
    return;
  }
  check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), "prepare " + name);
  prepared_.emplace(name, sql);
}

result connection::run_params(const std::string& name, const std::vector<param>& params) {
  if (!prepared_.contains(name)) throw error("statement " + name + " is not prepared");
  raw_params raw(params);
  return check(PQexecPrepared(conn_, name.c_str(), raw.count(), raw.data(), nullptr, nullptr, 0),
               name);
}

transaction::transaction(connection& c) : connection_(c) { connection_.exec("BEGIN"); }

transaction::~transaction() {
  if (done_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (...) {
    // The connection is gone; so is the transaction with it.
  }
}

void transaction::commit() {
  auto r = connection_.exec("COMMIT");
  done_ = true;
  // COMMIT of a transaction a failed statement aborted succeeds as a ROLLBACK: say so.
  if (r.command_tag() == "ROLLBACK") throw error("the transaction failed earlier: rolled back");
}

}  // namespace motcua::hub::store::pg
