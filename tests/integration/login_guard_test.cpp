// Password guessing against the real server (issue 9, defect 5): back-off per username and per
// address, held-back attempts answered at once without hashing, a bound on pending hashes per
// address, unlocking by a manager, and the audit log of both. Clients bind to other loopback
// addresses (127.0.0.2, ...) to come from other machines.
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>

#include "tests/integration/server_test.hpp"
#include "tests/support/http_get.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

class login_guard_test : public server_test {
 protected:
  // The server's figure `name` from /metrics.
  long metric(const std::string& name) {
    auto body = http_get(server().host(), server().port(), "/metrics").body;
    auto at = body.find("\n" + name + " ");
    if (at == std::string::npos) throw std::runtime_error(name + " is not in /metrics");
    return std::stol(body.substr(at + name.size() + 2));
  }

  // Gauges are published with the engine's figures, about once a second: waits (bounded) for
  // `name` to read `value`.
  bool metric_becomes(const std::string& name, long value) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (metric(name) != value)
      if (std::chrono::steady_clock::now() > deadline)
        return false;
      else
        std::this_thread::sleep_for(50ms);
    return true;
  }

  protocol::reply password_hello(client::blocking_client& c, const std::string& username,
                                 const std::string& password) {
    return c.call(protocol::hello{{}, username, password, {}, {}, {}});
  }

  // The audit log's rows as "actor action entity", in order.
  std::vector<std::string> audit_rows() {
    sqlite3* db = nullptr;
    std::vector<std::string> rows;
    if (sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open the database");
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT actor || ' ' || action || ' ' || entity FROM audit ORDER BY id",
                       -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
  }
};

