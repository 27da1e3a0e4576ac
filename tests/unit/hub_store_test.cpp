// The hub's store (issue 15) on a real PostgreSQL 15: the `postgres` ctest fixture runs one
// cluster, and each test gets a fresh database of it (pg_database). Migrations run twice change
// nothing; centres are found by their token's hash; each record is applied exactly once however
// often and however overlapping the batches that carry it; a record the database refuses rolls
// the whole batch back; two centres' seqs and ids never meet.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "hub/store/pg.hpp"
#include "hub/store/province_store.hpp"
#include "hub/store/schema.hpp"
#include "tests/support/pg_database.hpp"

namespace motcua::testing {
namespace {

namespace pg = hub::store::pg;
namespace province = protocol::province;
using province::record;

province::service_row service(std::int64_t id) { return {id, "Hộ tịch", "Civil status", 20}; }

province::ticket_row ticket(std::int64_t id, std::string state = "waiting") {
  province::ticket_row t;
  t.id = id;
  t.day = "2025-03-04";
  t.number = "A0" + std::to_string(10 + id);
  t.service = 1;
  t.state = std::move(state);
  t.priority = "elderly";
  t.issued_at = "2025-03-04T08:00:00+07:00";
  if (t.state != "waiting") {
    t.called_at = "2025-03-04T08:10:00+07:00";
    t.started_at = "2025-03-04T08:11:00+07:00";
    t.counter = 3;
  }
  t.eta_minutes = 12;
  return t;
}

province::dossier_row dossier(std::string status = "received") {
  province::dossier_row d;
  d.code = "000.00.11.H26-250304-0001";
  d.unit = "000.00.11.H26";
  d.procedure_code = "1.001612";
  d.procedure_name = "Đăng ký khai sinh";
  d.procedure_name_en = "Birth registration";
  d.status = std::move(status);
  d.received_at = "2025-03-04T08:15:00+07:00";
  d.due_at = "2025-03-07T17:00:00+07:00";
  d.department = "Tư pháp";
  d.full_name = "Nguyễn Thị Hoà";
  d.id_number = "001190012345";
  return d;
}

province::history_row step(std::int64_t id, std::string action, std::string at,
                           std::optional<std::string> note = std::nullopt) {
  province::history_row h;
  h.id = id;
  h.code = "000.00.11.H26-250304-0001";
  h.unit = "000.00.11.H26";
  h.at = std::move(at);
  h.actor = "clerk1";
  h.action = std::move(action);
  h.from = "Bộ phận một cửa";
  h.to = "Tư pháp";
  h.note = std::move(note);
  return h;
}

province::rating_row rating(std::int64_t id) {
  return {id, "2025-03-04T08:30:00+07:00", "2025-03-04", 3, 2, 3, 1, std::nullopt};
}

// seq 1..5 of one morning: every kind, the dossier's two steps.
std::vector<record> morning() {
  return {
      {1, "2025-03-04T07:30:00+07:00", service(1)},
      {2, "2025-03-04T08:11:00+07:00", ticket(1, "serving")},
      {3, "2025-03-04T08:15:00+07:00", dossier()},
      {4, "2025-03-04T08:15:00+07:00", step(1, "receive", "2025-03-04T08:15:00+07:00")},
      {5, "2025-03-04T08:30:00+07:00", rating(1)},
      {6, "2025-03-04T09:00:00+07:00",
       step(2, "transfer", "2025-03-04T09:00:00+07:00", "Hồ sơ đủ")},
  };
}

class hub_store : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(hub::store::migrate(db), hub::store::schema_version());
    store.emplace(db);
    auto id = store->register_centre("000.00.11.H26", "Trung tâm Phục vụ hành chính công",
                                     std::string(64, 'a'));
    a = {id, "000.00.11.H26", "Trung tâm Phục vụ hành chính công", 0};
  }

  std::int64_t count(const std::string& table) {
    return db.exec("SELECT count(*) FROM " + table).int64(0, 0);
  }

  pg_database database;
  pg::connection db{database.conninfo()};
  std::optional<hub::store::province_store> store;
  hub::store::centre a;
};

