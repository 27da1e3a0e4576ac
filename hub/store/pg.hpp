// A small RAII wrapper over libpq for the hub: a connection, a result, a transaction. Every value
// goes to the server as a parameter ($1, $2, ...) of PQexecParams or of a statement prepared
// with PQprepare, never spliced into the SQL text; the server infers each parameter's type from
// where it is used, so values are passed as text (or NULL) and written as PostgreSQL reads them
// (a timestamptz as "2025-03-04T08:15:00+07:00"). Any failure, to connect or of a statement,
// throws `pg::error` with the server's own message and its SQLSTATE.
// Not thread-safe: one `connection` belongs to one thread at a time.
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_result;

namespace motcua::hub::store::pg {

class error : public std::runtime_error {
 public:
  explicit error(const std::string& message, std::string sqlstate = {})
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  // The server's five-character code ("22007" for a bad time), empty when the error is not the
  // server's (no connection, a NULL read as a number, ...).
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// One parameter: its text, or NULL.
using param = std::optional<std::string>;

inline param to_param(std::nullopt_t) { return std::nullopt; }
inline param to_param(std::string_view v) { return std::string(v); }
inline param to_param(const std::string& v) { return v; }
inline param to_param(const char* v) { return std::string(v); }
template <std::integral T>
param to_param(T v) {
  if constexpr (std::is_same_v<T, bool>) {
    return std::string(v ? "true" : "false");
  } else {
    return std::to_string(v);
  }
}
template <typename T>
param to_param(const std::optional<T>& v) {
  return v ? to_param(*v) : std::nullopt;
}

// The rows of one statement; a column read as text (std::nullopt for NULL) or as a number.
class result {
 public:
  result() = default;
  explicit result(pg_result* r) : result_(r) {}
  ~result();
  result(result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
  result& operator=(result&& other) noexcept;
  result(const result&) = delete;
  result& operator=(const result&) = delete;

  int rows() const;
  int columns() const;
  std::optional<std::string> get(int row, int column) const;
  // The column's text; throws when it is NULL.
  std::string text(int row, int column) const;
  // The column as a 64-bit integer; throws when it is NULL or not a number.
  std::int64_t int64(int row, int column) const;
  std::optional<std::int64_t> optional_int64(int row, int column) const;
  // The rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;
  // The command tag: "INSERT 0 1", "COMMIT", ...
  std::string command_tag() const;

 private:
  pg_result* result_ = nullptr;
};

class connection {
 public:
  // Connects with a libpq connection string ("host=/tmp/x dbname=hub user=hub"), client
  // encoding UTF-8; throws `error` with libpq's message when the server cannot be reached or
  // refuses. The server's notices ("relation already exists, skipping") are dropped.
  explicit connection(const std::string& conninfo);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // Runs one statement (no `;`-separated lists) with its parameters.
  template <typename... Args>
  result exec(const std::string& sql, const Args&... args) {
    return exec_params(sql, {to_param(args)...});
  }
  result exec_params(const std::string& sql, const std::vector<param>& params);

  // Prepares `sql` under `name` once for this connection: preparing the same name with the same
  // SQL again does nothing (so several stores may share one connection); with other SQL throws.
  void prepare(const std::string& name, const std::string& sql);
  template <typename... Args>
  result run(const std::string& name, const Args&... args) {
    return run_params(name, {to_param(args)...});
  }
  result run_params(const std::string& name, const std::vector<param>& params);

  pg_conn* native() { return conn_; }

 private:
  result check(pg_result* r, std::string_view what);

  pg_conn* conn_ = nullptr;
  std::map<std::string, std::string, std::less<>> prepared_;
};

// BEGIN on construction; COMMIT by commit(); ROLLBACK in the destructor unless committed (the
// destructor never throws: a ROLLBACK on a broken connection is simply lost with it).
class transaction {
 public:
  explicit transaction(connection& c);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  void commit();

 private:
  connection& connection_;
  bool done_ = false;
};

}  // namespace motcua::hub::store::pg
