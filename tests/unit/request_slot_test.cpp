// client::request_slot, the kiosk's and the counter's one request in flight: a plain send is
// forgotten when the connection ends; a kept (idempotent) request is sent again, the same
// request, when the link is back, and only once per connection.
#include "shared/client/request_slot.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace motcua::client {
namespace {

struct link {
  bool online = true;
  std::vector<std::pair<std::int64_t, protocol::request_params>> sent;
  sender fn() {
    return [this](protocol::request_params p) -> std::optional<std::int64_t> {
      if (!online) return std::nullopt;
      sent.emplace_back(static_cast<std::int64_t>(sent.size() + 1), std::move(p));
      return sent.back().first;
    };
  }
};

protocol::reply answer(std::int64_t id) { return {id, protocol::error{}}; }

TEST(RequestSlot, OneRequestInFlightAnsweredByItsId) {
  link l;
  request_slot slot;
  EXPECT_TRUE(slot.send(l.fn(), protocol::list_services{}));
  EXPECT_TRUE(slot.busy());
  EXPECT_FALSE(slot.send(l.fn(), protocol::list_services{}));  // busy: nothing sent
  EXPECT_EQ(l.sent.size(), 1u);
  EXPECT_FALSE(slot.take(answer(7)));
  EXPECT_TRUE(slot.take(answer(1)));
  EXPECT_FALSE(slot.busy());
  EXPECT_FALSE(slot.take(answer(1)));  // answered once
  EXPECT_FALSE(slot.send(sender{}, protocol::list_services{}));
}

TEST(RequestSlot, APlainRequestIsForgottenOfflineAndNotSentAgain) {
  link l;
  request_slot slot;
  l.online = false;
  EXPECT_FALSE(slot.send(l.fn(), protocol::list_services{}));
  EXPECT_FALSE(slot.busy());
  l.online = true;
  ASSERT_TRUE(slot.send(l.fn(), protocol::list_services{}));
  slot.offline();
  EXPECT_FALSE(slot.busy());
  slot.online(l.fn());
  EXPECT_EQ(l.sent.size(), 1u);
  EXPECT_FALSE(slot.take(answer(1)));
}

TEST(RequestSlot, AKeptRequestIsSentAgainTheSameAfterAReconnect) {
  link l;
  request_slot slot;
  const protocol::take_ticket take{1, "key-1", domain::priority::none, "vi", {}, {}};
  ASSERT_TRUE(slot.keep_sending(l.fn(), take));
  EXPECT_TRUE(slot.in_flight());
  EXPECT_FALSE(slot.keep_sending(l.fn(), take));  // one at a time
  slot.offline();
  EXPECT_TRUE(slot.busy());
  EXPECT_FALSE(slot.in_flight());
  EXPECT_FALSE(slot.take(answer(1)));  // a reply on the old connection cannot come
  l.online = false;
  slot.online(l.fn());  // the link said online but the send failed: still kept
  EXPECT_FALSE(slot.in_flight());
  l.online = true;
  slot.online(l.fn());
  slot.online(l.fn());  // once per connection
  ASSERT_EQ(l.sent.size(), 2u);
  EXPECT_EQ(std::get<protocol::take_ticket>(l.sent[1].second).request_key, "key-1");
  EXPECT_TRUE(slot.take(answer(2)));
  EXPECT_FALSE(slot.busy());
  slot.offline();
  slot.online(l.fn());
  EXPECT_EQ(l.sent.size(), 2u);  // answered: never sent again
}

TEST(RequestSlot, AKeptRequestWaitsForTheLinkAndCanBeDropped) {
  link l;
  l.online = false;
  request_slot slot;
  ASSERT_TRUE(slot.keep_sending(l.fn(), protocol::rate_service{1, 5, 3, {}, "r1"}));
  EXPECT_TRUE(slot.busy());
  slot.drop();
  EXPECT_FALSE(slot.busy());
  l.online = true;
  slot.online(l.fn());
  EXPECT_TRUE(l.sent.empty());
}

}  // namespace
}  // namespace motcua::client
