// The hub's HTTP routes (hub/net/routes.hpp) as plain functions of a request, on a real
// PostgreSQL (the `postgres` fixture): what a stranger or a wrong centre sends is refused with
// the JSON error and nothing is applied; a push behind what the hub holds gets 409.
#include <gtest/gtest.h>

#include <optional>

#include "hub/net/routes.hpp"
#include "hub/store/schema.hpp"
#include "server/auth/crypto.hpp"
#include "tests/support/pg_database.hpp"

namespace motcua::testing {
namespace {

namespace pg = hub::store::pg;
namespace http = hub::net::http;
using hub::net::request;

constexpr const char* unit = "000.00.11.H26";
constexpr const char* token = "centre-a-token-0123456789";

class hub_routes : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::init_crypto();
    hub::store::migrate(db);
    store.emplace(db);
    store->register_centre(unit, "Phường Hải Châu", auth::sha256_hex(token));
    store->register_centre("000.00.12.H26", "Phường Thanh Khê",
                           auth::sha256_hex("other-token-0123456"));
  }

  hub::net::response ask(http::verb verb, const std::string& target, std::string body = {},
                         const std::string& bearer = token) {
    request req{verb, target, 11, std::move(body)};
    if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
    return hub::net::handle(req, *store, metrics, std::chrono::system_clock::now());
  }
  std::int64_t tickets() { return db.exec("SELECT count(*) FROM tickets").int64(0, 0); }

  static std::string ticket_push(std::int64_t seq, const std::string& after = "") {
    return std::string(R"({"unit":"000.00.11.H26",)") + after + R"("records":[{"seq":)" +
           std::to_string(seq) +
           R"(,"at":"2026-12-04T08:00:00+07:00","kind":"ticket","data":{"id":1,"day":"2026-12-04",)"
           R"("number":"A001","service":1,"state":"waiting","priority":"none",)"
           R"("issued_at":"2026-12-04T08:00:00+07:00"}}]})";
  }

  pg_database database;
  pg::connection db{database.conninfo()};
  std::optional<hub::store::province_store> store;
  hub::net::hub_metrics metrics;
};

TEST_F(hub_routes, APushIsAppliedOnceAndAcknowledged) {
  auto r = ask(http::verb::post, "/api/v1/hub/records", ticket_push(1));
  EXPECT_EQ(r.result(), http::status::ok);
  EXPECT_EQ(r.body(), R"({"applied_through":1})");
  EXPECT_EQ(ask(http::verb::post, "/api/v1/hub/records", ticket_push(1)).body(),
            R"({"applied_through":1})");
  EXPECT_EQ(tickets(), 1);
  EXPECT_NE(ask(http::verb::get, "/metrics")
                .body()
                .find("motcua_hub_centre_applied_seq{unit=\"000.00.11.H26\"} 1"),
            std::string::npos);
}

TEST_F(hub_routes, StrangersAndWrongCentresAreRefusedAndNothingIsApplied) {
  EXPECT_EQ(ask(http::verb::post, "/api/v1/hub/records", ticket_push(1), "").result(),
            http::status::unauthorized);
  EXPECT_EQ(
      ask(http::verb::post, "/api/v1/hub/records", ticket_push(1), "guessed-token-123456").result(),
      http::status::unauthorized);
  // Another centre's token with this centre's unit, and a dossier of another unit's code.
  EXPECT_EQ(
      ask(http::verb::post, "/api/v1/hub/records", ticket_push(1), "other-token-0123456").result(),
      http::status::forbidden);
  const std::string foreign_dossier =
      R"({"unit":"000.00.11.H26","records":[{"seq":1,"at":"2026-12-04T08:00:00+07:00",)"
      R"("kind":"dossier","data":{"code":"000.00.12.H26-261204-0001","unit":"000.00.11.H26",)"
      R"("procedure_code":"1","procedure_name":"x","procedure_name_en":"x","status":"received",)"
      R"("received_at":"2026-12-04T08:00:00+07:00","due_at":"2026-12-24T08:00:00+07:00",)"
      R"("full_name":"x"}}]})";
  EXPECT_EQ(ask(http::verb::post, "/api/v1/hub/records", foreign_dossier).result(),
            http::status::forbidden);
  for (const char* bad : {"", "{", "[]", R"({"unit":"000.00.11.H26","records":[{"seq":0}]})",
                          R"({"unit":"000.00.11.H26","records":"x"})"}) {
    auto r = ask(http::verb::post, "/api/v1/hub/records", bad);
    EXPECT_EQ(r.result(), http::status::bad_request) << bad;
    EXPECT_NE(r.body().find(R"("code":"bad_request")"), std::string::npos) << r.body();
  }
  // A time PostgreSQL cannot read: 400 `invalid`, nothing applied.
  auto bad_time = ticket_push(1);
  bad_time.replace(bad_time.find("2026-12-04T08:00:00+07:00\"}"), 25, "2026-13-40T99:00:00+07:00");
  EXPECT_EQ(ask(http::verb::post, "/api/v1/hub/records", bad_time).result(),
            http::status::bad_request);
  EXPECT_EQ(ask(http::verb::get, "/api/v1/hub/records").result(), http::status::method_not_allowed);
  EXPECT_EQ(tickets(), 0);
}

TEST_F(hub_routes, APushAfterMoreThanTheHubHoldsIsAConflict) {
  auto r = ask(http::verb::post, "/api/v1/hub/records", ticket_push(8, R"("after":7,)"));
  EXPECT_EQ(r.result(), http::status::conflict);
  EXPECT_EQ(r.body(), R"({"applied_through":0})");
  EXPECT_EQ(tickets(), 0);
}

TEST_F(hub_routes, ADossierForACentreOrA404) {
  EXPECT_EQ(ask(http::verb::get, "/api/v1/hub/dossiers/000.00.11.H26-261204-0001").result(),
            http::status::not_found);
  EXPECT_EQ(ask(http::verb::get, "/api/v1/hub/dossiers/x", {}, "").result(),
            http::status::unauthorized);
  EXPECT_EQ(ask(http::verb::get, "/healthz").body(), R"({"status":"ok"})");
  EXPECT_EQ(ask(http::verb::get, "/nowhere").result(), http::status::not_found);
}

}  // namespace
}  // namespace motcua::testing
