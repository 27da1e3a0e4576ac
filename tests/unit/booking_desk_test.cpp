// Bookings through the engine (issue 13): a clerk's `book`, the public route, the kiosk's
// check_in in and out of its window, `missed` by itself at the engine's tick, list_bookings and
// cancel_booking. A real engine on a real SQLite file, on a test clock that starts on Thursday
// 26 November 2026 at 08:00 (Friday 27 is the first day that may be booked: the cut-off is
// 16:00 the working day before).
#include <algorithm>
#include <map>
#include <string>

#include "shared/protocol/topics.hpp"
#include "tests/unit/engine_fixture.hpp"

namespace motcua::testing {
namespace {

using domain::booking_status;
using domain::priority;
using protocol::error_code;

// The demo centre with "Người có công" (1) booked in 15-minute slots of two places each, none
// kept for walk-ins.
const char* two_places = R"({"services": [
  {"id": 1, "code": "NCC", "prefix": "A", "name": "Người có công", "name_en": "Merit",
   "expected_service_minutes": 12,
   "booking": {"slot_minutes": 15, "places_per_slot": 2, "walk_in_share": 0}},
  {"id": 2, "code": "BTXH", "prefix": "B", "name": "Bảo trợ xã hội", "name_en": "Social"},
  {"id": 3, "code": "LDVL", "prefix": "C", "name": "Lao động", "name_en": "Labour"},
  {"id": 4, "code": "TKQ", "prefix": "D", "name": "Trả kết quả", "name_en": "Results"}
]})";

const domain::business_zone zone;
const auto thursday = std::chrono::year{2026} / 11 / 26;
const auto friday = std::chrono::year{2026} / 11 / 27;
const auto monday = std::chrono::year{2026} / 11 / 30;

std::string at(std::chrono::year_month_day day, std::chrono::minutes time) {
  return zone.format(zone.at(day, time));
}

class booking_desk_test : public engine_fixture {
 protected:
  booking_desk_test() : engine_fixture(two_places) {}

  protocol::book booking(const std::string& key, const std::string& start,
                         const std::string& phone = "0905123456") {
    return protocol::book{1,  start, "Nguyễn Văn An", phone, "booking-request-key-" + key, {},
                          {}, "vi"};
  }

  protocol::booking_view booked(const protocol::reply_body& body) {
    if (const auto* e = std::get_if<protocol::error>(&body)) {
      ADD_FAILURE() << "unexpected error " << protocol::to_string(e->code) << ": " << e->message_en;
      return {};
    }
    return std::get<protocol::booking_result>(body).booking;
  }

  // A clerk's booking of Friday 27 at `time`.
  protocol::booking_view book_friday(std::chrono::minutes time, const std::string& key,
                                     const std::string& phone = "0905123456") {
    return book(friday, time, key, phone);
  }

  protocol::booking_view book(std::chrono::year_month_day d, std::chrono::minutes time,
                              const std::string& key, const std::string& phone) {
    return booked(call(clerk_, booking(key, at(d, time), phone)));
  }

  protocol::bookings_result day(std::chrono::year_month_day d) {
    auto body = call(clerk_, protocol::list_bookings{domain::format_iso_date(d), {}});
    return std::get<protocol::bookings_result>(body);
  }

  const protocol::slot_view& slot(const protocol::bookings_result& r, std::chrono::minutes time,
                                  std::chrono::year_month_day d = friday) {
    auto it = std::ranges::find(r.slots, at(d, time), &protocol::slot_view::start);
    EXPECT_NE(it, r.slots.end());
    return *it;
  }

  // A public route's answer, run in its own batch as the runner does.
  engine::public_answer public_route(const engine::public_request& r) {
    engine_->begin();
    auto answer = engine_->public_route(r);
    for (auto& e : engine_->commit()) events_.push_back(e.event);
    return answer;
  }

  std::vector<protocol::booking_view> changes() const {
    std::vector<protocol::booking_view> out;
    for (const auto& e : events_)
      if (const auto* b = std::get_if<protocol::booking_changed>(&e.body))
        out.push_back(b->booking);
    return out;
  }

  engine::connection_state kiosk_ = login_device("demo-kiosk");
  engine::connection_state clerk_ = login_staff("clerk1");
};

