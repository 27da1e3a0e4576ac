// The per-address limits of the public HTTP routes on the real server, lowered by a
// configuration override: the address over its budget gets 429 with the `limit` JSON error (the
// search page on /tra-cuu) and Retry-After, while another address (127.0.0.2) is served as
// before; /healthz is never limited; the WebSocket's lookup_dossier draws on the same lookup
// budget as the HTTP lookups, so that walking the sequential dossier codes stops at once.
#include <fstream>

#include <boost/json.hpp>

#include "tests/integration/sample_dossier.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/raw_http.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;
using protocol::error_code;

const std::string scraper = "127.0.0.1";  // also where the tests' WebSocket clients come from
const std::string neighbour = "127.0.0.2";
const std::string unknown_code = "000.00.00.H99-200101-9999";

class http_limits_test : public server_test {
 protected:
  // Restarts the server with `limits` (a JSON object) merged over the demo's limits.
  void restart_with_limits(const std::string& limits) {
    const auto file = dir_.file("limits.json");
    std::ofstream(file) << R"({"limits": )" << limits << "}";
    start({"--demo", "--config", file});
  }
  http_answer get_from(const std::string& from, const std::string& target) {
    return http_exchange(server(), get_request(target), from);
  }
  std::string metrics() { return get_from(neighbour, "/metrics").body(); }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

int retry_after(const http_answer& a) {
  const std::string value(a[http::field::retry_after]);
  return value.empty() ? -1 : std::stoi(value);
}

// 429 with the `limit` JSON error in Vietnamese and English and a wait of at least a second.
void expect_limited_json(const http_answer& a) {
  EXPECT_EQ(a.result_int(), 429u);
  EXPECT_EQ(a[http::field::content_type], "application/json");
  const auto error = json::parse(a.body()).at("error");
  EXPECT_EQ(error.at("code").as_string(), "limit");
  EXPECT_TRUE(contains(std::string(error.at("message").as_string()), "giây")) << a.body();
  EXPECT_TRUE(contains(std::string(error.at("message_en").as_string()), "seconds")) << a.body();
  EXPECT_GE(retry_after(a), 1);
  EXPECT_EQ(error.at("retry_after").to_number<int>(), retry_after(a)) << a.body();
}

TEST_F(http_limits_test, AScraperWalkingDossierCodesIsRefusedWhileAnotherAddressIsServed) {
  // Nothing refills during the test (one lookup a minute); 6 at once; an unknown code costs 3.
  restart_with_limits(R"({"lookups_per_minute": 1, "lookup_burst": 6, "lookup_miss_cost": 3})");
  auto clerk = connect();
  hello_staff(*clerk, "clerk1");
  const auto code = register_sample(*clerk, "walk");
  const auto day = code.substr(0, code.rfind('-') + 1);  // UNITCODE-YYMMDD-

  // The walker finds the day's dossier (6 -> 5), then probes codes that do not exist yet
  // (-> 2 -> -1): refused from then on, even for a code that exists.
  EXPECT_EQ(get_from(scraper, "/api/v1/dossiers/" + code).result_int(), 200u);
  EXPECT_EQ(get_from(scraper, "/api/v1/dossiers/" + day + "9998").result_int(), 404u);
  EXPECT_EQ(get_from(scraper, "/api/v1/dossiers/" + day + "9999").result_int(), 404u);
  const auto refused = get_from(scraper, "/api/v1/dossiers/" + day + "9997");
  expect_limited_json(refused);
  EXPECT_GT(retry_after(refused), 60) << "two tokens of debt at one a minute";
  EXPECT_LE(retry_after(refused), 120);
  expect_limited_json(get_from(scraper, "/api/v1/dossiers/" + code));

  // The status page shares the budget; a browser gets the search page saying when to come back.
  const auto page = get_from(scraper, "/tra-cuu/" + code + "?lang=en");
  EXPECT_EQ(page.result_int(), 429u);
  EXPECT_TRUE(std::string(page[http::field::content_type]).starts_with("text/html"));
  EXPECT_TRUE(contains(page.body(), "seconds")) << page.body();
  EXPECT_GE(retry_after(page), 1);

  // So does the kiosk's lookup from the same address.
  auto k = kiosk();
  const auto ws = error_of(k->call(protocol::lookup_dossier{code}));
  EXPECT_EQ(ws.code, error_code::limit);
  EXPECT_TRUE(contains(ws.message_en, "seconds")) << ws.message_en;

  // Another address is served as before, and probes see the server.
  EXPECT_EQ(get_from(neighbour, "/api/v1/dossiers/" + code).result_int(), 200u);
  EXPECT_EQ(get_from(neighbour, "/tra-cuu/" + code).result_int(), 200u);
  EXPECT_EQ(get_from(scraper, "/healthz").result_int(), 200u);

  const auto figures = metrics();
  for (const char* line : {"motcua_rate_limited_total{route=\"dossier\"} 2\n",
                           "motcua_rate_limited_total{route=\"page\"} 1\n",
                           "motcua_rate_limited_total{route=\"lookup_dossier\"} 1\n",
                           "motcua_rate_limit_addresses 2\n"})
    EXPECT_TRUE(contains(figures, line)) << line << "not in:\n" << figures;
}

TEST_F(http_limits_test, LookupsOnTheWebSocketDrawOnTheSameBudget) {
  restart_with_limits(R"({"lookups_per_minute": 1, "lookup_burst": 4})");
  auto k = kiosk();
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(error_of(k->call(protocol::lookup_dossier{unknown_code})).code,
              error_code::not_found);
  EXPECT_EQ(error_of(k->call(protocol::lookup_dossier{unknown_code})).code, error_code::limit);
  expect_limited_json(get_from(scraper, "/api/v1/dossiers/" + unknown_code));
  EXPECT_EQ(get_from(neighbour, "/api/v1/dossiers/" + unknown_code).result_int(), 404u);
  expect_serves_new_clients();
}

TEST_F(http_limits_test, EveryPublicRouteCountsButHealthz) {
  // One request every 100 s: nothing refills during the test; 3 at once.
  restart_with_limits(R"({"http_requests_per_second": 0.01, "http_burst": 3})");
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(get_from(scraper, "/api/v1/services").result_int(), 200u) << i;
  const auto refused = get_from(scraper, "/api/v1/services");
  expect_limited_json(refused);
  EXPECT_GT(retry_after(refused), 90);
  for (const std::string& target : std::vector<std::string>{
           "/metrics", "/api/v1/dossiers/" + unknown_code, "/api/v1/tracking-book.pdf", "/nope"})
    expect_limited_json(get_from(scraper, target));
  const auto search = get_from(scraper, "/tra-cuu");
  EXPECT_EQ(search.result_int(), 429u);
  EXPECT_TRUE(contains(search.body(), "giây")) << search.body();
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(get_from(scraper, "/healthz").result_int(), 200u) << "probes are never limited";
  EXPECT_EQ(get_from(neighbour, "/api/v1/services").result_int(), 200u);
  EXPECT_TRUE(contains(metrics(), "motcua_rate_limited_total{route=\"services\"} 1\n"));
}

}  // namespace
}  // namespace motcua::testing
