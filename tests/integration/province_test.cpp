// A province of centres (issue 15), with every part real: a PostgreSQL 15 cluster (the `postgres`
// ctest fixture), motcua-hub on it, and three motcua-server demo centres with their own unit
// codes, each configured with the hub. Tickets, calls, dossiers and ratings at all three while
// the hub is SIGKILLed mid-stream and restarted, a centre SIGKILLed mid-push and restarted, and
// the hub stopped for a while (the network cut); afterwards the hub holds every record exactly
// once and its rows equal each centre's own; a dossier received at a commune and decided by a
// city department shows both units in its history, at every centre. A hub that lost everything
// (restored from an empty backup) is given a snapshot and ends the same. A record the hub refuses
// is set aside (kept in hub_refused) and the records after it still reach the hub. A dossier of
// centre A is found at centre B, and B says so clearly when the hub is down. A province manager at
// the hub sees each centre's own figures side by side, over the WebSocket and in motcua-counter
// (screenshots under Xvfb).
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <boost/json.hpp>
#include "hub/store/pg.hpp"

#include "server/auth/crypto.hpp"
#include "server/config/config.hpp"
#include "server/store/database.hpp"
#include "shared/domain/calendar.hpp"
#include "tests/integration/sample_dossier.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/pg_database.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wire.hpp"
#ifdef MOTCUA_COUNTER_PATH
#include "tests/gui/png_check.hpp"
#endif

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;
namespace pg = hub::store::pg;

constexpr std::array<const char*, 3> units{"000.00.11.H26", "000.00.12.H26", "000.00.13.H26"};

// One row of a table as text, for comparing a centre's rows with the hub's.
using rows = std::vector<std::string>;

class province : public ::testing::Test {
 protected:
  province() {
    std::ofstream(dir_.file("hub.json")) << hub_config();
    start_hub("0");
    for (std::size_t i = 0; i < units.size(); ++i) {
      std::ofstream(dir_.file("centre-" + std::to_string(i) + ".json")) << centre_config(i);
      start_centre(i);
    }
  }

  static constexpr const char* manager_password = "mat-khau-tinh";

  static std::string token(std::size_t i) {
    return "test-centre-token-" + std::to_string(i) + "-x";
  }

