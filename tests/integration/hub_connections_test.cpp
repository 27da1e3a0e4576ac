// motcua-hub on the centre's connection layer (server/transport), as a program on a real
// PostgreSQL (the `postgres` fixture): its connections are capped in total and per client
// address like the centre's (a refused one is closed at accept and counted in /metrics), a
// request that cannot be parsed gets the contract's JSON error, the province dashboards have a
// cap of their own (--max-dashboards) past which an upgrade gets 503 with `limit`, and pushes
// held up in PostgreSQL hold no lookup up (they have workers of their own).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hub/store/pg.hpp"

#include "tests/support/pg_database.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/raw_peer.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

class hub_connections : public ::testing::Test {
 protected:
  // A hub with at most `total` connections, `per_address` of them from one address, and
  // `dashboards` dashboards.
  server_process& start(int total, int per_address, int dashboards = 64,
                        std::vector<std::string> more = {}) {
    std::vector<std::string> args{MOTCUA_HUB_PATH,
                                  "--pg",
                                  pg_.conninfo(),
                                  "--listen",
                                  "127.0.0.1:0",
                                  "--threads",
                                  "2",
                                  "--max-connections",
                                  std::to_string(total),
                                  "--max-connections-per-address",
                                  std::to_string(per_address),
                                  "--max-dashboards",
                                  std::to_string(dashboards)};
    args.insert(args.end(), more.begin(), more.end());
    hub_.emplace(server_process::program{std::move(args)});
    return *hub_;
  }

  pg_database pg_;
  std::optional<server_process> hub_;
};

TEST_F(hub_connections, AreCappedPerAddressAndInTotalAndTheRefusalsCounted) {
  auto& hub = start(5, 3);
  {
    crowd one(hub, "127.0.0.2", 4, crowd::kind::tcp);
    ASSERT_TRUE(one.wait_ended(1, 10s));  // the fourth from one address: closed at accept
    EXPECT_EQ(one.opened() - one.closed_after_open(), 3);
    crowd other(hub, "127.0.0.3", 3, crowd::kind::tcp);
    ASSERT_TRUE(other.wait_ended(1, 10s));  // the sixth in all
    EXPECT_EQ(other.opened() - other.closed_after_open(), 2);
  }
  // The crowds' places come back as the hub sees them close; until then a request may be
  // refused at accept too, and is counted with the others.
  int refused_here = 0;
  std::string metrics;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (metrics.empty() && std::chrono::steady_clock::now() < deadline) {
    try {
      metrics = http_exchange(hub, get_request("/metrics")).body();
    } catch (const std::runtime_error&) {
      ++refused_here;
    }
  }
  EXPECT_NE(metrics.find("motcua_hub_connections_refused_total " +
                         std::to_string(2 + refused_here) + "\n"),
            std::string::npos)
      << metrics;
}

TEST_F(hub_connections, AMalformedOrOversizedRequestGetsTheJsonError) {
  auto& hub = start(16, 8);
  auto bad = http_exchange(hub, "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(bad.result_int(), 400);
  EXPECT_NE(bad.body().find(R"("code":"bad_request")"), std::string::npos) << bad.body();
  auto big = http_exchange(
      hub, "GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Big: " + std::string(9000, 'x') + "\r\n\r\n");
  EXPECT_EQ(big.result_int(), 431);
  EXPECT_NE(big.body().find("message_en"), std::string::npos) << big.body();
  // A push over 16 MiB is refused from its length alone, before any of it is read.
  auto huge =
      http_exchange(hub, "POST /api/v1/hub/records HTTP/1.1\r\nHost: hub\r\nContent-Length: " +
                             std::to_string(17 * 1024 * 1024) + "\r\n\r\n");
  EXPECT_EQ(huge.result_int(), 413);
}

TEST_F(hub_connections, DashboardsPastTheirCapGet503) {
  auto& hub = start(512, 128, 3);
  crowd dashboards(hub, "127.0.0.5", 3);  // never logging in: within the 10 s hello deadline
  ASSERT_TRUE(dashboards.wait_opened(3, 10s));
  upgrade_options from;
  from.source = "127.0.0.6";
  raw_peer late(hub, from);
  EXPECT_EQ(late.status(), 503u);
  EXPECT_NE(late.body().find(R"("code":"limit")"), std::string::npos) << late.body();
}

TEST_F(hub_connections, PushesHeldUpInPostgreSqlHoldNoLookup) {
  const std::string unit = "000.00.00.H01", token = "centre-a-token-123";
  temp_dir dir;
  std::ofstream(dir.file("hub.json"))
      << R"({"centres":[{"unit":")" + unit + R"(","name":"A","token":")" + token + R"("}]})";
  auto& hub = start(64, 64, 64, {"--config", dir.file("hub.json")});
  const std::string bearer = "Authorization: Bearer " + token + "\r\n";
  const std::string body = R"({"unit":")" + unit + R"(","records":[]})";
  const std::string push =
      "POST /api/v1/hub/records HTTP/1.1\r\nHost: hub\r\n" + bearer +
      "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\n\r\n" + body;

  // Someone holds the centre's row (a long transaction): each push waits for it in PostgreSQL,
  // three pushes for the hub's two push workers.
  std::vector<std::future<http_answer>> pushes;  // waited for after the holder lets go
  hub::store::pg::connection holder(pg_.conninfo());
  holder.exec("BEGIN");
  holder.exec("SELECT 1 FROM centres FOR UPDATE");
  for (int i = 0; i < 3; ++i)
    pushes.push_back(
        std::async(std::launch::async, [&] { return http_exchange(hub, push, "127.0.0.1", 60s); }));
  hub::store::pg::connection watcher(pg_.conninfo());
  auto waiting = [&] {
    return watcher
        .exec(
            "SELECT count(*)::text FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()")
        .text(0, 0);
  };
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (waiting() != "2" && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);  // polling PostgreSQL's view, under the deadline
  ASSERT_EQ(waiting(), "2");

  // A centre's lookup is answered meanwhile (the dossier is unknown: 404), and so is /healthz.
  const auto lookup =
      http_exchange(hub,
                    "GET /api/v1/hub/dossiers/" + unit + "-250101-0001 HTTP/1.1\r\nHost: hub\r\n" +
                        bearer + "Connection: close\r\n\r\n",
                    "127.0.0.1", 10s);
  EXPECT_EQ(lookup.result_int(), 404) << lookup.body();
  EXPECT_EQ(http_exchange(hub, get_request("/healthz"), "127.0.0.1", 10s).result_int(), 200);

  holder.exec("ROLLBACK");
  for (auto& p : pushes) EXPECT_EQ(p.get().result_int(), 200);
}

}  // namespace
}  // namespace motcua::testing
