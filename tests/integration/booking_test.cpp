// Booking a time against the real server (issue 13), over HTTP and the WebSocket: a booking made,
// the same request again, a double booking, a full slot, bad fields named and nothing stored,
// reading and cancelling with the manage token (a wrong or missing one is 404 and shows nothing),
// a clerk's list, book and cancel with the staff's events, the kiosk's check-in too early and
// within its window, the per-address and per-phone limits, and 200 bookings at once for a slot of
// 10 places.
//
// The server runs at the real time, so the day to book is found by asking for its slots day
// after day, as any client would. To check a booking in within its window the server runs as
// booking_centre.hpp's checking_in_tonight says. That a booking not checked in becomes missed needs
// its window to pass: the engine's tests do that on a test clock (unit/booking_desk_test.cpp).
#include <chrono>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "tests/integration/booking_centre.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/raw_http.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;
using namespace std::chrono_literals;
using domain::booking_status;
using protocol::error_code;

json::object object_of(const http_answer& a) { return json::parse(a.body()).as_object(); }
std::string text(const json::value& v) { return std::string(v.as_string()); }
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// POST /api/v1/bookings's body.
std::string booking_body(const std::string& start, const std::string& phone, const std::string& key,
                         const std::string& name = "Nguyễn Văn An") {
  return R"({"service":1,"start":")" + start + R"(","full_name":")" + name + R"(","phone":")" +
         phone + R"(","request_key":"booking-request-)" + key + R"("})";
}

class booking_test : public server_test {
 protected:
  booking_test() { start_demo_with(centre(2)); }

  http_answer get(const std::string& target, const std::string& from = "127.0.0.1") {
    return http_exchange(server(), get_request(target), from);
  }
  http_answer send(const std::string& method, const std::string& target, const std::string& body,
                   const std::string& from = "127.0.0.1",
                   const std::string& type = "application/json") {
    const auto request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                         (type.empty() ? "" : "Content-Type: " + type + "\r\n") +
                         "Content-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: close\r\n\r\n" + body;
    return http_exchange(server(), request, from, 30s);
  }
  http_answer post(const std::string& body, const std::string& from = "127.0.0.1") {
    return send("POST", "/api/v1/bookings", body, from);
  }

  // The slots of service 1 on `date` (YYYY-MM-DD).
  json::object slots(const std::string& date) {
    auto a = get("/api/v1/slots?service=1&date=" + date, "127.0.0.9");
    EXPECT_EQ(a.result_int(), 200u) << a.body();
    return object_of(a);
  }
  // The first day after today that has slots to book, and its slots.
  std::pair<std::string, json::array> first_bookable_day() {
    const auto today = domain::business_zone{}.day_of(domain::system_clock{}.now());
    for (int i = 1; i <= 20; ++i) {
      const auto date = domain::format_iso_date(
          std::chrono::year_month_day{std::chrono::sys_days{today} + std::chrono::days{i}});
      auto s = slots(date);
      if (!s.at("slots").as_array().empty()) return {date, s.at("slots").as_array()};
    }
    throw std::runtime_error("no bookable day in 20 days");
  }
  int free_at(const std::string& date, const std::string& start) {
    const auto day = slots(date);  // kept alive for the loop: the array is inside it
    for (const auto& s : day.at("slots").as_array())
      if (s.at("start") == start.c_str()) return static_cast<int>(s.at("free").as_int64());
    throw std::runtime_error("no slot at " + start);
  }

  protocol::bookings_result bookings_of(client::blocking_client& staff, const std::string& date) {
    return result_of<protocol::bookings_result>(staff.call(protocol::list_bookings{date, {}}));
  }
};

// 4xx with the JSON error `code`.
json::object expect_error(const http_answer& a, unsigned status, const std::string& code) {
  EXPECT_EQ(a.result_int(), status) << a.body();
  EXPECT_EQ(a[http::field::content_type], "application/json");
  auto error = object_of(a).at("error").as_object();
  EXPECT_EQ(error.at("code"), code.c_str()) << a.body();
  return error;
}