  std::string hub_config() const {
    std::string centres;
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (i) centres += ',';
      centres.append(R"({"unit":")").append(units[i]).append(R"(","name":"Centre )");
      centres.append(std::to_string(i)).append(R"(","token":")").append(token(i)).append("\"}");
    }
    auth::init_crypto();
    return R"({"centres":[)" + centres + R"(],"staff":[{"username":"tinh","display_name":)" +
           R"("Quản lý cấp tỉnh","password_hash":")" + auth::hash_password(manager_password) +
           R"("}]})";
  }

  std::string centre_config(std::size_t i) const {
    return std::string(R"({"unit":{"code":")") + units[i] + R"(","name":"Centre )" +
           std::to_string(i) + R"(","place":"Đà Nẵng"},"hub":{"url":"http://127.0.0.1:)" +
           hub_port_ + R"(","token":")" + token(i) +
           R"(","retry_first_seconds":1,"retry_max_seconds":1,"heartbeat_seconds":1,"lookup_timeout_ms":2000})" +
           (i == commune ? "," + decided_in_the_city() : "") + "}";
  }

  // The commune's catalogue: the demo's, where the monthly social allowance (procedure 4) is
  // reviewed and decided by a department of the city (units[city]) after the commune received
  // and posted it.
  static std::string decided_in_the_city() {
    auto demo = boost::json::parse(config::demo_json()).as_object();
    auto& procedures = demo.at("procedures").as_array();
    for (auto& p : procedures)
      if (p.at("id") == 4)
        p.at("versions").at(0).at("steps").at(1).as_object()["unit_code"] = units[city];
    return R"("procedures":)" + boost::json::serialize(procedures);
  }
  static constexpr std::size_t city = 0;
  static constexpr std::size_t commune = 2;

  // The hub on `port` ("0" the first time: then every restart takes the same port again).
  void start_hub(const std::string& port) {
    hub_.reset();
    hub_.emplace(server_process::program{{MOTCUA_HUB_PATH, "--pg", pg_.conninfo(), "--listen",
                                          "127.0.0.1:" + port, "--config", dir_.file("hub.json"),
                                          "--threads", "2"}});
    hub_port_ = hub_->port();
  }
  void start_centre(std::size_t i) {
    centres_[i].reset();
    centres_[i].emplace(
        db(i), std::vector<std::string>{"--demo", "--config",
                                        dir_.file("centre-" + std::to_string(i) + ".json")});
  }
  std::string db(std::size_t i) const { return dir_.file("centre-" + std::to_string(i) + ".db"); }
  server_process& centre(std::size_t i) { return *centres_[i]; }

  // A morning's worth at centre `i`: `tickets` taken at service 1, a clerk calling and serving
  // half of them, a dossier registered and moved on, a rating.
  void activity(std::size_t i, int tickets, const std::string& tag) {
    auto kiosk = connect_to(centre(i));
    hello_device(*kiosk, "demo-kiosk");
    for (int n = 0; n < tickets; ++n) take(*kiosk, 1, tag + "-" + std::to_string(n));
    auto clerk = connect_to(centre(i));
    hello_staff(*clerk, "clerk1");
    open_counter(*clerk, 1, {1});
    for (int n = 0; n < tickets / 2; ++n) {
      clerk_do(*clerk, protocol::call_next{});
      clerk_do(*clerk, protocol::start_service{});
      clerk_do(*clerk, protocol::finish{});
    }
    const auto code = register_sample(*clerk, tag + "-dossier");
    advance_dossier(*clerk, {code, "forward", std::nullopt, "Phòng Bảo trợ xã hội", std::nullopt});
    auto rated = kiosk->call(protocol::rate_service{1, 3, std::nullopt, code, tag + "-rating"});
    ASSERT_TRUE(rated.ok()) << describe(rated);
  }

  // Waits until centre `i` has nothing waiting for the hub and the hub holds its last record.
  void await_synced(std::size_t i) {
    const auto deadline = std::chrono::steady_clock::now() + 90s;
    while (std::chrono::steady_clock::now() < deadline) {
      auto metrics = http_get(centre(i).host(), centre(i).port(), "/metrics").body;
      if (metrics.find("motcua_hub_outbox_records 0\n") != std::string::npos &&
          metrics.find("motcua_hub_acked_seq " + std::to_string(last_seq(i)) + "\n") !=
              std::string::npos &&
          snapshot_part(i) == 0 &&
          hub_rows(i, "SELECT applied_through::text FROM centres WHERE unit = $1") ==
              rows{std::to_string(last_seq(i))})
        return;
      std::this_thread::sleep_for(50ms);  // polling the centre's figures, under the deadline
    }
    FAIL() << "centre " << units[i] << " did not catch up with the hub";
  }

  std::string centre_value(std::size_t i, const std::string& sql) {
    store::database d(db(i), store::durability::normal);
    auto q = d.prepare(sql);
    return q.step() ? q.text(0) : "";
  }
  std::int64_t last_seq(std::size_t i) {
    auto v = centre_value(i, "SELECT seq FROM sqlite_sequence WHERE name = 'hub_outbox'");
    return v.empty() ? 0 : std::stoll(v);
  }
  int snapshot_part(std::size_t i) {
    return std::stoi(centre_value(i, "SELECT value FROM meta WHERE key = 'hub_snapshot'"));
  }
  rows centre_rows(std::size_t i, const std::string& sql) {
    store::database d(db(i), store::durability::normal);
    auto q = d.prepare(sql);
    rows out;
    while (q.step()) out.push_back(q.text(0));
    return out;
  }
  rows hub_rows(std::size_t i, const std::string& sql) {
    pg::connection c(pg_.conninfo());
    auto r = c.exec(sql, units[i]);
    rows out;
    for (int row = 0; row < r.rows(); ++row) out.push_back(r.text(row, 0));
    return out;
  }

  // Every centre's tickets, dossiers, history steps and ratings are the hub's, once each.
  void expect_hub_equals_centres() {
    const std::string of_centre = " WHERE centre = (SELECT id FROM centres WHERE unit = $1)";
    for (std::size_t i = 0; i < units.size(); ++i) {
      SCOPED_TRACE(units[i]);
      await_synced(i);
      EXPECT_EQ(centre_rows(i,
                            "SELECT id || ' ' || number || ' ' || service || ' ' || state "
                            "FROM tickets ORDER BY id"),
                hub_rows(i,
                         "SELECT id || ' ' || number || ' ' || service || ' ' || state "
                         "FROM tickets" +
                             of_centre + " ORDER BY id"));
      EXPECT_EQ(
          centre_rows(i, "SELECT code || ' ' || status FROM dossiers ORDER BY code"),
          hub_rows(i, "SELECT code || ' ' || status FROM dossiers" + of_centre + " ORDER BY code"));
      EXPECT_EQ(centre_rows(i, "SELECT id || ' ' || action FROM dossier_history ORDER BY id"),
                hub_rows(i, "SELECT id || ' ' || action FROM dossier_history" + of_centre +
                                " ORDER BY id"));
      EXPECT_EQ(centre_rows(i, "SELECT id || ' ' || level FROM ratings ORDER BY id"),
                hub_rows(i, "SELECT id || ' ' || level FROM ratings" + of_centre + " ORDER BY id"));
      EXPECT_EQ(hub_rows(i, "SELECT applied_through::text FROM centres WHERE unit = $1"),
                rows{std::to_string(last_seq(i))});
    }
  }

  pg_database pg_;
  temp_dir dir_;
  std::string hub_port_;
  std::optional<server_process> hub_;
  std::array<std::optional<server_process>, units.size()> centres_;
};