TEST_F(booking_desk_test, AClerkBooksAndTheDayShowsIt) {
  auto b = book_friday(8h, "a");
  EXPECT_EQ(b.code.size(), 8u);
  EXPECT_EQ(b.manage_token->size(), 64u);
  EXPECT_EQ(b.status, booking_status::booked);
  EXPECT_EQ(b.start, at(friday, 8h));
  EXPECT_EQ(b.end, at(friday, 8h + 15min));
  EXPECT_EQ(b.check_in_from, at(friday, 7h + 30min));
  EXPECT_EQ(b.check_in_until, at(friday, 8h + 10min));
  EXPECT_EQ(b.booked_by, std::nullopt) << "the booker's view is the citizen's";

  const auto changed = changes();
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].booked_by, "clerk1");
  EXPECT_EQ(changed[0].manage_token, std::nullopt) << "no token in an event";
  EXPECT_EQ(protocol::topic_of(protocol::booking_changed{changed[0]}).kind,
            protocol::topic_kind::bookings);

  const auto friday_list = day(friday);
  ASSERT_EQ(friday_list.bookings.size(), 1u);
  EXPECT_EQ(friday_list.bookings[0].code, b.code);
  EXPECT_EQ(friday_list.bookings[0].phone, "0905123456");
  EXPECT_EQ(slot(friday_list, 8h).free, 1);
  EXPECT_EQ(slot(friday_list, 8h).booked, 1);
  EXPECT_EQ(slot(friday_list, 8h + 15min).free, 2);
}

TEST_F(booking_desk_test, TheSameRequestKeyGivesTheSameBookingAndToken) {
  auto first = book_friday(8h, "same");
  const auto events = events_.size();
  auto again = book_friday(8h, "same");
  EXPECT_EQ(again.code, first.code);
  EXPECT_EQ(again.manage_token, first.manage_token);
  EXPECT_EQ(events_.size(), events) << "nothing new";
  EXPECT_EQ(day(friday).bookings.size(), 1u);
  // The key with another phone is another request: refused, not mixed up.
  auto other =
      std::get<protocol::error>(call(clerk_, booking("same", at(friday, 9h), "0905999999")));
  EXPECT_EQ(other.code, error_code::invalid);
  EXPECT_TRUE(other.fields.contains("request_key"));
}

TEST_F(booking_desk_test, AFullSlotTakesNoMoreAndStoresNothing) {
  book_friday(8h, "a", "0905000001");
  book_friday(8h, "b", "0905000002");
  auto full = std::get<protocol::error>(call(clerk_, booking("c", at(friday, 8h), "0905000003")));
  EXPECT_EQ(full.code, error_code::conflict);
  EXPECT_EQ(full.message_en, "This time is fully booked. Please choose another time.");
  EXPECT_EQ(day(friday).bookings.size(), 2u);
  EXPECT_EQ(slot(day(friday), 8h).free, 0);
}

TEST_F(booking_desk_test, EveryBadFieldIsNamedAtOnceAndNothingStored) {
  auto r = booking("bad", at(friday, 8h + 5min), "12345");
  r.full_name = "  ";
  r.id_number = "048185000";
  r.procedure = 1;  // a procedure of another service
  auto e = std::get<protocol::error>(call(clerk_, r));
  EXPECT_EQ(e.code, error_code::invalid);
  using fields = std::vector<std::string>;
  fields named;
  for (const auto& [field, what] : e.fields) named.push_back(field);
  EXPECT_EQ(named, (fields{"full_name", "id_number", "phone", "procedure", "start"}));
  EXPECT_EQ(e.message,
            "Thông tin đặt lịch chưa hợp lệ: Thủ tục, Giờ hẹn, Họ và tên, Số điện "
            "thoại, Số định danh cá nhân.");
  EXPECT_EQ(e.message_en,
            "The booking is not valid: Procedure, Appointment time, Full name, "
            "Phone number, Personal ID number.");
  EXPECT_EQ(e.fields["start"], "Không có khung giờ hẹn nào bắt đầu lúc 08:05 ngày 27/11/2026.");
  EXPECT_TRUE(day(friday).bookings.empty());
  EXPECT_TRUE(changes().empty());

  // The text policy names its field too, in the request's language.
  auto hidden = booking("hidden", at(friday, 8h));
  hidden.full_name = "Nguyễn\u200BAn";
  auto refused = std::get<protocol::error>(call(clerk_, hidden));
  EXPECT_TRUE(refused.fields["full_name"].starts_with("Họ và tên")) << refused.fields["full_name"];
}

