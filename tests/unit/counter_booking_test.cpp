// booking_model: today's bookings from list_bookings kept fresh by booking_changed, the slot of an
// appointment ticket, booking for a caller (free slots of a day, the book request and its key)
// and cancelling with a reason.
#include "counter/model/booking_model.hpp"

#include <algorithm>

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using domain::booking_status;

const domain::business_zone zone;
const auto thursday = std::chrono::year{2026} / 11 / 26;
const auto friday = std::chrono::year{2026} / 11 / 27;

protocol::booking_view booking(std::string code, std::chrono::year_month_day day,
                               std::chrono::minutes time, booking_status status,
                               std::optional<protocol::ticket_id> ticket = std::nullopt) {
  protocol::booking_view b;
  b.code = std::move(code);
  b.service = 1;
  b.start = iso(zone.at(day, time));
  b.end = iso(zone.at(day, time + 15min));
  b.status = status;
  b.full_name = "Nguyễn Văn An";
  b.phone = "0905123456";
  b.ticket = ticket;
  return b;
}

protocol::slot_view slot(std::chrono::year_month_day day, std::chrono::minutes time, int free) {
  return {1, iso(zone.at(day, time)), iso(zone.at(day, time + 15min)), 2, free, 2 - free, false};
}

class counter_booking : public ::testing::Test {
 protected:
  // Today: one checked in (ticket 7), one booked, one missed, one cancelled.
  void answer_today() {
    model_.refresh();
    ASSERT_EQ(net_.last<protocol::list_bookings>(),
              (protocol::list_bookings{"2026-11-26", std::nullopt}));
    protocol::bookings_result day;
    day.date = "2026-11-26";
    day.bookings = {booking("AAAA2222", thursday, 8h, booking_status::missed),
                    booking("BBBB3333", thursday, 8h + 15min, booking_status::cancelled),
                    booking("CCCC4444", thursday, 8h + 45min, booking_status::checked_in, 7),
                    booking("DDDD5555", thursday, 9h + 30min, booking_status::booked)};
    EXPECT_TRUE(model_.on_reply(ok(net_.last_id(), day)));
  }

  domain::test_clock clock_{at_9am()};
  recorder net_;
  counter::booking_model model_{clock_, net_.sender(), "desk-test-key"};
};

TEST_F(counter_booking, TodaysBookingsWithTheirCountsAndTheSlotOfAnAppointmentTicket) {
  EXPECT_FALSE(model_.answered());
  answer_today();
  EXPECT_TRUE(model_.answered());
  ASSERT_EQ(model_.today().size(), 4u);
  const auto n = model_.counts();
  EXPECT_EQ(n.booked, 1);
  EXPECT_EQ(n.checked_in, 1);
  EXPECT_EQ(n.missed, 1);
  EXPECT_EQ(n.cancelled, 1);
  EXPECT_EQ(model_.slot_of(7), "08:45");
  EXPECT_EQ(model_.slot_of(8), std::nullopt) << "a walk-in ticket has no booking";
}

TEST_F(counter_booking, BookingChangedKeepsTodayFreshAndLeavesOtherDaysOut) {
  answer_today();
  auto in = booking("DDDD5555", thursday, 9h + 30min, booking_status::checked_in, 9);
  model_.on_event(event(protocol::booking_changed{in}));
  EXPECT_EQ(model_.today().size(), 4u);
  EXPECT_EQ(model_.today().back().status, booking_status::checked_in);
  EXPECT_EQ(model_.slot_of(9), "09:30");

  model_.on_event(event(protocol::booking_changed{
      booking("EEEE6666", thursday, 8h + 30min, booking_status::booked)}));
  ASSERT_EQ(model_.today().size(), 5u);
  EXPECT_EQ(model_.today()[2].code, "EEEE6666") << "in start order";
  model_.on_event(
      event(protocol::booking_changed{booking("FFFF7777", friday, 8h, booking_status::booked)}));
  EXPECT_EQ(model_.today().size(), 5u) << "tomorrow's is not today's";
  // Today's booking moved to tomorrow: off today's list, and off its counts.
  model_.on_event(
      event(protocol::booking_changed{booking("EEEE6666", friday, 9h, booking_status::booked)}));
  EXPECT_EQ(model_.today().size(), 4u);
  EXPECT_EQ(
      std::ranges::count(model_.today(), std::string("EEEE6666"), &protocol::booking_view::code),
      0);
}

TEST_F(counter_booking, ABookingMovedAwayFromTheFormsDayAsksForItsSlotsAgain) {
  model_.form.service = 1;
  ASSERT_TRUE(model_.find_slots());
  protocol::bookings_result day;
  day.date = "2026-11-27";
  day.bookings = {booking("HHHH9999", friday, 8h, booking_status::booked)};
  day.slots = {slot(friday, 8h, 0)};
  EXPECT_TRUE(model_.on_reply(ok(net_.last_id(), day)));
  const auto asked = net_.last_id();
  // Moved to Monday: Friday's place at 08:00 is free again.
  model_.on_event(event(protocol::booking_changed{
      booking("HHHH9999", std::chrono::year{2026} / 11 / 30, 8h, booking_status::booked)}));
  EXPECT_NE(net_.last_id(), asked);
  EXPECT_EQ(net_.last<protocol::list_bookings>().date, "2026-11-27");
}