TEST_F(booking_test, BookTheSameRequestAgainReadAndCancelWithTheToken) {
  auto [date, day] = first_bookable_day();
  const auto start = text(day[0].at("start"));
  EXPECT_EQ(day[0].at("capacity"), 2);
  EXPECT_EQ(day[0].at("free"), 2);

  auto made = post(booking_body(start, "0905 123 456", "first"));
  ASSERT_EQ(made.result_int(), 201u) << made.body();
  const auto booking = object_of(made).at("booking").as_object();
  const auto code = text(booking.at("code"));
  const auto token = text(booking.at("manage_token"));
  EXPECT_EQ(code.size(), 8u);
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(booking.at("status"), "booked");
  EXPECT_EQ(booking.at("start"), start.c_str());
  EXPECT_EQ(booking.at("phone"), "0905123456");
  EXPECT_EQ(free_at(date, start), 1);

  // The reply was lost, the phone sends it again: the same booking and token, nothing new.
  auto again = post(booking_body(start, "0905 123 456", "first"));
  EXPECT_EQ(again.result_int(), 200u) << again.body();
  EXPECT_EQ(object_of(again).at("booking").at("code"), code.c_str());
  EXPECT_EQ(object_of(again).at("booking").at("manage_token"), token.c_str());
  EXPECT_EQ(free_at(date, start), 1);

  const auto own = "/api/v1/bookings/" + code;
  auto read = get(own + "?token=" + token);
  ASSERT_EQ(read.result_int(), 200u) << read.body();
  EXPECT_EQ(object_of(read).at("booking").at("full_name"), "Nguyễn Văn An");
  EXPECT_FALSE(object_of(read).at("booking").as_object().contains("manage_token"));
  for (const auto& wrong : {own, own + "?token=" + std::string(64, '0'), own + "?token="}) {
    auto refused = get(wrong, "127.0.0.3");
    expect_error(refused, 404, "not_found");
    EXPECT_FALSE(contains(refused.body(), "Nguy")) << refused.body();
    EXPECT_FALSE(contains(refused.body(), "0905")) << refused.body();
  }
  expect_error(send("DELETE", own + "?token=" + std::string(64, '1'), ""), 404, "not_found");

  auto cancelled = send("DELETE", own + "?token=" + token, "");
  ASSERT_EQ(cancelled.result_int(), 200u) << cancelled.body();
  EXPECT_EQ(object_of(cancelled).at("booking").at("status"), "cancelled");
  EXPECT_EQ(free_at(date, start), 2);
  EXPECT_EQ(object_of(get(own + "?token=" + token)).at("booking").at("status"), "cancelled");
}

TEST_F(booking_test, ADoubleBookingAndAFullSlotAreConflicts) {
  auto [date, day] = first_bookable_day();
  const auto first = text(day[0].at("start")), second = text(day[1].at("start"));
  ASSERT_EQ(post(booking_body(first, "0905000001", "a")).result_int(), 201u);
  ASSERT_EQ(post(booking_body(first, "0905000002", "b")).result_int(), 201u);
  auto full = expect_error(post(booking_body(first, "0905000003", "c")), 409, "conflict");
  EXPECT_EQ(full.at("message"), "Khung giờ này đã hết chỗ. Vui lòng chọn giờ khác.");
  EXPECT_EQ(full.at("message_en"), "This time is fully booked. Please choose another time.");
  // One phone, one booking of the service a day.
  auto twice = expect_error(post(booking_body(second, "0905000001", "d")), 409, "conflict");
  EXPECT_TRUE(contains(text(twice.at("message_en")), "already has an appointment"));
  EXPECT_EQ(free_at(date, second), 2);

  auto manager = staff("manager");
  const auto list = bookings_of(*manager, date);
  EXPECT_EQ(list.bookings.size(), 2u);
}

TEST_F(booking_test, BadFieldsAreNamedInBothLanguagesAndNothingIsStored) {
  auto [date, day] = first_bookable_day();
  const auto start = text(day[0].at("start"));
  auto refused = post(R"({"service":1,"start":")" + start +
                      R"(","full_name":" ","phone":"12345","id_number":"123",)"
                      R"("request_key":"short"})");
  auto e = expect_error(refused, 400, "invalid");
  const auto& fields = e.at("fields").as_object();
  for (const char* field : {"full_name", "phone", "id_number", "request_key"})
    EXPECT_TRUE(fields.contains(field)) << field << " in " << refused.body();
  EXPECT_FALSE(fields.contains("start"));
  EXPECT_TRUE(contains(text(fields.at("phone")), "Số điện thoại không hợp lệ")) << refused.body();
  EXPECT_EQ(e.at("message"),
            "Thông tin đặt lịch chưa hợp lệ: Họ và tên, Số điện thoại, Số định danh cá nhân, Mã "
            "yêu cầu (request_key).");
  EXPECT_EQ(e.at("message_en"),
            "The booking is not valid: Full name, Phone number, Personal ID number, Request key.");
  // A start that is no slot, a day that cannot be booked: the field says which.
  auto off = expect_error(post(booking_body(date + "T06:59:00+07:00", "0905000001", "off")), 400,
                          "invalid");
  EXPECT_TRUE(off.at("fields").as_object().contains("start"));
  EXPECT_EQ(free_at(date, start), 2);

  // Not JSON, or not said to be: refused before the engine sees it.
  expect_error(send("POST", "/api/v1/bookings", booking_body(start, "0905000001", "form"),
                    "127.0.0.1", "application/x-www-form-urlencoded"),
               415, "bad_request");
  auto malformed = expect_error(post(R"({"service":"one"})"), 400, "bad_request");
  EXPECT_EQ(malformed.at("message_en"), "service: expected an integer, got a string");
  expect_error(send("PUT", "/api/v1/bookings", "{}"), 405, "bad_request");
  expect_error(get("/api/v1/slots?service=2&date=" + date), 404, "not_found");
  expect_error(get("/api/v1/slots?service=1&date=tomorrow"), 400, "invalid");
  EXPECT_EQ(free_at(date, start), 2);
}

