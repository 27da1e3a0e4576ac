// The ticket on the citizen's phone over the real server (issue 14): the kiosk's reply carries
// the ticket's public token and page address, GET /api/v1/tickets/{token} follows the ticket
// (its place, then its counter), POST /api/v1/tickets/{token}/cancel gives it up, a wrong token
// is a 404 that says nothing, and no other verb is taken. GET /api/v1/tickets/{token}/events
// shows each change of the ticket as it happens, until it ends.
#include <regex>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "server/web/ticket_page.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/raw_http.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class ticket_route_test : public server_test {
 protected:
  ticket_route_test() { start_demo_with(R"({"public_base_url": "https://motcua.example.vn"})"); }

  http_answer send(const std::string& method, const std::string& target) {
    return http_exchange(server(),
                         method + " " + target +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                             "Connection: close\r\n\r\n",
                         "127.0.0.1", 30s);
  }
  // A form post (application/x-www-form-urlencoded) to a ticket's page, from a page of `origin`.
  http_answer post(const std::string& target, const std::string& body,
                   const std::string& origin = "") {
    return http_exchange(server(),
                         "POST " + target +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                             "application/x-www-form-urlencoded\r\n" +
                             (origin.empty() ? "" : "Origin: " + origin + "\r\n") +
                             "Content-Length: " + std::to_string(body.size()) +
                             "\r\nConnection: close\r\n\r\n" + body,
                         "127.0.0.1", 30s);
  }
  // motcua_ticket_followers in /metrics (asked from another address: its own budget).
  int followers() {
    const auto figures = http_exchange(server(), get_request("/metrics"), "127.0.0.9").body();
    const std::string name = "\nmotcua_ticket_followers ";
    const auto at = figures.find(name);
    return at == std::string::npos ? -1 : std::stoi(figures.substr(at + name.size()));
  }
  json::object ticket(const std::string& token) {
    auto a = send("GET", "/api/v1/tickets/" + token);
    EXPECT_EQ(a.result_int(), 200u) << a.body();
    EXPECT_EQ(a[boost::beast::http::field::cache_control], "no-store");
    return json::parse(a.body()).as_object();
  }
};

TEST_F(ticket_route_test, APhoneFollowsItsTicketUntilItIsCalled) {
  auto k = kiosk();
  auto first = take(*k, 1, "phone-route-1").ticket;
  auto second = take(*k, 1, "phone-route-2").ticket;
  ASSERT_TRUE(second.public_token.has_value());
  EXPECT_TRUE(std::regex_match(*second.public_token, std::regex("[0-9a-f]{32}")));
  EXPECT_EQ(second.public_url, "https://motcua.example.vn/ve/" + *second.public_token);

  auto waiting = ticket(*second.public_token);
  EXPECT_EQ(waiting.at("number"), second.number.c_str());
  EXPECT_EQ(waiting.at("service_name"), "Người có công");
  EXPECT_EQ(waiting.at("state"), "waiting");
  EXPECT_EQ(waiting.at("ahead"), 1);
  EXPECT_TRUE(waiting.contains("eta_minutes"));
  EXPECT_FALSE(waiting.contains("id")) << "nothing but what the page shows";

  auto desk = clerk("clerk1", 1, {1});
  clerk_do(*desk, protocol::call_next{});
  auto called = ticket(*first.public_token);
  EXPECT_EQ(called.at("state"), "called");
  EXPECT_EQ(called.at("counter"), 1);
  EXPECT_EQ(called.at("counter_name"), "Quầy 1");

  for (const auto& wrong : {std::string(32, '0'), std::string("x"), std::string(300, 'a')}) {
    auto a = send("GET", "/api/v1/tickets/" + wrong);
    EXPECT_EQ(a.result_int(), 404u) << wrong;
    EXPECT_EQ(a.body().find(second.number), std::string::npos);
  }
}

// A hall of phones shares the centre's Wi-Fi address: following their tickets (here 60 reads,
// twice the lookup burst) is never refused, nor after stale or wrong tokens (a 128-bit token
// has nothing to walk: no lookup budget).
TEST_F(ticket_route_test, PhonesBehindOneAddressAreNeverRefusedForTheirOwnTickets) {
  auto k = kiosk();
  const auto token = *take(*k, 1, "nat-1").ticket.public_token;
  for (int read = 0; read < 60; ++read) {
    auto a = send("GET", "/api/v1/tickets/" + token);
    ASSERT_EQ(a.result_int(), 200u) << read << " " << a.body();
  }
  for (int stale = 0; stale < 20; ++stale)
    ASSERT_EQ(send("GET", "/api/v1/tickets/" + std::string(32, 'a')).result_int(), 404u) << stale;
  EXPECT_EQ(send("GET", "/api/v1/tickets/" + token).result_int(), 200u);
}

TEST_F(ticket_route_test, ACitizenGivesTheirTicketUpOnceAndOnlyByPost) {
  auto k = kiosk();
  auto t = take(*k, 1, "phone-route-1").ticket;
  const auto url = "/api/v1/tickets/" + *t.public_token;
  EXPECT_EQ(send("DELETE", url).result_int(), 405u);
  EXPECT_EQ(send("GET", url + "/cancel").result_int(), 405u);
  EXPECT_EQ(list_services(*k).at(0).waiting, 1);

  auto gone = send("POST", url + "/cancel");
  ASSERT_EQ(gone.result_int(), 200u) << gone.body();
  EXPECT_EQ(json::parse(gone.body()).at("state"), "cancelled");
  EXPECT_EQ(list_services(*k).at(0).waiting, 0) << "its place is freed";
  EXPECT_EQ(ticket(*t.public_token).at("state"), "cancelled");
  EXPECT_EQ(send("POST", "/api/v1/tickets/" + std::string(32, '0') + "/cancel").result_int(), 404u);
}

TEST_F(ticket_route_test, TheEventStreamShowsEachChangeUntilTheTicketEnds) {
  auto k = kiosk();
  take(*k, 1, "phone-stream-1");
  auto mine = take(*k, 1, "phone-stream-2").ticket;
  event_stream phone(server(), "/api/v1/tickets/" + *mine.public_token + "/events");
  ASSERT_EQ(phone.head().result_int(), 200u);
  EXPECT_EQ(phone.head()[boost::beast::http::field::content_type],
            "text/event-stream; charset=utf-8");
  EXPECT_EQ(phone.head()[boost::beast::http::field::cache_control], "no-store");
  auto view = [&] { return json::parse(phone.next()).as_object(); };
  auto first = view();
  EXPECT_EQ(first.at("number"), mine.number.c_str());
  EXPECT_EQ(first.at("ahead"), 1);

  auto desk = clerk("clerk1", 1, {1});
  clerk_do(*desk, protocol::call_next{});  // the one ahead
  EXPECT_EQ(view().at("ahead"), 0);
  clerk_do(*desk, protocol::no_show{});
  clerk_do(*desk, protocol::call_next{});
  auto called = view();
  EXPECT_EQ(called.at("state"), "called");
  EXPECT_EQ(called.at("counter_name"), "Quầy 1");
  clerk_do(*desk, protocol::recall{});
  EXPECT_EQ(view(), called) << "called again: the phone rings again";
  clerk_do(*desk, protocol::start_service{});
  EXPECT_EQ(view().at("state"), "serving");
  clerk_do(*desk, protocol::finish{});
  EXPECT_EQ(view().at("state"), "done");
  EXPECT_TRUE(phone.ends()) << "nothing more to follow";
}

TEST_F(ticket_route_test, QueueNewsHeldBackForAMomentIsNeverLost) {
  // The phones of a service hear of its queue at most every two seconds: the second call
  // comes within them, and its news arrives all the same, a moment later.
  auto k = kiosk();
  take(*k, 1, "phone-news-1");
  take(*k, 1, "phone-news-2");
  auto mine = take(*k, 1, "phone-news-3").ticket;
  event_stream phone(server(), "/api/v1/tickets/" + *mine.public_token + "/events");
  auto ahead = [&] { return json::parse(phone.next()).at("ahead").as_int64(); };
  EXPECT_EQ(ahead(), 2);
  auto desk = clerk("clerk1", 1, {1});
  clerk_do(*desk, protocol::call_next{});
  EXPECT_EQ(ahead(), 1);
  clerk_do(*desk, protocol::no_show{});
  clerk_do(*desk, protocol::call_next{});
  EXPECT_EQ(ahead(), 0);
}

TEST_F(ticket_route_test, AStreamIsOnlyForATicketOfTodayAndAFewPhones) {
  auto wrong = event_stream(server(), "/api/v1/tickets/" + std::string(32, '0') + "/events");
  EXPECT_EQ(wrong.head().result_int(), 404u);
  EXPECT_EQ(json::parse(wrong.head().body()).at("error").at("code"), "not_found");

  auto k = kiosk();
  const auto url = "/api/v1/tickets/" + *take(*k, 1, "phone-stream").ticket.public_token;
  EXPECT_EQ(send("POST", url + "/events").result_int(), 405u);
  std::vector<std::unique_ptr<event_stream>> phones;
  for (int i = 0; i < 4; ++i) {
    phones.push_back(std::make_unique<event_stream>(server(), url + "/events"));
    ASSERT_EQ(phones.back()->head().result_int(), 200u) << i;
    phones.back()->next();
  }
  event_stream fifth(server(), url + "/events");
  EXPECT_EQ(fifth.head().result_int(), 429u);
  EXPECT_EQ(json::parse(fifth.head().body()).at("error").at("code"), "limit");
  phones.pop_back();  // a phone gone frees its place, once the server has seen it go
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (followers() != 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  ASSERT_EQ(followers(), 3);
  event_stream again(server(), url + "/events");
  EXPECT_EQ(again.head().result_int(), 200u);
}

TEST_F(ticket_route_test, TheTicketsPageIsGivenUpAndRatedByItsOwnPostsOnly) {
  auto k = kiosk();
  auto t = take(*k, 1, "phone-page").ticket;
  const auto page = "/ve/" + *t.public_token;
  auto shown = send("GET", page);
  ASSERT_EQ(shown.result_int(), 200u);
  EXPECT_EQ(shown[boost::beast::http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(shown["Content-Security-Policy"], web::ticket_page_csp);
  EXPECT_NE(shown.body().find(">" + t.number + "</p>"), std::string::npos);
  EXPECT_EQ(send("GET", "/ve/" + std::string(32, '0')).result_int(), 404u);
  auto script = send("GET", "/ve.js");
  EXPECT_EQ(script.result_int(), 200u);
  EXPECT_EQ(script[boost::beast::http::field::content_type], "text/javascript; charset=utf-8");

  // Rated before it is done: the page again, nothing recorded.
  auto early = post(page + "/danh-gia", "level=3");
  EXPECT_EQ(early.result_int(), 303u);
  EXPECT_EQ(early[boost::beast::http::field::location], page);
  // A post from another site's page is refused; the ticket still waits.
  EXPECT_EQ(post(page + "/huy", "", "https://elsewhere.example").result_int(), 403u);
  EXPECT_EQ(ticket(*t.public_token).at("state"), "waiting");
  auto gone = post(page + "/huy?lang=en", "", "http://127.0.0.1");
  EXPECT_EQ(gone.result_int(), 303u);
  EXPECT_EQ(gone[boost::beast::http::field::location], page + "?da-huy=1&lang=en");
  EXPECT_EQ(ticket(*t.public_token).at("state"), "cancelled");

  // Served to the end, then rated once from the phone: a double tap is the same rating.
  auto served = take(*k, 1, "phone-page-served").ticket;
  auto desk = clerk("clerk1", 1, {1});
  clerk_do(*desk, protocol::call_next{});
  clerk_do(*desk, protocol::start_service{});
  clerk_do(*desk, protocol::finish{});
  const auto own = "/ve/" + *served.public_token;
  // A confirm page posted once it is over: its page, with no "cancelled" notice.
  EXPECT_EQ(post(own + "/huy", "")[boost::beast::http::field::location], own);
  for (int tap = 0; tap < 2; ++tap) {
    auto rated = post(own + "/danh-gia", "level=3");
    EXPECT_EQ(rated.result_int(), 303u);
    EXPECT_EQ(rated[boost::beast::http::field::location], own + "?da-danh-gia=1");
  }
  auto manager = staff("manager");
  auto stats = result_of<protocol::stats_result>(manager->call(protocol::get_stats{}));
  EXPECT_EQ(stats.ratings.counts, (std::vector<int>{0, 0, 1}));
}

}  // namespace
}  // namespace motcua::testing
