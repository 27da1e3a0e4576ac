// RAII SQLite connection, prepared statements with bound parameters, and a
// transaction that rolls back unless committed (the shape of SQLiteCpp).
// Not thread-safe: one `database` belongs to one thread (the engine's).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace motcua::store {

class database_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How hard a commit waits for the disk. `full` (the default) makes every
// acknowledged commit survive power loss; `normal` is for read-only tools.
enum class durability { full, normal };

class statement;
class wal_sync;

class database {
 public:
  // Opens (creating when missing) the file at `path`, in WAL mode with
  // foreign keys on and a busy timeout.
  explicit database(const std::string& path, durability d = durability::full);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  void exec(std::string_view sql);
  // Runs one of the few fixed statements every request goes through (BEGIN, COMMIT, SAVEPOINT,
  // RELEASE), prepared on first use and kept: they are not parsed again each time. `sql` must
  // outlive the database (a string literal).
  void exec_prepared(std::string_view sql);
  statement prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  // Runs a passive WAL checkpoint (never blocks writers); false when another connection's
  // checkpoint was running (nothing done).
  bool checkpoint();
  // Pages in the WAL after this connection's last commit (small again once it restarted), or 0
  // after this connection's checkpoint until the next commit.
  int wal_pages() const { return wal_pages_; }
  sqlite3* handle() const { return db_; }

  // Pipelined group commit (durability::full only): from now on this connection's commits do
  // not wait for the disk. Each is durable once wal().make_durable() has returned after it
  // (from any thread); until then nothing of it may leave the process (store/wal_writes.hpp).
  // Checkpoints and closing the connection make everything durable first.
  void defer_wal_syncs();
  // The WAL of this database file, shared with this process's other connections on it.
  wal_sync& wal() const { return *wal_; }

 private:
  void set_deferred(bool defer);

  sqlite3* db_ = nullptr;
  int wal_pages_ = 0;
  std::shared_ptr<wal_sync> wal_;
  bool deferred_ = false;
  // Finalized before the connection closes.
  std::map<std::string_view, std::unique_ptr<statement>> prepared_;
};

// A prepared statement. Bind parameters are 1-based, as in SQLite.
class statement {
 public:
  statement(sqlite3* db, std::string_view sql);
  ~statement();
  statement(statement&& other) noexcept;
  statement& operator=(statement&&) = delete;
  statement(const statement&) = delete;

  statement& bind(int index, std::int64_t value);
  statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
  statement& bind(int index, std::string_view value);
  statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  statement& bind(int index, std::nullopt_t);
  template <class T>
  statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  // Steps once: true while a row is available.
  bool step();
  // Steps to completion (for statements that return no rows).
  void run();
  // Resets for re-execution and clears bindings.
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class transaction {
 public:
  explicit transaction(database& db);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  void commit();

 private:
  database& db_;
  bool done_ = false;
};

// SAVEPOINT inside a transaction: one request's writes, undone alone when
// that request fails.
class savepoint {
 public:
  explicit savepoint(database& db);
  ~savepoint();
  savepoint(const savepoint&) = delete;
  savepoint& operator=(const savepoint&) = delete;
  void release();

 private:
  database& db_;
  bool done_ = false;
};

}  // namespace motcua::store
