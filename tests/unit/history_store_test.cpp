// A recorded day read back for the simulation (store::read_recorded_day) from a real SQLite file:
// the day's tickets and visits, and the counters' spells from the audit log, whatever else the
// log holds for counters (ratings, entries that do not parse); and no table's insert builds a
// temporary b-tree.
#include "server/store/history_store.hpp"

#include <gtest/gtest.h>

#include "server/store/database.hpp"
#include "server/store/migrations.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

// Thursday 26 November 2026 began at 17:00 UTC the day before (Hà Nội is UTC+7).
const domain::time_point day_start =
    domain::business_zone{}.at(std::chrono::year{2026} / 11 / 26, std::chrono::minutes{0});

std::int64_t at(int minutes) {
  return (day_start + std::chrono::minutes{minutes}).time_since_epoch().count();
}

TEST(history_store, ADayReadBackInTheSimulationsTerms) {
  temp_dir dir;
  store::database db(dir.file("motcua.db"));
  store::migrate(db);
  auto audit = [&](int minutes, const std::string& action, const std::string& entity,
                   const std::string& after) {
    auto q = db.prepare(
        "INSERT INTO audit (at, actor, action, entity, before, after, reason, prev_hash, hash) "
        "VALUES (?, 'clerk1', ?, ?, '', ?, '', '', '')");
    q.bind(1, at(minutes)).bind(2, action).bind(3, entity).bind(4, after).run();
  };
  audit(420, "open_counter", "counter:1", R"({"id":1,"state":"open","services":[1,2]})");
  audit(430, "open_counter", "counter:abc", R"({"state":"open","services":[1]})");
  audit(431, "open_counter", "counter:12x", R"({"state":"open","services":[1]})");
  audit(432, "open_counter", "counter:3", "not JSON");
  audit(500, "rate_service", "counter:1", "4/5");
  audit(600, "pause_counter", "counter:1", R"({"id":1,"state":"paused","services":[1,2]})");
  audit(60 * 24 + 5, "open_counter", "counter:2", R"({"state":"open","services":[1]})");
  db.exec(R"sql(
INSERT INTO tickets (id, day, number, issued_service, sequence, service, priority, state,
  request_key, device, lang, issued_at, eta_minutes)
VALUES (1, '2026-11-26', 'A001', 1, 1, 2, 'elderly', 'done', 'k1', 'kiosk', 'vi', )sql" +
          std::to_string(at(450)) + R"sql(, 6),
       (2, '2026-11-26', 'A002', 1, 2, 1, 'none', 'no_show', 'k2', 'kiosk', 'vi', )sql" +
          std::to_string(at(455)) + R"sql(, NULL),
       (3, '2026-11-26', 'A003', 1, 3, 1, 'none', 'cancelled', 'k3', 'kiosk', 'vi', )sql" +
          std::to_string(at(456)) + R"sql(, 2),
       (4, '2026-11-25', 'A001', 1, 1, 1, 'none', 'done', 'k1', 'kiosk', 'vi', )sql" +
          std::to_string(at(-600)) + R"sql(, 0);
INSERT INTO visits (ticket, service, counter, clerk, called_at, ended_at, end_state)
VALUES (1, 1, 1, 'clerk1', )sql" +
          std::to_string(at(460)) + ", " + std::to_string(at(470)) + R"sql(, 'waiting'),
       (1, 2, 1, 'clerk1', )sql" +
          std::to_string(at(470)) + ", " + std::to_string(at(474)) + R"sql(, 'done'),
       (2, 1, 1, 'clerk1', )sql" +
          std::to_string(at(480)) + ", " + std::to_string(at(24 * 60 + 1)) +
          R"sql(, 'no_show');
)sql");

  const auto day = store::read_recorded_day(db, "2026-11-26", day_start);
  ASSERT_EQ(day.tickets.size(), 3u);  // not the day before's
  const auto& first = day.tickets[0];
  EXPECT_EQ(first.issued, 450);
  EXPECT_EQ(first.service, 1);  // the service it took its ticket for
  EXPECT_EQ(first.priority, domain::priority::elderly);
  EXPECT_EQ(first.told, 6);
  ASSERT_EQ(first.visits.size(), 2u);
  EXPECT_EQ(first.visits[0].how, sim::recorded_visit::end::transferred);
  EXPECT_EQ(first.visits[1].service, 2);
  EXPECT_EQ(first.visits[1].ended, 474);
  EXPECT_EQ(day.tickets[1].told, std::nullopt);
  ASSERT_EQ(day.tickets[1].visits.size(), 1u);
  EXPECT_EQ(day.tickets[1].visits[0].ended, std::nullopt) << "closed by the next day: not ended";
  EXPECT_TRUE(day.tickets[2].cancelled);

  // Counter 1 opened for services 1 and 2, then paused; the rating, the entities that are not a
  // counter's number, the entry that is not JSON and the next day's opening are not spells.
  ASSERT_EQ(day.counters.size(), 2u);
  EXPECT_EQ(day.counters[0].at, 420);
  EXPECT_EQ(day.counters[0].counter, 1);
  EXPECT_TRUE(day.counters[0].open);
  EXPECT_EQ(day.counters[0].services, (std::vector<domain::service_id>{1, 2}));
  EXPECT_EQ(day.counters[1].at, 600);
  EXPECT_FALSE(day.counters[1].open);

  const auto replay = sim::replay_of(day);
  ASSERT_EQ(replay.arrivals.size(), 2u);
  EXPECT_EQ(replay.arrivals[1].service_minutes, 10) << "service 1 finished no visit that day";
  EXPECT_EQ(replay.rules.no_show_minutes, 2) << "no ended no-show: the default";
}

// SQLite tests a partial index's WHERE at every insert into its table; a WHERE with a list after
// IN builds a temporary b-tree for it each time (issue 12: one per audit entry, so per ticket,
// before schema 15). No table's insert needs one.
TEST(history_store, NoInsertBuildsATemporaryBTree) {
  temp_dir dir;
  store::database db(dir.file("motcua.db"));
  store::migrate(db);
  auto tables = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql "
      "NOT LIKE 'CREATE VIRTUAL%'");
  int checked = 0;
  while (tables.step()) {
    const auto table = tables.text(0);
    auto program = db.prepare("EXPLAIN INSERT INTO \"" + table + "\" DEFAULT VALUES");
    while (program.step()) EXPECT_NE(program.text(1), "OpenEphemeral") << table;
    ++checked;
  }
  EXPECT_GT(checked, 15);  // tickets, audit, dossiers, bookings and the rest
}

}  // namespace
}  // namespace motcua::testing
