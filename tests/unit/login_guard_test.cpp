// The login guard: back-off per username and per address on a test clock, bounded tables,
// unlocking; and the engine's unlock_login / list_login_locks verbs on a real database.
#include <gtest/gtest.h>

#include "server/auth/login_guard.hpp"
#include "tests/unit/engine_fixture.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

class login_guard_test : public ::testing::Test {
 protected:
  login_guard_test() {
    guard_.on_lockout([this](const auth::login_lock& l) { lockouts_.push_back(l); });
  }

  // `n` wrong passwords for `username` from `address`.
  void fail(const std::string& username, int n, const std::string& address = "10.0.0.1") {
    for (int i = 0; i < n; ++i) guard_.failed(username, address);
  }
  std::optional<int> wait(const std::string& username, const std::string& address = "10.0.0.1") {
    return guard_.held_back(username, address);
  }

  config::limits limits_;  // the defaults: 5 / 20 failures, 30 s doubling up to 900 s
  domain::test_clock clock_{thursday_8am()};
  auth::login_guard guard_{limits_, clock_};
  std::vector<auth::login_lock> lockouts_;
};

TEST_F(login_guard_test, FourFailuresAreFreeTheFifthHoldsTheUsernameBack) {
  fail("clerk1", 4);
  EXPECT_EQ(wait("clerk1"), std::nullopt);
  EXPECT_TRUE(lockouts_.empty());
  fail("clerk1", 1);
  EXPECT_EQ(wait("clerk1"), 30);
  EXPECT_EQ(wait("clerk1", "10.9.9.9"), 30) << "from any address";
  EXPECT_EQ(wait("clerk2"), std::nullopt) << "another username from the same address";
  ASSERT_EQ(lockouts_.size(), 1u);
  EXPECT_EQ(lockouts_[0].kind, auth::lock_kind::username);
  EXPECT_EQ(lockouts_[0].key, "clerk1");
  EXPECT_EQ(lockouts_[0].failures, 5);
  EXPECT_EQ(lockouts_[0].retry_after_seconds, 30);
}

TEST_F(login_guard_test, TheWaitCountsDownInWholeSecondsRoundedUp) {
  fail("clerk1", 5);
  clock_.advance(10500ms);
  EXPECT_EQ(wait("clerk1"), 20);
  clock_.advance(19500ms);
  EXPECT_EQ(wait("clerk1"), std::nullopt);
}

TEST_F(login_guard_test, EachFurtherFailureDoublesTheWaitUpToTheCap) {
  fail("clerk1", 5);
  std::vector<int> waits;
  for (int i = 0; i < 8; ++i) {
    clock_.advance(std::chrono::seconds(*wait("clerk1")));
    EXPECT_EQ(wait("clerk1"), std::nullopt);
    fail("clerk1", 1);
    waits.push_back(*wait("clerk1"));
  }
  EXPECT_EQ(waits, (std::vector<int>{60, 120, 240, 480, 900, 900, 900, 900}));
  EXPECT_EQ(lockouts_.size(), 9u) << "every new hold is reported, refusals are not";
}

TEST_F(login_guard_test, ASuccessResetsTheUsernamesCounter) {
  fail("clerk1", 5);
  clock_.advance(30s);
  guard_.succeeded("clerk1", "10.0.0.1");
  fail("clerk1", 4);  // seen from another address (the hold does not apply where it succeeded)
  EXPECT_EQ(wait("clerk1", "10.9.9.9"), std::nullopt) << "four free failures again";
  fail("clerk1", 1);
  EXPECT_EQ(wait("clerk1", "10.9.9.9"), 30) << "and the first wait again, not a doubled one";
}

TEST_F(login_guard_test, AGuesserElsewhereDoesNotLockTheClerkOutAtTheirOwnDesk) {
  guard_.succeeded("clerk1", "10.0.0.7");  // the clerk's desk
  fail("clerk1", 5, "10.6.6.6");           // someone guessing from elsewhere
  EXPECT_EQ(wait("clerk1", "10.6.6.6"), 30);
  EXPECT_EQ(wait("clerk1", "10.9.9.9"), 30) << "any other address is held back";
  EXPECT_EQ(wait("clerk1", "10.0.0.7"), std::nullopt) << "the desk it last logged in from is not";
  fail("clerk1", 20, "10.0.0.7");
  EXPECT_EQ(wait("clerk1", "10.0.0.7"), 30) << "the desk's own address counter still applies";
}

