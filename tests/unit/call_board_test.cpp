// The display board without a window: calls shown and announced in server order, each for a
// minimum time, none dropped (a burst of ten), recalls announced again, an event seen already
// not again, stale replays silent.
#include "kiosk/model/call_board.hpp"

#include <gtest/gtest.h>

#include "tests/unit/kiosk_fixture.hpp"

namespace motcua::kiosk {
namespace {

using namespace testing;

class call_board_test : public ::testing::Test {
 protected:
  call_board_test() {
    board.apply(hello({service(1, "Người có công", "A", true, 3, 10)}, 5,
                      {protocol::call_view{ticket(1, "A001", 1), 2, "Quầy 2",
                                           "2026-11-28T08:59:00+07:00", false}}));
    board.apply(status(client::link_state::online));
  }

  domain::test_clock clock{at("2026-11-28T09:00:00+07:00")};
  call_board board{clock};
};

TEST_F(call_board_test, TheSnapshotsLatestCallIsShownNeitherFlashingNorAnnounced) {
  ASSERT_TRUE(board.current());
  EXPECT_EQ(board.current()->ticket.number, "A001");
  EXPECT_FALSE(board.flashing());
  EXPECT_TRUE(board.history().empty());
  EXPECT_TRUE(board.take_announcements().empty());
}

TEST_F(call_board_test, ANewCallIsShownAtOnceFlashingAndAnnounced) {
  board.apply(event(2, call(2, "A002", 3, "2026-11-28T09:00:00+07:00")));
  ASSERT_TRUE(board.current());
  EXPECT_EQ(board.current()->ticket.number, "A002");
  EXPECT_EQ(board.current()->counter_name, "Quầy 3");
  EXPECT_TRUE(board.flashing());
  EXPECT_EQ(board.take_announcements(), (std::vector<announcement>{{"A002", 3, false}}));
  EXPECT_EQ(board.hall().now_serving(1), "A002");
  clock.advance(2s);
  EXPECT_FALSE(board.flashing());
  EXPECT_FALSE(board.next_deadline());  // nothing more to do: the board can sleep
}

TEST_F(call_board_test, ABurstOfTenCallsIsShownInOrderEachForTheMinimumTime) {
  for (int i = 0; i < 10; ++i) {
    const std::string number = "A0" + std::to_string(10 + i);
    board.apply(event(10 + i, call(10 + i, number, 1 + i % 3, "2026-11-28T09:00:00+07:00")));
    clock.advance(100ms);  // ten calls in one second
  }
  std::vector<std::string> shown;
  std::vector<announcement> spoken;
  for (int step = 0; step < 200 && (board.queued() > 0 || shown.size() < 10); ++step) {
    board.tick();
    if (board.current() && (shown.empty() || shown.back() != board.current()->ticket.number)) {
      shown.push_back(board.current()->ticket.number);
      auto said = board.take_announcements();
      spoken.insert(spoken.end(), said.begin(), said.end());
      EXPECT_GE(*board.next_deadline(), 0ms);
    }
    clock.advance(250ms);
  }
  ASSERT_EQ(shown.size(), 10u);
  ASSERT_EQ(spoken.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(shown[i], "A0" + std::to_string(10 + i));
    EXPECT_EQ(spoken[i].number, shown[i]);
  }
  EXPECT_EQ(board.history().front().ticket.number, "A018");  // the one before the last
}

TEST_F(call_board_test, EachCallStaysAtLeastTheMinimumTime) {
  board.apply(event(2, call(2, "A002", 1, "2026-11-28T09:00:00+07:00")));
  board.apply(event(3, call(3, "A003", 2, "2026-11-28T09:00:00+07:00")));
  clock.advance(4999ms);
  board.tick();
  EXPECT_EQ(board.current()->ticket.number, "A002");
  EXPECT_EQ(board.next_deadline(), 1ms);
  clock.advance(1ms);
  board.tick();
  EXPECT_EQ(board.current()->ticket.number, "A003");
}

TEST_F(call_board_test, ARecallIsShownAndAnnouncedAgain) {
  board.apply(event(2, call(2, "A002", 3, "2026-11-28T09:00:00+07:00")));
  clock.advance(6s);
  board.apply(event(3, call(2, "A002", 3, "2026-11-28T09:00:06+07:00", true)));
  EXPECT_EQ(board.take_announcements(),
            (std::vector<announcement>{{"A002", 3, false}, {"A002", 3, true}}));
  EXPECT_TRUE(board.current()->recall);
}

TEST_F(call_board_test, ACallTheBoardHasSeenAlreadyIsNotAnnouncedAgain) {
  board.apply(event(2, call(2, "A002", 3, "2026-11-28T09:00:00+07:00")));
  board.apply(event(2, call(2, "A002", 3, "2026-11-28T09:00:00+07:00")));  // the same event
  board.apply(event(1, call(1, "A001", 2, "2026-11-28T08:59:00+07:00")));  // in the snapshot
  EXPECT_EQ(board.take_announcements(), (std::vector<announcement>{{"A002", 3, false}}));
  EXPECT_EQ(board.queued(), 0u);
  EXPECT_EQ(board.hall().calls().size(), 2u);
}

TEST_F(call_board_test, CallsReplayedLongAfterTheyHappenedPassSilently) {
  clock.advance(10min);
  board.apply(event(2, call(2, "A002", 3, "2026-11-28T09:00:00+07:00")));
  board.apply(event(3, call(3, "A003", 4, "2026-11-28T09:01:00+07:00")));
  board.apply(event(4, call(4, "A004", 5, "2026-11-28T09:10:00+07:00")));  // live
  EXPECT_EQ(board.current()->ticket.number, "A004");
  EXPECT_TRUE(board.flashing());
  EXPECT_EQ(board.take_announcements(), (std::vector<announcement>{{"A004", 5, false}}));
  ASSERT_EQ(board.history().size(), 3u);
  EXPECT_EQ(board.history()[0].ticket.number, "A003");
  EXPECT_EQ(board.history()[2].ticket.number, "A001");
}

}  // namespace
}  // namespace motcua::kiosk
