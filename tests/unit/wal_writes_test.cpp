// The VFS that gathers a transaction's WAL writes (store/wal_writes.hpp): what a commit wrote is
// in the file for every other connection, whatever the transaction's size and shape; with the
// syncs deferred (pipelined group commit), what is durable is counted, and made so by
// make_durable, by another connection's real sync and by a checkpoint.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "server/store/database.hpp"
#include "server/store/wal_writes.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

// Rows of `bytes` bytes each: id, a number, a blob of the id's letter.
void fill(store::database& db, int first, int count, int bytes) {
  auto insert = db.prepare("INSERT INTO t (id, n, body) VALUES (?, ?, zeroblob(?))");
  for (int id = first; id < first + count; ++id) {
    insert.bind(1, id).bind(2, id * 3).bind(3, bytes).run();
    insert.reset();
  }
}

struct summary {
  std::int64_t rows = 0, sum = 0, bytes = 0;
  bool operator==(const summary&) const = default;
};

// Read by a connection of its own, on the default VFS (as the checkpointer and the tools do).
summary read_elsewhere(const std::string& path) {
  store::database other(path, store::durability::normal);
  EXPECT_EQ(other.prepare("PRAGMA integrity_check").step() ? "ok" : "", "ok");
  auto q = other.prepare("SELECT COUNT(*), TOTAL(n), TOTAL(length(body)) FROM t");
  EXPECT_TRUE(q.step());
  return {q.int64(0), q.int64(1), q.int64(2)};
}

class wal_writes_test : public ::testing::Test {
 protected:
  wal_writes_test() { db_.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, body BLOB)"); }
  temp_dir dir_;
  std::string path_ = dir_.file("wal.db");
  store::database db_{path_};  // durability::full: the gathering VFS
};

TEST_F(wal_writes_test, SmallAndLargeCommitsAreInTheFileForOtherConnections) {
  {
    store::transaction tx(db_);
    fill(db_, 1, 3, 10);
    tx.commit();
  }
  EXPECT_EQ(read_elsewhere(path_), (summary{3, 18, 30}));
  {
    // Over 3 MB: more than is gathered at once, each write of it more than SQLite's unix VFS
    // takes in one call.
    store::transaction tx(db_);
    fill(db_, 4, 1500, 2000);
    tx.commit();
  }
  std::int64_t sum = 0;
  for (int id = 1; id <= 1503; ++id) sum += id * 3;
  EXPECT_EQ(read_elsewhere(path_), (summary{1503, sum, 30 + 1500 * 2000}));
}

TEST_F(wal_writes_test, AfterACheckpointTheWalStartsAgainFromItsHeader) {
  fill(db_, 1, 100, 500);
  EXPECT_TRUE(db_.checkpoint());
  db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");  // the next commit writes the WAL from offset 0
  fill(db_, 101, 100, 500);
  std::int64_t sum = 0;
  for (int id = 1; id <= 200; ++id) sum += id * 3;
  EXPECT_EQ(read_elsewhere(path_), (summary{200, sum, 200 * 500}));
}

TEST_F(wal_writes_test, ATransactionBiggerThanTheCacheRewritesItsFramesAndStaysWhole) {
  db_.exec("PRAGMA cache_size = 8");  // pages spill to the WAL before the commit
  {
    store::transaction tx(db_);
    fill(db_, 1, 400, 1000);
    db_.exec("UPDATE t SET n = n + 1");  // the spilled pages change again
    tx.commit();
  }
  std::int64_t sum = 0;
  for (int id = 1; id <= 400; ++id) sum += id * 3 + 1;
  EXPECT_EQ(read_elsewhere(path_), (summary{400, sum, 400 * 1000}));
  {
    store::transaction tx(db_);  // rolled back: nothing of it is seen
    fill(db_, 401, 400, 1000);
  }
  EXPECT_EQ(read_elsewhere(path_), (summary{400, sum, 400 * 1000}));
}

TEST_F(wal_writes_test, AnUndoneTransactionsSpilledFramesAreNotWrittenOverAnothersCommit) {
  db_.exec("PRAGMA cache_size = 8");  // pages spill to the WAL before the commit
  fill(db_, 1, 10, 100);
  EXPECT_TRUE(db_.checkpoint());  // the undo reads its pages from the database file, not the WAL
  {
    store::transaction tx(db_);  // spills, then is rolled back
    fill(db_, 11, 400, 1000);
  }
  {
    // Another connection of the process commits next, where the spilled frames were.
    store::database other(path_);
    store::transaction tx(other);
    fill(other, 1000, 50, 1000);
    tx.commit();
  }
  // This connection reads the WAL again: nothing of the undone transaction may reach the file.
  auto q = db_.prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), 60);
  std::int64_t sum = 0;
  for (int id = 1; id <= 10; ++id) sum += id * 3;
  for (int id = 1000; id < 1050; ++id) sum += id * 3;
  EXPECT_EQ(read_elsewhere(path_), (summary{60, sum, 10 * 100 + 50 * 1000}));
}

TEST_F(wal_writes_test, DeferredCommitsAreSeenAtOnceAndDurableOnceMadeSo) {
  db_.defer_wal_syncs();
  auto& wal = db_.wal();
  const auto before = wal.written();
  fill(db_, 1, 3, 10);  // three commits, none waiting for the disk
  EXPECT_GE(wal.written(), before + 3);
  EXPECT_LT(wal.durable(), wal.written());
  EXPECT_EQ(read_elsewhere(path_), (summary{3, 18, 30}));
  wal.make_durable();
  EXPECT_EQ(wal.durable(), wal.written());
}

TEST_F(wal_writes_test, AnotherConnectionsRealSyncMakesTheDeferredCommitsDurable) {
  db_.defer_wal_syncs();
  fill(db_, 1, 3, 10);
  const auto written = db_.wal().written();
  store::database other(path_);  // durability::full: its commits sync the WAL for real
  EXPECT_EQ(&other.wal(), &db_.wal());
  fill(other, 4, 1, 10);
  EXPECT_GE(db_.wal().durable(), written);
  EXPECT_EQ(read_elsewhere(path_), (summary{4, 30, 40}));
}

TEST_F(wal_writes_test, ACheckpointMakesTheDeferredCommitsDurableFirstAndTheWalStaysDeferred) {
  db_.defer_wal_syncs();
  fill(db_, 1, 100, 500);
  const auto written = db_.wal().written();
  EXPECT_TRUE(db_.checkpoint());
  EXPECT_GE(db_.wal().durable(), written);
  store::database(path_, store::durability::normal).exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const auto syncs = db_.wal().syncs();
  fill(db_, 101, 2, 500);  // from the WAL's start again, still deferred
  // The restart's new header is synced for real before its frames; the commits are not.
  EXPECT_EQ(db_.wal().syncs(), syncs + 1);
  EXPECT_GE(db_.wal().written(), written + 2);
  EXPECT_LT(db_.wal().durable(), db_.wal().written());
  std::int64_t sum = 0;
  for (int id = 1; id <= 102; ++id) sum += id * 3;
  EXPECT_EQ(read_elsewhere(path_), (summary{102, sum, 102 * 500}));
}

TEST(wal_sync, OnlyTheGatheringVfsDefersItsSyncs) {
  temp_dir dir;
  store::database tool(dir.file("tool.db"), store::durability::normal);
  EXPECT_THROW(tool.defer_wal_syncs(), std::logic_error);
}

}  // namespace
}  // namespace motcua::testing