TEST_F(booking_desk_test, ADayThatCannotBeBookedSaysWhy) {
  auto sunday = std::get<protocol::error>(
      call(clerk_, booking("sun", at(std::chrono::year{2026} / 11 / 29, 8h))));
  EXPECT_EQ(sunday.fields["start"], "Ngày nghỉ hằng tuần, không nhận đặt lịch.");
  clock_.set(zone.at(thursday, 16h));  // Friday's booking closed at 16:00 on Thursday
  auto late = std::get<protocol::error>(call(clerk_, booking("late", at(friday, 8h))));
  EXPECT_EQ(late.fields["start"], "Đã hết hạn đặt lịch cho ngày này. Vui lòng chọn ngày khác.");
  EXPECT_TRUE(day(friday).bookings.empty());
}

TEST_F(booking_desk_test, OnePhoneHoldsOneActiveBookingOfAService) {
  auto first = book_friday(8h, "a");
  auto same_day = std::get<protocol::error>(call(clerk_, booking("b", at(friday, 9h))));
  EXPECT_EQ(same_day.code, error_code::conflict);
  EXPECT_EQ(same_day.message_en,
            "This phone number already has an appointment for this service on 27/11/2026. Cancel "
            "it before booking another time.");
  auto other_day = std::get<protocol::error>(call(clerk_, booking("c", at(monday, 9h))));
  EXPECT_EQ(other_day.code, error_code::conflict);
  EXPECT_EQ(other_day.message_en,
            "This phone number already holds 1 appointments for this service, the most it may "
            "hold.");
  // Cancelled, it holds nothing: the phone books again.
  booked(call(clerk_, protocol::cancel_booking{first.code, "Công dân gọi điện đổi ngày"}));
  EXPECT_EQ(booked(call(clerk_, booking("c", at(monday, 9h)))).start, at(monday, 9h));
}

TEST_F(booking_desk_test, AClerkCancelsWithAReasonAndThePlaceIsFreeAgain) {
  auto b = book_friday(8h, "a");
  auto no_reason = std::get<protocol::error>(call(clerk_, protocol::cancel_booking{b.code, {}}));
  EXPECT_EQ(no_reason.code, error_code::invalid);
  EXPECT_TRUE(no_reason.fields.contains("reason"));
  auto cancelled = booked(call(clerk_, protocol::cancel_booking{b.code, "Công dân báo bận"}));
  EXPECT_EQ(cancelled.status, booking_status::cancelled);
  EXPECT_EQ(cancelled.cancel_reason, "Công dân báo bận");
  EXPECT_EQ(slot(day(friday), 8h).free, 2);
  auto again = std::get<protocol::error>(call(clerk_, protocol::cancel_booking{b.code, "x"}));
  EXPECT_EQ(again.code, error_code::conflict);
  EXPECT_EQ(std::get<protocol::error>(call(clerk_, protocol::cancel_booking{"ZZZZZZZZ", "x"})).code,
            error_code::not_found);
}

TEST_F(booking_desk_test, TheKioskChecksInOnlyWithinTheWindow) {
  auto b = book_friday(8h, "a");
  auto early = std::get<protocol::error>(call(kiosk_, protocol::check_in{b.code, {}}));
  EXPECT_EQ(early.code, error_code::conflict);
  EXPECT_EQ(early.message,
            "Lịch hẹn của bạn lúc 08:00 ngày 27/11/2026. Vui lòng quay lại từ 07:30 ngày "
            "27/11/2026 để xác nhận.");
  EXPECT_EQ(early.retry_at, at(friday, 7h + 30min));

  clock_.set(zone.at(friday, 7h + 30min) - 1ms);
  EXPECT_EQ(std::get<protocol::error>(call(kiosk_, protocol::check_in{b.code, {}})).code,
            error_code::conflict);
  clock_.set(zone.at(friday, 7h + 30min));
  auto in = std::get<protocol::ticket_result>(call(kiosk_, protocol::check_in{b.code, {}}));
  EXPECT_EQ(in.ticket.priority, priority::appointment);
  EXPECT_EQ(in.ticket.number, "A001");
  EXPECT_EQ(in.ahead, 0);
  EXPECT_TRUE(in.eta_minutes.has_value());
  EXPECT_EQ(stored_phone(in.ticket.id), "0905123456") << "its texts go to the booking's phone";

  // Again (a double tap, typed in lower case), or by the phone number: the same ticket.
  std::string typed = b.code.substr(0, 4) + "-" + b.code.substr(4);
  std::ranges::transform(typed, typed.begin(), [](char c) { return std::tolower(c); });
  auto again = std::get<protocol::ticket_result>(call(kiosk_, protocol::check_in{typed, {}}));
  EXPECT_EQ(again.ticket.id, in.ticket.id);
  auto by_phone =
      std::get<protocol::ticket_result>(call(kiosk_, protocol::check_in{{}, "+84 905 123 456"}));
  EXPECT_EQ(by_phone.ticket.id, in.ticket.id);

  const auto list = day(friday);
  EXPECT_EQ(list.bookings[0].status, booking_status::checked_in);
  EXPECT_EQ(list.bookings[0].ticket, in.ticket.id);
  EXPECT_EQ(slot(list, 8h).booked, 1) << "a checked-in booking still holds its place";
}