TEST_F(hub_store, MigratingAgainChangesNothing) {
  const std::string tables =
      "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
      "WHERE table_schema = 'public'";
  auto before = db.exec(tables).text(0, 0);
  EXPECT_EQ(before,
            "centres,dossier_history,dossiers,queue_hours,ratings,schema_migrations,services,staff,"
            "tickets");
  EXPECT_EQ(hub::store::migrate(db), 0);
  EXPECT_EQ(hub::store::migrate(db), 0);
  EXPECT_EQ(db.exec(tables).text(0, 0), before);
  EXPECT_EQ(count("schema_migrations"), hub::store::schema_version());
  EXPECT_EQ(count("centres"), 1);
}

// Two hubs starting at once on an empty database: the advisory lock makes one wait, and it finds
// every migration applied by the other.
TEST(hub_store_schema, TwoHubsMigratingAtOnceApplyEachMigrationOnce) {
  pg_database database;
  pg::connection first(database.conninfo());
  pg::connection second(database.conninfo());
  int applied[2] = {-1, -1};
  std::string failures[2];
  auto run = [&](int i, pg::connection& db) {
    try {
      applied[i] = hub::store::migrate(db);
    } catch (const std::exception& e) {
      failures[i] = e.what();
    }
  };
  std::thread one(run, 0, std::ref(first));
  std::thread two(run, 1, std::ref(second));
  one.join();
  two.join();
  EXPECT_EQ(failures[0], "");
  EXPECT_EQ(failures[1], "");
  EXPECT_EQ(applied[0] + applied[1], hub::store::schema_version());
  EXPECT_EQ(first.exec("SELECT count(*) FROM schema_migrations").int64(0, 0),
            hub::store::schema_version());
}

TEST_F(hub_store, FindsACentreByItsTokenHashAndReRegistersByUnit) {
  auto found = store->centre_by_token_hash(std::string(64, 'a'));
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, a);
  EXPECT_FALSE(store->centre_by_token_hash(std::string(64, 'b')));

  // A new token (and name) for the same unit: the same centre, the old token no longer finds it.
  EXPECT_EQ(store->register_centre(a.unit, "TTPVHCC tỉnh", std::string(64, 'b')), a.id);
  EXPECT_FALSE(store->centre_by_token_hash(std::string(64, 'a')));
  found = store->centre_by_token_hash(std::string(64, 'b'));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, a.id);
  EXPECT_EQ(found->name, "TTPVHCC tỉnh");
  EXPECT_EQ(count("centres"), 1);

  // Another unit cannot take a token already registered.
  EXPECT_THROW(store->register_centre("000.00.12.H26", "Other", std::string(64, 'b')), pg::error);
}

TEST_F(hub_store, AppliesEveryKindAndReadsTheDossierBack) {
  EXPECT_EQ(store->apply(a, morning()), 6);
  EXPECT_EQ(store->applied_through(a.id), 6);
  EXPECT_EQ(store->centre_by_token_hash(std::string(64, 'a'))->applied_through, 6);

  EXPECT_EQ(store->find_dossier(dossier().code), dossier());
  EXPECT_EQ(store->find_dossier("000.00.11.H26-250304-0002"), std::nullopt);
  auto steps = store->history(dossier().code);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0], step(1, "receive", "2025-03-04T08:15:00+07:00"));
  EXPECT_EQ(steps[1], step(2, "transfer", "2025-03-04T09:00:00+07:00", "Hồ sơ đủ"));

  auto t = db.exec(
      "SELECT number, state, counter, eta_minutes, to_char(day, 'YYYY-MM-DD'), "
      "to_char(called_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI'), ended_at IS NULL "
      "FROM tickets WHERE centre = $1 AND id = 1",
      a.id);
  ASSERT_EQ(t.rows(), 1);
  EXPECT_EQ(t.text(0, 0), "A011");
  EXPECT_EQ(t.text(0, 1), "serving");
  EXPECT_EQ(t.int64(0, 2), 3);
  EXPECT_EQ(t.int64(0, 3), 12);
  EXPECT_EQ(t.text(0, 4), "2025-03-04");
  EXPECT_EQ(t.text(0, 5), "08:10");
  EXPECT_EQ(t.text(0, 6), "t");
  auto s = db.exec("SELECT name, name_en, max_wait_minutes FROM services WHERE centre = $1", a.id);
  ASSERT_EQ(s.rows(), 1);
  EXPECT_EQ(s.text(0, 0), "Hộ tịch");
  EXPECT_EQ(s.int64(0, 2), 20);
  auto r = db.exec("SELECT level, scale, ticket, dossier FROM ratings WHERE centre = $1", a.id);
  ASSERT_EQ(r.rows(), 1);
  EXPECT_EQ(r.int64(0, 0), 2);
  EXPECT_EQ(r.optional_int64(0, 2), 1);
  EXPECT_EQ(r.get(0, 3), std::nullopt);
  EXPECT_EQ(db.exec("SELECT updated_seq FROM dossiers").int64(0, 0), 3);
}