TEST_F(booking_test, AClerkListsBooksAndCancelsAndTheStaffSeeEveryChange) {
  auto [date, day] = first_bookable_day();
  const auto start = text(day[0].at("start"));
  auto clerk = staff("clerk1");
  auto display = device("demo-display");

  protocol::book asked{1,
                       start,
                       "Trần Thị Bình",
                       "0912345678",
                       "clerk-booking-request-1",
                       "048185000123",
                       std::nullopt,
                       "vi"};
  auto made = result_of<protocol::booking_result>(clerk->call(asked)).booking;
  EXPECT_EQ(made.status, booking_status::booked);
  auto changed = events_until(*clerk, [&](const protocol::event& e) {
    return body_as<protocol::booking_changed>(e) != nullptr;
  });
  const auto& event = std::get<protocol::booking_changed>(changed.back().body).booking;
  EXPECT_EQ(event.code, made.code);
  EXPECT_EQ(event.booked_by, "clerk1");
  EXPECT_EQ(event.id_number, "048185000123");

  ASSERT_EQ(post(booking_body(start, "0905000001", "web")).result_int(), 201u);
  auto list = result_of<protocol::bookings_result>(clerk->call(protocol::list_bookings{date, 1}));
  ASSERT_EQ(list.bookings.size(), 2u);
  EXPECT_EQ(list.bookings[1].booked_by, "public");
  const auto slot = std::ranges::find(list.slots, start, &protocol::slot_view::start);
  ASSERT_NE(slot, list.slots.end());
  EXPECT_EQ(slot->booked, 2);
  EXPECT_EQ(slot->free, 0);

  auto no_reason = error_of(clerk->call(protocol::cancel_booking{made.code, {}}));
  EXPECT_EQ(no_reason.code, error_code::invalid);
  auto cancelled = result_of<protocol::booking_result>(
      clerk->call(protocol::cancel_booking{made.code, "Công dân gọi điện huỷ"}));
  EXPECT_EQ(cancelled.booking.status, booking_status::cancelled);
  EXPECT_EQ(free_at(date, start), 1);

  // The hall's screens never receive bookings: they name citizens.
  EXPECT_EQ(error_of(kiosk()->call(protocol::list_bookings{date, {}})).code, error_code::forbidden);
  take(*kiosk(), 2, "after-the-bookings");
  for (const auto& e : events_until(*display, queue_changed(2)))
    EXPECT_FALSE(body_as<protocol::booking_changed>(e)) << "a display got a booking";
}

TEST_F(booking_test, TheKioskChecksInTooEarlyOrUnknownWithAReason) {
  auto [date, day] = first_bookable_day();
  const auto start = text(day[0].at("start"));
  auto made = post(booking_body(start, "0905000001", "early"));
  ASSERT_EQ(made.result_int(), 201u);
  const auto code = text(object_of(made).at("booking").at("code"));
  auto k = kiosk();
  auto early = error_of(k->call(protocol::check_in{code, {}}));
  EXPECT_EQ(early.code, error_code::conflict);
  EXPECT_TRUE(contains(early.message, "Vui lòng quay lại từ")) << early.message;
  const auto opens = domain::parse_iso8601(start).value() - 30min;
  EXPECT_EQ(early.retry_at, domain::business_zone{}.format(opens));
  EXPECT_TRUE(contains(early.message,
                       domain::format_hh_mm_ddmmyyyy(opens, domain::business_zone{}).substr(0, 5)))
      << early.message;
  EXPECT_EQ(error_of(k->call(protocol::check_in{"ZZZZ2222", {}})).code, error_code::not_found);
  EXPECT_EQ(error_of(k->call(protocol::check_in{{}, "0905999999"})).code, error_code::not_found);
}

