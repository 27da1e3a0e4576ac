// The province dashboard at the hub (issue 15), on a real PostgreSQL: the figures of
// store/province_stats.hpp computed from two centres' records whose figures are known by hand,
// and the WebSocket desk (net/desk.hpp) as a function of frames: a province manager's login,
// get_province_stats, and what a stranger, a wrong password, a centre's verb, a bad date or an
// unknown centre get, with nothing else answered.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hub/net/desk.hpp"
#include "hub/store/province_stats.hpp"
#include "hub/store/schema.hpp"
#include "server/auth/crypto.hpp"
#include "shared/protocol/codec.hpp"
#include "tests/support/pg_database.hpp"

namespace motcua::testing {
namespace {

namespace pg = hub::store::pg;
namespace province = protocol::province;
using province::record;

constexpr const char* unit_a = "000.00.11.H26";
constexpr const char* unit_b = "000.00.12.H26";

std::string at(const char* day, const char* time) {
  return std::string(day) + "T" + time + ":00+07:00";
}

province::ticket_row ticket(std::int64_t id, const char* day, const char* state, const char* issued,
                            std::optional<const char*> called = {}) {
  province::ticket_row t;
  t.id = id;
  t.day = day;
  t.number = "A0" + std::to_string(10 + id);
  t.service = 1;
  t.state = state;
  t.priority = "none";
  t.issued_at = at(day, issued);
  if (called) t.called_at = at(day, *called);
  return t;
}

province::dossier_row dossier(const std::string& unit, int n, const char* procedure,
                              std::string received, std::string due,
                              std::optional<std::string> finished = {}) {
  province::dossier_row d;
  d.code = unit + "-2612" + std::to_string(10 + n) + "-000" + std::to_string(n);
  d.unit = unit;
  d.procedure_code = procedure;
  d.procedure_name = std::string("Thủ tục ") + procedure;
  d.procedure_name_en = std::string("Procedure ") + procedure;
  d.status = finished ? "returned" : "processing";
  d.received_at = std::move(received);
  d.due_at = std::move(due);
  d.finished_at = std::move(finished);
  d.full_name = "Nguyễn Văn An";
  return d;
}

// Now: 04/12/2026 10:00 in Hà Nội.
const std::string now = "2026-12-04T10:00:00+07:00";

class hub_stats : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::init_crypto();
    hub::store::migrate(db);
    store.emplace(db);
    a = store->register_centre(unit_a, "Phường Hải Châu", std::string(64, 'a'));
    b = store->register_centre(unit_b, "Phường Thanh Khê", std::string(64, 'b'));
    const char* today = "2026-12-04";
    // A: two waiting (since 09:30 and 09:50), two served (waited 10 and 20 minutes), a no-show
    // (1 minute), and yesterday's ticket, outside today. Its dossiers: one late and received
    // this month, one finished on time, one of last month still open and late.
    store->apply(
        {a, unit_a, "", 0},
        {{1, now, province::service_row{1, "Hộ tịch", "Civil status", 20}},
         {2, now, ticket(1, today, "waiting", "09:30")},
         {3, now, ticket(2, today, "waiting", "09:50")},
         {4, now, ticket(3, today, "done", "08:00", "08:10")},
         {5, now, ticket(4, today, "done", "08:00", "08:20")},
         {6, now, ticket(5, today, "no_show", "08:30", "08:31")},
         {7, now, ticket(6, "2026-12-03", "done", "08:00", "09:00")},
         {8, now,
          dossier(unit_a, 1, "1.001612", at("2026-12-01", "08:00"), at("2026-12-03", "17:00"))},
         {9, now,
          dossier(unit_a, 2, "1.001612", at("2026-12-02", "08:00"), at("2026-12-10", "17:00"),
                  at("2026-12-03", "15:00"))},
         {10, now,
          dossier(unit_a, 3, "2.000001", at("2026-11-20", "08:00"), at("2026-11-25", "17:00"))}});
    store->heard(a);  // A has pushed through the hub's route; B's records were applied directly
    // B: one waiting since 09:00; one dossier received today.
    store->apply(
        {b, unit_b, "", 0},
        {{1, now, ticket(1, today, "waiting", "09:00")},
         {2, now, dossier(unit_b, 4, "1.001612", at(today, "08:30"), at("2026-12-20", "17:00"))}});
  }

