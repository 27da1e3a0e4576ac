// A day at the centre over the wire: kiosk, two clerks, a display and a manager on the real
// server. The call order itself is unit-tested (tests/unit/queue_test.cpp); here the point is
// what each role sees on its connection: the hello replies, and the display's event stream.
#include <algorithm>
#include <map>

#include "shared/protocol/topics.hpp"
#include "tests/integration/server_test.hpp"

namespace motcua::testing {
namespace {

using domain::priority;
using domain::ticket_state;
using protocol::role;

class queue_day_test : public server_test {};

// One announcement on the hall display.
struct announcement {
  std::string number;
  domain::counter_id counter = 0;
  bool recall = false;
  bool operator==(const announcement&) const = default;
};

void PrintTo(const announcement& a, std::ostream* os) {
  *os << a.number << "@" << a.counter << (a.recall ? " (recall)" : "");
}

std::vector<announcement> announcements_in(const std::vector<protocol::event>& events) {
  std::vector<announcement> out;
  for (const auto& called : bodies_of<protocol::ticket_called>(events))
    out.push_back({called.ticket.number, called.counter, called.recall});
  return out;
}

std::vector<std::int64_t> seqs_of(const std::vector<protocol::event>& events) {
  std::vector<std::int64_t> out;
  for (const auto& e : events) out.push_back(e.seq);
  return out;
}

// A display's topics (calls, counts, counters) without a gap in any of them: each topic's
// topic_seq counts on from the hello's.
void expect_no_gap_in_any_topic(const protocol::hello_result& hello,
                                const std::vector<protocol::event>& events) {
  std::map<std::string, std::int64_t> last = hello.topics;
  for (const auto& e : events) {
    auto topic = protocol::to_string(protocol::topic_of(e.body));
    EXPECT_EQ(e.topic_seq, last[topic] + 1) << topic << " at seq " << e.seq;
    last[topic] = e.topic_seq;
  }
}

TEST_F(queue_day_test, AFullDayReachesTheDisplayInCallOrderWithoutAGapInAnyTopic) {
  // Connected from the start: the hall display, and a manager (who receives every event).
  auto display_client = connect();
  const auto display_hello = hello_device(*display_client, "demo-display");
  EXPECT_EQ(display_hello.role, role::display);
  EXPECT_TRUE(display_hello.snapshot);
  EXPECT_FALSE(display_hello.session_token);
  auto manager_client = connect();
  const auto manager_hello = hello_staff(*manager_client, "manager");
  EXPECT_EQ(manager_hello.role, role::manager);
  EXPECT_TRUE(manager_hello.session_token);
  EXPECT_TRUE(manager_hello.snapshot);

  auto kiosk_client = connect();
  const auto kiosk_hello = hello_device(*kiosk_client, "demo-kiosk");
  EXPECT_EQ(kiosk_hello.role, role::kiosk);
  ASSERT_TRUE(kiosk_hello.snapshot);
  EXPECT_EQ(kiosk_hello.snapshot->services.size(), 4u);
  EXPECT_FALSE(kiosk_hello.session_token);

  auto clerk1 = connect();
  auto clerk2 = connect();
  for (auto [clerk, name] : {std::pair{clerk1.get(), "clerk1"}, {clerk2.get(), "clerk2"}}) {
    const auto hello = hello_staff(*clerk, name);
    EXPECT_EQ(hello.role, role::clerk);
    EXPECT_TRUE(hello.session_token);
    EXPECT_TRUE(hello.snapshot);
  }
  open_counter(*clerk1, 1, {1});
  open_counter(*clerk2, 3, {2});

  const auto a001 = take(*kiosk_client, 1, "day-1").ticket;
  EXPECT_EQ(take(*kiosk_client, 2, "day-2").ticket.number, "B001");
  EXPECT_EQ(take(*kiosk_client, 1, "day-3", priority::elderly).ticket.number, "A002");
  EXPECT_EQ(take(*kiosk_client, 1, "day-4").ticket.number, "A003");
  EXPECT_EQ(take(*kiosk_client, 2, "day-5", priority::disabled).ticket.number, "B002");
  EXPECT_EQ(take(*kiosk_client, 2, "day-6").ticket.number, "B003");
  EXPECT_EQ(a001.number, "A001");

  std::vector<announcement> calls;  // as made, in order
  auto call_next = [&](client::blocking_client& clerk, domain::counter_id counter) {
    auto t = clerk_do(clerk, protocol::call_next{});
    calls.push_back({t.number, counter, false});
    return t;
  };
  auto serve = [&](client::blocking_client& clerk) {
    EXPECT_EQ(clerk_do(clerk, protocol::start_service{}).state, ticket_state::serving);
    EXPECT_EQ(clerk_do(clerk, protocol::finish{}).state, ticket_state::done);
  };

  EXPECT_EQ(call_next(*clerk1, 1).number, "A002");  // priority first
  EXPECT_EQ(clerk_do(*clerk1, protocol::recall{}).number, "A002");
  calls.push_back({"A002", 1, true});
  serve(*clerk1);

  EXPECT_EQ(call_next(*clerk2, 3).number, "B002");
  EXPECT_EQ(clerk_do(*clerk2, protocol::no_show{}).state, ticket_state::no_show);

  EXPECT_EQ(call_next(*clerk1, 1).number, "A001");
  EXPECT_EQ(clerk_do(*clerk1, protocol::start_service{}).state, ticket_state::serving);
  const auto moved = clerk_do(*clerk1, protocol::transfer{2, {}, {}});
  EXPECT_EQ(moved.state, ticket_state::waiting);
  EXPECT_EQ(moved.service, 2);
  EXPECT_EQ(moved.id, a001.id);
  EXPECT_EQ(moved.number, "A001");
  EXPECT_EQ(moved.issued_at, a001.issued_at);

  EXPECT_EQ(call_next(*clerk2, 3).number, "A001");  // its issue time puts it ahead of B001
  serve(*clerk2);
  EXPECT_EQ(call_next(*clerk2, 3).number, "B001");
  serve(*clerk2);
  EXPECT_EQ(call_next(*clerk1, 1).number, "A003");
  serve(*clerk1);
  EXPECT_EQ(error_of(clerk1->call(protocol::call_next{})).code, protocol::error_code::empty);

  // The last ticket of the day marks the end of the streams: nothing touched service 4 before.
  EXPECT_EQ(take(*kiosk_client, 4, "day-last").ticket.number, "D001");
  const auto shown = events_until(*display_client, queue_changed(4));
  const auto everything = events_until(*manager_client, queue_changed(4));

  EXPECT_EQ(announcements_in(shown), calls);
  EXPECT_EQ(announcements_in(everything), calls);
  // The display has the calls and the counts, not each ticket issued: the manager has them.
  EXPECT_TRUE(bodies_of<protocol::ticket_issued>(shown).empty());
  std::vector<std::string> issued_numbers;
  for (const auto& issued : bodies_of<protocol::ticket_issued>(everything))
    issued_numbers.push_back(issued.ticket.number);
  EXPECT_EQ(issued_numbers,
            (std::vector<std::string>{"A001", "B001", "A002", "A003", "B002", "B003", "D001"}));

  // The manager has every seq since its hello; the display a part of them, in the same order,
  // without a gap in any of its topics.
  const auto all_seqs = seqs_of(everything);
  ASSERT_FALSE(all_seqs.empty());
  for (std::size_t i = 0; i < all_seqs.size(); ++i)
    EXPECT_EQ(all_seqs[i], manager_hello.seq + 1 + static_cast<std::int64_t>(i));
  const auto display_seqs = seqs_of(shown);
  EXPECT_TRUE(std::ranges::is_sorted(display_seqs));
  EXPECT_TRUE(std::ranges::includes(all_seqs, display_seqs));
  EXPECT_EQ(display_seqs.back(), all_seqs.back());
  expect_no_gap_in_any_topic(display_hello, shown);
  expect_no_gap_in_any_topic(manager_hello, everything);
}

TEST_F(queue_day_test, RetryingARequestKeyReturnsTheSameTicketAndIssuesItOnce) {
  auto watcher = staff("manager");
  auto first_kiosk = kiosk();
  auto second_kiosk = kiosk();

  const auto first = take(*first_kiosk, 1, "retry-key").ticket;
  const auto retried = take(*first_kiosk, 1, "retry-key").ticket;
  const auto from_elsewhere = take(*second_kiosk, 1, "retry-key").ticket;
  EXPECT_EQ(first.number, "A001");
  for (const auto& again : {retried, from_elsewhere}) {
    EXPECT_EQ(again.id, first.id);
    EXPECT_EQ(again.number, first.number);
    EXPECT_EQ(again.issued_at, first.issued_at);
  }

  EXPECT_EQ(take(*second_kiosk, 1, "next-key").ticket.number, "A002");
  const auto seen = events_until(*watcher, issued("A002"));
  EXPECT_EQ(bodies_of<protocol::ticket_issued>(seen).size(), 2u);  // A001 once, then A002
}

}  // namespace
}  // namespace motcua::testing