TEST_F(hub_store, ALaterRecordReplacesTheRowAndTimesReadBackInHanoi) {
  ASSERT_EQ(store->apply(a, morning()), 6);
  auto done = dossier("finished");
  done.finished_at = "2025-03-06T03:00:00Z";  // another offset: read back at +07:00
  done.original_due_at = done.due_at;
  done.due_at = "2025-03-10T17:00:00+07:00";
  done.id_number = std::nullopt;
  done.passport = "C1234567";
  EXPECT_EQ(store->apply(a, {{7, "2025-03-06T10:00:00+07:00", done},
                             {8, "2025-03-06T10:00:00+07:00", ticket(1, "done")}}),
            8);
  done.finished_at = "2025-03-06T10:00:00+07:00";
  EXPECT_EQ(store->find_dossier(done.code), done);
  EXPECT_EQ(db.exec("SELECT updated_seq FROM dossiers").int64(0, 0), 7);
  EXPECT_EQ(db.exec("SELECT state FROM tickets").text(0, 0), "done");
  EXPECT_EQ(count("tickets"), 1);
  EXPECT_EQ(count("dossiers"), 1);
}

TEST_F(hub_store, TheSameBatchAgainAppliesNothing) {
  ASSERT_EQ(store->apply(a, morning()), 6);
  auto applied_at = db.exec("SELECT applied_at::text FROM centres").text(0, 0);
  EXPECT_EQ(store->apply(a, morning()), 6);
  EXPECT_EQ(store->apply(a, morning()), 6);
  EXPECT_EQ(store->applied_through(a.id), 6);
  EXPECT_EQ(count("dossier_history"), 2);
  EXPECT_EQ(count("tickets"), 1);
  EXPECT_EQ(count("dossiers"), 1);
  EXPECT_EQ(count("ratings"), 1);
  EXPECT_EQ(count("services"), 1);
  EXPECT_EQ(db.exec("SELECT applied_at::text FROM centres").text(0, 0), applied_at);
  EXPECT_EQ(store->history(dossier().code).size(), 2u);
  EXPECT_EQ(store->apply(a, {}), 6);
}

TEST_F(hub_store, AnOverlappingBatchAppliesOnlyItsNewRecords) {
  auto steps = [](std::int64_t from, std::int64_t to, const std::string& note) {
    std::vector<record> batch;
    for (auto seq = from; seq <= to; ++seq) {
      auto at = "2025-03-04T09:0" + std::to_string(seq) + ":00+07:00";
      batch.push_back({seq, at, step(seq, "step " + std::to_string(seq), at, note)});
    }
    return batch;
  };
  ASSERT_EQ(store->apply(a, steps(1, 5, "first")), 5);
  // 3..5 come again with other bodies: applied already, so skipped; 6..8 are new.
  EXPECT_EQ(store->apply(a, steps(3, 8, "second")), 8);
  EXPECT_EQ(count("dossier_history"), 8);
  auto history = store->history(dossier().code);
  ASSERT_EQ(history.size(), 8u);
  for (std::size_t i = 0; i < history.size(); ++i) {
    EXPECT_EQ(history[i].action, "step " + std::to_string(i + 1));
    EXPECT_EQ(history[i].note, i < 5 ? "first" : "second") << i;
  }
}

