// client::hall_mirror, the kiosk's and the counter's picture of the hall: the hello snapshot,
// each event kind, events already in the picture, the link's status, the call order and which
// waiting tickets a counter may take.
#include "shared/client/hall_mirror.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using client::hall_mirror;
using domain::priority;
using domain::ticket_state;

client::inbox_item hello_with(protocol::snapshot s, std::int64_t seq) {
  protocol::hello_result h;
  h.seq = seq;
  h.snapshot = std::move(s);
  return protocol::reply{1, h};
}

protocol::ticket_called called(protocol::ticket t, protocol::counter_id counter) {
  t.state = ticket_state::called;
  t.called_at = iso(at_9am());
  t.counter = counter;
  return {t, counter, "Quầy " + std::to_string(counter), false};
}

std::vector<std::string> numbers(const std::vector<const protocol::ticket*>& tickets) {
  std::vector<std::string> out;
  for (const auto* t : tickets) out.push_back(t->number);
  return out;
}

TEST(hall_mirror, TakesTheHelloSnapshot) {
  auto s = hall();
  s.waiting = {ticket(1, "A001", 1, at_9am()),
               ticket(2, "A002", 1, at_9am() + 1min, priority::elderly)};
  for (int i = 0; i < 12; ++i) {
    auto number = "B" + std::to_string(100 - i);  // newest first
    s.recent_calls.push_back({ticket(100 - i, number, 2, at_9am()), 2, "Quầy 2", "", false});
  }
  s.my_counter = 1;
  s.rating_levels = 3;
  hall_mirror m;
  EXPECT_FALSE(m.synced());
  EXPECT_TRUE(m.apply(hello_with(s, 7)));
  EXPECT_TRUE(m.synced());
  EXPECT_EQ(m.services(), s.services);
  EXPECT_EQ(m.counters(), s.counters);
  EXPECT_EQ(m.service(2)->prefix, "B");
  EXPECT_EQ(m.service(9), nullptr);
  EXPECT_EQ(m.counter(3)->name, "Quầy 3");
  EXPECT_EQ(m.counter(9), nullptr);
  ASSERT_EQ(m.waiting().size(), 2u);
  EXPECT_EQ(m.waiting()[0].number, "A002");  // priority first
  EXPECT_EQ(m.calls().size(), hall_mirror::max_calls);
  EXPECT_EQ(m.now_serving(2), "B100");
  EXPECT_EQ(m.now_serving(1), "");
  EXPECT_EQ(m.my_counter(), 1);
  EXPECT_EQ(m.rating_levels(), 3);
}

TEST(hall_mirror, KeepsWaitingTicketsInCallOrderThroughEvents) {
  hall_mirror m;
  m.reset(hall());
  EXPECT_TRUE(m.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am())})));
  m.apply(event(protocol::ticket_issued{ticket(2, "B001", 2, at_9am() + 1min)}));
  m.apply(event(protocol::ticket_issued{ticket(3, "A002", 1, at_9am() + 2min, priority::elderly)}));
  ASSERT_EQ(m.waiting().size(), 3u);
  EXPECT_EQ(m.waiting()[0].number, "A002");  // priority first
  EXPECT_EQ(m.waiting()[1].number, "A001");
  EXPECT_EQ(m.waiting()[2].number, "B001");

  const auto call = called(m.waiting()[0], 1);
  m.apply(event(call));
  EXPECT_EQ(m.waiting().size(), 2u);
  ASSERT_TRUE(m.counter(1)->ticket);
  EXPECT_EQ(m.counter(1)->ticket->number, "A002");
  ASSERT_EQ(m.calls().size(), 1u);
  EXPECT_EQ(m.calls().front(),
            (protocol::call_view{call.ticket, 1, "Quầy 1", iso(at_9am()), false}));
  EXPECT_EQ(m.now_serving(1), "A002");

  auto serving = call.ticket;
  serving.state = ticket_state::serving;
  m.apply(event(protocol::ticket_changed{serving}));
  EXPECT_EQ(m.counter(1)->ticket->state, ticket_state::serving);
  serving.state = ticket_state::done;
  m.apply(event(protocol::ticket_changed{serving}));
  EXPECT_FALSE(m.counter(1)->ticket);
}

TEST(hall_mirror, FollowsServicesAndCounters) {
  hall_mirror m;
  m.reset(hall());
  m.apply(event(protocol::queue_changed{1, 7, 12}));
  EXPECT_EQ(m.service(1)->waiting, 7);
  EXPECT_EQ(m.service(1)->eta_minutes, 12);
  auto paused = *m.counter(1);
  paused.state = protocol::counter_state::paused;
  m.apply(event(protocol::counter_changed{paused}));
  EXPECT_EQ(m.counter(1)->state, protocol::counter_state::paused);
  auto added = m.counters().back();
  added.id = 4;
  added.name = "Quầy 4";
  m.apply(event(protocol::counter_changed{added}));
  ASSERT_EQ(m.counters().size(), 4u);
  EXPECT_EQ(m.counters().back().name, "Quầy 4");

  protocol::services_result list{{hall().services[1]}};  // the kiosk's periodic refresh
  m.apply(protocol::reply{5, list});
  EXPECT_EQ(m.services(), list.services);
  m.apply(protocol::reply{6, protocol::counter_result{}});  // not the hall's
  EXPECT_EQ(m.services(), list.services);
}

