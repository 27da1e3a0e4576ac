// The booking store on a real SQLite file: a booking written and read back, the places a slot
// holds (only booked and checked-in bookings count), a phone's bookings, and the bookings whose
// slot has begun while still booked (the ones that may become missed).
#include "server/store/booking_store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/store/migrations.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;
using domain::booking_status;

const domain::business_zone zone;
const auto monday = std::chrono::year{2026} / 11 / 30;
const auto tuesday = std::chrono::year{2026} / 12 / 1;

class booking_store_test : public ::testing::Test {
 protected:
  // A booking of `service` at `start` (local time on `day`), fields made from `code`.
  store::booking_record booking(const std::string& code, domain::service_id service,
                                std::chrono::year_month_day day, std::chrono::minutes start,
                                const std::string& phone = "0905123456") {
    store::booking_record b;
    b.code = code;
    b.token_hash = "token-" + code;
    b.sealed_token = "sealed-" + code;
    b.request_hash = "request-" + code;
    b.service = service;
    b.start = zone.at(day, start);
    b.end = b.start + 15min;
    b.full_name = "Nguyễn Văn An";
    b.phone = phone;
    b.lang = "vi";
    b.booked_by = std::string(store::booked_publicly);
    b.created_at = b.changed_at = zone.at(std::chrono::year{2026} / 11 / 26, 9h);
    return b;
  }

  store::booking_record added(store::booking_record b) {
    store_.insert(b);
    return b;
  }

  std::vector<std::string> codes(const std::vector<store::booking_record>& bs) {
    std::vector<std::string> out;
    for (const auto& b : bs) out.push_back(b.code);
    return out;
  }

  temp_dir dir_;
  store::database db_{dir_.file("motcua.db")};
  int version_ = store::migrate(db_);  // before the store prepares its statements
  store::booking_store store_{db_};
};

TEST_F(booking_store_test, ABookingIsReadBackAsWrittenAndItsChangesKept) {
  auto b = booking("K7M2Q9TX", 1, monday, 8h);
  b.procedure = 6;
  b.id_number = "048185000123";
  store_.insert(b);
  EXPECT_GT(b.id, 0);

  auto found = store_.find_by_code("K7M2Q9TX");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->token_hash, "token-K7M2Q9TX");
  EXPECT_EQ(found->sealed_token, "sealed-K7M2Q9TX");
  EXPECT_EQ(found->procedure, 6);
  EXPECT_EQ(found->start, zone.at(monday, 8h));
  EXPECT_EQ(found->end, zone.at(monday, 8h + 15min));
  EXPECT_EQ(found->full_name, "Nguyễn Văn An");
  EXPECT_EQ(found->id_number, "048185000123");
  EXPECT_EQ(found->status, booking_status::booked);
  EXPECT_EQ(store_.find_by_request("request-K7M2Q9TX")->code, "K7M2Q9TX");
  EXPECT_FALSE(store_.find_by_code("K7M2Q9TY"));
  EXPECT_FALSE(store_.find_by_request("request-other"));

  b.status = booking_status::cancelled;
  b.cancel_reason = "Công dân gọi điện huỷ";
  b.changed_at = zone.at(monday, 7h);
  store_.update(b);
  found = store_.find_by_code("K7M2Q9TX");
  EXPECT_EQ(found->status, booking_status::cancelled);
  EXPECT_EQ(found->cancel_reason, "Công dân gọi điện huỷ");
  EXPECT_EQ(found->changed_at, zone.at(monday, 7h));
}

TEST_F(booking_store_test, ACodeOrARequestIsNeverStoredTwice) {
  added(booking("K7M2Q9TX", 1, monday, 8h));
  auto same_code = booking("K7M2Q9TX", 1, monday, 9h);
  same_code.request_hash = "request-other";
  EXPECT_THROW(store_.insert(same_code), store::database_error);
  auto same_request = booking("K7M2Q9TY", 1, monday, 9h);
  same_request.request_hash = "request-K7M2Q9TX";
  EXPECT_THROW(store_.insert(same_request), store::database_error);
}

