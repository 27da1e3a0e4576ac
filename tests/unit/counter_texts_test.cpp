// ticket_texts_model: the texts of the counter's ticket, asked with list_texts when the ticket
// changes, again every refresh_interval while one is on its way, never about another ticket;
// text_line's wording; the dashboard's texts by state.
#include "counter/model/dashboard_model.hpp"
#include "counter/model/ticket_texts_model.hpp"
#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

protocol::text_view text(std::string kind, std::string state,
                         std::optional<std::string> reason = {}) {
  return {std::move(kind), std::move(state), std::move(reason), "2026-11-26T09:12:00+07:00"};
}

class counter_texts : public ::testing::Test {
 protected:
  domain::test_clock clock_{at_9am()};
  recorder net_;
  counter::ticket_texts_model model_{clock_, net_.sender()};
};

TEST_F(counter_texts, ALineSaysTheKindTheStateAndWhyNotSent) {
  EXPECT_EQ(counter::text_line(domain::lang::vi, text("called", "delivered")),
            "Mời đến quầy: đã đến máy (09:12)");
  EXPECT_EQ(counter::text_line(domain::lang::en, text("ahead", "skipped", "quiet")),
            "Turn coming up: not sent — quiet hours (09:12)");
  EXPECT_EQ(counter::text_line(domain::lang::vi, text("late", "failed", "refused")),
            "Xin lỗi, hẹn lại ngày: không gửi được — cổng tin nhắn từ chối (09:12)");
  EXPECT_EQ(counter::text_line(domain::lang::en, text("called", "failed", "new_reason")),
            "Called to the counter: failed — new_reason (09:12)");
}

TEST_F(counter_texts, TheCountersTicketsTextsAreAskedForAndRefreshedWhileOnTheirWay) {
  model_.follow(std::nullopt);
  EXPECT_TRUE(net_.sent.empty()) << "no ticket, nothing to ask";
  model_.follow(7);
  ASSERT_EQ(net_.sent.size(), 1u);
  EXPECT_EQ(net_.last<protocol::list_texts>().ticket, 7);
  EXPECT_FALSE(model_.answered());
  model_.on_reply(ok(net_.last_id(), protocol::texts_result{{text("called", "sent")}}));
  EXPECT_TRUE(model_.answered());
  ASSERT_EQ(model_.texts().size(), 1u);

  model_.follow(7);
  EXPECT_EQ(net_.sent.size(), 1u) << "not before the interval";
  clock_.advance(counter::ticket_texts_model::refresh_interval);
  model_.follow(7);
  ASSERT_EQ(net_.sent.size(), 2u) << "`sent` may still become delivered";
  model_.on_reply(ok(net_.last_id(), protocol::texts_result{{text("called", "delivered")}}));
  clock_.advance(counter::ticket_texts_model::refresh_interval);
  model_.follow(7);
  EXPECT_EQ(net_.sent.size(), 2u) << "delivered: nothing more to learn";
  model_.refresh();
  EXPECT_EQ(net_.sent.size(), 3u) << "unless the clerk asks";
}

TEST_F(counter_texts, AnAnswerAboutTheTicketBeforeIsNotShownForTheNext) {
  model_.follow(7);
  const auto asked_for_7 = net_.last_id();
  model_.follow(8);
  EXPECT_EQ(net_.last<protocol::list_texts>().ticket, 8);
  EXPECT_FALSE(model_.on_reply(ok(asked_for_7, protocol::texts_result{{text("called", "sent")}})));
  EXPECT_TRUE(model_.texts().empty());
  model_.on_reply(ok(net_.last_id(), protocol::texts_result{}));
  EXPECT_TRUE(model_.answered());
  model_.follow(std::nullopt);
  EXPECT_FALSE(model_.answered());
  EXPECT_TRUE(model_.texts().empty());
}

TEST_F(counter_texts, AnErrorIsAnAnswerAndNotAskedAgainEachInterval) {
  model_.follow(7);
  model_.on_reply(failed(net_.last_id(), protocol::error_code::bad_request, "không hiểu"));
  EXPECT_TRUE(model_.answered());
  clock_.advance(counter::ticket_texts_model::refresh_interval);
  model_.follow(7);
  EXPECT_EQ(net_.sent.size(), 1u);
}

TEST_F(counter_texts, TheDashboardCountsThePeriodsTextsByWhereTheyGot) {
  client::hall_mirror centre;
  counter::dashboard_model dashboard(centre, clock_, net_.sender());
  EXPECT_EQ(dashboard.texts().delivered, 0);
  dashboard.refresh();
  for (const auto& r : net_.sent)
    if (std::holds_alternative<protocol::get_stats>(r.params)) {
      protocol::stats_result s;
      s.texts = {{"delivered", 40}, {"failed", 1}, {"queued", 2},
                 {"sending", 1},    {"sent", 5},   {"skipped", 3}};
      dashboard.on_reply(ok(r.id, s));
    }
  const auto f = dashboard.texts();
  EXPECT_EQ(f.delivered, 40);
  EXPECT_EQ(f.sent, 5);
  EXPECT_EQ(f.waiting, 3);
  EXPECT_EQ(f.failed, 1);
  EXPECT_EQ(f.skipped, 3);
}

}  // namespace
}  // namespace motcua::testing