TEST_F(booking_desk_test, CheckInOfWhatIsNoBookingOfToday) {
  EXPECT_EQ(std::get<protocol::error>(call(kiosk_, protocol::check_in{"ZZZZ2222", {}})).code,
            error_code::not_found);
  EXPECT_EQ(std::get<protocol::error>(call(kiosk_, protocol::check_in{"not a code", {}})).code,
            error_code::not_found);
  EXPECT_EQ(std::get<protocol::error>(call(kiosk_, protocol::check_in{{}, "0905123456"})).code,
            error_code::not_found);
  auto neither = std::get<protocol::error>(call(kiosk_, protocol::check_in{}));
  EXPECT_EQ(neither.code, error_code::invalid);
  EXPECT_TRUE(neither.fields.contains("code"));
  auto bad_phone = std::get<protocol::error>(call(kiosk_, protocol::check_in{{}, "12"}));
  EXPECT_TRUE(bad_phone.fields.contains("phone"));
  // A walk-in ticket cannot pass for an appointment.
  auto walk_in = std::get<protocol::error>(
      call(kiosk_, protocol::take_ticket{1, "k", priority::appointment, "vi", {}, {}}));
  EXPECT_TRUE(walk_in.fields.contains("priority"));
}

TEST_F(booking_desk_test, ABookingNotCheckedInByTheEndOfItsWindowIsMissedByItself) {
  auto b = book_friday(8h, "a");
  book_friday(8h + 15min, "b", "0905000002");
  clock_.set(zone.at(friday, 8h + 10min) - 1ms);
  for (auto& e : engine_->tick()) events_.push_back(e.event);
  EXPECT_EQ(changes().size(), 2u) << "both booked, nothing else yet";

  clock_.set(zone.at(friday, 8h + 10min));
  for (auto& e : engine_->tick()) events_.push_back(e.event);
  auto changed = changes();
  ASSERT_EQ(changed.size(), 3u);
  EXPECT_EQ(changed.back().code, b.code);
  EXPECT_EQ(changed.back().status, booking_status::missed);
  EXPECT_EQ(day(friday).bookings[0].status, booking_status::missed);
  EXPECT_EQ(slot(day(friday), 8h).free, 2) << "a missed booking holds no place";

  auto late = std::get<protocol::error>(call(kiosk_, protocol::check_in{b.code, {}}));
  EXPECT_EQ(late.code, error_code::conflict);
  EXPECT_EQ(late.message_en,
            "The check-in for the appointment at 08:00 on 27/11/2026 closed at 08:10 on "
            "27/11/2026. Please take a walk-in ticket.");
  for (auto& e : engine_->tick()) events_.push_back(e.event);
  EXPECT_EQ(changes().size(), 3u) << "missed once";
}