TEST_F(booking_test, TheKioskChecksInWithinTheWindowAndGetsOneAppointmentTicket) {
  const auto zone = zone_at_ten_pm();
  const auto today = zone.day_of(domain::system_clock{}.now());
  const auto tomorrow =
      std::chrono::year_month_day{std::chrono::sys_days{today} + std::chrono::days{1}};
  start_demo_with(checking_in_tonight(zone));
  const auto midnight = zone.format(zone.at(tomorrow, 0min));
  const auto three = zone.format(zone.at(tomorrow, 180min));
  auto first = post(booking_body(midnight, "0905000001", "midnight"));
  ASSERT_EQ(first.result_int(), 201u) << first.body();
  auto later = post(booking_body(three, "0905000002", "three"));
  ASSERT_EQ(later.result_int(), 201u) << later.body();
  const auto code = text(object_of(first).at("booking").at("code"));

  auto k = kiosk();
  auto clerk = staff("clerk1");
  auto in = result_of<protocol::ticket_result>(k->call(protocol::check_in{code, {}}));
  EXPECT_EQ(in.ticket.priority, domain::priority::appointment);
  EXPECT_EQ(in.ticket.state, domain::ticket_state::waiting);
  EXPECT_TRUE(in.ahead.has_value());
  EXPECT_TRUE(in.eta_minutes.has_value());
  auto again = result_of<protocol::ticket_result>(k->call(protocol::check_in{{}, "0905000001"}));
  EXPECT_EQ(again.ticket.id, in.ticket.id) << "one ticket per booking";

  auto list = bookings_of(*clerk, domain::format_iso_date(tomorrow));
  ASSERT_EQ(list.bookings.size(), 2u);
  EXPECT_EQ(list.bookings[0].status, booking_status::checked_in);
  EXPECT_EQ(list.bookings[0].ticket, in.ticket.id);

  // The 03:00 slot's window opens at 23:00 today.
  auto early = error_of(k->call(protocol::check_in{{}, "0905000002"}));
  EXPECT_EQ(early.code, error_code::conflict);
  EXPECT_EQ(early.retry_at, zone.format(zone.at(today, 23h)));
}

TEST_F(booking_test, PerAddressAndPerPhoneLimitsAnswer429WithRetryAfter) {
  auto [date, day] = first_bookable_day();
  const auto start = text(day[0].at("start"));
  // One phone books and cancels, again and again: the fifth booking of the day is refused.
  for (int i = 0; i < 4; ++i) {
    auto made = post(booking_body(start, "0905000001", "churn-" + std::to_string(i)), "127.0.0.4");
    ASSERT_EQ(made.result_int(), 201u) << made.body();
    const auto b = object_of(made).at("booking");
    ASSERT_EQ(
        send("DELETE",
             "/api/v1/bookings/" + text(b.at("code")) + "?token=" + text(b.at("manage_token")), "",
             "127.0.0.5")
            .result_int(),
        200u);
  }
  auto fifth = post(booking_body(start, "0905000001", "churn-5"), "127.0.0.4");
  auto e = expect_error(fifth, 429, "limit");
  EXPECT_GT(std::stoi(std::string(fifth[http::field::retry_after])), 23 * 3600);
  EXPECT_TRUE(contains(text(e.at("message_en")), "This phone number has made many bookings"));

  // An address makes ten bookings (or tries to) in a burst, then one every 30 s.
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(post(R"({"service":1})", "127.0.0.6").result_int(), 400u) << i;
  auto refused = post(booking_body(start, "0905000009", "eleventh"), "127.0.0.6");
  expect_error(refused, 429, "limit");
  EXPECT_GE(std::stoi(std::string(refused[http::field::retry_after])), 1);

  // Guessing tokens costs the lookup budget, an unknown one five times as much.
  for (int i = 0; i < 6; ++i)
    expect_error(get("/api/v1/bookings/ZZZZ2222?token=" + std::to_string(i), "127.0.0.7"), 404,
                 "not_found");
  expect_error(get("/api/v1/bookings/ZZZZ2222?token=x", "127.0.0.7"), 429, "limit");
}