  protocol::province_stats_result stats(std::optional<std::int64_t> centre = {}) {
    return hub::store::province_stats(
        db, {"2026-12-04", "2026-12-05", "2026-12-01", "2026-12-04", now, centre});
  }

  pg_database database;
  pg::connection db{database.conninfo()};
  std::optional<hub::store::province_store> store;
  std::int64_t a = 0, b = 0;
};

TEST_F(hub_stats, TheQueuePerCentreAndHourIsAView) {
  // A's 08:00 hour: three issued, two served (waits 10 and 20 minutes), a no-show (1 minute);
  // its 09:00 hour: two waiting; yesterday's one ticket; B's one waiting at 09:00.
  auto r = db.exec(
      "SELECT unit || ' ' || day || ' ' || hour || ' ' || issued || ' ' || served || ' ' || "
      "no_shows || ' ' || p90_wait_seconds FROM queue_hours ORDER BY unit, day, hour");
  std::vector<std::string> rows;
  for (int i = 0; i < r.rows(); ++i) rows.push_back(r.text(i, 0));
  EXPECT_EQ(rows,
            (std::vector<std::string>{
                "000.00.11.H26 2026-12-03 8 1 1 0 3600", "000.00.11.H26 2026-12-04 8 3 2 1 1200",
                "000.00.11.H26 2026-12-04 9 2 0 0 0", "000.00.12.H26 2026-12-04 9 1 0 0 0"}));
}

TEST_F(hub_stats, EveryCentreSideBySideAndTheProvince) {
  const auto s = stats();
  ASSERT_EQ(s.centres.size(), 2u);
  const auto& ca = s.centres[0];
  EXPECT_EQ(ca.unit, unit_a);
  EXPECT_EQ(ca.name, "Phường Hải Châu");
  EXPECT_TRUE(ca.heard_at);
  EXPECT_EQ(ca.waiting, 2);
  EXPECT_EQ(ca.longest_wait_seconds, 1800);
  EXPECT_EQ(ca.issued, 5);
  EXPECT_EQ(ca.served, 2);
  EXPECT_EQ(ca.p90_wait_seconds, 1200);
  EXPECT_EQ(ca.dossiers, 2);
  EXPECT_EQ(ca.on_time, 1);
  EXPECT_DOUBLE_EQ(ca.on_time_rate, 0.5);
  EXPECT_EQ(ca.late_open, 2);
  const auto& cb = s.centres[1];
  EXPECT_EQ(cb.unit, unit_b);
  EXPECT_FALSE(cb.heard_at);
  EXPECT_EQ(cb.waiting, 1);
  EXPECT_EQ(cb.longest_wait_seconds, 3600);
  EXPECT_EQ(cb.p90_wait_seconds, 0);
  EXPECT_EQ(cb.dossiers, 1);
  EXPECT_DOUBLE_EQ(cb.on_time_rate, 1.0);
  EXPECT_EQ(cb.late_open, 0);

  EXPECT_EQ(s.province.waiting, 3);
  EXPECT_EQ(s.province.longest_wait_seconds, 3600);
  EXPECT_EQ(s.province.issued, 6);
  EXPECT_EQ(s.province.served, 2);
  EXPECT_EQ(s.province.p90_wait_seconds, 1200);
  EXPECT_EQ(s.province.dossiers, 3);
  EXPECT_EQ(s.province.on_time, 2);
  EXPECT_EQ(s.province.late_open, 2);

  ASSERT_EQ(s.procedures.size(), 2u);
  EXPECT_EQ(s.procedures[0].procedure_code, "1.001612");
  EXPECT_EQ(s.procedures[0].name, "Thủ tục 1.001612");
  EXPECT_EQ(s.procedures[0].name_en, "Procedure 1.001612");
  EXPECT_EQ(s.procedures[0].dossiers, 3);
  EXPECT_EQ(s.procedures[0].on_time, 2);
  EXPECT_EQ(s.procedures[0].late_open, 1);
  EXPECT_EQ(s.procedures[1].procedure_code, "2.000001");
  EXPECT_EQ(s.procedures[1].dossiers, 0);
  EXPECT_DOUBLE_EQ(s.procedures[1].on_time_rate, 1.0);
  EXPECT_EQ(s.procedures[1].late_open, 1);

  // The most overdue first; no personal data.
  EXPECT_EQ(s.late_total, 2);
  ASSERT_EQ(s.late.size(), 2u);
  EXPECT_EQ(s.late[0].code, "000.00.11.H26-261213-0003");
  EXPECT_EQ(s.late[0].due_at, "2026-11-25T17:00:00+07:00");
  EXPECT_EQ(s.late[1].code, "000.00.11.H26-261211-0001");
  EXPECT_TRUE(s.services.empty());
  EXPECT_FALSE(s.unit);
  EXPECT_EQ(protocol::encode(protocol::reply{1, s}).find("Nguyễn"), std::string::npos);
}

