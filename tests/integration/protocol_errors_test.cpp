// Bad input over the wire: each gets the error code of docs/protocol.md, only the offending
// connection suffers, and the server keeps serving everyone else. Role checks themselves are
// unit-tested (tests/unit/queue_test.cpp); here the wire matters: ids, frames, closes.
#include <fstream>

#include "tests/integration/server_test.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;
using protocol::error_code;

class protocol_errors_test : public server_test {
 protected:
  // Connected before the misbehaviour; must still be served after it, as must a newcomer.
  void expect_still_serving() {
    EXPECT_EQ(list_services(*bystander_).size(), 4u);
    expect_serves_new_clients();
  }

  // The next reply that is not taken by a call(), e.g. to a raw frame.
  protocol::reply next_reply(client::blocking_client& c) {
    auto r = c.next_reply();
    if (!r) throw std::runtime_error("no reply came");
    return *r;
  }

  client_ptr bystander_ = kiosk();
};

const protocol::take_ticket some_ticket{1, "some-key", domain::priority::none, "vi", {}, {}};

TEST_F(protocol_errors_test, AnyVerbBeforeHelloIsUnauthorized) {
  auto c = connect();
  EXPECT_EQ(error_of(c->call(protocol::list_services{})).code, error_code::unauthorized);
  EXPECT_EQ(error_of(c->call(some_ticket)).code, error_code::unauthorized);
  EXPECT_EQ(hello_device(*c, "demo-kiosk").role, protocol::role::kiosk);  // still may log in
  expect_still_serving();
}

TEST_F(protocol_errors_test, KioskMayNotCallAndClerkMayNotTakeTickets) {
  EXPECT_EQ(error_of(bystander_->call(protocol::call_next{})).code, error_code::forbidden);
  auto clerk = connect();
  hello_staff(*clerk, "clerk1");
  EXPECT_EQ(error_of(clerk->call(some_ticket)).code, error_code::forbidden);
  expect_still_serving();
}

TEST_F(protocol_errors_test, WrongCredentialsAreUnauthorizedAndTheConnectionMayRetry) {
  auto c = connect();
  EXPECT_EQ(error_of(c->call(protocol::hello{{}, "clerk1", "not-demo", {}, {}, {}})).code,
            error_code::unauthorized);
  EXPECT_EQ(error_of(c->call(protocol::hello{"no-such-device", {}, {}, {}, {}, {}})).code,
            error_code::unauthorized);
  EXPECT_EQ(error_of(c->call(protocol::hello{{}, {}, {}, "no-such-session", {}, {}})).code,
            error_code::unauthorized);
  EXPECT_EQ(hello_staff(*c, "clerk1").role, protocol::role::clerk);
  expect_still_serving();
}

TEST_F(protocol_errors_test, MalformedJsonGetsBadRequestWithNullIdAndTheConnectionStaysOpen) {
  for (const char* frame : {R"({"type":"list_services","id":)", "[1, 2]", "not json at all"}) {
    bystander_->send_raw(frame);
    const auto r = next_reply(*bystander_);
    EXPECT_FALSE(r.id) << frame;
    EXPECT_EQ(error_of(r).code, error_code::bad_request) << frame;
    EXPECT_EQ(list_services(*bystander_).size(), 4u) << "after " << frame;
  }
  expect_still_serving();
}

TEST_F(protocol_errors_test, WronglyTypedFieldGetsBadRequestWithTheRequestIdAndIssuesNothing) {
  bystander_->send_raw(R"({"type":"take_ticket","id":9001,"service":"1","request_key":"typed"})");
  const auto r = next_reply(*bystander_);
  EXPECT_EQ(r.id, 9001);
  const auto e = error_of(r);
  EXPECT_EQ(e.code, error_code::bad_request);
  EXPECT_NE(e.message_en.find("service"), std::string::npos) << e.message_en;
  EXPECT_EQ(list_services(*bystander_).front().waiting, 0);
  EXPECT_EQ(take(*bystander_, 1, "typed").ticket.number, "A001");  // the key was never used
  expect_still_serving();
}

TEST_F(protocol_errors_test, UnknownVerbOrMissingFieldGetsBadRequestWithTheRequestId) {
  bystander_->send_raw(R"({"type":"make_coffee","id":9002})");
  bystander_->send_raw(R"({"type":"take_ticket","id":9003})");
  for (std::int64_t id : {9002, 9003}) {
    const auto r = next_reply(*bystander_);
    EXPECT_EQ(r.id, id);
    EXPECT_EQ(error_of(r).code, error_code::bad_request);
  }
  expect_still_serving();
}

TEST_F(protocol_errors_test, FrameOver64KibClosesThatConnectionWith1009) {
  auto sender = kiosk();
  sender->send_raw(R"({"type":"list_services","id":9004,"padding":")" +
                   std::string(70 * 1024, 'x') + R"("})");
  ASSERT_TRUE(sender->wait_closed());
  EXPECT_EQ(sender->close_code(), 1009);
  expect_still_serving();
}

TEST_F(protocol_errors_test, FloodPastTheRateLimitGetsLimitRepliesThenA1008Close) {
  auto flooder = kiosk();
  // Far faster than 20 a second: the burst of 40 goes through, then each frame gets `limit`,
  // and the 21st in a row gets the connection closed. Sending goes on until it is.
  for (int round = 0; round < 10 && !flooder->wait_closed(0ms); ++round) {
    for (int i = 0; i < 100; ++i) flooder->send(protocol::list_services{});
    flooder->wait_closed(2s);
  }
  ASSERT_TRUE(flooder->wait_closed(0ms));
  EXPECT_EQ(flooder->close_code(), 1008);
  const auto replies = replies_until_closed(*flooder);
  const auto limited = std::ranges::count_if(replies, [](const protocol::reply& r) {
    const auto* e = std::get_if<protocol::error>(&r.body);
    return e && e->code == error_code::limit;
  });
  EXPECT_GE(limited, 20);
  expect_still_serving();
}

TEST_F(protocol_errors_test, ConnectionsPastTheCapAreClosedWith1013AndTheOthersStay) {
  std::ofstream(dir_.file("cap.json")) << R"({"limits": {"max_connections": 2}})";
  start({"--demo", "--config", dir_.file("cap.json")});
  auto first = kiosk();
  auto second = kiosk();
  // The refusal may come before connect() has reported the opening: wait for the close.
  client::blocking_client third(server().host(), server().port());
  third.connect();
  ASSERT_TRUE(third.wait_closed());
  EXPECT_EQ(third.close_code(), 1013);  // try again later
  EXPECT_EQ(list_services(*first).size(), 4u);
  second.reset();  // its slot frees once the server has seen it go: retry until then
  client_ptr later;
  for (int attempt = 0; attempt < 100 && !later; ++attempt) {
    try {
      later = connect();
      hello_device(*later, "demo-kiosk");
    } catch (const std::exception&) {
      later.reset();  // refused with 1013: the server has not released the slot yet
    }
  }
  ASSERT_TRUE(later);
  EXPECT_EQ(list_services(*later).size(), 4u);
}

}  // namespace
}  // namespace motcua::testing
