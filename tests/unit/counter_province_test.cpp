// province_model and the app at the province hub: a province manager's hello opens the province
// screen only; get_province_stats for today, a period, a centre's drill-down and back; asked again
// every refresh_every while the period includes today; a refusal shown; the CSV.
#include "counter/model/app_model.hpp"
#include "counter/model/province_model.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

protocol::province_stats_result figures() {
  protocol::province_stats_result f;
  f.period_from = "2026-11-26";
  f.period_to = "2026-11-27";
  f.month_from = "2026-11-01";
  f.generated_at = "2026-11-26T09:00:00+07:00";
  f.centres.push_back({"000.00.11.H26", "Phường Hải Châu", "2026-11-26T08:59:00+07:00", 2, 1800, 5,
                       2, 1200, 2, 1, 0.5, 2});
  f.centres.push_back(
      {"000.00.12.H26", "Phường \"Thanh Khê\"", std::nullopt, 1, 3600, 0, 0, 0, 0, 0, 1, 0});
  f.province = {"", "", std::nullopt, 3, 3600, 5, 2, 1200, 2, 1, 0.5, 2};
  f.procedures.push_back({"1.001612", "Đăng ký khai sinh", "Birth registration", 2, 1, 0.5, 1});
  f.late.push_back({"000.00.11.H26-261101-0001", "000.00.11.H26", "Đăng ký khai sinh",
                    "Birth registration", "processing", "2026-11-01T08:00:00+07:00",
                    "2026-11-05T17:00:00+07:00", std::nullopt});
  f.late_total = 2;
  return f;
}

class counter_province : public ::testing::Test {
 protected:
  std::vector<protocol::get_province_stats> asked() const {
    std::vector<protocol::get_province_stats> out;
    for (const auto& r : net_.sent)
      if (const auto* g = std::get_if<protocol::get_province_stats>(&r.params)) out.push_back(*g);
    return out;
  }

  domain::test_clock clock_{at_9am()};
  recorder net_;
  counter::province_model model_{clock_, net_.sender()};
};

TEST_F(counter_province, AsksForTodayThenAPeriodAndACentre) {
  model_.refresh();
  EXPECT_EQ(asked().back(), (protocol::get_province_stats{"2026-11-26", "2026-11-27", {}}));
  EXPECT_TRUE(model_.busy());
  EXPECT_TRUE(model_.on_reply(ok(net_.last_id(), figures())));
  EXPECT_FALSE(model_.busy());
  EXPECT_EQ(model_.figures()->province.waiting, 3);
  EXPECT_EQ(model_.centre_name("000.00.11.H26"), "Phường Hải Châu");
  EXPECT_EQ(model_.centre_name("000.00.99.H26"), "000.00.99.H26");

  model_.drill("000.00.11.H26");
  EXPECT_FALSE(model_.figures()) << "the province's figures are not the centre's";
  EXPECT_EQ(asked().back(),
            (protocol::get_province_stats{"2026-11-26", "2026-11-27", "000.00.11.H26"}));
  // A period: both days included; a `to` before `from` is moved to `from`.
  model_.set_range(std::chrono::year{2026} / 11 / 1, std::chrono::year{2026} / 11 / 26);
  EXPECT_EQ(asked().back(),
            (protocol::get_province_stats{"2026-11-01", "2026-11-27", "000.00.11.H26"}));
  model_.drill(std::nullopt);
  model_.set_range(std::chrono::year{2026} / 11 / 20, std::chrono::year{2026} / 11 / 10);
  EXPECT_EQ(asked().back(), (protocol::get_province_stats{"2026-11-20", "2026-11-21", {}}));
  EXPECT_FALSE(model_.includes_today());
  // Only the last question's answer counts.
  const auto count = asked().size();
  EXPECT_FALSE(model_.on_reply(ok(net_.sent[0].id, figures())));
  EXPECT_EQ(asked().size(), count);
}

TEST_F(counter_province, AsksAgainWhileThePeriodIncludesToday) {
  model_.refresh();
  model_.on_reply(ok(net_.last_id(), figures()));
  const auto count = asked().size();
  model_.tick();
  EXPECT_EQ(asked().size(), count);
  clock_.advance(counter::province_model::refresh_every);
  model_.tick();
  EXPECT_EQ(asked().size(), count + 1);
  EXPECT_TRUE(model_.figures()) << "the last figures stay on screen meanwhile";
  model_.on_reply(ok(net_.last_id(), figures()));
  // A past period does not move.
  model_.set_range(std::chrono::year{2026} / 11 / 2, std::chrono::year{2026} / 11 / 3);
  model_.on_reply(ok(net_.last_id(), figures()));
  clock_.advance(1h);
  model_.tick();
  EXPECT_EQ(asked().size(), count + 2);
}

TEST_F(counter_province, ARefusalIsShownAskedAgainLaterAndOfflineFreesTheRequest) {
  model_.refresh();
  model_.on_reply(failed(net_.last_id(), protocol::error_code::internal, "Trục tỉnh lỗi."));
  EXPECT_EQ(model_.problem()->message, "Trục tỉnh lỗi.");
  const auto count = asked().size();
  model_.tick();
  EXPECT_EQ(asked().size(), count);
  clock_.advance(counter::province_model::refresh_every);
  model_.tick();
  EXPECT_EQ(asked().size(), count + 1) << "a wall screen does not stay empty";
  model_.show_today();  // and Today asks at once
  EXPECT_EQ(asked().size(), count + 2);
  model_.offline();
  EXPECT_FALSE(model_.busy());
}

TEST_F(counter_province, CsvHasEveryTable) {
  model_.refresh();
  model_.on_reply(ok(net_.last_id(), figures()));
  const auto csv = model_.csv(domain::lang::vi);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("000.00.11.H26,Phường Hải Châu,2,1800,5,2,1200,2,1,0.500000,2\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find("\"Phường \"\"Thanh Khê\"\"\""), std::string::npos);
  EXPECT_NE(csv.find(",Toàn tỉnh,3,3600,"), std::string::npos);
  EXPECT_NE(csv.find("1.001612,Đăng ký khai sinh,2,1,0.500000,1"), std::string::npos);
  EXPECT_NE(
      csv.find("000.00.11.H26-261101-0001,Phường Hải Châu,Đăng ký khai sinh,17:00 05/11/2026"),
      std::string::npos);
  EXPECT_NE(model_.csv(domain::lang::en).find("Birth registration"), std::string::npos);
}

TEST(counter_province_app, AProvinceManagerSeesTheProvinceScreenOnly) {
  domain::test_clock clock{at_9am()};
  recorder net;
  counter::app_model app{clock, net.sender(), {}, "desk"};
  app.go(counter::screen::queue);
  app.session.username = "tinh";
  app.session.password = "p";
  ASSERT_TRUE(app.session.submit());
  protocol::hello_result h;
  h.role = protocol::role::province_manager;
  h.user = "tinh";
  app.apply(protocol::reply{1, h});
  app.apply(client::link_status{client::link_state::online, {}, {}});
  EXPECT_EQ(app.session.current(), counter::stage::working);
  EXPECT_EQ(app.current(), counter::screen::province);
  EXPECT_FALSE(app.ready());
  app.go(counter::screen::dashboard);
  EXPECT_EQ(app.current(), counter::screen::province);
  app.apply(ok(net.last_id(), figures()));
  EXPECT_TRUE(app.ready());
  EXPECT_EQ(counter::parse_screen("province"), counter::screen::province);
}

}  // namespace
}  // namespace motcua::testing
