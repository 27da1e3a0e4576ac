// dashboard_model: live figures from the hall's state and the clock, period and month figures
// from get_stats, late list, CSV export.
#include "counter/model/dashboard_model.hpp"
#include "counter/model/format.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using domain::ticket_state;

class counter_dashboard : public ::testing::Test {
 protected:
  counter_dashboard() { centre_.reset(hall()); }

  std::vector<protocol::get_stats> stats_requests() const {
    std::vector<protocol::get_stats> out;
    for (const auto& r : net_.sent)
      if (const auto* g = std::get_if<protocol::get_stats>(&r.params)) out.push_back(*g);
    return out;
  }

  domain::test_clock clock_{at_9am()};
  client::hall_mirror centre_;
  recorder net_;
  counter::dashboard_model model_{centre_, clock_, net_.sender()};
};

TEST_F(counter_dashboard, AsksForTheDayTheMonthAndTheLateDossiers) {
  model_.refresh();
  auto asked = stats_requests();
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[0], (protocol::get_stats{"2026-11-26", "2026-11-27"}));
  EXPECT_EQ(asked[1], (protocol::get_stats{"2026-11-01", "2026-11-27"}));
  EXPECT_EQ(std::get<protocol::search_dossiers>(net_.sent[2].params).late, true);
  // Then the days ahead's bookings, today first.
  EXPECT_EQ(net_.sent.size(), 3u + 9u);
  EXPECT_EQ(net_.last<protocol::list_bookings>(), (protocol::list_bookings{"2026-12-04", {}}));

  model_.set_range(std::chrono::year{2026} / 11 / 20, std::chrono::year{2026} / 11 / 10);
  EXPECT_EQ(stats_requests().back(), (protocol::get_stats{"2026-11-20", "2026-11-21"}));
  EXPECT_FALSE(model_.includes_today());
}

TEST_F(counter_dashboard, LiveQueueFiguresMoveWithTheClock) {
  centre_.apply(event(protocol::queue_changed{1, 2, 10}));
  centre_.apply(event(protocol::queue_changed{2, 1, 5}));
  centre_.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am())}));
  centre_.apply(event(protocol::ticket_issued{ticket(2, "B001", 2, at_9am() + 1min)}));
  auto serving = ticket(3, "A002", 1, at_9am(), domain::priority::none, ticket_state::serving);
  serving.started_at = iso(at_9am());
  centre_.apply(event(protocol::ticket_called{serving, 1, "Quầy 1", false}));
  clock_.advance(16min);
  EXPECT_EQ(model_.waiting_total(), 3);
  EXPECT_EQ(model_.longest_wait(), 16min);
  auto services = model_.services();
  EXPECT_TRUE(services[0].over_target);   // 16 > 10 minutes
  EXPECT_FALSE(services[1].over_target);  // 15 < 20
  auto counters = model_.counters();
  EXPECT_EQ(counters[0].serving, 16min);
  EXPECT_TRUE(counters[0].over_target);  // 16 > 15 minutes of service
  EXPECT_FALSE(counters[1].counter->ticket);
}

TEST_F(counter_dashboard, PeriodFiguresComeFromGetStatsAndRefreshOnStatsEvents) {
  model_.refresh();
  protocol::stats_result s;
  s.queue = {protocol::service_stats{1, 0, 20, 15, 5, 0, 300, 400, 900, 1200}};
  s.queue_totals = protocol::service_stats{0, 0, 20, 15, 5, 0, 300, 400, 900, 1200};
  s.dossier_counts = {{"received", 3}, {"processing", 2}};
  s.open_dossiers = {7, 2, 1};
  model_.on_reply(ok(1, s));
  EXPECT_DOUBLE_EQ(model_.no_show_rate(), 0.25);
  EXPECT_EQ(model_.dossiers_received(), 5);
  EXPECT_EQ(model_.services()[0].figures.p90_wait_seconds, 900);

  protocol::dossier_view open_late, finished_late;
  open_late.code = "L-1";
  finished_late.code = "L-2";
  finished_late.finished_at = iso(at_9am());
  model_.on_reply(ok(3, protocol::dossiers_result{{open_late, finished_late}, 2}));
  ASSERT_EQ(model_.late().size(), 1u);
  EXPECT_EQ(model_.late()[0].code, "L-1");

  auto before = stats_requests().size();
  model_.on_event(event(protocol::stats{}));
  EXPECT_EQ(stats_requests().size(), before + 1);
  model_.on_event(event(protocol::stats{}));  // the first is still in flight
  EXPECT_EQ(stats_requests().size(), before + 1);
}