TEST(hall_mirror, TransferredTicketKeepsItsPlaceByIssueTime) {
  hall_mirror m;
  m.reset(hall());
  m.apply(event(protocol::ticket_issued{ticket(2, "A002", 1, at_9am() + 5min)}));
  // A001, issued earlier, comes back to waiting from another service.
  m.apply(event(protocol::ticket_changed{ticket(1, "B001", 1, at_9am())}));
  EXPECT_EQ(m.waiting().front().id, 1);
}

TEST(hall_mirror, ATransferredTicketWaitsForTheCounterItWasTransferredToOnly) {
  hall_mirror m;
  m.reset(hall());  // counter 1 serves services 1 and 2, counter 2 service 2, counter 3 service 1
  m.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am())}));
  m.apply(event(protocol::ticket_issued{ticket(2, "B002", 2, at_9am() + 1min)}));
  auto transferred = ticket(3, "B001", 2, at_9am() - 5min);
  transferred.target_counter = 3;  // for service 2, which counter 3 does not serve
  m.apply(event(protocol::ticket_changed{transferred}));
  EXPECT_EQ(numbers(m.waiting_for(3)), (std::vector<std::string>{"B001", "A001"}));
  EXPECT_EQ(numbers(m.waiting_for(1)), (std::vector<std::string>{"A001", "B002"}));
  EXPECT_EQ(numbers(m.waiting_for(2)), (std::vector<std::string>{"B002"}));
  EXPECT_TRUE(m.waiting_for(9).empty());  // no such counter
}

TEST(hall_mirror, ACountersListFollowsItsRunOfAppointments) {
  auto s = hall();  // counter 3 serves service 1
  s.counters[2].appointments_called = 2;
  s.waiting = {ticket(1, "A001", 1, at_9am()),
               ticket(2, "A002", 1, at_9am() + 1min, priority::appointment),
               ticket(3, "A003", 1, at_9am() + 2min, priority::appointment)};
  hall_mirror m;
  m.reset(s);
  // Two appointments called in a row: the walk-in first, as call_next would.
  EXPECT_EQ(numbers(m.waiting_for(3)), (std::vector<std::string>{"A001", "A002", "A003"}));
  auto changed = s.counters[2];
  changed.appointments_called = 0;
  m.apply(event(protocol::counter_changed{changed}));
  EXPECT_EQ(numbers(m.waiting_for(3)), (std::vector<std::string>{"A002", "A003", "A001"}));
  changed.appointments_in_a_row = 1;
  m.apply(event(protocol::counter_changed{changed}));
  EXPECT_EQ(numbers(m.waiting_for(3)), (std::vector<std::string>{"A002", "A001", "A003"}));
}

TEST(hall_mirror, IgnoresEventsAlreadyInItsPicture) {
  hall_mirror m;
  m.apply(hello_with(hall(), 10));
  // Event 10 is in the snapshot already.
  EXPECT_FALSE(m.apply(protocol::event{10, protocol::queue_changed{1, 4, 20}, 0}));
  EXPECT_EQ(m.service(1)->waiting, 0);
  EXPECT_TRUE(m.apply(protocol::event{11, called(ticket(1, "A001", 1, at_9am()), 1), 0}));
  EXPECT_FALSE(m.apply(client::inbox_item{
      protocol::event{11, called(ticket(1, "A001", 1, at_9am()), 1), 0}}));  // seen already
  EXPECT_EQ(m.calls().size(), 1u);

  // A reconnect whose hello replayed the missed events (its seq is the server's latest): they
  // follow, each newer than the last one seen.
  protocol::hello_result replayed;
  replayed.seq = 13;
  replayed.replayed = 2;
  m.apply(protocol::reply{2, replayed});
  EXPECT_TRUE(m.apply(protocol::event{12, protocol::queue_changed{1, 5, 25}, 0}));
  EXPECT_TRUE(m.apply(protocol::event{13, protocol::queue_changed{1, 6, 30}, 0}));
  EXPECT_EQ(m.service(1)->waiting, 6);

  // A fresh snapshot from a server whose events count from lower (a restored database) is the
  // new picture.
  m.apply(hello_with(hall(), 3));
  EXPECT_TRUE(m.apply(protocol::event{4, protocol::queue_changed{1, 1, 5}, 0}));
  EXPECT_EQ(m.service(1)->waiting, 1);
}

TEST(hall_mirror, SaysWhetherTheLinkIsUpAndWhyNot) {
  hall_mirror m;
  EXPECT_FALSE(m.online());
  m.apply(client::link_status{client::link_state::offline, "Connection refused", {}});
  EXPECT_EQ(m.offline_detail(), "Connection refused");
  m.apply(client::link_status{client::link_state::connecting, {}, {}});
  EXPECT_EQ(m.offline_detail(), "Connection refused");  // the last reason stays
  EXPECT_FALSE(m.refused());
  m.apply(client::link_status{client::link_state::online, {}, {}});
  EXPECT_TRUE(m.online());
  EXPECT_EQ(m.offline_detail(), "");
}

TEST(hall_mirror, SaysWhenTheServerRefusedTheCredentials) {
  hall_mirror m;
  m.apply(client::link_status{client::link_state::connecting, {}, {}});
  EXPECT_FALSE(m.refused());
  m.apply(client::link_status{client::link_state::refused, "Mã thiết bị không hợp lệ.", {}});
  EXPECT_TRUE(m.refused());
  EXPECT_FALSE(m.online());
  EXPECT_EQ(m.offline_detail(), "Mã thiết bị không hợp lệ.");
}

}  // namespace
}  // namespace motcua::testing
