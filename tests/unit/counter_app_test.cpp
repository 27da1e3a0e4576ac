// app_model: the live link's inbox routed to the screen models; screens by role; readiness.
#include <algorithm>

#include "counter/model/app_model.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using counter::screen;

class counter_app : public ::testing::Test {
 protected:
  void login(protocol::role role, std::optional<protocol::counter_id> mine = std::nullopt) {
    app_.session.username = "u";
    app_.session.password = "p";
    ASSERT_TRUE(app_.session.submit());
    protocol::hello_result h;
    h.role = role;
    h.user = "u";
    h.session_token = "tok";
    h.snapshot = hall();
    h.snapshot->my_counter = mine;
    app_.apply(protocol::reply{1, h});
    app_.apply(client::link_status{client::link_state::online, {}, {}});
  }

  domain::test_clock clock_{at_9am()};
  recorder net_;
  counter::app_model app_{clock_, net_.sender(), {}, "desk"};
};

TEST_F(counter_app, ScreenFlagsParse) {
  EXPECT_EQ(counter::parse_screen("dashboard"), screen::dashboard);
  EXPECT_FALSE(counter::parse_screen("dossier"));
}

TEST_F(counter_app, ClerkAtHisCounterGetsTheScreenDataAndReplies) {
  app_.go(screen::intake);
  EXPECT_TRUE(net_.sent.empty());  // not logged in yet
  login(protocol::role::clerk, 1);
  EXPECT_EQ(app_.session.current(), counter::stage::working);
  EXPECT_EQ(app_.session_token(), "tok");
  EXPECT_TRUE(std::holds_alternative<protocol::list_procedures>(net_.sent.back().params));
  EXPECT_FALSE(app_.ready());
  app_.apply(ok(net_.last_id(), protocol::procedures_result{{protocol::procedure_view{}}}));
  EXPECT_TRUE(app_.ready());

  // Events reach the hall's state and the queue panel.
  app_.apply(event(protocol::ticket_issued{ticket(5, "A005", 1, at_9am())}));
  EXPECT_EQ(app_.queue.waiting().size(), 1u);
  app_.go(screen::dashboard);  // not for clerks
  EXPECT_EQ(app_.current(), screen::queue);
  app_.queue.act(counter::queue_action::call_next);
  app_.apply(failed(net_.last_id(), protocol::error_code::empty, "Không còn ai chờ."));
  EXPECT_EQ(app_.queue.problem()->message, "Không còn ai chờ.");
}

TEST_F(counter_app, CallingATicketTakenForADossierOpensTheDossier) {
  login(protocol::role::clerk, 1);
  auto t = ticket(5, "A005", 1, at_9am());
  t.dossier = "000.00.00.H99-261126-0001";
  app_.apply(event(protocol::ticket_issued{t}));
  app_.queue.act(counter::queue_action::call_next);
  t.state = domain::ticket_state::called;
  t.counter = 1;
  app_.apply(ok(net_.last_id(), protocol::ticket_result{t, {}, {}}));
  EXPECT_EQ(app_.current(), screen::dossier);
  const auto* asked = std::get_if<protocol::get_dossier>(&net_.sent.back().params);
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->code, "000.00.00.H99-261126-0001");

  app_.go(screen::queue);  // a recall leaves the clerk where they are
  app_.queue.act(counter::queue_action::recall);
  t.recalls = 1;
  app_.apply(ok(net_.last_id(), protocol::ticket_result{t, {}, {}}));
  EXPECT_EQ(app_.current(), screen::queue);
}

TEST_F(counter_app, ManagerLandsOnTheDashboardAndOfflineFreesRequests) {
  app_.go(screen::queue);
  login(protocol::role::manager);
  EXPECT_EQ(app_.current(), screen::dashboard);
  EXPECT_TRUE(app_.is_manager());
  app_.apply(client::link_status{client::link_state::offline, "down", {}});
  EXPECT_FALSE(app_.online());
  app_.apply(client::link_status{client::link_state::online, {}, {}});
  const auto before = net_.sent.size();
  app_.dashboard.refresh();  // the slots were freed: asks again
  EXPECT_TRUE(std::ranges::any_of(
      net_.sent.begin() + static_cast<std::ptrdiff_t>(before), net_.sent.end(),
      [](const auto& r) { return std::holds_alternative<protocol::search_dossiers>(r.params); }));
}

TEST_F(counter_app, RefusedLoginIsAFinishedScreen) {
  app_.session.username = "u";
  app_.session.password = "bad";
  app_.session.submit();
  app_.apply(client::link_status{client::link_state::refused, "Sai mật khẩu.", {}});
  EXPECT_TRUE(app_.ready());
  EXPECT_EQ(app_.session.problem()->message, "Sai mật khẩu.");
}

}  // namespace
}  // namespace motcua::testing