TEST_F(counter_dashboard, BookingsCheckInRatesWaitsAndThePlacesBookedOnTheDaysAhead) {
  model_.refresh();
  EXPECT_EQ(model_.check_in_rate(), std::nullopt) << "nothing before get_stats answers";
  protocol::stats_result s;
  s.bookings = protocol::booking_figures{2, 6, 2, 1, {6, 240, 420}, {30, 600, 1500}};
  model_.on_reply(ok(1, s));
  EXPECT_DOUBLE_EQ(*model_.check_in_rate(), 0.75);
  EXPECT_DOUBLE_EQ(*model_.booking_no_show_rate(), 0.25);

  // Requests 4 to 12: today (Thursday 26/11) and the eight days after; the weekend has no slots.
  EXPECT_TRUE(model_.asking_ahead());
  const domain::business_zone zone;
  for (int i = 0; i < 9; ++i) {
    const auto day =
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + std::chrono::days{i};
    protocol::bookings_result r;
    r.date = domain::format_iso_date(day);
    const auto weekday = std::chrono::weekday{day};
    if (weekday != std::chrono::Saturday && weekday != std::chrono::Sunday)
      for (int slot = 0; slot < 2; ++slot)
        r.slots.push_back({1, iso(zone.at(day, 8h + slot * 15min)), "", 3, 3 - i % 3 - slot,
                           i % 3 + slot, i == 1 && slot == 1});
    model_.on_reply(ok(4 + i, r));
  }
  EXPECT_FALSE(model_.asking_ahead());
  const auto ahead = model_.bookings_ahead();
  ASSERT_EQ(ahead.size(), 5u) << "five days with slots";
  EXPECT_EQ(ahead[0].day, std::chrono::year{2026} / 11 / 26);
  EXPECT_EQ(ahead[0].booked, 1);
  EXPECT_EQ(ahead[0].capacity, 6);
  EXPECT_TRUE(ahead[1].over_booked);
  EXPECT_EQ(ahead[2].day, std::chrono::year{2026} / 11 / 30) << "the weekend left out";
  EXPECT_EQ(ahead[4].day, std::chrono::year{2026} / 12 / 2);

  const auto before = net_.sent.size();
  model_.on_event(event(protocol::booking_changed{}));
  EXPECT_EQ(net_.sent.size(), before + 9) << "a booking changed: the days ahead asked again";
  EXPECT_NE(model_.csv(domain::lang::en).find("26/11/2026,1,6"), std::string::npos);
}

TEST(counter_dashboard_estimates, TheShareWithinFiveMinutesThenTheBias) {
  protocol::service_stats s;
  EXPECT_EQ(counter::estimate_text(s), "—");  // nothing to compare yet
  s.eta_tickets = 12;
  s.eta_within_5_percent = 82;
  s.eta_bias_seconds = 80;
  EXPECT_EQ(counter::estimate_text(s), "82% · +1:20");
  s.eta_bias_seconds = -40;
  EXPECT_EQ(counter::estimate_text(s), "82% · -0:40");
}

TEST_F(counter_dashboard, CsvHasAByteOrderMarkVietnameseHeadersAndQuotedFields) {
  model_.refresh();
  protocol::stats_result month;
  month.by_procedure = {{4, "Trợ cấp, hỗ trợ", 4, 3, 0.75, 2}};
  month.centre = {0, "", 4, 3, 0.75, 2};
  model_.on_reply(ok(2, month));
  auto csv = model_.csv(domain::lang::vi);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("Lĩnh vực,Đang chờ"), std::string::npos);
  EXPECT_NE(csv.find("Người có công,0,0"), std::string::npos);
  EXPECT_NE(csv.find("\"Trợ cấp, hỗ trợ\",4,3,0.75"), std::string::npos);
  EXPECT_NE(csv.find("Quầy 1,open,Lan"), std::string::npos);
  EXPECT_NE(model_.csv(domain::lang::en).find("Service,Waiting"), std::string::npos);
  EXPECT_NE(csv.find("Dự báo trong ±5 phút (%)"), std::string::npos);
  EXPECT_EQ(counter::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

}  // namespace
}  // namespace motcua::testing
