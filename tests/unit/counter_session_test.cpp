// session_model: login, refusal in the server's words, counter choice remembered.
#include "counter/model/session_model.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using counter::stage;

protocol::hello_result hello_as(protocol::role r, std::optional<protocol::counter_id> mine = {}) {
  protocol::hello_result h;
  h.role = r;
  h.user = "clerk1";
  h.display_name = "Nguyễn Thị Lan";
  auto s = hall();
  s.my_counter = mine;
  h.snapshot = s;
  return h;
}

TEST(counter_session, EmptyFieldsAreRefusedBeforeAnyConnection) {
  counter::session_model m({});
  EXPECT_FALSE(m.submit());
  ASSERT_TRUE(m.problem());
  EXPECT_EQ(m.problem()->message, "Nhập tên đăng nhập và mật khẩu.");
  EXPECT_EQ(m.current(), stage::login);
}

TEST(counter_session, RefusedLoginShowsTheServersMessageAndClearsThePassword) {
  counter::session_model m({});
  m.username = "clerk1";
  m.password = "sai";
  auto creds = m.submit();
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->username, "clerk1");
  EXPECT_EQ(m.current(), stage::connecting);
  m.on_status({client::link_state::refused, "Sai tên đăng nhập hoặc mật khẩu.", {}});
  EXPECT_EQ(m.current(), stage::login);
  EXPECT_EQ(m.problem()->message, "Sai tên đăng nhập hoặc mật khẩu.");
  EXPECT_TRUE(m.password.empty());
}

TEST(counter_session, WhileConnectingTheLoginSaysWhyTheServerIsOutOfReach) {
  counter::session_model m({});
  m.username = "clerk1";
  m.password = "demo";
  m.submit();
  m.on_status({client::link_state::offline, "the server's certificate is not trusted", 500ms});
  EXPECT_EQ(m.current(), stage::connecting);  // the link keeps trying
  ASSERT_TRUE(m.problem());
  EXPECT_EQ(m.problem()->message,
            "Không kết nối được máy chủ: the server's certificate is not trusted");
  EXPECT_EQ(m.problem()->message_en,
            "Cannot reach the server: the server's certificate is not trusted");

  client::hall_mirror centre;
  auto h = hello_as(protocol::role::clerk);
  centre.reset(*h.snapshot);
  m.on_hello(h, centre);
  EXPECT_FALSE(m.problem());
}

TEST(counter_session, ClerkChoosesACounterPreselectedFromTheSavedChoice) {
  counter::session_model m({3, {1}, "vi"});
  client::hall_mirror centre;
  auto h = hello_as(protocol::role::clerk);
  centre.reset(*h.snapshot);
  m.username = "clerk1";
  m.password = "demo";
  m.submit();
  m.on_hello(h, centre);
  EXPECT_EQ(m.current(), stage::choose_counter);
  EXPECT_EQ(m.display_name(), "Nguyễn Thị Lan");
  EXPECT_EQ(m.chosen_counter, 3);
  EXPECT_EQ(m.chosen_services, (std::vector<protocol::service_id>{1}));

  m.choose_counter(2, centre);  // the counter's configured services
  EXPECT_EQ(m.chosen_services, (std::vector<protocol::service_id>{2}));
  m.toggle_service(1);
  m.toggle_service(2);
  EXPECT_EQ(m.chosen_services, (std::vector<protocol::service_id>{1}));
  m.toggle_service(1);
  EXPECT_FALSE(m.can_open());  // no service
  m.toggle_service(1);

  recorder net;
  m.open(net.sender());
  EXPECT_EQ(net.last<protocol::open_counter>(), (protocol::open_counter{2, {1}}));
  EXPECT_FALSE(m.can_open());  // in flight
  EXPECT_TRUE(
      m.on_reply(failed(net.last_id(), protocol::error_code::conflict, "Quầy đang có người.")));
  EXPECT_EQ(m.problem()->message, "Quầy đang có người.");
  EXPECT_EQ(m.current(), stage::choose_counter);
  m.open(net.sender());
  EXPECT_FALSE(m.on_reply(ok(99, protocol::counter_result{})));  // not ours
  EXPECT_TRUE(m.on_reply(ok(net.last_id(), protocol::counter_result{})));
  EXPECT_EQ(m.current(), stage::working);
  EXPECT_EQ(m.saved(), (counter::counter_settings{2, {1}, "vi"}));
}

TEST(counter_session, ClerkHoldingACounterAndManagersGoStraightToWork) {
  client::hall_mirror centre;
  auto h = hello_as(protocol::role::clerk, 1);
  centre.reset(*h.snapshot);
  counter::session_model clerk({});
  clerk.username = clerk.password = "x";
  clerk.submit();
  clerk.on_hello(h, centre);
  EXPECT_EQ(clerk.current(), stage::working);
  EXPECT_EQ(clerk.chosen_counter, 1);

  counter::session_model manager({});
  manager.username = manager.password = "x";
  manager.submit();
  manager.on_hello(hello_as(protocol::role::manager), centre);
  EXPECT_EQ(manager.current(), stage::working);
  EXPECT_EQ(manager.role(), protocol::role::manager);

  counter::session_model kiosk({});
  kiosk.username = kiosk.password = "x";
  kiosk.submit();
  kiosk.on_hello(hello_as(protocol::role::kiosk), centre);
  EXPECT_EQ(kiosk.current(), stage::login);
}

}  // namespace
}  // namespace motcua::testing