// "Người có công" takes 12 minutes a visit and no counter is open (one assumed): each citizen
// ahead of a walk-in adds 12 minutes, an appointment due within the hour as well.
TEST_F(booking_desk_test, AWalkInsEtaCountsTheAppointmentsDueWithinTheHour) {
  auto first = book_friday(8h, "a", "0905000001");
  auto second = book_friday(8h, "b", "0905000002");
  book_friday(8h + 15min, "c", "0905000003");
  book_friday(9h + 15min, "d", "0905000004");
  auto tick = [&] {
    for (auto& e : engine_->tick()) events_.push_back(e.event);
  };
  auto figures = [&] {
    std::optional<protocol::queue_changed> last;
    for (const auto& e : events_)
      if (const auto* q = std::get_if<protocol::queue_changed>(&e.body); q && q->service == 1)
        last = *q;
    return last.value_or(protocol::queue_changed{});
  };

  clock_.set(zone.at(friday, 7h + 10min));
  tick();
  EXPECT_EQ(figures(), (protocol::queue_changed{1, 0, 24})) << "the two of 08:00";
  auto walk_in = std::get<protocol::ticket_result>(
      call(kiosk_, protocol::take_ticket{1, "walk-in", priority::none, "vi", {}, {}}));
  EXPECT_EQ(walk_in.ahead, 0);
  EXPECT_EQ(walk_in.eta_minutes, 24);
  auto elderly = std::get<protocol::ticket_result>(
      call(kiosk_, protocol::take_ticket{1, "elderly", priority::elderly, "vi", {}, {}}));
  EXPECT_EQ(elderly.eta_minutes, 0) << "a priority group of the law goes before appointments";

  clock_.set(zone.at(friday, 7h + 30min));
  tick();
  EXPECT_EQ(figures(), (protocol::queue_changed{1, 2, 60})) << "08:15 comes within the hour";
  call(kiosk_, protocol::check_in{first.code, {}});
  EXPECT_EQ(figures(), (protocol::queue_changed{1, 3, 60})) << "one due became one waiting";
  call(clerk_, protocol::cancel_booking{second.code, "Công dân báo bận"});
  EXPECT_EQ(figures(), (protocol::queue_changed{1, 3, 48}));

  clock_.set(zone.at(friday, 8h + 16min));
  tick();
  EXPECT_EQ(figures(), (protocol::queue_changed{1, 3, 60})) << "09:15 comes within the hour";
  clock_.set(zone.at(friday, 8h + 25min));
  tick();
  EXPECT_EQ(figures(), (protocol::queue_changed{1, 3, 48})) << "08:15 missed: no longer due";
  const auto services =
      std::get<protocol::services_result>(call(kiosk_, protocol::list_services{}));
  EXPECT_EQ(services.services[0].waiting, 3);
  EXPECT_EQ(services.services[0].eta_minutes, 48);
}

TEST_F(booking_desk_test, TheStatsCountTheBookingsAndSplitTheWaitsOfAppointmentsAndWalkIns) {
  auto in = book_friday(8h, "a", "0905000001");
  book_friday(8h + 15min, "b", "0905000002");
  auto cancelled = book_friday(9h, "c", "0905000003");
  book_friday(9h + 30min, "d", "0905000004");
  call(clerk_, protocol::cancel_booking{cancelled.code, "Công dân báo bận"});

  // One at a time, so that the order of the call does not matter: the walk-in waits 5 minutes,
  // the appointment 10.
  clock_.set(zone.at(friday, 7h + 45min));
  auto clerk = login_staff("clerk1");
  open(clerk, 1, {1});
  take(kiosk_, 1, "walk-in");
  clock_.set(zone.at(friday, 7h + 50min));
  ticket_of(call(clerk, protocol::call_next{}));
  ticket_of(call(clerk, protocol::start_service{}));
  ticket_of(call(clerk, protocol::finish{}));
  clock_.set(zone.at(friday, 7h + 55min));
  ticket_of(call(kiosk_, protocol::check_in{in.code, {}}));
  clock_.set(zone.at(friday, 8h + 5min));
  EXPECT_EQ(ticket_of(call(clerk, protocol::call_next{})).priority, priority::appointment);
  clock_.set(zone.at(friday, 8h + 25min));
  for (auto& e : engine_->tick()) events_.push_back(e.event);  // "b" missed

  auto manager = login_staff("manager");
  auto stats = std::get<protocol::stats_result>(call(manager, protocol::get_stats{}));
  ASSERT_TRUE(stats.bookings);
  const auto& b = *stats.bookings;
  EXPECT_EQ(b.booked, 1);
  EXPECT_EQ(b.checked_in, 1);
  EXPECT_EQ(b.missed, 1);
  EXPECT_EQ(b.cancelled, 1);
  EXPECT_EQ(b.appointment_waits, (protocol::wait_figures{1, 600, 600}));
  EXPECT_EQ(b.walk_in_waits, (protocol::wait_figures{1, 300, 300}));
}

TEST_F(booking_desk_test, ALoweredCapacityKeepsItsBookingsAndShowsThemOverBooked) {
  book_friday(8h, "a", "0905000001");
  book_friday(8h, "b", "0905000002");
  settings_.services[0].booking->places_per_slot = 1;
  restart();
  auto clerk = login_staff("clerk1");
  auto list =
      std::get<protocol::bookings_result>(call(clerk, protocol::list_bookings{"2026-11-27", 1}));
  EXPECT_EQ(list.bookings.size(), 2u);
  const auto& s = slot(list, 8h);
  EXPECT_EQ(s.capacity, 1);
  EXPECT_EQ(s.free, 0);
  EXPECT_EQ(s.booked, 2);
  EXPECT_TRUE(s.over_booked);
}

