// The rating screen without a window: it asks after a ticket finishes at its own counter,
// sends rate_service with the ticket, dossier and counter, thanks, and times out.
#include "kiosk/model/rating_panel.hpp"

#include <gtest/gtest.h>

#include "kiosk/model/scripted_taps.hpp"
#include "kiosk/model/wording.hpp"
#include "shared/domain/glossary.hpp"
#include "tests/unit/kiosk_fixture.hpp"

namespace motcua::kiosk {
namespace {

using namespace testing;

class rating_panel_test : public ::testing::Test {
 protected:
  rating_panel_test() {
    panel.apply(hello({service(1, "Người có công", "A")}, 3));
    panel.apply(status(client::link_state::online));
  }

  void finish(protocol::counter_id counter, std::optional<std::string> dossier = {}) {
    auto t = ticket(7, "A007", 1);
    t.state = domain::ticket_state::done;
    t.counter = counter;
    t.dossier = std::move(dossier);
    panel.apply(event(seq++, protocol::ticket_changed{t}));  // each a new event
  }

  domain::test_clock clock{at("2026-11-28T09:00:00+07:00")};
  std::int64_t seq = 5;
  recorder server;
  rating_panel panel{clock, server.fn(), [] { return std::string("rating-key"); }, 2,
                     domain::lang::vi};
};

TEST_F(rating_panel_test, IdleUntilATicketFinishesAtItsOwnCounter) {
  EXPECT_EQ(panel.screen(), rating_screen::idle);
  finish(3);
  EXPECT_EQ(panel.screen(), rating_screen::idle);
  finish(2, "000.00.00.H99-261128-0001");
  EXPECT_EQ(panel.screen(), rating_screen::asking);
  EXPECT_EQ(panel.levels(), 3);
  EXPECT_EQ(panel.ticket()->number, "A007");
}

TEST_F(rating_panel_test, ATapSendsTheRatingTiedToTicketDossierAndCounterThenThanks) {
  finish(2, "000.00.00.H99-261128-0001");
  ASSERT_TRUE(apply_tap(panel, "rate:3"));
  panel.rate(1);  // a second tap while the first is pending
  const auto sent = server.all<protocol::rate_service>();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].counter, 2);
  EXPECT_EQ(sent[0].level, 3);
  EXPECT_EQ(sent[0].ticket, 7);
  EXPECT_EQ(sent[0].dossier, "000.00.00.H99-261128-0001");
  EXPECT_EQ(sent[0].request_key, "rating-key");

  panel.apply(reply(server.last_id(), protocol::rating_result{1, 3, 3}));
  EXPECT_EQ(panel.screen(), rating_screen::thanks);
  clock.advance(5s);
  panel.tick();
  EXPECT_EQ(panel.screen(), rating_screen::idle);
}

TEST_F(rating_panel_test, LevelsAreKeptWithinTheScale) {
  finish(2);
  panel.rate(5);
  EXPECT_EQ(server.all<protocol::rate_service>().at(0).level, 3);
}

TEST_F(rating_panel_test, ARatingLostWithTheConnectionIsSentAgainWithTheSameKey) {
  finish(2);
  panel.rate(2);
  panel.apply(status(client::link_state::offline));
  panel.apply(status(client::link_state::online));
  const auto sent = server.all<protocol::rate_service>();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1], sent[0]);
}

TEST_F(rating_panel_test, WithoutATapItGoesBackToIdle) {
  finish(2);
  clock.advance(59s);
  panel.tick();
  EXPECT_EQ(panel.screen(), rating_screen::asking);
  EXPECT_EQ(panel.next_deadline(), 1s);
  clock.advance(1s);
  panel.tick();
  EXPECT_EQ(panel.screen(), rating_screen::idle);
  EXPECT_TRUE(server.all<protocol::rate_service>().empty());
}

}  // namespace
}  // namespace motcua::kiosk

namespace motcua::kiosk {
namespace {

// The 3-level scale of docs/domain.md (Không hài lòng / Hài lòng / Rất hài lòng): the satisfied
// rate counts level 2 and up, so level 2 must read "Hài lòng".
TEST(rating_words_test, ThreeLevelsAreTheCountersScale) {
  using domain::glossary::rating_word;
  EXPECT_STREQ(rating_word(3, 1).vi, "Không hài lòng");
  EXPECT_STREQ(rating_word(3, 2).vi, "Hài lòng");
  EXPECT_STREQ(rating_word(3, 3).vi, "Rất hài lòng");
  EXPECT_STREQ(rating_word(5, 1).vi, "Rất không hài lòng");
  EXPECT_STREQ(rating_word(5, 3).vi, "Bình thường");
  EXPECT_STREQ(rating_word(5, 5).en, "Very satisfied");
}

}  // namespace
}  // namespace motcua::kiosk
