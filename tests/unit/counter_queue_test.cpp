// queue_model: which actions each ticket state allows, shortcuts, the waiting list with its
// targets, out-of-turn calls, figures.
#include "counter/model/queue_model.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using counter::queue_action;
using domain::priority;
using domain::ticket_state;

class counter_queue : public ::testing::Test {
 protected:
  counter_queue() {
    centre_.reset(hall());
    model_.set_counter(1);
  }
  // Which actions are enabled, as "call_next recall ..." for readable expectations.
  std::string enabled() const {
    static const char* names[] = {"call_next", "recall", "start", "no_show",
                                  "transfer",  "finish", "pause", "resume"};
    std::string out;
    for (auto a : counter::all_queue_actions)
      if (model_.enabled(a))
        out += std::string(out.empty() ? "" : " ") + names[static_cast<int>(a)];
    return out;
  }
  void current(ticket_state s) {
    auto t = ticket(9, "A009", 1, at_9am() - 20min, priority::none, s);
    t.called_at = iso(at_9am() - 5min);
    if (s == ticket_state::serving) t.started_at = iso(at_9am() - 3min);
    t.counter = 1;
    centre_.apply(event(protocol::ticket_called{t, 1, "Quầy 1", false}));
    centre_.apply(event(protocol::ticket_changed{t}));
  }

  domain::test_clock clock_{at_9am()};
  client::hall_mirror centre_;
  recorder net_;
  counter::queue_model model_{centre_, clock_, net_.sender()};
};

TEST_F(counter_queue, ShortcutsAreF1ToF8InButtonOrder) {
  EXPECT_STREQ(counter::shortcut(queue_action::call_next), "F1");
  EXPECT_STREQ(counter::shortcut(queue_action::finish), "F6");
  EXPECT_EQ(counter::function_key(queue_action::resume), 8);
}

TEST_F(counter_queue, ActionsFollowTheTicketState) {
  EXPECT_EQ(enabled(), "pause");  // nobody waiting
  centre_.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am() - 2min)}));
  EXPECT_EQ(enabled(), "call_next pause");
  current(ticket_state::called);
  EXPECT_EQ(enabled(), "recall start no_show transfer");
  current(ticket_state::serving);
  EXPECT_EQ(enabled(), "transfer finish");
  EXPECT_EQ(model_.serving_time(), 3min);

  model_.act(queue_action::finish);
  EXPECT_TRUE(std::holds_alternative<protocol::finish>(net_.sent.back().params));
  EXPECT_EQ(enabled(), "");  // one request at a time
  model_.act(queue_action::finish);
  EXPECT_EQ(net_.sent.size(), 1u);
}

TEST_F(counter_queue, PausedCounterOnlyResumes) {
  auto c = *centre_.counter(1);
  c.state = protocol::counter_state::paused;
  centre_.apply(event(protocol::counter_changed{c}));
  centre_.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am())}));
  EXPECT_EQ(enabled(), "resume");
  model_.act(queue_action::resume);
  EXPECT_TRUE(std::holds_alternative<protocol::resume_counter>(net_.sent.back().params));
}

TEST_F(counter_queue, WaitingListShowsOnlyTheCountersServicesWithWaitsAndTargets) {
  centre_.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am() - 12min)}));
  centre_.apply(event(protocol::ticket_issued{ticket(2, "B001", 2, at_9am() - 12min - 1s)}));
  centre_.apply(
      event(protocol::ticket_issued{ticket(3, "A002", 1, at_9am() - 1min, priority::merit)}));
  auto reserved = ticket(4, "A003", 1, at_9am() - 30min);
  reserved.target_counter = 3;
  centre_.apply(event(protocol::ticket_issued{reserved}));
  auto rows = model_.waiting();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].ticket.number, "A002");
  EXPECT_TRUE(rows[0].next);
  EXPECT_EQ(rows[1].ticket.number, "B001");
  EXPECT_FALSE(rows[1].over_target);  // B's target is 20 minutes
  EXPECT_EQ(rows[2].waited, 12min);
  EXPECT_TRUE(rows[2].over_target);  // A's is 10
}

TEST_F(counter_queue, ATicketTransferredHereIsListedWhateverItsService) {
  centre_.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am() - 5min)}));
  auto transferred = ticket(2, "C001", 3, at_9am() - 20min);  // counter 1 serves 1 and 2
  transferred.target_counter = 1;
  centre_.apply(event(protocol::ticket_changed{transferred}));
  auto rows = model_.waiting();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].ticket.number, "C001");  // issued first: call_next takes it
  EXPECT_TRUE(rows[0].next);
  EXPECT_FALSE(model_.needs_reason_to_call(2));
}

TEST_F(counter_queue, CallingOutOfTurnNeedsAReason) {
  centre_.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am() - 5min)}));
  centre_.apply(event(protocol::ticket_issued{ticket(2, "A002", 1, at_9am() - 1min)}));
  EXPECT_FALSE(model_.needs_reason_to_call(1));
  EXPECT_TRUE(model_.needs_reason_to_call(2));
  model_.call(2, std::nullopt);
  EXPECT_TRUE(net_.sent.empty());
  EXPECT_EQ(model_.problem()->message, "Gọi số không theo thứ tự cần ghi lý do.");
  model_.call(2, "Người khuyết tật");
  EXPECT_EQ(net_.last<protocol::call_ticket>(), (protocol::call_ticket{2, "Người khuyết tật"}));
  EXPECT_TRUE(
      model_.on_reply(failed(net_.last_id(), protocol::error_code::conflict, "Quầy đang bận.")));
  EXPECT_EQ(model_.problem()->message, "Quầy đang bận.");
  model_.call(1, "ignored");
  EXPECT_EQ(net_.last<protocol::call_ticket>(), (protocol::call_ticket{1, std::nullopt}));
}

TEST_F(counter_queue, TransferSendsTheDestinationAndReason) {
  current(ticket_state::serving);
  model_.transfer(2, 3, "Sai lĩnh vực");
  EXPECT_EQ(net_.last<protocol::transfer>(), (protocol::transfer{2, 3, "Sai lĩnh vực"}));
}

TEST_F(counter_queue, FiguresOfTheDayComeWithTheCounter) {
  EXPECT_EQ(model_.served_today(), 0);
  auto c = *centre_.counter(1);
  c.served_today = 12;
  c.average_service_seconds = 300;
  centre_.apply(event(protocol::counter_changed{c}));
  EXPECT_EQ(model_.served_today(), 12);
  EXPECT_EQ(model_.average_service(), 5min);
}

TEST_F(counter_queue, OfflineFreesTheButtons) {
  centre_.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am())}));
  model_.act(queue_action::call_next);
  EXPECT_FALSE(model_.enabled(queue_action::call_next));
  model_.offline();
  EXPECT_TRUE(model_.enabled(queue_action::call_next));
  net_.online = false;
  model_.act(queue_action::call_next);
  EXPECT_TRUE(model_.enabled(queue_action::call_next));  // nothing went out
}

}  // namespace
}  // namespace motcua::testing