TEST_F(login_guard_test, AnAddressIsHeldBackAfterItsOwnHigherThreshold) {
  // Twenty usernames, one failure each, from one address (a scan).
  for (int i = 0; i < 19; ++i) guard_.failed("user" + std::to_string(i), "10.0.0.66");
  EXPECT_EQ(guard_.held_back("anyone", "10.0.0.66"), std::nullopt);
  guard_.failed("user19", "10.0.0.66");
  EXPECT_EQ(guard_.held_back("anyone", "10.0.0.66"), 30);
  EXPECT_EQ(guard_.held_back("anyone", "10.0.0.7"), std::nullopt) << "other addresses";
  ASSERT_EQ(lockouts_.size(), 1u);
  EXPECT_EQ(lockouts_[0].kind, auth::lock_kind::address);
  EXPECT_EQ(lockouts_[0].key, "10.0.0.66");
  // The longer of the two waits applies.
  clock_.advance(5s);
  fail("clerk1", 5, "10.0.0.7");
  EXPECT_EQ(guard_.held_back("anyone", "10.0.0.66"), 25);
  EXPECT_EQ(guard_.held_back("clerk1", "10.0.0.66"), 30);
}

TEST_F(login_guard_test, TablesAreBoundedAndForgetWhatIsNotHeldBackFirst) {
  limits_.login_tracked_entries = 16;
  fail("clerk1", 5, "10.0.0.1");  // held back
  fail("typo", 4, "10.0.0.2");    // counted, not held back
  for (int i = 0; i < 100; ++i) {
    clock_.advance(1ms);
    guard_.failed("stranger" + std::to_string(i), "10.1.0." + std::to_string(i));
  }
  EXPECT_EQ(wait("clerk1"), 30) << "a held key is kept";
  fail("typo", 1, "10.0.0.2");
  EXPECT_EQ(wait("typo", "10.0.0.2"), std::nullopt) << "its four failures were forgotten";
  // Hold more keys than fit: the table still keeps at most 16 of each kind.
  for (int i = 0; i < 40; ++i) fail("held" + std::to_string(i), 5, "10.2.0.1");
  EXPECT_LE(guard_.locks().size(), 32u);
}

TEST_F(login_guard_test, UnlockLiftsTheLockAndForgetsTheFailures) {
  fail("clerk1", 6);
  fail("x", 20, "10.0.0.66");
  auto lifted = guard_.unlock(std::string("clerk1"), std::nullopt);
  ASSERT_EQ(lifted.size(), 1u);
  EXPECT_EQ(lifted[0].key, "clerk1");
  EXPECT_EQ(lifted[0].failures, 6);
  EXPECT_EQ(wait("clerk1"), std::nullopt);
  fail("clerk1", 4);
  EXPECT_EQ(wait("clerk1"), std::nullopt) << "counting starts afresh";

  ASSERT_EQ(guard_.locks().size(), 2u);  // x, and the address 10.0.0.66
  EXPECT_EQ(guard_.unlock(std::nullopt, std::string("10.0.0.66")).size(), 1u);
  EXPECT_EQ(guard_.held_back("y", "10.0.0.66"), std::nullopt);
  EXPECT_TRUE(guard_.unlock(std::string("nobody"), std::string("10.9.9.9")).empty());
}

TEST_F(login_guard_test, LocksListsEveryHeldKeyAndNothingExpired) {
  fail("clerk2", 5);
  clock_.advance(10s);
  fail("clerk1", 5, "10.0.0.2");
  auto locks = guard_.locks();
  ASSERT_EQ(locks.size(), 2u);
  EXPECT_EQ(locks[0].key, "clerk1");
  EXPECT_EQ(locks[0].retry_after_seconds, 30);
  EXPECT_EQ(locks[1].key, "clerk2");
  EXPECT_EQ(locks[1].retry_after_seconds, 20);
  clock_.advance(25s);
  ASSERT_EQ(guard_.locks().size(), 1u);
}

