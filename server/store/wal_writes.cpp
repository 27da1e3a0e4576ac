#include "server/store/wal_writes.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <new>
#include <system_error>
#include <vector>

namespace motcua::store {
namespace {

constexpr const char* vfs_name = "motcua-wal-gathering";
constexpr std::size_t most_gathered = 1 << 20;  // a bigger transaction is written as it goes

// Kept after the default VFS's own file object, which starts at the same address (so its
// methods are handed our sqlite3_file unchanged).
struct gathered {
  const sqlite3_io_methods* base = nullptr;  // the default VFS's methods for this file
  std::vector<char> bytes;                   // written by SQLite, not yet by the kernel
  sqlite3_int64 at = 0;                      // where bytes[0] goes in the file
  std::shared_ptr<wal_sync> sync;            // the file's, shared with the other connections
  bool defer = false;                        // syncs left to wal_sync::make_durable
  bool header = false;  // the WAL's header written (a restart) since the last sync
};

sqlite3_vfs* base_vfs = nullptr;
sqlite3_vfs vfs{};
int base_size = 0;  // the default VFS's file object, rounded up for `gathered`

gathered& extra(sqlite3_file* f) {
  return *std::launder(reinterpret_cast<gathered*>(reinterpret_cast<char*>(f) + base_size));
}

// The gathered bytes, in writes of at most 64 KiB: the default VFS takes up to 128 KiB less one
// byte per write (it masks the length to 17 bits).
int flush(sqlite3_file* f) {
  constexpr std::size_t most_per_write = 64 << 10;
  auto& g = extra(f);
  int rc = SQLITE_OK;
  for (std::size_t done = 0; done < g.bytes.size() && rc == SQLITE_OK; done += most_per_write) {
    auto n = std::min(most_per_write, g.bytes.size() - done);
    rc = g.base->xWrite(f, g.bytes.data() + done, static_cast<int>(n),
                        g.at + static_cast<sqlite3_int64>(done));
  }
  g.bytes.clear();
  return rc;
}

int gather_write(sqlite3_file* f, const void* data, int size, sqlite3_int64 offset) {
  auto& g = extra(f);
  if (offset == 0) g.header = true;
  const auto n = static_cast<std::size_t>(size);
  // Only what extends the gathered bytes is gathered; anything else (a frame written again, the
  // header at 0) first sends what is gathered, so the file sees the writes in SQLite's order.
  bool follows = !g.bytes.empty() && offset == g.at + static_cast<sqlite3_int64>(g.bytes.size());
  if (!follows || g.bytes.size() + n > most_gathered) {
    if (int rc = flush(f); rc != SQLITE_OK) return rc;
    g.at = offset;
  }
  if (n > most_gathered) return g.base->xWrite(f, data, size, offset);
  try {
    const auto* p = static_cast<const char*>(data);
    g.bytes.insert(g.bytes.end(), p, p + n);
  } catch (const std::bad_alloc&) {
    if (int rc = flush(f); rc != SQLITE_OK) return rc;
    return g.base->xWrite(f, data, size, offset);
  }
  return SQLITE_OK;
}

int gather_close(sqlite3_file* f) {
  int flushed = flush(f);
  auto* base = extra(f).base;
  extra(f).sync->closed();
  extra(f).~gathered();
  f->pMethods = base;
  int rc = base->xClose(f);
  return flushed != SQLITE_OK ? flushed : rc;
}

int gather_read(sqlite3_file* f, void* data, int size, sqlite3_int64 offset) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return extra(f).base->xRead(f, data, size, offset);
}

int gather_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return extra(f).base->xTruncate(f, size);
}

int gather_sync(sqlite3_file* f, int flags) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  auto& g = extra(f);
  // A restart's new header is synced for real before any frame follows it, deferred or not:
  // frames reaching the disk before their header could let recovery replay old frames over the
  // database file (SQLite's wal.c, ticket ff5be73dee). One fsync per restart of the WAL.
  if (g.defer && !g.header) {
    g.sync->deferred();
    return SQLITE_OK;
  }
  g.header = false;
  const auto through = g.sync->written();
  int rc = g.base->xSync(f, flags);
  if (rc == SQLITE_OK)
    g.sync->synced(through);
  else
    g.sync->failed();
  return rc;
}

int gather_file_size(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return extra(f).base->xFileSize(f, size);
}

