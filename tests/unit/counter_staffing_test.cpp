// staffing_model: the what-if of a recorded day and of a typical weekday from get_recorded_days,
// its counters changed cell by cell, and the staffing advice for a coming day with its CSV.
#include "counter/model/staffing_model.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using std::chrono::year;

// Monday 23/11/2026 as the server sends it: Quầy 1 (service 1) open 07:00–11:00; six citizens
// of service 1 at 08:00, each served 10 minutes, one after the other.
protocol::recorded_day_view monday(const std::string& day = "2026-11-23") {
  protocol::recorded_day_view v;
  v.day = day;
  auto at = [&](int minutes) {
    char out[64];
    std::snprintf(out, sizeof out, "%sT%02d:%02d:00+07:00", day.c_str(), minutes / 60,
                  minutes % 60);
    return std::string(out);
  };
  for (int k = 0; k < 6; ++k) {
    protocol::recorded_ticket_view t;
    t.issued_at = at(480);
    t.service = 1;
    t.told_minutes = 10 * k;
    t.visits.push_back({1, 1, at(480 + 10 * k), at(490 + 10 * k), "done"});
    v.tickets.push_back(t);
  }
  v.counters.push_back({at(420), 1, true, {1}});
  v.counters.push_back({at(660), 1, false, {1}});
  return v;
}

class counter_staffing : public ::testing::Test {
 protected:
  counter_staffing() { centre_.reset(hall()); }

  // Answers the days asked one by one (a request each) from `days` (others: no tickets), and
  // returns the days asked, in order.
  std::vector<std::string> answer(const std::vector<protocol::recorded_day_view>& days) {
    std::vector<std::string> asked;
    while (!net_.sent.empty() && net_.last_id() != answered_) {
      answered_ = net_.last_id();
      const auto& r = net_.last<protocol::get_recorded_days>();
      EXPECT_EQ(r.days.size(), 1u);
      asked.push_back(r.days.at(0));
      protocol::recorded_day_view v{r.days.at(0), {}, {}};
      for (const auto& d : days)
        if (d.day == v.day) v = d;
      EXPECT_TRUE(model_.on_reply(ok(answered_, protocol::recorded_days_result{{v}})));
    }
    return asked;
  }

  std::int64_t answered_ = 0;

  domain::test_clock clock_{at_9am()};  // Thursday 26/11/2026
  client::hall_mirror centre_;
  recorder net_;
  counter::staffing_model model_{centre_, clock_, net_.sender()};
};

TEST_F(counter_staffing, ARecordedDayAndWhatIfItHadAnotherCounter) {
  model_.show_day(year{2026} / 11 / 23);
  EXPECT_TRUE(model_.asking());
  EXPECT_EQ(answer({monday()}), (std::vector<std::string>{"2026-11-23"}));
  EXPECT_FALSE(model_.asking());
  EXPECT_TRUE(model_.ready());
  EXPECT_EQ(model_.title(domain::lang::vi), "Thứ Hai 23/11/2026");
  EXPECT_EQ(model_.services(), (std::vector<domain::service_id>{1}));
  EXPECT_LE(model_.first_hour(), 7);
  EXPECT_GE(model_.last_hour(), 10);

  auto eight = model_.at(1, 8);
  EXPECT_EQ(eight.recorded_counters, 1);
  EXPECT_EQ(eight.counters, 1);
  EXPECT_EQ(eight.joined, 6);
  EXPECT_EQ(eight.recorded_p90, 50);   // waits 0, 10, …, 50: nearest rank
  EXPECT_EQ(eight.simulated_p90, 50);  // the day played again as it was
  EXPECT_TRUE(eight.over_target);      // service 1's target is 10 minutes

  model_.set_counters(1, 8, 3);  // three counters at 8 o'clock: two waits of 10 at most
  eight = model_.at(1, 8);
  EXPECT_EQ(eight.counters, 3);
  EXPECT_EQ(eight.recorded_p90, 50);
  EXPECT_EQ(eight.simulated_p90, 10);
  EXPECT_FALSE(eight.over_target);
  model_.set_counters(1, 8, 99);
  EXPECT_EQ(model_.at(1, 8).counters, 30);
  model_.reset();
  EXPECT_EQ(model_.at(1, 8).simulated_p90, 50);
}

TEST_F(counter_staffing, ATypicalMondayIsTheMeanOfTheLastMondays) {
  model_.show_typical(std::chrono::Monday, 3);
  EXPECT_EQ(answer({monday(), monday("2026-11-16")}),
            (std::vector<std::string>{"2026-11-23", "2026-11-16", "2026-11-09"}));
  EXPECT_EQ(model_.title(domain::lang::en), "Monday, typical (2 weeks)");  // two with tickets
  const auto eight = model_.at(1, 8);
  EXPECT_EQ(eight.joined, 6);  // a day
  EXPECT_EQ(eight.recorded_p90, 50);
  EXPECT_TRUE(eight.simulated_p90.has_value());
  model_.set_counters(1, 8, 6);
  EXPECT_LT(*model_.at(1, 8).simulated_p90, 10);
}

TEST_F(counter_staffing, AdviceForAComingDayMeetsTheTargetsAndIsExported) {
  model_.advise(year{2026} / 11 / 30, 2);
  EXPECT_EQ(answer({monday(), monday("2026-11-16")}),
            (std::vector<std::string>{"2026-11-23", "2026-11-16"}));
  EXPECT_TRUE(model_.asking());  // the search runs on a thread of its own
  model_.wait();
  EXPECT_FALSE(model_.asking());
  ASSERT_TRUE(model_.advice());
  EXPECT_TRUE(model_.advice()->expected.met);
  EXPECT_GE(model_.advice()->counters.at(1, 8), 2);
  for (const auto& f : model_.advice()->expected.figures) EXPECT_LE(f.waits.p90, 10);
  const auto csv = model_.advice_csv(domain::lang::vi);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("30/11/2026"), std::string::npos);
  EXPECT_NE(csv.find("Lĩnh vực,Giờ,Số quầy"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Người có công,8,"), std::string::npos) << csv;

  // A day with nothing before it to go by, and a server's refusal, are said.
  model_.advise(year{2027} / 1 / 4, 0);
  EXPECT_TRUE(model_.problem());
  model_.show_day(year{2026} / 11 / 23);
  model_.on_reply(failed(net_.last_id(), protocol::error_code::forbidden, "Không được phép"));
  ASSERT_TRUE(model_.problem());
  EXPECT_EQ(model_.problem()->code, protocol::error_code::forbidden);
}

TEST(counter_staffing_wire, ADayInTheSimulationsTermsAndWhatDoesNotReadLeftOut) {
  auto v = monday();
  v.tickets[1].issued_at = "08:00";
  v.tickets[2].visits[0].end = "lost";
  v.counters.push_back({"later", 2, true, {1}});
  const auto day = counter::recorded_day_of(v, domain::business_zone{});
  ASSERT_EQ(day.tickets.size(), 4u);
  EXPECT_EQ(day.tickets[0].issued, 480);
  EXPECT_EQ(day.tickets[0].visits[0].ended, 490);
  EXPECT_EQ(day.tickets[0].told, 0);
  EXPECT_EQ(day.counters.size(), 2u);
  EXPECT_TRUE(counter::recorded_day_of({"not a day", {}, {}}, {}).tickets.empty());
}

}  // namespace
}  // namespace motcua::testing