TEST_F(booking_desk_test, ThePublicRouteReadsAndCancelsWithTheTokenOnly) {
  auto r = booking("public", at(friday, 8h));
  auto made = public_route(r);
  ASSERT_TRUE(made.created);
  auto b = std::get<protocol::booking_result>(made.body).booking;
  EXPECT_EQ(changes().back().booked_by, "public");

  auto again = public_route(r);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(std::get<protocol::booking_result>(again.body).booking.manage_token, b.manage_token);

  auto wrong = public_route(engine::booking_lookup{b.code, std::string(64, '0'), false, false, {}});
  EXPECT_EQ(std::get<protocol::error>(wrong.body).code, error_code::not_found);
  auto none = public_route(engine::booking_lookup{b.code, "", false, false, {}});
  EXPECT_EQ(std::get<protocol::error>(none.body).code, error_code::not_found);
  auto read = public_route(engine::booking_lookup{b.code, *b.manage_token, false, false, {}});
  auto own = std::get<protocol::booking_result>(read.body).booking;
  EXPECT_EQ(own.full_name, "Nguyễn Văn An");
  EXPECT_EQ(own.id_number, std::nullopt);
  EXPECT_EQ(own.manage_token, std::nullopt);

  auto cancelled = public_route(engine::booking_lookup{b.code, *b.manage_token, true, false, {}});
  EXPECT_EQ(std::get<protocol::booking_result>(cancelled.body).booking.status,
            booking_status::cancelled);
  auto twice = public_route(engine::booking_lookup{b.code, *b.manage_token, true, false, {}});
  EXPECT_EQ(std::get<protocol::booking_result>(twice.body).booking.status,
            booking_status::cancelled)
      << "cancelling again changes nothing";
  EXPECT_EQ(changes().back().status, booking_status::cancelled);
}

TEST_F(booking_desk_test, AClerkMovesABookingItKeepsItsCodeAndTheOldPlaceIsFreed) {
  auto b = book_friday(8h, "a");
  const auto events = events_.size();
  booked(call(clerk_, protocol::move_booking{b.code, at(monday, 10h)}));
  // Again on that day: the phone's booking of the day is this one, no other.
  auto moved = booked(call(clerk_, protocol::move_booking{b.code, at(monday, 9h + 15min)}));
  EXPECT_EQ(moved.code, b.code);
  EXPECT_EQ(moved.status, booking_status::booked);
  EXPECT_EQ(moved.start, at(monday, 9h + 15min));
  EXPECT_EQ(moved.end, at(monday, 9h + 30min));
  EXPECT_EQ(moved.check_in_from, at(monday, 8h + 45min));
  EXPECT_EQ(slot(day(friday), 8h).free, 2) << "the old place is free again";
  EXPECT_EQ(slot(day(monday), 9h + 15min, monday).free, 1);
  EXPECT_EQ(slot(day(monday), 10h, monday).free, 2);
  ASSERT_EQ(events_.size(), events + 2);
  EXPECT_EQ(changes().back().start, moved.start);
  // Its request sent again: the booking as it stands now, nothing new.
  auto again = book_friday(8h, "a");
  EXPECT_EQ(again.code, b.code);
  EXPECT_EQ(again.start, at(monday, 9h + 15min));
  EXPECT_EQ(again.manage_token, b.manage_token);
  // To where it is already: nothing changes, nothing is announced.
  booked(call(clerk_, protocol::move_booking{b.code, at(monday, 9h + 15min)}));
  EXPECT_EQ(events_.size(), events + 2);
  // The kiosk checks it in at its new time.
  clock_.set(zone.at(monday, 9h));
  EXPECT_EQ(std::get<protocol::ticket_result>(call(kiosk_, protocol::check_in{b.code, {}}))
                .ticket.priority,
            priority::appointment);
}

