// Event numbering as a reconnecting client sees it: `hello` with `since` replays what it
// missed in its topics, a `since` the server cannot know gets a snapshot, and a display can rely
// on each topic's `topic_seq` to notice missed events.
#include <sys/wait.h>

#include <algorithm>
#include <map>

#include "shared/protocol/topics.hpp"
#include "tests/integration/server_test.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

class resync_test : public server_test {
 protected:
  // Each queue change its own event (not coalesced): the streams compared here are exact.
  resync_test() { start_demo_with(R"({"queue_changed_interval_ms": 0})"); }
};

TEST_F(resync_test, HelloWithSinceReplaysTheMissedEventsInOrder) {
  auto witness = display();  // connected throughout
  auto k = kiosk();
  auto away = connect();
  hello_device(*away, "demo-display");
  take(*k, 1, "before");
  const std::int64_t last_seen = events_until(*away, queue_changed(1)).back().seq;
  away.reset();  // disconnects

  take(*k, 1, "while-away-1");
  take(*k, 2, "while-away-2");
  take(*k, 3, "while-away-3");  // the first ticket of service 3: its queue_changed is the last
  std::vector<protocol::event> missed;
  for (auto& e : events_until(*witness, queue_changed(3)))
    if (e.seq > last_seen) missed.push_back(std::move(e));
  ASSERT_EQ(missed.size(), 3u);  // a display's topics: queue_changed for each, not the tickets

  auto back = connect();
  const auto hello = hello_device(*back, "demo-display", last_seen);
  EXPECT_FALSE(hello.snapshot);
  ASSERT_TRUE(hello.replayed);
  EXPECT_EQ(*hello.replayed, static_cast<int>(missed.size()));
  EXPECT_GE(hello.seq, missed.back().seq);  // more if stats were published meanwhile
  for (const auto& expected : missed) {
    const auto replayed = back->next_event();
    ASSERT_TRUE(replayed);
    EXPECT_EQ(*replayed, expected) << "seq " << expected.seq;
  }

  // Live events follow the replay.
  take(*k, 4, "after");
  const auto live = events_until(*back, queue_changed(4));
  EXPECT_EQ(live.size(), 1u);
  EXPECT_GT(live.front().seq, hello.seq);
}

TEST_F(resync_test, HelloWithASinceFromTheFutureGetsASnapshot) {
  auto k = kiosk();
  take(*k, 1, "one");
  auto first = connect();
  const auto first_hello = hello_device(*first, "demo-display");
  auto again = connect();
  const auto hello = hello_device(*again, "demo-display", first_hello.seq + 1000);
  EXPECT_FALSE(hello.replayed);
  ASSERT_TRUE(hello.snapshot);
  EXPECT_EQ(hello.snapshot->services.front().waiting, 1);
}

// docs/protocol.md "Events": a client that sees a gap in a topic's `topic_seq` resynchronises. A
// display must therefore not see gaps where it missed nothing, e.g. where the server published
// managers' stats (not in its topics): its `seq` skips them, its topics do not.
TEST_F(resync_test, DisplaySeesNoTopicGapWhileStatsArePublished) {
  auto hall = connect();
  const auto hall_hello = hello_device(*hall, "demo-display");
  auto manager = staff("manager");
  auto k = kiosk();
  take(*k, 1, "first");
  // The engine works the stats out every 5 s (stats_interval_seconds) and publishes them when
  // they changed.
  events_until(
      *manager,
      [&](const protocol::event& e) {
        return body_as<protocol::stats>(e) && e.seq > hall_hello.seq;
      },
      7s);
  take(*k, 1, "second");
  const auto shown = events_until(*hall, [](const protocol::event& e) {
    const auto* q = body_as<protocol::queue_changed>(e);
    return q && q->service == 1 && q->waiting == 2;
  });
  std::map<std::string, std::int64_t> last = hall_hello.topics;
  std::int64_t seq = hall_hello.seq;
  for (const auto& e : shown) {
    EXPECT_FALSE(body_as<protocol::stats>(e));
    EXPECT_GT(e.seq, seq);
    seq = e.seq;
    const auto topic = protocol::to_string(protocol::topic_of(e.body));
    EXPECT_EQ(e.topic_seq, last[topic] + 1) << topic;
    last[topic] = e.topic_seq;
  }
}

// A hello with `since` that the engine handles in the same batch as requests that produced
// events (group commit) replays those events too: they must reach the client intact. Tickets
// stream in while displays reconnect, so that some hello shares a batch with some ticket.
TEST_F(resync_test, ReconnectingWhileTicketsAreBeingIssuedReplaysThemIntact) {
  // Each round resumes from the last round's hello: a replay stays well within half the
  // outgoing queue (a longer one is a snapshot).
  std::int64_t since = hello_device(*connect(), "demo-display").seq;
  constexpr int rounds = 20;
  constexpr int tickets_per_round = 16;  // within a fresh kiosk's burst allowance
  for (int round = 0; round < rounds; ++round) {
    auto k = kiosk();
    auto back = connect();
    auto take_async = [&](int i) {
      const domain::service_id service = 1 + round % 4;  // each within its daily cap
      k->send(protocol::take_ticket{service,
                                    "stream-" + std::to_string(round) + "-" + std::to_string(i),
                                    domain::priority::none,
                                    "vi",
                                    {},
                                    {}});
    };
    for (int i = 0; i < tickets_per_round / 2; ++i) take_async(i);
    back->send(protocol::hello{"demo-display", {}, {}, {}, since, {}});
    for (int i = tickets_per_round / 2; i < tickets_per_round; ++i) take_async(i);

    const auto reply = back->next_reply();
    ASSERT_TRUE(reply);
    const auto hello = result_of<protocol::hello_result>(*reply);
    ASSERT_TRUE(hello.replayed);
    for (int i = 0; i < *hello.replayed; ++i) {
      const auto e = back->next_event();
      ASSERT_TRUE(e) << "round " << round << ": replayed event " << i << " of " << *hello.replayed
                     << " did not come (connection closed: " << back->wait_closed(0ms) << ")";
      EXPECT_GT(e->seq, since);
    }
    for (int i = 0; i < tickets_per_round; ++i) ASSERT_TRUE(k->next_reply());
    since = hello.seq;
  }
  const int status = stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wait status " << status;
}

}  // namespace
}  // namespace motcua::testing