TEST_F(province, EveryRecordOnceThroughKillsAndACutNetwork) {
  activity(0, 6, "a1");
  // The hub killed while centre A takes tickets: A goes on, and pushes again once it is back.
  std::thread stream([&] { activity(0, 20, "a2"); });
  std::this_thread::sleep_for(100ms);  // into the stream (the kill's moment, not a wait for it)
  hub_->stop(SIGKILL);
  stream.join();
  start_hub(hub_port_);
  // Centre B killed right after its work, its sender most likely in the middle of a push.
  activity(1, 10, "b1");
  centre(1).stop(SIGKILL);
  start_centre(1);
  // The network cut: the hub away while B and C work, then back.
  hub_->stop(SIGTERM);
  activity(1, 4, "b2");
  activity(2, 8, "c1");
  start_hub(hub_port_);
  expect_hub_equals_centres();
}

TEST_F(province, ARecordTheHubRefusesIsSetAsideAndTheOthersGoOn) {
  hub_->stop(SIGTERM);  // the records wait, to leave in one push
  activity(0, 3, "before");
  {
    // Two records no push may carry, written as a damaged database or an older hub would have
    // them: a time the hub's database cannot read, and a body that does not read here.
    store::database d(db(0), store::durability::normal);
    d.exec(R"(INSERT INTO hub_outbox (at, kind, body) VALUES (0, 'ticket', '{"id":999999,)"
           R"("day":"2026-11-27","number":"Z999","service":1,"state":"waiting","priority":"none",)"
           R"("issued_at":"2026-02-30T08:00:00+07:00"}'), (0, 'ticket', '{"id":"x"}'))");
  }
  activity(0, 3, "after");
  start_hub(hub_port_);
  expect_hub_equals_centres();  // every other record of centre A, up to its last one
  // Both kept at the centre with the reason, and counted in /metrics.
  EXPECT_EQ(centre_rows(0,
                        "SELECT kind || ': ' || CASE WHEN reason LIKE '%(400)%' THEN 'refused' "
                        "WHEN reason LIKE '%does not read%' THEN 'unreadable' ELSE reason END "
                        "FROM hub_refused ORDER BY seq"),
            (rows{"ticket: refused", "ticket: unreadable"}));
  const auto metrics = http_get(centre(0).host(), centre(0).port(), "/metrics").body;
  EXPECT_NE(metrics.find("motcua_hub_refused_records 2\n"), std::string::npos) << metrics;
  EXPECT_EQ(hub_rows(0,
                     "SELECT count(*)::text FROM tickets WHERE id = 999999"
                     " AND centre = (SELECT id FROM centres WHERE unit = $1)"),
            rows{"0"});
}

