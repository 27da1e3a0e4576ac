#include "server/store/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "server/store/migrations.hpp"

namespace motcua::store {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail_errno(const std::string& what, int error = errno) {
  throw std::runtime_error(what + ": " + std::strerror(error));
}

// Syncs the file or folder at `path` (opened with `flags`) to the disk.
void sync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) fail_errno("cannot open " + path.string());
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) fail_errno("cannot sync " + path.string(), error);
}

// The copy under its temporary name, created empty here (never an existing file), and what
// SQLite may write beside it: all removed at the end, whether the copy got its name or failed.
class partial_file {
 public:
  explicit partial_file(fs::path path) : path_(std::move(path)) {
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail_errno("cannot create " + path_.string());
    ::close(fd);
  }
  ~partial_file() {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
      fs::remove(path_.string() + suffix, ignored);
  }
  partial_file(const partial_file&) = delete;
  partial_file& operator=(const partial_file&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Copies every page of `from` into the empty database file `to`.
void copy_pages(database& from, const fs::path& to) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(to.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> out(raw, &sqlite3_close);
  if (opened != SQLITE_OK)
    throw database_error("cannot open " + to.string() + ": " +
                         (raw ? sqlite3_errmsg(raw) : "out of memory"));
  sqlite3_backup* backup = sqlite3_backup_init(raw, "main", from.handle(), "main");
  if (!backup) throw database_error(std::string("cannot start the copy: ") + sqlite3_errmsg(raw));
  // Every page in one step, so in one read transaction: one consistent snapshot. A copy in
  // several steps starts over whenever another connection commits, so under load it never ends.
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw database_error(std::string("copy failed: ") + sqlite3_errstr(rc));
}

void check_integrity(database& copy) {
  auto q = copy.prepare("PRAGMA integrity_check(1)");
  const std::string verdict = q.step() ? q.text(0) : "no answer";
  if (verdict != "ok") throw database_error("integrity check failed: " + verdict);
}

}  // namespace

std::uintmax_t copy_database(const std::string& source, const fs::path& dest,
                             const std::function<void(database& copy)>& check) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dest, ec))) throw std::runtime_error("it already exists");
  if (!dest.has_filename()) throw std::runtime_error("no folder " + dest.string());
  const fs::path folder = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, ec)) throw std::runtime_error("no folder " + folder.string());
  if (!fs::is_regular_file(source, ec)) throw std::runtime_error("no database at " + source);
  refuse_if_newer(source);  // its tables may not be what the checks below read
  database from(source, durability::normal);
  std::string partial_name = ".";
  partial_name.append(dest.filename().string()).append(".partial-");
  partial_name.append(std::to_string(::getpid()));
  partial_file partial(folder / partial_name);
  copy_pages(from, partial.path());
  // What a running server committed and the copy holds may not be durable yet (its commits are
  // pipelined, store/wal_writes.hpp): the WAL synced, from this process or another.
  if (const fs::path wal = sqlite3_filename_wal(sqlite3_db_filename(from.handle(), "main"));
      fs::exists(wal, ec))
    sync_path(wal, O_RDONLY);
  {
    database copy(partial.path().string(), durability::normal);
    check_integrity(copy);
    check(copy);
  }
  sync_path(partial.path(), O_RDONLY);
  // A link, not a rename: it fails instead of replacing a file given that name meanwhile.
  if (::link(partial.path().c_str(), dest.c_str()) != 0) {
    if (errno == EEXIST) throw std::runtime_error("it already exists");
    fail_errno("cannot name the copy");
  }
  try {
    sync_path(folder, O_RDONLY | O_DIRECTORY);
    return fs::file_size(dest);
  } catch (...) {
    fs::remove(dest, ec);
    throw;
  }
}

}  // namespace motcua::store
