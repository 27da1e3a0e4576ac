// motcua-hub on the centre's connection layer (server/transport), as a program on a real
// PostgreSQL (the `postgres` fixture): its connections are capped in total and per client
// address like the centre's (a refused one is closed at accept and counted in /metrics), a
// request that cannot be parsed gets the contract's JSON error, and the province dashboards
// have a cap of their own (--max-dashboards) past which an upgrade gets 503 with `limit`.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include "tests/support/pg_database.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/raw_peer.hpp"
#include "tests/support/server_process.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

class hub_connections : public ::testing::Test {
 protected:
  // A hub with at most `total` connections, `per_address` of them from one address, and
  // `dashboards` dashboards.
  server_process& start(int total, int per_address, int dashboards = 64) {
    hub_.emplace(server_process::program{
        {MOTCUA_HUB_PATH, "--pg", pg_.conninfo(), "--listen", "127.0.0.1:0", "--threads", "2",
         "--max-connections", std::to_string(total), "--max-connections-per-address",
         std::to_string(per_address), "--max-dashboards", std::to_string(dashboards)}});
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

}  // namespace
}  // namespace motcua::testing
