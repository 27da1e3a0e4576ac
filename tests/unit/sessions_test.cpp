// auth::sessions on a real SQLite file: what each hello credential logs in as, the session a
// password login opens and its end after `session_hours`, and the account behind an HTTP bearer
// token.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "server/auth/sessions.hpp"
#include "server/config/config.hpp"
#include "server/store/database.hpp"
#include "server/store/migrations.hpp"
#include "server/store/queue_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

using auth::password_check;
using protocol::error_code;

class sessions_test : public ::testing::Test {
 protected:
  std::variant<auth::login, protocol::error> hello(
      const protocol::hello& h, password_check check = password_check::not_needed,
      bool english = false) {
    return sessions_.hello(h, check, now_, english);
  }
  static protocol::hello with_password(const std::string& username) {
    return {{}, username, "demo", {}, {}, {}};
  }
  static protocol::hello with_session(const std::string& token) {
    return {{}, {}, {}, token, {}, {}};
  }

  temp_dir dir_;
  config::settings settings_ = config::demo();
  store::database db_{dir_.file("motcua.db")};
  int schema_ = store::migrate(db_);  // before the store prepares its statements
  store::queue_store store_{db_};
  auth::sessions sessions_{settings_, store_};
  domain::time_point now_ =  // Thursday 26 November 2026, 08:00
      domain::business_zone{}.at(std::chrono::year{2026} / 11 / 26, std::chrono::hours{8});
};

TEST_F(sessions_test, DeviceTokenLogsInAsTheDeviceWithoutASession) {
  auto login = std::get<auth::login>(hello({"demo-display", {}, {}, {}, {}, {}}));
  EXPECT_EQ(login.role, protocol::role::display);
  EXPECT_EQ(login.name, "demo-display");
  EXPECT_FALSE(login.session_token);
  EXPECT_FALSE(login.new_session);
  auto refused = std::get<protocol::error>(hello({"no-such-token", {}, {}, {}, {}, {}}));
  EXPECT_EQ(refused.code, error_code::unauthorized);
  EXPECT_EQ(refused.message, "Mã thiết bị không hợp lệ.");
  EXPECT_EQ(refused.message_en, "Unknown device token.");
}

TEST_F(sessions_test, OnlyAnAcceptedPasswordOpensASession) {
  for (auto check : {password_check::not_needed, password_check::rejected}) {
    auto refused = std::get<protocol::error>(hello(with_password("clerk1"), check, true));
    EXPECT_EQ(refused.code, error_code::unauthorized);
    EXPECT_EQ(refused.message, "Wrong username or password.");
  }
  auto login = std::get<auth::login>(hello(with_password("clerk1"), password_check::accepted));
  EXPECT_EQ(login.role, protocol::role::clerk);
  EXPECT_EQ(login.name, "clerk1");
  EXPECT_EQ(login.display_name, "Nguyễn Thị Lan");
  EXPECT_TRUE(login.new_session);
  ASSERT_TRUE(login.session_token);
  EXPECT_EQ(login.session_expires_at, now_ + std::chrono::hours{settings_.session_hours});
}

TEST_F(sessions_test, SessionTokenLogsInAgainUntilTheSessionEnds) {
  auto first = std::get<auth::login>(hello(with_password("manager"), password_check::accepted));
  const std::string token = *first.session_token;
  const auto ends = *first.session_expires_at;

  now_ = ends - std::chrono::minutes{1};
  auto again = std::get<auth::login>(hello(with_session(token)));
  EXPECT_EQ(again.name, "manager");
  EXPECT_EQ(again.role, protocol::role::manager);
  EXPECT_EQ(again.session_token, token);
  EXPECT_EQ(again.session_expires_at, ends);  // the same session, not a new one
  EXPECT_FALSE(again.new_session);
  ASSERT_NE(sessions_.account_of(token, now_), nullptr);
  EXPECT_EQ(sessions_.account_of(token, now_)->username, "manager");

  now_ = ends + std::chrono::minutes{1};
  auto expired = std::get<protocol::error>(hello(with_session(token)));
  EXPECT_EQ(expired.code, error_code::unauthorized);
  EXPECT_EQ(expired.message, "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại.");
  EXPECT_EQ(sessions_.account_of(token, now_), nullptr);
}

TEST_F(sessions_test, BearerTokenMustBeALiveSession) {
  EXPECT_EQ(sessions_.account_of("", now_), nullptr);
  EXPECT_EQ(sessions_.account_of("not-a-session", now_), nullptr);
  EXPECT_EQ(std::get<protocol::error>(hello(with_session("not-a-session"))).code,
            error_code::unauthorized);
}

TEST_F(sessions_test, AccountRemovedFromTheConfigurationEndsItsSessions) {
  auto login = std::get<auth::login>(hello(with_password("clerk2"), password_check::accepted));
  std::erase_if(settings_.accounts, [](const auto& a) { return a.username == "clerk2"; });
  auto gone = std::get<protocol::error>(hello(with_session(*login.session_token)));
  EXPECT_EQ(gone.code, error_code::unauthorized);
  EXPECT_EQ(gone.message_en, "The account no longer exists.");
  EXPECT_EQ(sessions_.account_of(*login.session_token, now_), nullptr);
  // A password accepted for a name that is no account (the pool never accepts one) is refused.
  EXPECT_EQ(std::get<protocol::error>(hello(with_password("nobody"), password_check::accepted))
                .message_en,
            "The account no longer exists.");
}

}  // namespace
}  // namespace motcua::testing
