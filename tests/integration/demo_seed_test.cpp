// motcua-demo-seed (tools/demo_seed), as scripts/demo.sh runs it: against the real demo server
// it leaves the morning it describes (tickets waiting, Quầy 1 and 2 serving, dossiers in five
// statuses, ratings); run again the same day after the server restarted on the same database,
// as a second demo.sh does, it adds nothing.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/integration/server_test.hpp"
#include "tests/support/child_process.hpp"

namespace motcua::testing {
namespace {

// What the hall holds, as counts a second run must leave as they are.
struct hall {
  int issued = 0, served = 0, no_show = 0, waiting = 0;
  std::map<std::string, int> dossiers;                // status → count
  std::vector<int> ratings;                           // per level, 1 first
  std::map<domain::counter_id, std::string> serving;  // counter → the ticket it serves
  std::map<domain::counter_id, int> served_today;
  bool operator==(const hall&) const = default;
};

class demo_seed_test : public server_test {
 protected:
  run_result seed() {
    run_options options;
    options.timeout = std::chrono::seconds{60};
    return run_program({MOTCUA_DEMO_SEED_PATH, "--server", address()}, options);
  }

  hall now() {
    auto manager = connect();
    const auto hello = hello_staff(*manager, "manager");
    const auto stats = result_of<protocol::stats_result>(manager->call(protocol::get_stats{}));
    hall h;
    h.issued = stats.queue_totals.issued;
    h.served = stats.queue_totals.served;
    h.no_show = stats.queue_totals.no_show;
    h.waiting = stats.queue_totals.waiting;
    h.ratings = stats.ratings.counts;
    for (const auto& c : stats.dossier_counts) h.dossiers[c.status] = c.count;
    for (const auto& c : hello.snapshot->counters) {
      h.served_today[c.id] = c.served_today;
      if (c.ticket && c.ticket->state == domain::ticket_state::serving)
        h.serving[c.id] = c.ticket->number;
    }
    return h;
  }
};

TEST_F(demo_seed_test, PlaysTheMorningOnceAndAddsNothingTheSecondTime) {
  const auto first = seed();
  ASSERT_EQ(first.exit_code, 0) << first.errors;
  EXPECT_EQ(first.output,
            "motcua-demo-seed: 20 tickets waiting; Quầy 1 and 2 serving, dossiers returned, "
            "result_ready, processing, received, supplement_requested\n");
  const hall morning = now();
  EXPECT_EQ(morning.issued, 30);
  EXPECT_EQ(morning.waiting, 20);
  EXPECT_EQ(morning.served, 6);
  EXPECT_EQ(morning.no_show, 2);
  EXPECT_EQ(morning.dossiers, (std::map<std::string, int>{{"processing", 1},
                                                          {"received", 1},
                                                          {"result_ready", 1},
                                                          {"returned", 1},
                                                          {"supplement_requested", 1}}));
  EXPECT_EQ(morning.ratings, (std::vector<int>{0, 3, 3}));  // the demo scale is 3
  EXPECT_EQ(morning.serving, (std::map<domain::counter_id, std::string>{{1, "A006"}, {2, "B004"}}));
  EXPECT_EQ(morning.served_today.at(1), 3);
  EXPECT_EQ(morning.served_today.at(2), 3);

  start();  // a second scripts/demo.sh: the server again on the same database
  const auto second = seed();
  ASSERT_EQ(second.exit_code, 0) << second.errors;
  EXPECT_EQ(second.output,
            "motcua-demo-seed: 20 tickets waiting; Quầy 1 and 2 were already at work today: "
            "left as they are\n");
  EXPECT_EQ(now(), morning);
}

}  // namespace
}  // namespace motcua::testing