TEST_F(province, WhatTheHubRefusedReachesItOnceTheHubIsMendedAndItIsResent) {
  // The hub refuses every ticket of service 2 (as a hub older than the centre might): centre A's
  // one is set aside, the records after it go on.
  pg::connection hub(pg_.conninfo());
  hub.exec("ALTER TABLE tickets ADD CONSTRAINT hub_refuses_service_2 CHECK (service <> 2)");
  {
    auto kiosk = connect_to(centre(0));
    hello_device(*kiosk, "demo-kiosk");
    take(*kiosk, 2, "refused");
  }
  activity(0, 2, "after");
  await_synced(0);
  EXPECT_EQ(centre_rows(0, "SELECT kind FROM hub_refused"), rows{"ticket"});
  const std::string of_service_2 =
      "SELECT number FROM tickets WHERE service = 2 AND centre = (SELECT id FROM centres WHERE "
      "unit = $1)";
  EXPECT_EQ(hub_rows(0, of_service_2), rows{});

  // The hub mended; --resend-hub-refused, while the centre runs: the ticket reaches the hub with
  // a snapshot (every row again, as it is now), and nothing is left aside. A usage error (with
  // --backup), or no database, changes nothing.
  hub.exec("ALTER TABLE tickets DROP CONSTRAINT hub_refuses_service_2");
  EXPECT_EQ(
      run_server({"--resend-hub-refused", "--backup", dir_.file("x.db"), "--db", db(0)}).exit_code,
      2);
  const auto none = run_server({"--resend-hub-refused", "--db", dir_.file("none.db")});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.errors,
            "motcua-server: cannot resend the records the hub refused: no database at " +
                dir_.file("none.db") + "\n");
  const auto resent = run_server({"--resend-hub-refused", "--db", db(0)});
  EXPECT_EQ(resent.exit_code, 0) << resent.errors;
  EXPECT_EQ(resent.output, "1 record(s) the hub refused: a snapshot follows, every row of " +
                               db(0) + " sent to the hub again as it is now\n");
  expect_hub_equals_centres();
  EXPECT_EQ(hub_rows(0, of_service_2), rows{"B001"});
  EXPECT_EQ(centre_rows(0, "SELECT count(*) FROM hub_refused"), rows{"0"});
  const auto metrics = http_get(centre(0).host(), centre(0).port(), "/metrics").body;
  EXPECT_NE(metrics.find("motcua_hub_refused_records 0\n"), std::string::npos) << metrics;
}

TEST_F(province, AHubRestoredEmptyIsGivenASnapshot) {
  for (std::size_t i = 0; i < units.size(); ++i)
    activity(i, 4, std::string("m").append(1, char('0' + i)));
  expect_hub_equals_centres();
  // The hub's database restored from a backup made before any of this: empty.
  hub_->stop(SIGTERM);
  {
    pg::connection c(pg_.conninfo());
    for (const char* table : {"tickets", "dossiers", "dossier_history", "ratings", "services"})
      c.exec(std::string("DELETE FROM ") + table);
    c.exec("UPDATE centres SET applied_through = 0");
  }
  start_hub(hub_port_);
  activity(2, 2, "after");
  expect_hub_equals_centres();
}

