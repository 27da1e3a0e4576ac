// The HTTP endpoints on the WebSocket port (docs/protocol.md "HTTP on the same port").
#include <boost/json.hpp>

#include "tests/integration/server_test.hpp"
#include "tests/support/http_get.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

class http_test : public server_test {
 protected:
  http_response get(const std::string& target) {
    return http_get(server().host(), server().port(), target);
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(http_test, HealthzSaysOk) {
  const auto r = get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), json::parse(R"({"status":"ok"})"));
}

TEST_F(http_test, MetricsShowClientsTicketsQueuesAndLatency) {
  auto k = kiosk();
  take(*k, 1, "metrics");
  list_services(*k);  // a later round trip: the engine has published the ticket's figures
  const auto r = get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.content_type.starts_with("text/plain")) << r.content_type;
  for (const char* line :
       {"motcua_connected_clients{role=\"kiosk\"} 1\n", "motcua_tickets_issued_total 1\n",
        "motcua_tickets_waiting{service=\"NCC\"} 1\n",
        "motcua_tickets_waiting{service=\"BTXH\"} 0\n",
        "motcua_request_duration_seconds_bucket{le=\"+Inf\"} "})
    EXPECT_TRUE(contains(r.body, line)) << line << "\nnot in:\n" << r.body;
}

TEST_F(http_test, ServicesApiListsTheFourDemoServices) {
  const auto r = get("/api/v1/services");
  EXPECT_EQ(r.status, 200);
  const auto services = json::parse(r.body).as_array();
  ASSERT_EQ(services.size(), 4u);
  std::vector<std::string> codes;
  for (const auto& s : services) codes.emplace_back(s.at("code").as_string());
  EXPECT_EQ(codes, (std::vector<std::string>{"NCC", "BTXH", "LDVL", "TKQ"}));
  EXPECT_EQ(services[0].at("prefix").as_string(), "A");
  EXPECT_EQ(services[0].at("waiting").as_int64(), 0);
}

TEST_F(http_test, UnknownPathIs404WithAJsonError) {
  const auto r = get("/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(json::parse(r.body).at("error").at("code").as_string(), "not_found");
}

}  // namespace
}  // namespace motcua::testing
