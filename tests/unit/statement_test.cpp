// A prepared statement whose run failed (a constraint, a trigger, a full disk) is ready to run
// again: the next request that uses it binds and runs as if nothing had happened.
#include <gtest/gtest.h>

#include "server/store/database.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

TEST(statement, AStatementThatFailedBindsAndRunsAgain) {
  temp_dir dir;
  store::database db(dir.file("t.db"), store::durability::normal);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)");
  auto insert = db.prepare("INSERT INTO t (id, code) VALUES (?, ?)");
  insert.bind(1, 1).bind(2, "A001").run();
  EXPECT_THROW(insert.bind(1, 2).bind(2, "A001").run(), store::database_error);  // not unique
  insert.bind(1, 2).bind(2, "A002").run();
  auto count = db.prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.int64(0), 2);
}

}  // namespace
}  // namespace motcua::testing
