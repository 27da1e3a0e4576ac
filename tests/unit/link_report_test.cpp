// client::link_report, the GUI programs' lines about their link on standard error: one line a
// change of state or reason, none per retry, none for `connecting` or for what is not a status.
#include "shared/client/link_report.hpp"

#include <gtest/gtest.h>

namespace motcua::testing {
namespace {

using client::link_state;
using client::link_status;

const std::string address = "ws://127.0.0.1:8080/ws";

TEST(link_report, TellsEachChangeOfStateOnceAndNothingPerRetry) {
  client::link_report report("motcua-kiosk", address);
  EXPECT_EQ(report.line(link_status{link_state::connecting, {}, {}}), std::nullopt);
  EXPECT_EQ(report.line(link_status{link_state::offline, "Connection refused",
                                    std::chrono::milliseconds(400)}),
            "motcua-kiosk: cannot reach ws://127.0.0.1:8080/ws (Connection refused); retrying");
  // The next attempts fail the same way, later each time: nothing more.
  EXPECT_EQ(report.line(link_status{link_state::connecting, {}, {}}), std::nullopt);
  EXPECT_EQ(report.line(link_status{link_state::offline, "Connection refused",
                                    std::chrono::milliseconds(900)}),
            std::nullopt);
  // A new reason is news.
  EXPECT_EQ(report.line(link_status{link_state::offline, "Operation timed out", {}}),
            "motcua-kiosk: cannot reach ws://127.0.0.1:8080/ws (Operation timed out); retrying");
  EXPECT_EQ(report.line(link_status{link_state::online, {}, {}}),
            "motcua-kiosk: connected to ws://127.0.0.1:8080/ws");
  EXPECT_EQ(report.line(link_status{link_state::online, {}, {}}), std::nullopt);
  // Lost again, for the same reason as before: the state changed, so it is told.
  EXPECT_EQ(report.line(link_status{link_state::offline, "Connection refused", {}}),
            "motcua-kiosk: cannot reach ws://127.0.0.1:8080/ws (Connection refused); retrying");
}

TEST(link_report, TellsARefusalWithTheServersMessage) {
  client::link_report report("motcua-counter", address);
  EXPECT_EQ(report.line(link_status{link_state::refused, "Sai tên đăng nhập hoặc mật khẩu.", {}}),
            "motcua-counter: ws://127.0.0.1:8080/ws refused the credentials (Sai tên đăng nhập "
            "hoặc mật khẩu.); not retrying");
  // A new login attempt that succeeds.
  EXPECT_EQ(report.line(link_status{link_state::connecting, {}, {}}), std::nullopt);
  EXPECT_EQ(report.line(link_status{link_state::online, {}, {}}),
            "motcua-counter: connected to ws://127.0.0.1:8080/ws");
}

TEST(link_report, SaysNothingOfRepliesAndEvents) {
  client::link_report report("motcua-kiosk", address);
  EXPECT_EQ(report.line(protocol::reply{1, protocol::services_result{}}), std::nullopt);
  EXPECT_EQ(report.line(protocol::event{4, protocol::queue_changed{1, 1, 5}, 0}), std::nullopt);
}

}  // namespace
}  // namespace motcua::testing
