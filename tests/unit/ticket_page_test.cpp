// The ticket on the citizen's phone (issue 14), through the engine: each ticket's public token
// and page address in the kiosk's reply only, the public view a token reads (its place, its
// wait, the counter once called), the citizen giving the ticket up, and the tokens kept across a
// restart. A real engine on a real SQLite file and a test clock.
#include <regex>

#include "tests/unit/engine_fixture.hpp"

namespace motcua::testing {
namespace {

using domain::ticket_state;
using protocol::error_code;

class ticket_page_test : public engine_fixture {
 protected:
  ticket_page_test() : engine_fixture(R"({"public_base_url": "https://motcua.example.vn/"})") {}

  // The engine's answer to a ticket's public route, in its own batch as the runner does.
  std::variant<protocol::error, protocol::public_ticket> page(const std::string& token,
                                                              bool cancel = false) {
    engine_->begin();
    auto answer = engine_->public_route(engine::ticket_lookup{token, cancel, false});
    for (auto& e : engine_->commit()) events_.push_back(e.event);
    if (auto* e = std::get_if<protocol::error>(&answer.body)) return *e;
    return std::get<protocol::public_ticket>(answer.body);
  }
  protocol::public_ticket shown(const std::string& token) {
    auto v = page(token);
    if (auto* e = std::get_if<protocol::error>(&v)) {
      ADD_FAILURE() << e->message_en;
      return {};
    }
    return std::get<protocol::public_ticket>(v);
  }

  engine::connection_state kiosk_ = login_device("demo-kiosk");
  engine::connection_state clerk_ = login_staff("clerk1");
};

TEST_F(ticket_page_test, TheKiosksReplyAloneCarriesTheTokenAndThePagesAddress) {
  const auto events = events_.size();
  auto t = take(kiosk_, 1, "phone-1");
  ASSERT_TRUE(t.public_token.has_value());
  EXPECT_TRUE(std::regex_match(*t.public_token, std::regex("[0-9a-f]{32}")));
  EXPECT_EQ(t.public_url, "https://motcua.example.vn/ve/" + *t.public_token);
  EXPECT_NE(take(kiosk_, 1, "phone-2").public_token, t.public_token);
  // The same request again: the same ticket, the same token.
  EXPECT_EQ(take(kiosk_, 1, "phone-1").public_token, t.public_token);
  ASSERT_GT(events_.size(), events);
  for (auto i = events; i < events_.size(); ++i) {
    if (const auto* issued = std::get_if<protocol::ticket_issued>(&events_[i].body)) {
      EXPECT_EQ(issued->ticket.public_token, std::nullopt) << "no token in an event";
    }
  }
}

TEST_F(ticket_page_test, ATokenReadsItsOwnTicketItsPlaceAndThenItsCounter) {
  auto first = take(kiosk_, 1, "phone-1");
  auto second = take(kiosk_, 1, "phone-2");
  auto v = shown(*second.public_token);
  EXPECT_EQ(v.number, second.number);
  EXPECT_EQ(v.service_name, "Người có công");
  EXPECT_EQ(v.state, ticket_state::waiting);
  EXPECT_EQ(v.ahead, 1);
  EXPECT_TRUE(v.eta_minutes.has_value());
  EXPECT_EQ(v.counter, std::nullopt);
  EXPECT_EQ(std::get<protocol::error>(page(std::string(32, '0'))).code, error_code::not_found);
  EXPECT_EQ(std::get<protocol::error>(page("")).code, error_code::not_found);

  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});
  EXPECT_EQ(shown(*second.public_token).ahead, 0);
  auto called = shown(*first.public_token);
  EXPECT_EQ(called.state, ticket_state::called);
  EXPECT_EQ(called.counter, 1);
  EXPECT_EQ(called.counter_name, "Quầy 1");
  EXPECT_EQ(called.eta_minutes, std::nullopt);
}

TEST_F(ticket_page_test, TheCitizenGivesAWaitingTicketUpButNotACalledOne) {
  auto first = take(kiosk_, 1, "phone-1");
  auto second = take(kiosk_, 1, "phone-2");
  auto third = take(kiosk_, 1, "phone-3");
  auto gone = std::get<protocol::public_ticket>(page(*second.public_token, true));
  EXPECT_EQ(gone.state, ticket_state::cancelled);
  EXPECT_EQ(shown(*third.public_token).ahead, 1) << "its place is freed";
  const auto* changed = std::get_if<protocol::ticket_changed>(&events_.back().body);
  if (!changed)  // the count of the service comes after the ticket's change
    changed = std::get_if<protocol::ticket_changed>(&events_[events_.size() - 2].body);
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->ticket.state, ticket_state::cancelled);
  // Again: as it is.
  EXPECT_EQ(std::get<protocol::public_ticket>(page(*second.public_token, true)).state,
            ticket_state::cancelled);

  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});
  auto called = std::get<protocol::error>(page(*first.public_token, true));
  EXPECT_EQ(called.code, error_code::conflict);
  EXPECT_EQ(shown(*first.public_token).state, ticket_state::called);
  // The clerk's next call skips the ticket given up.
  call(clerk_, protocol::no_show{});
  EXPECT_EQ(ticket_of(call(clerk_, protocol::call_next{})).number, third.number);
}

TEST_F(ticket_page_test, ATicketsTokenOutlivesARestart) {
  auto t = take(kiosk_, 1, "phone-1");
  restart();
  EXPECT_EQ(shown(*t.public_token).number, t.number);
  EXPECT_EQ(take(kiosk_, 1, "phone-1").public_token, t.public_token) << "the same request again";
}

}  // namespace
}  // namespace motcua::testing
