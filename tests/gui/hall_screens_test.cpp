// The hall screens' models on a real live link to the real server (no window): the rating
// screen rates the ticket just finished at its counter, and the ticket kiosk's take is counted
// once by the server.
#include "kiosk/model/rating_panel.hpp"
#include "kiosk/model/ticket_kiosk.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/link_reader.hpp"

namespace motcua::testing {
namespace {

using kiosk::rating_screen;

class hall_screens_test : public server_test {
 protected:
  // The kiosk device's link, with the topics its screen asks for.
  static client::credentials kiosk_device(std::vector<std::string> topics) {
    auto who = client::credentials::device("demo-kiosk");
    who.topics = std::move(topics);
    return who;
  }

  domain::system_clock clock;
  std::unique_ptr<link_reader> link_;
  client::sender send = [this](protocol::request_params p) {
    return link_->link().send(std::move(p));
  };
};

TEST_F(hall_screens_test, TheRatingScreenRatesTheTicketJustFinishedAtItsCounter) {
  link_ = std::make_unique<link_reader>(address(), kiosk_device(kiosk::rating_panel::topics()));
  auto& link = *link_;
  kiosk::rating_panel panel(
      clock, send, [] { return std::string("rating-1"); }, 1, domain::lang::vi);
  link.until([&](const client::inbox_item& item) {
    panel.apply(item);
    return panel.hall().online();
  });
  take(*kiosk(), 1, "to-rate");
  auto clerk1 = clerk("clerk1", 1, {1});
  clerk_do(*clerk1, protocol::call_next{});
  clerk_do(*clerk1, protocol::start_service{});
  clerk_do(*clerk1, protocol::finish{});

  link.until([&](const client::inbox_item& item) {
    panel.apply(item);
    return panel.screen() == rating_screen::asking;
  });
  EXPECT_EQ(panel.ticket()->number, "A001");
  panel.rate(panel.levels());
  link.until([&](const client::inbox_item& item) {
    panel.apply(item);
    return panel.screen() == rating_screen::thanks;
  });

  auto manager = connect();
  hello_staff(*manager, "manager");
  const auto stats = result_of<protocol::stats_result>(manager->call(protocol::get_stats{}));
  ASSERT_EQ(static_cast<int>(stats.ratings.counts.size()), panel.levels());
  EXPECT_EQ(stats.ratings.counts.back(), 1);
}

TEST_F(hall_screens_test, TheTicketKioskTakesOneTicketForTwoTaps) {
  link_ = std::make_unique<link_reader>(address(), kiosk_device(kiosk::ticket_kiosk::topics()));
  auto& link = *link_;
  int keys = 0;
  kiosk::ticket_kiosk screen(
      clock, send, [&] { return "take-" + std::to_string(++keys); }, domain::lang::vi);
  link.until([&](const client::inbox_item& item) {
    screen.apply(item);
    return screen.hall().online();
  });
  screen.choose_service(2);
  screen.choose_priority(domain::priority::none);
  screen.choose_priority(domain::priority::none);
  link.until([&](const client::inbox_item& item) {
    screen.apply(item);
    return screen.screen() == kiosk::kiosk_screen::ticket;
  });
  EXPECT_EQ(screen.issued()->ticket.number, "B001");
  EXPECT_EQ(list_services(*kiosk()).at(1).waiting, 1);
}

}  // namespace
}  // namespace motcua::testing