TEST_F(booking_desk_test, AMoveThatCannotBeMadeChangesNothing) {
  auto b = book_friday(8h, "a", "0905000001");
  book_friday(9h, "b", "0905000002");
  book_friday(9h, "c", "0905000003");
  const auto events = events_.size();
  auto refused = [&](const std::string& start) {
    return std::get<protocol::error>(call(clerk_, protocol::move_booking{b.code, start}));
  };
  EXPECT_EQ(refused(at(friday, 9h)).message_en,
            "This time is fully booked. Please choose another time.");
  auto sunday = refused(at(std::chrono::year{2026} / 11 / 29, 9h));
  EXPECT_EQ(sunday.code, error_code::invalid);
  EXPECT_TRUE(sunday.fields.contains("start"));
  EXPECT_TRUE(refused(at(friday, 8h + 5min)).fields.contains("start")) << "no slot starts then";
  EXPECT_TRUE(refused("friday at nine").fields.contains("start"));
  EXPECT_EQ(
      std::get<protocol::error>(call(clerk_, protocol::move_booking{"ZZZZZZZZ", at(friday, 10h)}))
          .code,
      error_code::not_found);
  EXPECT_EQ(events_.size(), events) << "nothing moved";
  EXPECT_EQ(day(friday).bookings.front().start, at(friday, 8h));

  // Past its window (missed), or cancelled, a booking no longer moves.
  clock_.set(zone.at(friday, 8h + 10min));
  EXPECT_EQ(refused(at(monday, 10h)).message_en,
            "The booking's time has passed: it can no longer be moved.");
  auto other = book(monday, 11h, "e", "0905000004");
  call(clerk_, protocol::cancel_booking{other.code, "Công dân báo bận"});
  EXPECT_EQ(
      std::get<protocol::error>(call(clerk_, protocol::move_booking{other.code, at(monday, 10h)}))
          .message_en,
      "Only a booking still booked can be moved.");
}

TEST_F(booking_desk_test, ThePublicRouteMovesWithTheTokenOnly) {
  auto made = public_route(booking("public-move", at(friday, 8h)));
  auto b = std::get<protocol::booking_result>(made.body).booking;
  auto move = [&](const std::string& token) {
    return public_route(engine::booking_lookup{b.code, token, false, false, at(monday, 8h)});
  };
  EXPECT_EQ(std::get<protocol::error>(move(std::string(64, '0')).body).code, error_code::not_found);
  EXPECT_EQ(slot(day(friday), 8h).free, 1) << "a wrong token moves nothing";
  auto moved = std::get<protocol::booking_result>(move(*b.manage_token).body).booking;
  EXPECT_EQ(moved.start, at(monday, 8h));
  EXPECT_EQ(moved.id_number, std::nullopt) << "the citizen's own view";
  EXPECT_EQ(changes().back().booked_by, "public");
  // A move is no new booking: moving back and forth does not spend the phone's bookings a day.
  for (int i = 0; i < 6; ++i) {
    const auto to = at(i % 2 ? monday : friday, 8h);
    auto again = public_route(engine::booking_lookup{b.code, *b.manage_token, false, false, to});
    EXPECT_EQ(std::get<protocol::booking_result>(again.body).booking.start, to);
  }
}

TEST_F(booking_desk_test, APhoneMakesSoManyBookingsADayThroughThePublicRoute) {
  // Book and cancel, again and again: the fifth in 24 hours waits until the first is a day old.
  for (int i = 0; i < 4; ++i) {
    auto made = public_route(booking(std::to_string(i) + "-bookings", at(friday, 8h)));
    auto b = std::get<protocol::booking_result>(made.body).booking;
    public_route(engine::booking_lookup{b.code, *b.manage_token, true, false, {}});
    clock_.advance(1h);
  }
  auto fifth = public_route(booking("fifth-booking", at(friday, 8h)));
  auto e = std::get<protocol::error>(fifth.body);
  EXPECT_EQ(e.code, error_code::limit);
  EXPECT_EQ(e.retry_after, 20 * 3600);
  // A clerk books for the citizen who phones in.
  EXPECT_EQ(book_friday(8h, "by-clerk").status, booking_status::booked);
}