TEST_F(login_guard_test, HeldBackLoginsAreRefusedAtOnceUnhashedUntilAManagerUnlocks) {
  auto guesser = connect();
  for (int i = 0; i < 5; ++i) {  // four free failures, and the fifth starts the hold
    auto r = password_hello(*guesser, "clerk1", "guess" + std::to_string(i));
    ASSERT_EQ(error_of(r).code, protocol::error_code::unauthorized) << describe(r);
  }
  const long hashed = metric("motcua_password_checks_total");
  EXPECT_EQ(hashed, 5);

  // 50 more attempts from 5 connections (under the per-connection rate limit), the right
  // password among them: each is refused with retry_after, and none is hashed.
  const auto start = std::chrono::steady_clock::now();
  for (int c = 0; c < 5; ++c) {
    auto more = connect();
    for (int i = 0; i < 10; ++i) {
      auto r = password_hello(*more, "clerk1", i == 9 ? "demo" : "guess");
      auto e = error_of(r);
      ASSERT_EQ(e.code, protocol::error_code::limit) << describe(r);
      ASSERT_TRUE(e.retry_after) << describe(r);
      EXPECT_GT(*e.retry_after, 0);
      EXPECT_LE(*e.retry_after, 30);
      EXPECT_EQ(e.message, "Đăng nhập sai nhiều lần. Vui lòng thử lại sau " +
                               std::to_string(*e.retry_after) + " giây.");
    }
  }
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(metric("motcua_password_checks_total"), hashed) << "held-back attempts are not hashed";
  EXPECT_EQ(metric("motcua_logins_held_back_total"), 50);
  EXPECT_EQ(metric("motcua_logins_failed_total"), 5);
  std::cout << "50 held-back attempts answered in "
            << std::chrono::duration<double, std::milli>(took).count() << " ms\n";

  // Meanwhile clerk2 logs in, from another address and from the guesser's own.
  auto other = connect_to(server(), "127.0.0.2");
  EXPECT_EQ(hello_staff(*other, "clerk2").user, "clerk2");
  EXPECT_EQ(hello_staff(*connect(), "clerk3").user, "clerk3");

  // The manager sees the lock and lifts it; clerk1 logs in at once.
  auto manager = connect_to(server(), "127.0.0.3");
  hello_staff(*manager, "manager");
  auto locks = result_of<protocol::login_locks_result>(manager->call(protocol::list_login_locks{}));
  ASSERT_EQ(locks.locks.size(), 1u);
  EXPECT_EQ(locks.locks[0].key, "clerk1");
  EXPECT_EQ(locks.locks[0].failures, 5);
  EXPECT_TRUE(metric_becomes("motcua_login_locks", 1));
  auto unlocked = result_of<protocol::login_locks_result>(
      manager->call(protocol::unlock_login{"clerk1", std::nullopt}));
  EXPECT_TRUE(unlocked.locks.empty());
  EXPECT_EQ(hello_staff(*connect(), "clerk1").user, "clerk1");

  // Both are in the audit log, whose chain verifies; no password is in it.
  const int status = stop(SIGTERM);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  auto rows = audit_rows();
  auto has = [&](const std::string& row) { return std::ranges::find(rows, row) != rows.end(); };
  EXPECT_TRUE(has("system login_locked login:clerk1"));
  EXPECT_TRUE(has("manager unlock_login login:clerk1"));
  const auto verified = run_server({"--verify-audit", "--db", db_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  std::ifstream file(db_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("guess"), std::string::npos);
}

// Connections from one address sending wrong passwords for ever new usernames: each sends its
// next attempt once the last one is answered, at most ten a second (under the per-connection
// rate limit), as a paced guesser would.
class login_flood {
 public:
  login_flood(const server_process& server, int connections)
      : work_(client::net::make_work_guard(ioc_)), waiting_(connections) {
    for (int i = 0; i < connections; ++i) {
      auto c = client::connection::create(
          ioc_.get_executor(),
          client::connection_handlers{
              .on_open = {},
              .on_reply =
                  [this, i](const protocol::reply& r) {
                    const auto* e = std::get_if<protocol::error>(&r.body);
                    ++(e && e->code == protocol::error_code::limit ? refused_ : hashed_);
                    waiting_[i] = false;
                  },
              .on_event = {},
              .on_raw = {},
              .decode_if = {},
              .on_close = {},
          });
      c->connect(server.host(), server.port());
      connections_.push_back(std::move(c));
    }
    network_ = std::thread([this] { ioc_.run(); });
    driver_ = std::thread([this] {
      for (int n = 0; !stopping_; ++n) {
        for (std::size_t i = 0; i < connections_.size(); ++i)
          if (!waiting_[i].exchange(true))
            connections_[i]->send(protocol::hello{
                {}, "intruder" + std::to_string(n) + "-" + std::to_string(i), "wrong", {}, {}, {}});
        std::this_thread::sleep_for(100ms);
      }
    });
  }
  ~login_flood() {
    stopping_ = true;
    driver_.join();
    for (auto& c : connections_) c->close();
    work_.reset();
    ioc_.run_for(1s);
    ioc_.stop();
    network_.join();
  }
  int hashed() const { return hashed_; }    // answered unauthorized
  int refused() const { return refused_; }  // limit: busy or held back

 private:
  client::net::io_context ioc_;
  client::net::executor_work_guard<client::net::io_context::executor_type> work_;
  std::vector<std::shared_ptr<client::connection>> connections_;
  std::vector<std::atomic<bool>> waiting_;  // a request of that connection is unanswered
  std::atomic<bool> stopping_{false};
  std::atomic<int> hashed_{0};
  std::atomic<int> refused_{0};
  std::thread network_;
  std::thread driver_;
};

TEST_F(login_guard_test, AFloodFromOneAddressLeavesHashingRoomForAClerkFromAnother) {
  // The address alone is never held back here, and no username is guessed five times: only the
  // bound on pending hashes per address protects the clerk.
  const auto overrides = dir_.file("overrides.json");
  std::ofstream(overrides) << R"({"limits": {"login_address_free_failures": 1000000}})";
  start({"--demo", "--config", overrides});
  login_flood flood(server(), 100);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (flood.refused() < 200 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);  // bounded wait for the flood to be under way
  ASSERT_GE(flood.refused(), 200) << "the flood did not start";
  int logged_in = 0;
  for (int i = 0; i < 5; ++i) {
    auto clerk = connect_to(server(), "127.0.0.2");
    auto r = clerk->call(protocol::hello{{}, "clerk1", "demo", {}, {}, {}});
    if (r.ok())
      ++logged_in;
    else
      ADD_FAILURE() << describe(r);
  }
  EXPECT_EQ(logged_in, 5);
  std::cout << "flood: " << flood.hashed() << " hashed, " << flood.refused() << " refused\n";
}

TEST_F(login_guard_test, GuessedDeviceTokensHoldTheAddressBackLikePasswords) {
  // One connection, one wrong token at a time: the 20th failure from the address holds it back.
  auto guesser = connect_to(server(), "127.0.0.5");
  for (int i = 0; i < 20; ++i) {
    auto r = guesser->call(protocol::hello{"guess-" + std::to_string(i), {}, {}, {}, {}, {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(error_of(r).code, protocol::error_code::unauthorized) << "attempt " << i;
  }
  auto held = guesser->call(protocol::hello{std::string("demo-kiosk"), {}, {}, {}, {}, {}});
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(error_of(held).code, protocol::error_code::limit) << "even the right token";
  EXPECT_EQ(error_of(held).retry_after, 30);
  // A kiosk elsewhere is not affected.
  auto kiosk = connect_to(server(), "127.0.0.1");
  EXPECT_EQ(hello_device(*kiosk, "demo-kiosk").role, protocol::role::kiosk);
}

// A right token refused for its topics is no guess: asking 25 times for what a device may not
// have holds nobody back.
TEST_F(login_guard_test, ARightTokenRefusedForItsTopicsIsNoGuess) {
  auto device = connect_to(server(), "127.0.0.6");
  const std::vector<std::string> managers_only{"stats"};
  for (int i = 0; i < 25; ++i) {
    auto r =
        device->call(protocol::hello{std::string("demo-display"), {}, {}, {}, {}, managers_only});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(error_of(r).code, protocol::error_code::forbidden) << "attempt " << i;
  }
  EXPECT_EQ(hello_device(*device, "demo-display").role, protocol::role::display);
}

}  // namespace
}  // namespace motcua::testing
