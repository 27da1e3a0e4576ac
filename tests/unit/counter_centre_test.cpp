// centre_state: snapshot then events; call order; format helpers; saved settings.
#include "counter/model/centre_state.hpp"

#include <cstdlib>

#include "tests/unit/counter_fixture.hpp"
#include "counter/model/counter_settings.hpp"
#include "counter/model/format.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

using domain::priority;
using domain::ticket_state;

TEST(counter_centre, KeepsWaitingTicketsInCallOrderThroughEvents) {
  counter::centre_state c;
  c.reset(hall());
  c.apply(event(protocol::ticket_issued{ticket(1, "A001", 1, at_9am())}));
  c.apply(event(protocol::ticket_issued{ticket(2, "B001", 2, at_9am() + 1min)}));
  c.apply(event(protocol::ticket_issued{ticket(3, "A002", 1, at_9am() + 2min, priority::elderly)}));
  ASSERT_EQ(c.waiting().size(), 3u);
  EXPECT_EQ(c.waiting()[0].number, "A002");  // priority first
  EXPECT_EQ(c.waiting()[1].number, "A001");

  auto called = ticket(3, "A002", 1, at_9am() + 2min, priority::elderly, ticket_state::called);
  c.apply(event(protocol::ticket_called{called, 1, "Quầy 1", false}));
  EXPECT_EQ(c.waiting().size(), 2u);
  ASSERT_TRUE(c.counter(1)->ticket);
  EXPECT_EQ(c.counter(1)->ticket->number, "A002");

  called.state = ticket_state::done;
  c.apply(event(protocol::ticket_changed{called}));
  EXPECT_FALSE(c.counter(1)->ticket);

  c.apply(event(protocol::queue_changed{1, 7, 12}));
  EXPECT_EQ(c.service(1)->waiting, 7);
  auto paused = *c.counter(1);
  paused.state = protocol::counter_state::paused;
  c.apply(event(protocol::counter_changed{paused}));
  EXPECT_EQ(c.counter(1)->state, protocol::counter_state::paused);
}

TEST(counter_centre, TransferredTicketKeepsItsPlaceByIssueTime) {
  counter::centre_state c;
  c.reset(hall());
  c.apply(event(protocol::ticket_issued{ticket(2, "A002", 1, at_9am() + 5min)}));
  // A001, issued earlier, comes back to waiting from another service.
  c.apply(event(protocol::ticket_changed{ticket(1, "B001", 1, at_9am())}));
  EXPECT_EQ(c.waiting().front().id, 1);
}

TEST(counter_format, WritesDatesTimesDurationsAndMoneyTheVietnameseWay) {
  EXPECT_EQ(counter::local_time_date("2026-12-03T10:00:00Z"), "17:00 03/12/2026");
  EXPECT_EQ(counter::local_time_date("nonsense"), "nonsense");
  EXPECT_EQ(counter::clock_text(245s), "4:05");
  EXPECT_EQ(counter::clock_text(3845s), "1:04:05");
  EXPECT_EQ(counter::clock_text(-5s), "0:00");
  EXPECT_EQ(counter::money_text(600000), "600.000 đ");
  EXPECT_EQ(counter::money_text(0), "0 đ");
  EXPECT_EQ(counter::parse_ui_date("3/12/2026"), std::chrono::year{2026} / 12 / 3);
  EXPECT_FALSE(counter::parse_ui_date("31/02/2026"));
  EXPECT_FALSE(counter::parse_ui_date("2026-12-03"));
  EXPECT_EQ(counter::since(iso(at_9am()), at_9am() + 90s), 90s);
}

TEST(counter_settings, RemembersTheCounterAndServicesBetweenRuns) {
  temp_dir dir;
  auto file = std::filesystem::path(dir.file("motcua/counter.conf"));
  EXPECT_EQ(counter::counter_settings::load(file), counter::counter_settings{});
  counter::counter_settings s{3, {2, 1}, "en"};
  ASSERT_TRUE(s.save(file));
  EXPECT_EQ(counter::counter_settings::load(file), s);

  ::setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);
  EXPECT_EQ(counter::default_settings_path(), file);
  ::unsetenv("XDG_CONFIG_HOME");
  std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("HOME", "/home/lan", 1);
  EXPECT_EQ(counter::default_settings_path(), "/home/lan/.config/motcua/counter.conf");
  ::setenv("HOME", home.c_str(), 1);
}

}  // namespace
}  // namespace motcua::testing