int gather_lock(sqlite3_file* f, int level) { return extra(f).base->xLock(f, level); }
int gather_unlock(sqlite3_file* f, int level) { return extra(f).base->xUnlock(f, level); }
int gather_check_reserved(sqlite3_file* f, int* out) {
  return extra(f).base->xCheckReservedLock(f, out);
}
int gather_file_control(sqlite3_file* f, int op, void* arg) {
  return extra(f).base->xFileControl(f, op, arg);
}
int gather_sector_size(sqlite3_file* f) { return extra(f).base->xSectorSize(f); }
int gather_device(sqlite3_file* f) { return extra(f).base->xDeviceCharacteristics(f); }

// Version 1: a WAL file has no shared memory (the database file has it) and is not mapped.
const sqlite3_io_methods gather_methods{
    1,
    gather_close,
    gather_read,
    gather_write,
    gather_truncate,
    gather_sync,
    gather_file_size,
    gather_lock,
    gather_unlock,
    gather_check_reserved,
    gather_file_control,
    gather_sector_size,
    gather_device,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  int rc = base_vfs->xOpen(base_vfs, name, f, flags, out_flags);
  if (rc != SQLITE_OK || !(flags & SQLITE_OPEN_WAL) || !f->pMethods) return rc;
  std::shared_ptr<wal_sync> sync;
  try {
    sync = wal_sync_of(name);
    sync->opened();
  } catch (const std::exception&) {
    f->pMethods->xClose(f);
    f->pMethods = nullptr;
    return SQLITE_CANTOPEN;
  }
  auto* g = new (reinterpret_cast<char*>(f) + base_size) gathered;
  g->base = f->pMethods;
  g->sync = std::move(sync);
  f->pMethods = &gather_methods;
  return SQLITE_OK;
}

}  // namespace

wal_sync::~wal_sync() {
  if (fd_ >= 0) ::close(fd_);
}

bool wal_sync::make_durable() {
  auto refuse = [&](int error) {
    throw std::system_error(error, std::generic_category(), "fdatasync " + path_);
  };
  if (failed_.load()) refuse(EIO);
  const auto wanted = written_.load();
  if (durable_.load() >= wanted) return false;
  std::lock_guard lock(mutex_);
  if (durable_.load() >= wanted) return false;  // another caller's fdatasync covered it
  if (fd_ < 0) refuse(EBADF);                   // commits counted, and no file to sync
  const auto through = written_.load();         // everything in the file now: covered by this one
  if (::fdatasync(fd_) != 0) {
    const int error = errno;
    failed();
    refuse(error);
  }
  synced(through);
  return true;
}

void wal_sync::opened() {
  std::lock_guard lock(mutex_);
  if (opened_++ > 0) return;
  // Its own descriptor of the file SQLite opened: SQLite locks the database and its shared
  // memory, never the WAL, so closing this one releases no lock of SQLite's.
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    opened_ = 0;
    throw std::system_error(errno, std::generic_category(), "open " + path_);
  }
}

void wal_sync::closed() {
  std::lock_guard lock(mutex_);
  if (--opened_ > 0 || fd_ < 0) return;
  ::close(fd_);
  fd_ = -1;
}

void wal_sync::failed() { failed_.store(true); }

void wal_sync::synced(std::uint64_t through) {
  if (failed_.load()) return;  // what failed to be written may be among what this one covered
  ++syncs_;
  auto now = durable_.load();
  while (now < through && !durable_.compare_exchange_weak(now, through)) {
  }
}

std::shared_ptr<wal_sync> wal_sync_of(const std::string& wal_path) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<wal_sync>> known;
  std::lock_guard lock(mutex);
  std::erase_if(known, [](const auto& entry) { return entry.second.expired(); });
  auto& entry = known[wal_path];
  auto sync = entry.lock();
  if (!sync) entry = sync = std::make_shared<wal_sync>(wal_path);
  return sync;
}

bool gathered_by_this_vfs(sqlite3_file* wal) { return wal && wal->pMethods == &gather_methods; }

void defer_syncs(sqlite3_file* wal, bool defer) { extra(wal).defer = defer; }

void forget_gathered(sqlite3_file* wal) { extra(wal).bytes.clear(); }

const char* wal_gathering_vfs() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    base_vfs = sqlite3_vfs_find(nullptr);
    constexpr int align = alignof(gathered);
    base_size = (base_vfs->szOsFile + align - 1) / align * align;
    vfs = *base_vfs;  // every call but xOpen goes to the default VFS, with its own pointer
    vfs.szOsFile = base_size + static_cast<int>(sizeof(gathered));
    vfs.zName = vfs_name;
    vfs.pNext = nullptr;
    vfs.xOpen = open;
    sqlite3_vfs_register(&vfs, 0);
  });
  return vfs_name;
}

}  // namespace motcua::store
