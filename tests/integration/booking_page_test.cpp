// The booking pages (/dat-lich, issue 13) against the real server, as a browser without
// JavaScript uses them: the steps as GET links, the form posted form-encoded with its cookie and
// hidden token, the booking's own page, its calendar file and its cancel step. Also what must be
// refused: a forged post (no cookie, another form's token, another site's Origin) stores nothing,
// bad fields are named beside the form with the values kept and nothing stored, a wrong token
// shows nothing, and a double submit makes one booking.
#include <regex>
#include <string>

#include <boost/json.hpp>

#include "tests/integration/server_test.hpp"
#include "tests/support/raw_http.hpp"

namespace motcua::testing {
namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The first match of `pattern`'s first group in `text`, or "".
std::string first(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

// application/x-www-form-urlencoded: every byte but unreserved ones percent-encoded.
std::string encoded(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

// What a browser keeps between the pages of one booking: the cookie, the last form's fields.
struct form_state {
  std::string cookie;      // "motcua_form=..."
  std::string form_token;  // the hidden fields of the last form page
  std::string request_key;
};

class booking_page_test : public server_test {
 protected:
  // The demo centre; Người có công (1) takes bookings, 2 places a slot.
  booking_page_test() {
    start_demo_with(R"({"services": [
      {"id": 1, "code": "NCC", "prefix": "A", "name": "Người có công", "name_en": "Merit",
       "booking": {"walk_in_share": 0, "slot_minutes": 15, "places_per_slot": 2}},
      {"id": 2, "code": "BTXH", "prefix": "B", "name": "Bảo trợ xã hội", "name_en": "Social"},
      {"id": 3, "code": "LDVL", "prefix": "C", "name": "Lao động", "name_en": "Labour"},
      {"id": 4, "code": "TKQ", "prefix": "D", "name": "Trả kết quả", "name_en": "Results"}]})");
  }

  http_answer get(const std::string& target, const std::string& cookie = "") {
    return http_exchange(server(),
                         "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                             (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") +
                             "Connection: close\r\n\r\n",
                         "127.0.0.1", 30s);
  }
  http_answer post(const std::string& target, const std::string& body, const std::string& cookie,
                   const std::string& origin = "") {
    return http_exchange(server(),
                         "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                             "Content-Type: application/x-www-form-urlencoded\r\n" +
                             (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") +
                             (origin.empty() ? "" : "Origin: " + origin + "\r\n") +
                             "Content-Length: " + std::to_string(body.size()) +
                             "\r\nConnection: close\r\n\r\n" + body,
                         "127.0.0.1", 30s);
  }

  // Service 1's first bookable day and its first time, walked to through the pages' links.
  std::string form_target() {
    auto days = get("/dat-lich?service=1");
    EXPECT_EQ(days.result_int(), 200u);
    const auto date = first(days.body(), R"(date=(\d{4}-\d\d-\d\d))");
    EXPECT_FALSE(date.empty()) << days.body();
    auto times = get("/dat-lich?service=1&date=" + date);
    EXPECT_EQ(times.result_int(), 200u);
    const auto link =
        first(times.body(), R"(href="(/dat-lich\?service=1&amp;date=[^"]*start=[^"]*)\")");
    EXPECT_FALSE(link.empty()) << times.body();
    return std::regex_replace(link, std::regex("&amp;"), "&");
  }

  // The form page, and what the browser keeps of it.
  form_state open_form(const std::string& target, const std::string& cookie = "") {
    auto page = get(target, cookie);
    EXPECT_EQ(page.result_int(), 200u) << page.body();
    form_state s;
    s.cookie = first(std::string(page[http::field::set_cookie]), "^(motcua_form=[0-9a-f]{64})");
    EXPECT_TRUE(contains(std::string(page[http::field::set_cookie]), "SameSite=Strict"));
    EXPECT_TRUE(contains(std::string(page[http::field::set_cookie]), "HttpOnly"));
    s.form_token = first(page.body(), R"re(name="form_token" value="([^"]+)")re");
    s.request_key = first(page.body(), R"re(name="request_key" value="([^"]+)")re");
    EXPECT_FALSE(s.form_token.empty());
    EXPECT_FALSE(s.request_key.empty());
    return s;
  }

  // The form's body as the browser sends it.
  static std::string body(const std::string& form_target, const form_state& s,
                          const std::string& name, const std::string& phone) {
    // The start as the time's link has it, percent-encoded already.
    return "service=1&start=" + first(form_target, "start=([^&]+)") +
           "&request_key=" + s.request_key + "&form_token=" + encoded(s.form_token) +
           "&full_name=" + encoded(name) + "&phone=" + encoded(phone) + "&id_number=";
  }

  // How many places are left at the form's slot (the JSON route).
  int free_places(const std::string& form_target) {
    const auto date = first(form_target, "date=([0-9-]+)");
    auto start = first(form_target, "start=([^&]+)");
    start = std::regex_replace(start, std::regex("%3A"), ":");
    start = std::regex_replace(start, std::regex("%2B"), "+");
    auto day = boost::json::parse(get("/api/v1/slots?service=1&date=" + date).body());
    for (const auto& slot : day.at("slots").as_array())
      if (slot.at("start") == start.c_str()) return static_cast<int>(slot.at("free").as_int64());
    ADD_FAILURE() << "no slot at " << start;
    return -1;
  }
};

TEST_F(booking_page_test, books_from_the_pages_and_cancels_on_its_own_page) {
  auto services = get("/dat-lich");
  ASSERT_EQ(services.result_int(), 200u);
  EXPECT_TRUE(contains(services.body(), "<html lang=\"vi\""));
  EXPECT_TRUE(contains(services.body(), "Người có công"));
  EXPECT_FALSE(contains(services.body(), "Bảo trợ xã hội")) << "only bookable services";

  const auto target = form_target();
  const auto s = open_form(target);
  const int free_before = free_places(target);

  auto made = post("/dat-lich", body(target, s, "Nguyễn Văn An", "0912 345 678"), s.cookie);
  ASSERT_EQ(made.result_int(), 303u) << made.body();
  const std::string location(made[http::field::location]);
  const auto code = first(location, "^/dat-lich/([A-Z0-9]{8})\\?token=[0-9a-f]{64}$");
  ASSERT_FALSE(code.empty()) << location;
  EXPECT_EQ(free_places(target), free_before - 1);

  // The double submit: the same booking, nothing more taken.
  auto again = post("/dat-lich", body(target, s, "Nguyễn Văn An", "0912 345 678"), s.cookie);
  EXPECT_EQ(again.result_int(), 303u);
  EXPECT_EQ(again[http::field::location], location);
  EXPECT_EQ(free_places(target), free_before - 1);

  auto own = get(location);
  ASSERT_EQ(own.result_int(), 200u);
  EXPECT_EQ(own[http::field::cache_control], "no-store");
  EXPECT_EQ(own["Referrer-Policy"], "no-referrer");
  EXPECT_TRUE(contains(own.body(), code));
  EXPECT_TRUE(contains(own.body(), "Nguyễn Văn An"));
  EXPECT_TRUE(contains(own.body(), "<svg class=\"qr\""));
  EXPECT_TRUE(contains(own.body(), "Đã đặt lịch"));
  EXPECT_TRUE(contains(own.body(), "Thêm vào lịch"));

  // The calendar file: one VEVENT in UTC, every line CRLF-ended.
  auto ics = get("/dat-lich/" + code + ".ics?token=" + first(location, "token=(.*)$"));
  ASSERT_EQ(ics.result_int(), 200u);
  EXPECT_EQ(ics[http::field::content_type], "text/calendar; charset=utf-8");
  const auto& cal = ics.body();
  EXPECT_TRUE(cal.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_TRUE(cal.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
  EXPECT_TRUE(std::regex_search(cal, std::regex("\r\nDTSTART:\\d{8}T\\d{6}Z\r\n")));
  EXPECT_TRUE(std::regex_search(cal, std::regex("\r\nDTEND:\\d{8}T\\d{6}Z\r\n")));
  EXPECT_TRUE(contains(cal, "\r\nUID:" + code + "@motcua\r\n"));
  EXPECT_EQ(std::regex_replace(cal, std::regex("\r\n"), "").find('\n'), std::string::npos);

  // Cancel: a confirm step, then the post with the page's own token.
  auto confirm = get(location + "&huy=1");
  ASSERT_EQ(confirm.result_int(), 200u);
  const auto cookie =
      first(std::string(confirm[http::field::set_cookie]), "^(motcua_form=[0-9a-f]{64})");
  const auto token = first(confirm.body(), R"re(name="form_token" value="([^"]+)")re");
  EXPECT_TRUE(contains(confirm.body(), "action=\"/dat-lich/" + code + "/huy\""));
  auto cancelled =
      post("/dat-lich/" + code + "/huy",
           "token=" + first(location, "token=(.*)$") + "&form_token=" + encoded(token), cookie);
  ASSERT_EQ(cancelled.result_int(), 303u) << cancelled.body();
  EXPECT_EQ(cancelled[http::field::location], location);
  EXPECT_TRUE(contains(get(location).body(), "Đã huỷ"));
  EXPECT_EQ(free_places(target), free_before);
}

TEST_F(booking_page_test, a_forged_post_is_refused_and_stores_nothing) {
  const auto target = form_target();
  const auto s = open_form(target);
  const auto other = open_form(target, "");  // another browser's form: its own cookie
  const int free_before = free_places(target);
  const auto good = body(target, s, "Nguyễn Văn An", "0912345678");

  auto no_cookie = post("/dat-lich", good, "");
  EXPECT_EQ(no_cookie.result_int(), 403u);
  EXPECT_TRUE(contains(no_cookie.body(), "chưa có gì được lưu"));
  EXPECT_EQ(post("/dat-lich", good, other.cookie).result_int(), 403u) << "another cookie";
  EXPECT_EQ(post("/dat-lich", good, s.cookie, "https://evil.example").result_int(), 403u);
  form_state tampered = s;
  tampered.form_token[0] = tampered.form_token[0] == '1' ? '2' : '1';  // another time, same MAC
  EXPECT_EQ(post("/dat-lich", body(target, tampered, "Nguyễn Văn An", "0912345678"), s.cookie)
                .result_int(),
            403u);
  EXPECT_EQ(free_places(target), free_before);

  // The cancel form too.
  auto made = post("/dat-lich", good, s.cookie, "http://127.0.0.1");
  ASSERT_EQ(made.result_int(), 303u) << made.body();
  const std::string location(made[http::field::location]);
  const auto code = first(location, "^/dat-lich/([A-Z0-9]{8})");
  auto forged = post("/dat-lich/" + code + "/huy", "token=" + first(location, "token=(.*)$"), "");
  EXPECT_EQ(forged.result_int(), 403u);
  EXPECT_TRUE(contains(get(location).body(), "Đã đặt lịch"));
}

TEST_F(booking_page_test, bad_fields_are_named_the_values_kept_and_nothing_stored) {
  const auto target = form_target();
  const auto s = open_form(target);
  const int free_before = free_places(target);
  auto bad = post("/dat-lich", body(target, s, "", "12<b>"), s.cookie);
  ASSERT_EQ(bad.result_int(), 400u);
  const auto& page = bad.body();
  EXPECT_TRUE(contains(page, "Họ và tên, Số điện thoại")) << page;
  EXPECT_TRUE(std::regex_search(page, std::regex(R"(id="full_name"[^>]*aria-invalid="true")")));
  EXPECT_TRUE(std::regex_search(page, std::regex(R"(id="phone"[^>]*aria-invalid="true")")));
  EXPECT_TRUE(contains(page, "id=\"phone-error\""));
  EXPECT_TRUE(contains(page, "value=\"12&lt;b&gt;\"")) << "kept, escaped";
  EXPECT_TRUE(contains(page, "value=\"" + s.request_key + "\"")) << "the same booking intended";
  EXPECT_EQ(free_places(target), free_before);

  // In English with lang=en.
  auto en = post("/dat-lich", body(target, s, "", "1") + "&lang=en", s.cookie);
  EXPECT_EQ(en.result_int(), 400u);
  EXPECT_TRUE(contains(en.body(), "<html lang=\"en\""));
  EXPECT_TRUE(contains(en.body(), "Full name, Phone number"));
}

TEST_F(booking_page_test, moves_on_its_own_page_to_a_time_chosen_from_buttons) {
  const auto target = form_target();
  const auto s = open_form(target);
  const int free_before = free_places(target);
  auto made = post("/dat-lich", body(target, s, "Nguyễn Văn An", "0912345678"), s.cookie);
  ASSERT_EQ(made.result_int(), 303u);
  const std::string location(made[http::field::location]);
  const auto code = first(location, "^/dat-lich/([A-Z0-9]{8})");
  const auto token = first(location, "token=(.*)$");

  // The own page links to the move; the move's first page lists the days.
  const auto move = "/dat-lich/" + code + "/doi-gio?token=" + token;
  EXPECT_TRUE(contains(get(location).body(), "href=\"" + move + "\""));
  auto days = get(move);
  ASSERT_EQ(days.result_int(), 200u) << days.body();
  EXPECT_TRUE(contains(days.body(), "Giờ hẹn hiện tại"));
  // Each day links to its times, carrying the booking's time now to mark it there.
  const auto times_link = std::regex_replace(
      first(
          days.body(),
          R"re(href="(/dat-lich/[A-Z0-9]{8}/doi-gio\?token=[0-9a-f]+&amp;service=1&amp;date=[-0-9]+&amp;from=[^"]+)")re"),
      std::regex("&amp;"), "&");
  const auto date = first(times_link, "date=([-0-9]+)");
  ASSERT_FALSE(date.empty()) << days.body();

  // The day's times: one form, each free time its button; the second one is not the booking's.
  auto times = get(times_link);
  ASSERT_EQ(times.result_int(), 200u) << times.body();
  EXPECT_TRUE(contains(times.body(), "aria-current=\"true\"")) << "its time now, not a button";
  EXPECT_TRUE(contains(times.body(), "action=\"/dat-lich/" + code + "/doi-gio\""));
  const auto cookie =
      first(std::string(times[http::field::set_cookie]), "^(motcua_form=[0-9a-f]{64})");
  const auto form_token = first(times.body(), R"re(name="form_token" value="([^"]+)")re");
  std::vector<std::string> starts;
  const std::regex button(R"re(<button type="submit" name="start" value="([^"]+)")re");
  for (auto it = std::sregex_iterator(times.body().begin(), times.body().end(), button);
       it != std::sregex_iterator(); ++it)
    starts.push_back((*it)[1].str());
  ASSERT_GE(starts.size(), 2u) << times.body();
  const auto fields = "token=" + token + "&form_token=" + encoded(form_token) +
                      "&service=1&date=" + date + "&start=";

  // Forged (no cookie): refused, nothing moved.
  EXPECT_EQ(post("/dat-lich/" + code + "/doi-gio", fields + encoded(starts[1]), "").result_int(),
            403u);
  EXPECT_EQ(free_places(target), free_before - 1);
  // Another booking's token: nothing to move.
  EXPECT_EQ(post("/dat-lich/" + code + "/doi-gio",
                 std::regex_replace(fields, std::regex("token=[0-9a-f]+"),
                                    "token=" + std::string(64, '0'),
                                    std::regex_constants::format_first_only) +
                     encoded(starts[1]),
                 cookie)
                .result_int(),
            404u);
  // A time that is no slot: the refusal says why, the booking as it was.
  auto refused =
      post("/dat-lich/" + code + "/doi-gio", fields + encoded(date + "T03:07:00+07:00"), cookie);
  EXPECT_EQ(refused.result_int(), 409u);
  EXPECT_TRUE(contains(refused.body(), "Lịch hẹn vẫn giữ giờ cũ.")) << refused.body();
  EXPECT_TRUE(contains(refused.body(), "Không có khung giờ hẹn nào bắt đầu lúc 03:07"));

  auto moved = post("/dat-lich/" + code + "/doi-gio", fields + encoded(starts[1]), cookie);
  ASSERT_EQ(moved.result_int(), 303u) << moved.body();
  EXPECT_EQ(moved[http::field::location], location + "&da-doi=1");
  auto own = get(location + "&da-doi=1");
  EXPECT_TRUE(contains(own.body(), "Đã đổi giờ hẹn")) << own.body();
  EXPECT_TRUE(contains(own.body(), code));
  EXPECT_EQ(free_places(target), free_before) << "the old place is free again";
}

TEST_F(booking_page_test, a_wrong_token_shows_nothing) {
  const auto target = form_target();
  const auto s = open_form(target);
  auto made = post("/dat-lich", body(target, s, "Nguyễn Văn An", "0912345678"), s.cookie);
  ASSERT_EQ(made.result_int(), 303u);
  const auto code = first(std::string(made[http::field::location]), "^/dat-lich/([A-Z0-9]{8})");
  for (const auto& wrong :
       {"/dat-lich/" + code + "?token=" + std::string(64, '0'), "/dat-lich/" + code,
        "/dat-lich/" + code + ".ics?token=x", "/dat-lich/ZZZZZZZZ?token=" + std::string(64, '0')}) {
    auto page = get(wrong);
    EXPECT_EQ(page.result_int(), 404u) << wrong;
    EXPECT_FALSE(contains(page.body(), "Nguyễn Văn An")) << wrong;
    EXPECT_FALSE(contains(page.body(), "0912")) << wrong;
  }
}

}  // namespace
}  // namespace motcua::testing