TEST(login_guard_error, SaysHowLongInBothLanguagesWithRetryAfter) {
  auto vi = auth::held_back_error(30, false);
  EXPECT_EQ(vi.code, protocol::error_code::limit);
  EXPECT_EQ(vi.message, "Đăng nhập sai nhiều lần. Vui lòng thử lại sau 30 giây.");
  EXPECT_EQ(vi.message_en, "Too many failed logins. Try again in 30 seconds.");
  EXPECT_EQ(vi.retry_after, 30);
  EXPECT_EQ(auth::held_back_error(5, true).message,
            "Too many failed logins. Try again in 5 seconds.");
}

// ---------------------------------------------------------------- the engine's verbs

class login_locks_test : public engine_fixture {};

TEST_F(login_locks_test, AManagerListsAndLiftsLocksAndALiftedLockIsGone) {
  for (int i = 0; i < 5; ++i) logins_.failed("clerk1", "10.0.0.1");
  auto manager = login_staff("manager");
  auto listed = call(manager, protocol::list_login_locks{});
  ASSERT_TRUE(std::holds_alternative<protocol::login_locks_result>(listed));
  const auto& locks = std::get<protocol::login_locks_result>(listed).locks;
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0].kind, "username");
  EXPECT_EQ(locks[0].key, "clerk1");
  EXPECT_EQ(locks[0].failures, 5);
  EXPECT_EQ(locks[0].retry_after, 30);
  EXPECT_EQ(locks[0].until, "2026-11-26T08:00:30+07:00");

  auto body = call(manager, protocol::unlock_login{"clerk1", std::nullopt});
  ASSERT_TRUE(std::holds_alternative<protocol::login_locks_result>(body));
  const auto& result = std::get<protocol::login_locks_result>(body);
  EXPECT_TRUE(result.locks.empty());
  ASSERT_TRUE(result.unlocked);
  ASSERT_EQ(result.unlocked->size(), 1u);
  EXPECT_EQ(logins_.held_back("clerk1", "10.0.0.1"), std::nullopt);

  auto again = call(manager, protocol::unlock_login{"clerk1", std::nullopt});
  ASSERT_TRUE(std::holds_alternative<protocol::error>(again));
  EXPECT_EQ(std::get<protocol::error>(again).code, protocol::error_code::not_found);
}

TEST_F(login_locks_test, ClerksMayNotUnlockAndAnUnlockNamesWhat) {
  for (int i = 0; i < 5; ++i) logins_.failed("clerk2", "10.0.0.1");
  auto clerk = login_staff("clerk1");
  auto refused = call(clerk, protocol::unlock_login{"clerk2", std::nullopt});
  ASSERT_TRUE(std::holds_alternative<protocol::error>(refused));
  EXPECT_EQ(std::get<protocol::error>(refused).code, protocol::error_code::forbidden);
  EXPECT_EQ(logins_.held_back("clerk2", "10.0.0.1"), 30) << "nothing changed";
  auto listing = call(clerk, protocol::list_login_locks{});
  EXPECT_EQ(std::get<protocol::error>(listing).code, protocol::error_code::forbidden);

  auto manager = login_staff("manager");
  auto empty = call(manager, protocol::unlock_login{});
  ASSERT_TRUE(std::holds_alternative<protocol::error>(empty));
  const auto& e = std::get<protocol::error>(empty);
  EXPECT_EQ(e.code, protocol::error_code::invalid);
  EXPECT_TRUE(e.fields.contains("username"));
}

TEST_F(login_locks_test, AUsernameThatIsNoAccountIsListedAsAQuestionMark) {
  // What was typed as a username may be a password typed in the wrong box.
  for (int i = 0; i < 5; ++i) logins_.failed("hunter2-secret", "10.0.0.1");
  auto manager = login_staff("manager");
  auto listed = call(manager, protocol::list_login_locks{});
  const auto& locks = std::get<protocol::login_locks_result>(listed).locks;
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0].kind, "username");
  EXPECT_EQ(locks[0].key, "?");
}

}  // namespace
}  // namespace motcua::testing