TEST_F(hub_stats, ADrillDownShowsOneCentresServicesProceduresAndLateDossiers) {
  const auto s = stats(a);
  EXPECT_EQ(s.unit, unit_a);
  ASSERT_EQ(s.services.size(), 1u);
  EXPECT_EQ(s.services[0].service, 1);
  EXPECT_EQ(s.services[0].name, "Hộ tịch");
  EXPECT_EQ(s.services[0].waiting, 2);
  EXPECT_EQ(s.services[0].issued, 5);
  EXPECT_EQ(s.services[0].p90_wait_seconds, 1200);
  ASSERT_EQ(s.procedures.size(), 2u);
  EXPECT_EQ(s.procedures[0].dossiers, 2);
  EXPECT_EQ(s.procedures[0].on_time, 1);
  EXPECT_EQ(s.late_total, 2);
  EXPECT_EQ(s.late.size(), 2u);
  // Still every centre side by side.
  EXPECT_EQ(s.centres.size(), 2u);

  const auto other = stats(b);
  EXPECT_EQ(other.late_total, 0);
  EXPECT_TRUE(other.late.empty());
  ASSERT_EQ(other.procedures.size(), 1u);
  EXPECT_EQ(other.procedures[0].dossiers, 1);
}

class hub_desk : public hub_stats {
 protected:
  void SetUp() override {
    hub_stats::SetUp();
    store->register_staff({"tinh", "Quản lý tỉnh", auth::hash_password("mat-khau-tinh")});
  }

  protocol::reply_body ask(const std::string& frame, bool* closed = nullptr) {
    hub::net::desk_services services{pool(), logins};
    auto answer = hub::net::answer_frame(frame, session, services, clock);
    if (closed) *closed = answer.close;
    auto decoded = protocol::decode_server_message(answer.frame);
    auto& message = std::get<protocol::server_message>(decoded);
    return std::get<protocol::reply>(message).body;
  }
  static protocol::error_code code(const protocol::reply_body& b) {
    return std::get<protocol::error>(b).code;
  }
  static std::string stats_frame(const std::string& fields = "") {
    return R"({"type":"get_province_stats","id":2)" + fields + "}";
  }
  static constexpr const char* login = R"({"type":"hello","id":1,"username":"tinh",)"
                                       R"("password":"mat-khau-tinh"})";

  hub::net::store_pool& pool() {
    if (!pool_) pool_.emplace(database.conninfo(), 1);  // after the migrations
    return *pool_;
  }
  std::optional<hub::net::store_pool> pool_;
  hub::net::desk_session session = connection();
  static hub::net::desk_session connection() {
    hub::net::desk_session s;
    s.address = "127.0.0.1";
    return s;
  }
  domain::time_point clock = *domain::parse_iso8601(now);
  const config::limits limits{};
  domain::test_clock guard_clock{clock};
  auth::login_guard logins{limits, guard_clock};
};