TEST_F(booking_store_test, ASlotHoldsItsBookedAndCheckedInBookings) {
  added(booking("AAAAAAA2", 1, monday, 8h));
  auto checked_in = added(booking("AAAAAAA3", 1, monday, 8h));
  checked_in.status = booking_status::checked_in;
  store_.update(checked_in);
  for (auto [code, status] : {std::pair{"AAAAAAA4", booking_status::cancelled},
                              std::pair{"AAAAAAA5", booking_status::missed}}) {
    auto b = added(booking(code, 1, monday, 8h));
    b.status = status;
    store_.update(b);
  }
  added(booking("AAAAAAA6", 1, monday, 8h + 15min));
  added(booking("AAAAAAA7", 3, monday, 8h));   // another service
  added(booking("AAAAAAA8", 1, tuesday, 8h));  // another day
  const auto day = zone.at(monday, 0min);
  EXPECT_EQ(store_.held(1, day, day + 24h),
            (domain::held_bookings{{zone.at(monday, 8h), 2}, {zone.at(monday, 8h + 15min), 1}}));
  EXPECT_EQ(store_.held(3, day, day + 24h), (domain::held_bookings{{zone.at(monday, 8h), 1}}));
  EXPECT_TRUE(store_.held(2, day, day + 24h).empty());
  EXPECT_EQ(codes(store_.starting(day, day + 24h)),
            (std::vector<std::string>{"AAAAAAA2", "AAAAAAA3", "AAAAAAA4", "AAAAAAA5", "AAAAAAA7",
                                      "AAAAAAA6"}));
  EXPECT_EQ(codes(store_.starting(day, day + 24h, 3)), (std::vector<std::string>{"AAAAAAA7"}));
}

TEST_F(booking_store_test, APhonesBookingsAndWhatItHoldsActive) {
  added(booking("AAAAAAA2", 1, monday, 9h));
  added(booking("AAAAAAA3", 3, monday, 8h));
  auto done = added(booking("AAAAAAA4", 1, tuesday, 8h));
  done.status = booking_status::checked_in;
  store_.update(done);
  added(booking("AAAAAAA5", 1, monday, 8h, "0912345678"));
  const auto day = zone.at(monday, 0min);
  EXPECT_EQ(codes(store_.of_phone("0905123456", day, day + 24h)),
            (std::vector<std::string>{"AAAAAAA3", "AAAAAAA2"}));
  EXPECT_EQ(store_.active_of_phone("0905123456", 1), 1);  // the checked-in one is no longer active
  EXPECT_EQ(store_.active_of_phone("0905123456", 3), 1);
  EXPECT_EQ(store_.active_of_phone("0905123456", 2), 0);
}

TEST_F(booking_store_test, WhenAPhonesBookingsWereMadeThroughOneRoute) {
  const auto nine = zone.at(std::chrono::year{2026} / 11 / 26, 9h);
  for (int i = 0; i < 3; ++i) {
    auto b = booking("AAAAAAA" + std::to_string(i + 2), 1, monday, 8h + i * 15min);
    b.created_at = nine + i * 1h;
    store_.insert(b);
  }
  auto by_clerk = booking("AAAAAAA9", 1, tuesday, 8h);
  by_clerk.booked_by = "clerk1";
  by_clerk.created_at = nine + 3h;
  store_.insert(by_clerk);
  EXPECT_EQ(store_.made_since("0905123456", store::booked_publicly, nine + 30min),
            (std::vector<domain::time_point>{nine + 1h, nine + 2h}));
  EXPECT_EQ(store_.made_since("0905123456", "clerk1", nine).size(), 1u);
  EXPECT_TRUE(store_.made_since("0912345678", store::booked_publicly, nine).empty());
}

TEST_F(booking_store_test, BookingsStillBookedOnceTheirSlotHasBegun) {
  added(booking("AAAAAAA2", 1, monday, 8h));
  auto checked_in = added(booking("AAAAAAA3", 1, monday, 7h + 45min));
  checked_in.status = booking_status::checked_in;
  store_.update(checked_in);
  added(booking("AAAAAAA4", 3, monday, 7h + 30min));
  added(booking("AAAAAAA5", 1, monday, 8h + 15min));
  EXPECT_EQ(codes(store_.booked_before(zone.at(monday, 8h) + 1ms)),
            (std::vector<std::string>{"AAAAAAA4", "AAAAAAA2"}));
  EXPECT_TRUE(store_.booked_before(zone.at(monday, 7h + 30min)).empty());
}

}  // namespace
}  // namespace motcua::testing
