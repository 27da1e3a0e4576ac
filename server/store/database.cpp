#include "server/store/database.hpp"

#include <sqlite3.h>

#include <cstdio>

#include "server/store/wal_writes.hpp"

namespace motcua::store {
namespace {

database_error error_of(sqlite3* db, std::string_view what) {
  return database_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

[[noreturn]] void fail(sqlite3* db, std::string_view what) { throw error_of(db, what); }

}  // namespace

database::database(const std::string& path, durability d) {
  // Every commit syncs the WAL (synchronous=FULL; on a connection that defers its syncs, the
  // VFS stands in for it): its writes may be gathered until then.
  const char* vfs = d == durability::full ? wal_gathering_vfs() : nullptr;
  if (sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      vfs) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw database_error("cannot open database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec(d == durability::full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
  // Checkpoints are run by the server off the request path, not by commits; the hook only
  // counts the WAL's pages (engine::checkpoint_if_due).
  exec("PRAGMA wal_autocheckpoint=0");
  sqlite3_wal_hook(
      db_,
      [](void* pages, sqlite3*, const char*, int count) {
        *static_cast<int*>(pages) = count;
        return SQLITE_OK;
      },
      &wal_pages_);
  wal_ = wal_sync_of(sqlite3_filename_wal(sqlite3_db_filename(db_, "main")));
  // After a rollback (the write lock given back, nothing else done on this connection yet), the
  // frames of a transaction that spilled before its commit are forgotten, never written over what
  // another connection commits next (store/wal_writes.hpp). A transaction here always starts with
  // BEGIN (store::transaction): no outermost SAVEPOINT ends without this hook or a commit's sync.
  if (vfs)
    sqlite3_rollback_hook(
        db_,
        [](void* db) {
          sqlite3_file* wal = nullptr;
          sqlite3_file_control(static_cast<sqlite3*>(db), "main", SQLITE_FCNTL_JOURNAL_POINTER,
                               &wal);
          if (gathered_by_this_vfs(wal)) forget_gathered(wal);
        },
        db_);
}

database::~database() {
  prepared_.clear();
  // Every commit durable, and the checkpoint of closing (when this is the last connection)
  // syncs the WAL for real before it writes the database file.
  if (deferred_) {
    try {
      wal_->make_durable();
    } catch (const std::exception& e) {  // SQLite's own sync fails too, and it keeps the WAL
      std::fprintf(stderr, "motcua: closing the database: %s\n", e.what());
    }
    try {
      set_deferred(false);
    } catch (const std::logic_error&) {
      // The WAL is closed already: nothing of it is left to sync.
    }
  }
  sqlite3_close_v2(db_);
}

void database::defer_wal_syncs() {
  exec("PRAGMA schema_version");  // a read: the connection has opened the WAL
  set_deferred(true);
  // What a process that ended before its sync left in the WAL is durable too before anything is
  // answered from it: counted as one commit, and synced.
  wal_->deferred();
  wal_->make_durable();
}

void database::set_deferred(bool defer) {
  sqlite3_file* wal = nullptr;
  sqlite3_file_control(db_, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
  if (!gathered_by_this_vfs(wal))
    throw std::logic_error("deferred WAL syncs need durability::full (the gathering VFS)");
  defer_syncs(wal, defer);
  deferred_ = defer;
}

void database::exec_prepared(std::string_view sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end())
    it = prepared_.emplace(sql, std::make_unique<statement>(db_, sql)).first;
  try {
    it->second->run();
  } catch (const database_error& e) {
    it->second->reset();  // ready for the next time
    throw database_error(std::string(sql) + ": " + e.what());
  }
}

void database::exec(std::string_view sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw database_error(std::string(sql.substr(0, 60)) + ": " + text);
  }
}

statement database::prepare(std::string_view sql) { return statement(db_, sql); }
std::int64_t database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

bool database::checkpoint() {
  // A checkpoint copies committed frames into the database file: they must be durable in the
  // WAL first (SQLite's own sync of the WAL in the checkpoint is deferred on this connection).
  if (deferred_) wal_->make_durable();
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc == SQLITE_BUSY) return false;
  if (rc != SQLITE_OK) fail(db_, "checkpoint");
  wal_pages_ = 0;  // counted again at the next commit: one checkpoint per commit at most
  return true;
}

statement::statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK)
    fail(db, "prepare " + std::string(sql.substr(0, 60)));
}

statement::~statement() { sqlite3_finalize(stmt_); }

statement::statement(statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

statement& statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

statement& statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

statement& statement::bind(int index, std::nullopt_t) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const auto error = error_of(db_, "step");
  // Ready to run again: a statement left where it failed refuses every later bind (misuse), and
  // would fail every request that uses it until the server restarts.
  sqlite3_reset(stmt_);
  throw error;
}

void statement::run() {
  while (step()) {
  }
  reset();
}

void statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string statement::text(int column) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

std::optional<std::int64_t> statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<std::string> statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

transaction::transaction(database& db) : db_(db) { db_.exec_prepared("BEGIN IMMEDIATE"); }

transaction::~transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void transaction::commit() {
  db_.exec_prepared("COMMIT");
  done_ = true;
}

savepoint::savepoint(database& db) : db_(db) { db_.exec_prepared("SAVEPOINT request"); }

savepoint::~savepoint() {
  if (!done_) {
    sqlite3_exec(db_.handle(), "ROLLBACK TO request", nullptr, nullptr, nullptr);
    sqlite3_exec(db_.handle(), "RELEASE request", nullptr, nullptr, nullptr);
  }
}

void savepoint::release() {
  db_.exec_prepared("RELEASE request");
  done_ = true;
}

}  // namespace motcua::store
