// A fresh PostgreSQL database for one test, on the cluster of the `postgres` ctest fixture
// (tests/support/pg_cluster.sh): the constructor reads the cluster's conninfo from
// $MOTCUA_TEST_PG_DIR/conninfo and creates a database with a random name, so tests running at
// once never share one; the destructor drops it (WITH (FORCE): connections the test left open
// are closed). Without the fixture the constructor throws, and the test fails saying so.
#pragma once

#include <string>

namespace motcua::testing {

class pg_database {
 public:
  pg_database();
  ~pg_database();
  pg_database(const pg_database&) = delete;
  pg_database& operator=(const pg_database&) = delete;

  const std::string& name() const { return name_; }
  // For pg::connection: the cluster's conninfo with this database's name.
  const std::string& conninfo() const { return conninfo_; }

 private:
  std::string server_conninfo_;
  std::string name_;
  std::string conninfo_;
};

}  // namespace motcua::testing