TEST_F(province, ADossierOfCentreAIsFoundAtCentreB) {
  auto clerk = connect_to(centre(0));
  hello_staff(*clerk, "clerk1");
  const auto code = register_sample(*clerk, "found-at-b");
  await_synced(0);

  // Over HTTP and the WebSocket at B: the same public view as A's own (A adds its ticket offer).
  auto at_a = http_get(centre(0).host(), centre(0).port(), "/api/v1/dossiers/" + code);
  auto at_b = http_get(centre(1).host(), centre(1).port(), "/api/v1/dossiers/" + code);
  ASSERT_EQ(at_b.status, 200) << at_b.body;
  auto kiosk = connect_to(centre(1));
  hello_device(*kiosk, "demo-kiosk");
  auto seen = lookup_dossier(*kiosk, code);
  auto own = lookup_dossier(*clerk, code);
  EXPECT_EQ(seen.code, own.code);
  EXPECT_EQ(seen.status, own.status);
  EXPECT_EQ(seen.procedure, own.procedure);
  EXPECT_EQ(seen.received_at, own.received_at);
  EXPECT_EQ(seen.due_at, own.due_at);
  EXPECT_EQ(seen.history, own.history);
  EXPECT_NE(at_b.body.find(code), std::string::npos);
  EXPECT_EQ(at_a.status, 200);
  EXPECT_EQ(http_get(centre(1).host(), centre(1).port(), "/tra-cuu/" + code).status, 200);
  // An unknown code of A's: 404 at B, as at A.
  const std::string unknown = std::string(units[0]) + "-250101-0999";
  EXPECT_EQ(http_get(centre(1).host(), centre(1).port(), "/api/v1/dossiers/" + unknown).status,
            404);

  // The hub down: B says so (503, `internal` on the WebSocket) and serves its own dossiers.
  hub_->stop(SIGTERM);
  auto down = http_get(centre(1).host(), centre(1).port(), "/api/v1/dossiers/" + code);
  EXPECT_EQ(down.status, 503);
  EXPECT_NE(down.body.find("\"internal\""), std::string::npos) << down.body;
  EXPECT_EQ(http_get(centre(1).host(), centre(1).port(), "/tra-cuu/" + code).status, 503);
  auto reply = kiosk->call(protocol::lookup_dossier{code});
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(error_of(reply).code, protocol::error_code::internal);
  auto b_clerk = connect_to(centre(1));
  hello_staff(*b_clerk, "clerk1");
  const auto own_code = register_sample(*b_clerk, "own-at-b");
  EXPECT_EQ(lookup_dossier(*kiosk, own_code).code, own_code);
}

TEST_F(province, ADossierReceivedAtACommuneAndDecidedInTheCityShowsBothUnits) {
  auto clerk = connect_to(centre(commune));
  hello_staff(*clerk, "clerk1");
  const auto code = register_sample(*clerk, "decided-in-the-city");
  // The commune sends it on to the city's department; the city decides; the commune's desk
  // hands the result over.
  advance_dossier(*clerk, {code, "forward", std::nullopt, std::nullopt, std::nullopt});
  advance_dossier(*clerk, {code, "result_ready", "Đã duyệt", std::nullopt, std::nullopt});
  const auto done =
      advance_dossier(*clerk, {code, "return_result", std::nullopt, std::nullopt, std::nullopt});
  ASSERT_EQ(done.history.size(), 4u);
  EXPECT_EQ(done.history[0].unit, std::nullopt);  // registered here
  EXPECT_EQ(done.history[1].unit, std::nullopt);  // sent on by the commune's desk
  EXPECT_EQ(done.history[2].unit, units[city]);   // decided by the city's department
  EXPECT_EQ(done.history[3].unit, std::nullopt);  // handed over at the commune
  await_synced(commune);

  // The hub holds each step with its unit; the public view, at the commune and through the hub
  // at another centre, names the city for its step.
  EXPECT_EQ(hub_rows(commune,
                     "SELECT unit FROM dossier_history WHERE centre = (SELECT id FROM centres "
                     "WHERE unit = $1) AND code = '" +
                         code + "' ORDER BY id"),
            (rows{units[commune], units[commune], units[city], units[commune]}));
  auto kiosk = connect_to(centre(1));
  hello_device(*kiosk, "demo-kiosk");
  const auto elsewhere = lookup_dossier(*kiosk, code);
  const auto here = lookup_dossier(*clerk, code);
  ASSERT_EQ(elsewhere.history.size(), 4u);
  EXPECT_EQ(elsewhere.history, here.history);
  EXPECT_NE(here.history[2].step.find(std::string("(") + units[city] + ")"), std::string::npos)
      << here.history[2].step;
  EXPECT_EQ(here.history[1].step.find("(0"), std::string::npos) << here.history[1].step;
}

