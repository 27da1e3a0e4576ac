// SQL for bookings (issue 13): the `bookings` rows, the places each slot holds, and the
// bookings a phone number holds or has made. Prepared statements; the caller (the engine) owns
// the transaction, so a count and the insert it allows are one transaction: the one writer
// never oversells a slot. Engine thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/store/database.hpp"
#include "server/store/records.hpp"
#include "shared/domain/booking.hpp"

namespace motcua::store {

struct booking_record {
  std::int64_t id = 0;
  std::string code;
  std::string token_hash;    // SHA-256 of the manage token
  std::string sealed_token;  // the token sealed with the request_key (auth::seal_token)
  std::string request_hash;  // SHA-256 of the request_key
  service_id service = 0;
  std::optional<std::int64_t> procedure;
  time_point start;  // the slot's start: the key its places are counted by
  time_point end;
  std::string full_name;
  std::string phone;  // normalised (domain::normalise_phone)
  std::optional<std::string> id_number;
  std::string lang;  // "vi" or "en"
  domain::booking_status status = domain::booking_status::booked;
  std::string booked_by;  // "public" (the HTTP route) or the clerk's username
  time_point created_at;
  time_point changed_at;
  std::optional<std::string> cancel_reason;
  std::optional<ticket_id> ticket;  // once checked in
};

// Who made a booking through the public HTTP route (`booked_by`).
inline constexpr std::string_view booked_publicly = "public";

class booking_store {
 public:
  explicit booking_store(database& db);

  void insert(booking_record& b);  // sets b.id
  // Writes the status, changed_at, cancel_reason, ticket and slot (start, end) of `b`.
  void update(const booking_record& b);

  std::optional<booking_record> find_by_code(const std::string& code);
  std::optional<booking_record> find_by_request(const std::string& request_hash);
  // The bookings holding a place (booked or checked in) of `service` starting in [from, to), per
  // start.
  domain::held_bookings held(service_id service, time_point from, time_point to);
  // The bookings starting in [from, to), of `service` or of every service, in start order.
  std::vector<booking_record> starting(time_point from, time_point to,
                                       std::optional<service_id> service = std::nullopt);
  // The bookings of `phone` starting in [from, to), in start order.
  std::vector<booking_record> of_phone(const std::string& phone, time_point from, time_point to);
  // How many bookings `phone` holds active (booked) for `service`, whatever their day.
  int active_of_phone(const std::string& phone, service_id service);
  // When the bookings `phone` made through `booked_by` since `since` were made, oldest first.
  std::vector<time_point> made_since(const std::string& phone, std::string_view booked_by,
                                     time_point since);
  // The bookings still `booked` whose slot starts before `before`, in start order.
  std::vector<booking_record> booked_before(time_point before);

 private:
  // The bookings `where` (SQL after WHERE, with `?` bound by `bind`) selects, in start order.
  template <class Bind>
  std::vector<booking_record> select(std::string_view where, Bind bind);

  database& db_;
  statement insert_;
  statement update_;
  statement held_;
};

}  // namespace motcua::store