// A simulated morning at Quầy 1 (README "Call order with appointments", two in a row): walk-ins
// and checked-in appointments mixed, an elderly citizen, a restart of the server in the middle.
TEST_F(booking_desk_test, AMorningOfWalkInsAndAppointmentsIsCalledInTheCentresOrder) {
  std::map<domain::ticket_id, std::string> who;
  std::vector<std::string> bookings;  // codes, in the order of their slots
  const std::vector<std::pair<std::chrono::minutes, std::string>> slots{{8h, "0905000001"},
                                                                        {8h, "0905000002"},
                                                                        {8h + 15min, "0905000003"},
                                                                        {8h + 15min, "0905000004"},
                                                                        {8h + 30min, "0905000005"}};
  for (const auto& [time, phone] : slots) bookings.push_back(book_friday(time, phone, phone).code);
  auto walk_in = [&](const std::string& name, priority p = priority::none) {
    who[take(kiosk_, 1, "walk-in-" + name, p).id] = name;
  };
  auto check_in = [&](std::size_t booking) {
    auto in =
        std::get<protocol::ticket_result>(call(kiosk_, protocol::check_in{bookings[booking], {}}));
    who[in.ticket.id] = "B" + std::to_string(booking + 1);
  };
  auto call_next = [&] {
    auto t = ticket_of(call(clerk_, protocol::call_next{}));
    call(clerk_, protocol::start_service{});
    call(clerk_, protocol::finish{"guidance"});
    return who[t.id];
  };

  clock_.set(zone.at(friday, 7h + 35min));
  walk_in("W1");
  walk_in("W2");
  walk_in("W3");
  clock_.set(zone.at(friday, 7h + 40min));
  check_in(0);
  check_in(1);
  clock_.set(zone.at(friday, 7h + 45min));
  walk_in("E1", priority::elderly);
  clock_.set(zone.at(friday, 7h + 50min));
  check_in(2);
  check_in(3);
  clock_.set(zone.at(friday, 8h));
  open(clerk_, 1, {1});
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) order.push_back(call_next());
  // Two appointments called in a row: the run is read back from today's calls.
  restart();
  engine::connection_state again;
  auto snapshot = std::get<protocol::hello_result>(
                      call(again, protocol::hello{{}, "clerk1", "demo", {}, {}, {}},
                           auth::password_check::accepted))
                      .snapshot;
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(snapshot->counters[0].appointments_called, 2);
  EXPECT_EQ(snapshot->counters[0].appointments_in_a_row, 2);
  for (int i = 0; i < 4; ++i) order.push_back(call_next());
  check_in(4);
  walk_in("W4");
  for (int i = 0; i < 3; ++i) order.push_back(call_next());
  EXPECT_EQ(order,
            (std::vector<std::string>{"E1", "B1", "B2", "W1", "B3", "B4", "W2", "B5", "W3", "W4"}));
  EXPECT_EQ(error_of(call(clerk_, protocol::call_next{})).code, error_code::empty);
}

TEST_F(booking_desk_test, OnlyStaffReceiveTheBookingsEvents) {
  const protocol::topic bookings{protocol::topic_kind::bookings, 0};
  EXPECT_TRUE(clerk_.topics->has(bookings));
  EXPECT_TRUE(login_staff("manager").topics->has(bookings));
  EXPECT_FALSE(kiosk_.topics->has(bookings));
  engine::connection_state display;
  auto refused =
      call(display,
           protocol::hello{"demo-display", {}, {}, {}, {}, std::vector<std::string>{"bookings"}});
  EXPECT_EQ(std::get<protocol::error>(refused).code, error_code::forbidden);
}

TEST_F(booking_desk_test, ThePublicSlotsOfADay) {
  book_friday(8h, "a");
  auto friday_slots = std::get<protocol::slots_result>(
      public_route(engine::slots_query{1, "2026-11-27", false}).body);
  EXPECT_EQ(friday_slots.date, "2026-11-27");
  ASSERT_FALSE(friday_slots.slots.empty());
  EXPECT_EQ(friday_slots.slots[0].start, at(friday, 7h));
  EXPECT_EQ(friday_slots.slots[0].capacity, 2);
  auto eight = std::ranges::find(friday_slots.slots, at(friday, 8h), &protocol::slot_view::start);
  EXPECT_EQ(eight->free, 1);
  EXPECT_EQ(eight->booked, std::nullopt) << "the public sees places, not bookings";
  EXPECT_FALSE(friday_slots.reason);

  auto today = std::get<protocol::slots_result>(
      public_route(engine::slots_query{1, "2026-11-26", true}).body);
  EXPECT_TRUE(today.slots.empty());
  EXPECT_EQ(today.reason_en, "Booking for this day has closed. Please choose another day.");
  EXPECT_EQ(std::get<protocol::error>(public_route(engine::slots_query{2, "2026-11-27"}).body).code,
            error_code::not_found);
  EXPECT_EQ(std::get<protocol::error>(public_route(engine::slots_query{1, "27/11/2026"}).body).code,
            error_code::invalid);
}

}  // namespace
}  // namespace motcua::testing