TEST_F(hub_desk, AProvinceManagerLogsInAndSeesTheProvince) {
  EXPECT_EQ(code(ask(stats_frame())), protocol::error_code::unauthorized);
  auto hello = std::get<protocol::hello_result>(ask(login));
  EXPECT_EQ(hello.role, protocol::role::province_manager);
  EXPECT_EQ(hello.display_name, "Quản lý tỉnh");
  EXPECT_EQ(code(ask(login)), protocol::error_code::conflict);

  auto s = std::get<protocol::province_stats_result>(ask(stats_frame()));
  EXPECT_EQ(s.period_from, "2026-12-04");
  EXPECT_EQ(s.period_to, "2026-12-05");
  EXPECT_EQ(s.month_from, "2026-12-01");
  EXPECT_EQ(s.province.waiting, 3);
  auto drill = std::get<protocol::province_stats_result>(
      ask(stats_frame(R"(,"unit":"000.00.11.H26","from":"2026-12-01","to":"2026-12-05")")));
  EXPECT_EQ(drill.unit, unit_a);
  EXPECT_EQ(drill.period_from, "2026-12-01");
  EXPECT_EQ(drill.services.at(0).issued, 6) << "yesterday's ticket is in the period";
}

TEST_F(hub_desk, WrongInputIsRefusedClearly) {
  EXPECT_EQ(code(ask(R"({"type":"hello","id":1,"device_token":"kiosk-token"})")),
            protocol::error_code::unauthorized);
  EXPECT_EQ(code(ask(R"({"type":"hello","id":1,"username":"tinh","password":"sai"})")),
            protocol::error_code::unauthorized);
  EXPECT_EQ(code(ask(R"({"type":"hello","id":1,"username":"manager","password":"demo"})")),
            protocol::error_code::unauthorized);
  EXPECT_EQ(code(ask("{not json")), protocol::error_code::bad_request);
  std::get<protocol::hello_result>(ask(login));
  EXPECT_EQ(code(ask(R"({"type":"take_ticket","id":3,"service":1,"request_key":"k"})")),
            protocol::error_code::forbidden);
  auto bad_date = std::get<protocol::error>(ask(stats_frame(R"(,"from":"04/12/2026")")));
  EXPECT_EQ(bad_date.code, protocol::error_code::invalid);
  EXPECT_TRUE(bad_date.fields.contains("from"));
  auto backwards = std::get<protocol::error>(
      ask(stats_frame(R"(,"from":"2026-12-04","to":"2026-12-04","lang":"en")")));
  EXPECT_TRUE(backwards.fields.contains("to"));
  EXPECT_EQ(backwards.message, "The end date must come after the start date (YYYY-MM-DD).");
  EXPECT_TRUE(
      std::get<protocol::error>(ask(stats_frame(R"(,"from":"2025-01-01","to":"2026-12-04")")))
          .fields.contains("to"));
  EXPECT_EQ(code(ask(stats_frame(R"(,"unit":"000.00.99.H26")"))), protocol::error_code::not_found);
}

TEST_F(hub_desk, GuessingPasswordsEndsTheConnection) {
  bool closed = false;
  for (int i = 0; i < hub::net::max_failed_logins; ++i) {
    EXPECT_FALSE(closed);
    ask(R"({"type":"hello","id":1,"username":"tinh","password":"guess"})", &closed);
  }
  EXPECT_TRUE(closed);
}

TEST_F(hub_desk, GuessingFromANewConnectionIsHeldBackBeforeAnyHashing) {
  for (int i = 0; i < hub::net::max_failed_logins; ++i)
    ask(R"({"type":"hello","id":1,"username":"tinh","password":"guess"})");
  session = connection();  // the same guesser, connected again
  auto held = std::get<protocol::error>(ask(login));
  EXPECT_EQ(held.code, protocol::error_code::limit) << held.message_en;
  EXPECT_GT(held.retry_after, 0);
}

TEST_F(hub_desk, ARequestFloodGetsLimitThenTheConnectionEnds) {
  bool closed = false;
  for (int i = 0; i < hub::net::burst; ++i) ask("{}", &closed);
  EXPECT_EQ(code(ask("{}", &closed)), protocol::error_code::limit);
  EXPECT_FALSE(closed);
  for (int i = 0; i < hub::net::burst; ++i) ask("{}", &closed);
  EXPECT_TRUE(closed);
  // A new window: answered again.
  clock += hub::net::window;
  EXPECT_EQ(code(ask("{}", &closed)), protocol::error_code::bad_request);
}

}  // namespace
}  // namespace motcua::testing