TEST_F(counter_booking, ACallerIsBookedOnAFreeSlotOfTheChosenDay) {
  EXPECT_EQ(model_.form.day, "27/11/2026") << "tomorrow first";
  model_.form.service = 1;
  EXPECT_TRUE(model_.find_slots());
  EXPECT_EQ(net_.last<protocol::list_bookings>(),
            (protocol::list_bookings{"2026-11-27", protocol::service_id{1}}));
  protocol::bookings_result day;
  day.date = "2026-11-27";
  day.slots = {slot(friday, 8h, 0), slot(friday, 8h + 15min, 2), slot(friday, 8h + 30min, 1)};
  EXPECT_TRUE(model_.on_reply(ok(net_.last_id(), day)));
  const auto free = model_.free_slots();
  ASSERT_EQ(free.size(), 2u) << "a full slot is not offered";
  EXPECT_EQ(free[0].start, iso(zone.at(friday, 8h + 15min)));

  EXPECT_FALSE(model_.can_book());
  model_.form.start = free[0].start;
  model_.form.full_name = "Trần Thị Bình";
  model_.form.phone = "0912 345 678";
  EXPECT_TRUE(model_.can_book());
  model_.book();
  const auto sent = net_.last<protocol::book>();
  EXPECT_EQ(sent.service, 1);
  EXPECT_EQ(sent.start, free[0].start);
  EXPECT_EQ(sent.full_name, "Trần Thị Bình");
  EXPECT_EQ(sent.id_number, std::nullopt) << "an ID left empty is not sent";
  EXPECT_GE(sent.request_key.size(), 16u);
  EXPECT_TRUE(model_.busy());

  // Refused, the same request goes again with the same key.
  EXPECT_TRUE(model_.on_reply(failed(net_.last_id(), protocol::error_code::conflict, "Hết chỗ")));
  EXPECT_EQ(model_.problem()->message, "Hết chỗ");
  model_.book();
  EXPECT_EQ(net_.last<protocol::book>().request_key, sent.request_key);

  auto made = booking("GGGG8888", friday, 8h + 15min, booking_status::booked);
  EXPECT_TRUE(model_.on_reply(ok(net_.last_id(), protocol::booking_result{made})));
  EXPECT_EQ(model_.made()->code, "GGGG8888");
  EXPECT_EQ(model_.form.full_name, "") << "the form is ready for the next caller";
  EXPECT_EQ(model_.form.service, 1);
  EXPECT_EQ(model_.today().size(), 0u) << "tomorrow's booking is not today's";

  // Its booking_changed frees nothing but the places changed: the day's slots are asked again.
  model_.on_event(event(protocol::booking_changed{made}));
  EXPECT_EQ(net_.last<protocol::list_bookings>().date, "2026-11-27");
  EXPECT_TRUE(model_.on_reply(ok(net_.last_id(), day)));
  model_.form.start = free[1].start;
  model_.form.full_name = "Lê Văn Cường";
  model_.form.phone = "0987654321";
  model_.book();
  EXPECT_NE(net_.last<protocol::book>().request_key, sent.request_key) << "another booking";
}

TEST_F(counter_booking, SlotsThatHaveBegunAreNotOfferedAndABadDayAsksNothing) {
  model_.form.service = 1;
  model_.form.day = "31/02/2026";
  EXPECT_FALSE(model_.find_slots());
  EXPECT_TRUE(net_.sent.empty());
  model_.form.day = "26/11/2026";
  ASSERT_TRUE(model_.find_slots());
  protocol::bookings_result day;
  day.date = "2026-11-26";
  day.slots = {slot(thursday, 8h + 45min, 2), slot(thursday, 9h + 15min, 2)};
  model_.on_reply(ok(net_.last_id(), day));
  ASSERT_EQ(model_.free_slots().size(), 1u);
  EXPECT_EQ(model_.free_slots()[0].start, iso(zone.at(thursday, 9h + 15min)));
}

TEST_F(counter_booking, AClerkCancelsWithAReason) {
  answer_today();
  model_.cancel("DDDD5555", "Công dân gọi báo bận");
  EXPECT_EQ(net_.last<protocol::cancel_booking>(),
            (protocol::cancel_booking{"DDDD5555", "Công dân gọi báo bận"}));
  auto cancelled = booking("DDDD5555", thursday, 9h + 30min, booking_status::cancelled);
  cancelled.cancel_reason = "Công dân gọi báo bận";
  EXPECT_TRUE(model_.on_reply(ok(net_.last_id(), protocol::booking_result{cancelled})));
  EXPECT_EQ(model_.today().back().status, booking_status::cancelled);
  EXPECT_EQ(model_.counts().cancelled, 2);
  EXPECT_FALSE(model_.made()) << "a cancel makes no booking";
}

}  // namespace
}  // namespace motcua::testing
