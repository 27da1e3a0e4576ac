// motcua-server --verify-audit on the database a real server wrote.
#include <sys/wait.h>

#include <sqlite3.h>

#include "tests/integration/server_test.hpp"

namespace motcua::testing {
namespace {

class audit_test : public server_test {
 protected:
  // Some audited activity (tickets, a login, a counter, a visit), then a clean stop.
  void SetUp() override {
    auto k = kiosk();
    take(*k, 1, "audit-1");
    take(*k, 2, "audit-2");
    auto c = clerk("clerk1", 1, {1});
    clerk_do(*c, protocol::call_next{});
    clerk_do(*c, protocol::start_service{});
    clerk_do(*c, protocol::finish{});
    const int status = stop(SIGTERM);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }

  int verify(std::string& output) {
    auto r = run_server({"--verify-audit", "--db", db_});
    output = std::move(r.output);
    return r.exit_code;
  }

  // Runs `sql` on the database directly, as someone with file access could.
  void tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const int changed = sqlite3_changes(db);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
    ASSERT_EQ(changed, 1);
  }
};

TEST_F(audit_test, VerifyAuditFindsTheChainIntactAfterADayOfWork) {
  std::string output;
  EXPECT_EQ(verify(output), 0) << output;
  EXPECT_NE(output.find("audit chain intact"), std::string::npos) << output;
}

TEST_F(audit_test, VerifyAuditFailsAndNamesTheEntryThatWasAltered) {
  tamper("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'x' WHERE id = 2;");
  std::string output;
  EXPECT_EQ(verify(output), 1) << output;
  EXPECT_NE(output.find("entry 2"), std::string::npos) << output;
}

}  // namespace
}  // namespace motcua::testing