TEST_F(province, AProvinceManagerSeesEveryCentresOwnFigures) {
  activity(0, 6, "dash-a");
  activity(1, 4, "dash-b");
  activity(2, 3, "dash-c");
  for (std::size_t i = 0; i < units.size(); ++i) await_synced(i);

  auto manager = connect_to(*hub_);
  EXPECT_EQ(hello_staff(*manager, "tinh", manager_password).role, protocol::role::province_manager);
  auto reply = manager->call(protocol::get_province_stats{});
  ASSERT_TRUE(reply.ok()) << describe(reply);
  const auto province = std::get<protocol::province_stats_result>(reply.body);
  ASSERT_EQ(province.centres.size(), units.size());
  const auto today = domain::business_zone{}.day_of(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  const auto month = domain::format_iso_date(today.year() / today.month() / 1);
  int waiting = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    SCOPED_TRACE(units[i]);
    const auto& c = province.centres[i];
    EXPECT_EQ(c.unit, units[i]);
    auto own = connect_to(centre(i));
    hello_staff(*own, "manager");
    auto day = own->call(protocol::get_stats{});
    ASSERT_TRUE(day.ok()) << describe(day);
    const auto& totals = std::get<protocol::stats_result>(day.body).queue_totals;
    EXPECT_EQ(c.waiting, totals.waiting);
    EXPECT_EQ(c.issued, totals.issued);
    EXPECT_EQ(c.served, totals.served);
    // The province copy holds times to the second, the centre to the millisecond.
    EXPECT_NEAR(c.p90_wait_seconds, totals.p90_wait_seconds, 1);
    auto this_month = own->call(protocol::get_stats{month, province.period_to});
    ASSERT_TRUE(this_month.ok()) << describe(this_month);
    const auto& dossiers = std::get<protocol::stats_result>(this_month.body).centre;
    EXPECT_EQ(c.dossiers, dossiers.dossiers);
    EXPECT_EQ(c.on_time, dossiers.on_time);
    waiting += c.waiting;
  }
  EXPECT_EQ(province.province.waiting, waiting);
  EXPECT_EQ(waiting, 3 + 2 + 2);  // half of each centre's tickets (rounded down) were served

  // A clerk's account is not a province manager's: the hub refuses it.
  auto stranger = connect_to(*hub_);
  protocol::hello clerk;
  clerk.username = "clerk1";
  clerk.password = "demo";
  auto refused = stranger->call(clerk);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(error_of(refused).code, protocol::error_code::unauthorized);

#ifdef MOTCUA_COUNTER_PATH
  // The province dashboard in motcua-counter, in both languages.
  if (run_program({"sh", "-c", "command -v xvfb-run"}).exit_code != 0)
    GTEST_SKIP() << "xvfb-run is not installed";
  // The province in both languages, and one centre's drill-down.
  for (const std::vector<std::string>& shot :
       {std::vector<std::string>{"vi"}, {"en"}, {"vi", "--centre", units[0]}}) {
    const auto name = std::string("counter-province-") + (shot.size() > 1 ? "centre" : shot[0]);
    const auto png = dir_.file(name + ".png");
    run_options options;
    options.environment = {"XDG_CONFIG_HOME=" + dir_.file("config"), without_leak_reports()};
    std::vector<std::string> argv{MOTCUA_COUNTER_PATH,
                                  "--server",
                                  "ws://127.0.0.1:" + hub_port_ + "/ws",
                                  "--user",
                                  "tinh",
                                  "--password",
                                  manager_password,
                                  "--screenshot",
                                  png,
                                  "--lang"};
    argv.insert(argv.end(), shot.begin(), shot.end());
    auto r = run_under_xvfb("1440x900x24", argv, options);
    EXPECT_EQ(r.exit_code, 0) << r.errors;
    EXPECT_GT(png_image::load(png).luminance_variance(), 100) << png << " looks blank";
    keep_screenshot(png, name);
  }
#endif
}

}  // namespace
}  // namespace motcua::testing
