// What survives the process: tickets acknowledged just before a SIGKILL, their numbers, the
// event seq; and a SIGTERM ends the server cleanly. A batch the database will not take is
// answered with an error and keeps nothing, not even a login. Under sustained load the WAL restarts
// instead of growing with every commit.
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>

#include "server/store/database.hpp"
#include "tests/integration/server_test.hpp"

namespace motcua::testing {
namespace {

class durability_test : public server_test {};

// SQLite's own checkpoint size: the WAL restart is seen in a few hundred tickets.
class wal_restart_test : public server_test {
 protected:
  wal_restart_test() { start_demo_with(R"({"wal_checkpoint_pages": 1000})"); }
};

std::string key_of(int i) { return "durable-" + std::to_string(i); }
domain::service_id service_of(int i) { return 1 + i % 2; }

TEST_F(durability_test, AcknowledgedTicketsSurviveSigkillAndNumbersAreNotReused) {
  constexpr int n = 30;  // 15 in each of services 1 and 2
  auto watcher = connect();
  const auto watcher_hello = hello_staff(*watcher, "manager");  // every topic
  auto k = kiosk();
  std::vector<protocol::ticket> acknowledged;
  for (int i = 0; i < n; ++i) acknowledged.push_back(take(*k, service_of(i), key_of(i)).ticket);

  const int status = stop(SIGKILL);  // right after the last reply
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  ASSERT_TRUE(watcher->wait_closed());
  std::int64_t last_seen = watcher_hello.seq;
  for (const auto& e : watcher->drain_events()) last_seen = std::max(last_seen, e.seq);

  start();
  auto again = connect();
  const auto hello = hello_device(*again, "demo-kiosk");
  EXPECT_GE(hello.seq, last_seen);
  // Each acknowledged ticket committed its ticket_issued event (its queue_changed may have
  // been coalesced with the next ones).
  EXPECT_GE(hello.seq, watcher_hello.seq + n);
  for (int i = 0; i < n; ++i) {
    const auto same = take(*again, service_of(i), key_of(i)).ticket;
    EXPECT_EQ(same.id, acknowledged[i].id) << key_of(i);
    EXPECT_EQ(same.number, acknowledged[i].number) << key_of(i);
  }

  auto hall = staff("manager");
  EXPECT_EQ(take(*again, 1, "durable-new").ticket.number, "A016");
  const auto seen = events_until(*hall, issued("A016"));
  EXPECT_GT(seen.back().seq, hello.seq);
  EXPECT_GT(seen.back().seq, last_seen);
}

TEST_F(durability_test, SigtermShutsDownWithExitStatusZeroKeepingTheTickets) {
  auto k = kiosk();
  auto hall = display();
  const auto ticket = take(*k, 1, "before-sigterm").ticket;

  const int status = stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(k->wait_closed());
  EXPECT_TRUE(hall->wait_closed());

  start();
  EXPECT_EQ(take(*kiosk(), 1, "before-sigterm").ticket.id, ticket.id);
}

TEST_F(durability_test, ABatchTheDatabaseWillNotStartIsAnsweredWithAnErrorAndKeepsNothing) {
  auto k = kiosk();
  EXPECT_EQ(take(*k, 1, "before-the-lock").ticket.number, "A001");
  {
    // Someone with file access holds the write lock past the server's 5-second busy wait (a
    // sqlite3 shell left inside a transaction): the batch cannot begin.
    store::database shell(db_, store::durability::normal);
    shell.exec("BEGIN IMMEDIATE");
    const auto refused =
        k->call(protocol::take_ticket{1, "while-locked", domain::priority::none, "vi", {}, {}},
                std::chrono::seconds{30});
    EXPECT_EQ(error_of(refused).code, protocol::error_code::internal);
    shell.exec("ROLLBACK");
  }
  // Nothing of it was kept: the same request, sent again, gets the next number.
  EXPECT_EQ(take(*k, 1, "while-locked").ticket.number, "A002");
}

TEST_F(durability_test, ALoginTheDatabaseRefusedLeavesTheConnectionLoggedOut) {
  // The database refuses a login's session row (its request undone), or the event numbers
  // written at the batch's commit (`meta`: the whole batch undone). Either way the hello is
  // answered `internal` and the connection is nobody's: a clerk's verb is refused, and the same
  // hello sent again logs in.
  for (const std::string refused_write : {"INSERT ON sessions", "UPDATE ON meta"}) {
    SCOPED_TRACE(refused_write);
    auto c = connect();
    store::database shell(db_, store::durability::normal);
    shell.exec("CREATE TRIGGER refuse BEFORE " + refused_write +
               " BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    const auto refused = c->call(protocol::hello{{}, "clerk1", "demo", {}, {}, {}});
    EXPECT_EQ(error_of(refused).code, protocol::error_code::internal);
    shell.exec("DROP TRIGGER refuse");
    EXPECT_EQ(error_of(c->call(protocol::call_next{})).code, protocol::error_code::unauthorized);
    hello_staff(*c, "clerk1");
    EXPECT_NE(error_of(c->call(protocol::call_next{})).code, protocol::error_code::unauthorized);
  }
}

TEST_F(wal_restart_test, TheWalRestartsUnderSustainedLoadInsteadOfGrowing) {
  // 304 tickets one after the other, each its own commit of a few pages (about 28 KB): without
  // a restart the WAL would pass 8 MB; the engine checkpoints past 1,000 pages here (4 MB) and
  // the WAL starts again from its beginning. Eight kiosks take turns (each within its burst).
  constexpr int kiosks = 8, per_kiosk = 38;
  std::vector<client_ptr> ks;
  for (int k = 0; k < kiosks; ++k) ks.push_back(kiosk());
  for (int t = 0; t < per_kiosk; ++t)
    for (int k = 0; k < kiosks; ++k)
      take(*ks[k], 1 + (k + t) % 4, "load-" + std::to_string(k) + "-" + std::to_string(t));
  EXPECT_LT(std::filesystem::file_size(db_ + "-wal"), 6u << 20);
}

}  // namespace
}  // namespace motcua::testing