TEST_F(hub_store, ARefusedRecordRollsTheWholeBatchBack) {
  ASSERT_EQ(store->apply(a, {morning()[0], morning()[1]}), 2);
  auto bad = ticket(2);
  bad.issued_at = "2025-03-04T25:61:00+07:00";
  std::vector<record> batch = {morning()[2],
                               morning()[3],
                               {5, "2025-03-04T08:20:00+07:00", bad},
                               {6, "2025-03-04T08:30:00+07:00", rating(1)}};
  try {
    store->apply(a, batch);
    FAIL() << "a time PostgreSQL cannot read was applied";
  } catch (const pg::error& e) {
    EXPECT_NE(std::string(e.what()).find("record 5 (ticket) refused"), std::string::npos)
        << e.what();
    EXPECT_EQ(e.sqlstate().substr(0, 2), "22") << e.sqlstate();
  }
  EXPECT_EQ(store->applied_through(a.id), 2);
  EXPECT_EQ(count("dossiers"), 0);
  EXPECT_EQ(count("dossier_history"), 0);
  EXPECT_EQ(count("tickets"), 1);
  EXPECT_EQ(count("ratings"), 0);

  // The connection is usable again, and the good records go in once the bad one is fixed.
  batch[2] = {5, "2025-03-04T08:20:00+07:00", ticket(2)};
  EXPECT_EQ(store->apply(a, batch), 6);
  EXPECT_EQ(count("tickets"), 2);
  EXPECT_EQ(count("dossier_history"), 1);
  EXPECT_EQ(count("ratings"), 1);
  EXPECT_EQ(store->find_dossier(dossier().code), dossier());
}

TEST_F(hub_store, AnUnknownCentreIsRefused) {
  hub::store::centre ghost{a.id + 100, "000.00.99.H26", "Ghost", 0};
  EXPECT_THROW(store->apply(ghost, morning()), pg::error);
  EXPECT_THROW(store->applied_through(ghost.id), pg::error);
  EXPECT_EQ(count("tickets"), 0);
}

TEST_F(hub_store, APushAfterMoreThanTheHubHoldsAppliesNothing) {
  ASSERT_EQ(store->apply(a, morning()), 6);
  // The centre believes the hub holds 9 (the hub was restored from an older backup): nothing of
  // the push is applied, and the answer says what the hub holds.
  EXPECT_EQ(store->apply(a, {{10, "2025-03-04T10:00:00+07:00", ticket(9, "waiting")}}, 9), 6);
  EXPECT_EQ(count("tickets"), 1);
  // After what it holds: applied.
  EXPECT_EQ(store->apply(a, {{10, "2025-03-04T10:00:00+07:00", ticket(9, "waiting")}}, 6), 10);
  EXPECT_EQ(count("tickets"), 2);
}

TEST_F(hub_store, TwoCentresAreIndependent) {
  auto b_id = store->register_centre("000.00.12.H26", "Trung tâm huyện", std::string(64, 'c'));
  ASSERT_NE(b_id, a.id);
  auto b = *store->centre_by_token_hash(std::string(64, 'c'));
  EXPECT_EQ(b.applied_through, 0);

  ASSERT_EQ(store->apply(a, morning()), 6);
  EXPECT_EQ(store->applied_through(b.id), 0);
  // B's seqs 1..3 and ticket id 1 are its own: nothing of A's skips or replaces them.
  auto b_step = step(1, "receive at B", "2025-03-05T08:00:00+07:00");
  b_step.unit = b.unit;
  EXPECT_EQ(store->apply(b, {{1, "2025-03-05T08:00:00+07:00", ticket(1, "waiting")},
                             {2, "2025-03-05T08:00:00+07:00", service(1)},
                             {3, "2025-03-05T08:00:00+07:00", b_step}}),
            3);
  EXPECT_EQ(store->applied_through(a.id), 6);
  EXPECT_EQ(store->applied_through(b.id), 3);
  EXPECT_EQ(count("tickets"), 2);
  EXPECT_EQ(count("services"), 2);
  EXPECT_EQ(db.exec("SELECT state FROM tickets WHERE centre = $1", a.id).text(0, 0), "serving");
  EXPECT_EQ(db.exec("SELECT state FROM tickets WHERE centre = $1", b.id).text(0, 0), "waiting");
  auto steps = store->history(dossier().code);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[2], b_step);
  // A's batch again after B's: still nothing new for A.
  EXPECT_EQ(store->apply(a, morning()), 6);
  EXPECT_EQ(count("dossier_history"), 3);
}

}  // namespace
}  // namespace motcua::testing