TEST_F(booking_test, ACitizenMovesTheirBookingWithItsTokenAndTheClerksSeeIt) {
  auto [date, day] = first_bookable_day();
  ASSERT_GE(day.size(), 3u);
  const auto first = text(day[0].at("start"));
  const auto second = text(day[1].at("start"));
  const auto third = text(day[2].at("start"));
  auto made = object_of(post(booking_body(first, "0905000001", "mover"))).at("booking");
  const auto code = text(made.at("code"));
  const auto token = text(made.at("manage_token"));
  ASSERT_EQ(post(booking_body(second, "0905000002", "second-a")).result_int(), 201u);
  ASSERT_EQ(post(booking_body(second, "0905000003", "second-b")).result_int(), 201u);
  auto clerk = staff("clerk1");
  const auto url = "/api/v1/bookings/" + code + "?token=" + token;
  auto to = [](const std::string& start) { return R"({"start":")" + start + R"("})"; };

  expect_error(
      send("PATCH", "/api/v1/bookings/" + code + "?token=" + std::string(64, '0'), to(third)), 404,
      "not_found");
  EXPECT_EQ(send("PATCH", url, to(third), "127.0.0.1", "text/plain").result_int(), 415u);
  expect_error(send("PATCH", url, "{}"), 400, "bad_request");
  auto full = expect_error(send("PATCH", url, to(second)), 409, "conflict");
  EXPECT_EQ(full.at("message_en"), "This time is fully booked. Please choose another time.");
  auto no_slot =
      expect_error(send("PATCH", url + "&lang=en", to(date + "T03:07:00+07:00")), 400, "invalid");
  EXPECT_TRUE(no_slot.at("fields").as_object().contains("start"));
  EXPECT_EQ(free_at(date, first), 1) << "nothing moved";

  auto moved = send("PATCH", url, to(third));
  ASSERT_EQ(moved.result_int(), 200u) << moved.body();
  const auto booking = object_of(moved).at("booking").as_object();
  EXPECT_EQ(booking.at("code"), code.c_str());
  EXPECT_EQ(booking.at("start"), third.c_str());
  EXPECT_FALSE(booking.contains("manage_token"));
  EXPECT_EQ(free_at(date, first), 2);
  EXPECT_EQ(free_at(date, third), 1);
  EXPECT_EQ(text(object_of(get(url)).at("booking").at("start")), third);

  // The clerk's day shows it at its new time; a clerk moves it back for a citizen who phones.
  const auto list = bookings_of(*clerk, date);
  auto it = std::ranges::find(list.bookings, code, &protocol::booking_view::code);
  ASSERT_NE(it, list.bookings.end());
  EXPECT_EQ(it->start, third);
  auto back = result_of<protocol::booking_result>(clerk->call(protocol::move_booking{code, first}));
  EXPECT_EQ(back.booking.start, first);
  EXPECT_EQ(back.booking.booked_by, "public") << "the staff view";
  EXPECT_EQ(free_at(date, third), 2);
  // Cancelled, it moves no more.
  ASSERT_EQ(send("DELETE", url, "").result_int(), 200u);
  expect_error(send("PATCH", url, to(third)), 409, "conflict");
}

TEST_F(booking_test, TwoHundredAtOnceForTenPlacesMakeExactlyTenBookings) {
  start_demo_with(centre(10, 15, "", R"(, "limits": {"booking_write_burst": 1000,
      "http_burst": 1000, "max_unauthenticated_per_address": 512})"));
  auto [date, day] = first_bookable_day();
  const auto start = text(day[0].at("start"));
  ASSERT_EQ(day[0].at("capacity"), 10);

  constexpr int clients = 200;
  std::vector<unsigned> status(clients);
  std::latch ready(clients);
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i)
    threads.emplace_back([&, i] {
      char phone[16];
      std::snprintf(phone, sizeof phone, "0905%06d", i);
      const auto body = booking_body(start, phone, "crowd-" + std::to_string(i));
      ready.arrive_and_wait();  // every client sends at once
      try {
        status[i] = post(body, "127.0.1." + std::to_string(i % 250 + 1)).result_int();
      } catch (const std::exception&) {
        status[i] = 0;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::ranges::count(status, 201u), 10);
  EXPECT_EQ(std::ranges::count(status, 409u), 190);

  auto manager = staff("manager");
  const auto list = bookings_of(*manager, date);
  EXPECT_EQ(list.bookings.size(), 10u);
  const auto slot = std::ranges::find(list.slots, start, &protocol::slot_view::start);
  ASSERT_NE(slot, list.slots.end());
  EXPECT_EQ(slot->booked, 10);
  EXPECT_EQ(slot->free, 0);
  EXPECT_FALSE(slot->over_booked);
}

}  // namespace
}  // namespace motcua::testing
