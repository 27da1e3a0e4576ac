// A SQLite VFS over the system's default one that gathers a transaction's writes to the WAL and
// hands them to the kernel in one pwritev when SQLite syncs (or reads, sizes, truncates or
// closes) the file: a commit of five pages is one system call instead of ten (SQLite writes
// each frame's 24-byte header and its page apart). Every other file, and every other call, goes
// to the default VFS unchanged.
//
// Safe only where every commit syncs the WAL (synchronous=FULL, durability::full): that sync
// is what empties the buffer before SQLite tells other connections that the frames exist; and
// where every rollback forgets what is gathered (forget_gathered, from the connection's rollback
// hook: database.cpp), for frames written before a commit that never came.
//
// The same VFS makes pipelined group commit possible (wal_sync, database::defer_wal_syncs): a
// connection whose syncs are deferred still empties the buffer at that point, but leaves the
// fdatasync to wal_sync::make_durable, which another thread may run while the connection goes
// on with the next transaction.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

struct sqlite3_file;

namespace motcua::store {

// Registers the VFS once (not as the default) and returns its name for sqlite3_open_v2.
const char* wal_gathering_vfs();

// The WAL of one database file, and how much of what was committed to it is durable: shared by
// every connection this process has on the file (wal_sync_of). Commits are counted when their
// frames are in the file (the kernel's page cache): a deferred sync counts one more written
// commit; make_durable() and any real sync of the WAL make every commit counted before them
// durable.
//
// A commit whose sync was deferred is seen by the other connections at once, but it is durable
// only when make_durable() returns after it: nothing of it may leave the process (a reply, an
// event, a text, a push to the hub, a backup) before. A failed fdatasync is final (the kernel
// may have dropped the pages it could not write, so a later success proves nothing): every
// make_durable() after it throws.
class wal_sync {
 public:
  explicit wal_sync(std::string wal_path) : path_(std::move(wal_path)) {}
  ~wal_sync();
  wal_sync(const wal_sync&) = delete;
  wal_sync& operator=(const wal_sync&) = delete;

  // Every commit counted so far made durable: one fdatasync of the WAL for all of them (nothing
  // when a real sync or another caller already covered them). True when it ran an fdatasync.
  // Thread-safe; throws std::system_error when the disk refuses.
  bool make_durable();
  // Commits whose frames are in the file, and how many of them are durable.
  std::uint64_t written() const { return written_.load(); }
  std::uint64_t durable() const { return durable_.load(); }
  // Syncs of the WAL that succeeded: make_durable's and the real ones of the connections.
  std::uint64_t syncs() const { return syncs_.load(); }

  // For the VFS: a connection opened or closed the WAL file (the first opens the descriptor
  // make_durable syncs, the last closes it); a deferred sync; a real one that succeeded (covering
  // the commits written() said before it started), or one that failed (for good).
  void opened();
  void closed();
  void deferred() { ++written_; }
  void synced(std::uint64_t through);
  void failed();

 private:
  const std::string path_;
  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> durable_{0};
  std::atomic<std::uint64_t> syncs_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;  // the descriptor and its state; one fdatasync at a time
  int fd_ = -1;
  int opened_ = 0;
};

// The wal_sync of the WAL at `wal_path` (as SQLite names it: sqlite3_filename_wal), made on
// first use and kept while anyone holds it.
std::shared_ptr<wal_sync> wal_sync_of(const std::string& wal_path);

// Whether `wal` (SQLite's WAL file object of a connection) is gathered by this VFS, and makes its
// syncs deferred or real again.
bool gathered_by_this_vfs(sqlite3_file* wal);
void defer_syncs(sqlite3_file* wal, bool defer);
// Drops what `wal` gathered and has not written: after a rollback, the frames SQLite wrote for a
// transaction too big for its cache (a spill) before it was undone. Written later (at the
// connection's next read of the WAL) they would land on frames another connection committed
// since: the database corrupted. A commit always leaves nothing gathered (its sync writes it all).
void forget_gathered(sqlite3_file* wal);

}  // namespace motcua::store
