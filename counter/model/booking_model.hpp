// The clerk's bookings (issue 13, README "Booking rules"): today's bookings from list_bookings,
// kept fresh by the booking_changed events of the staff topic `bookings`; the slot of the booking
// an appointment ticket was checked in for, to mark it in the waiting list; booking a time for a
// citizen who phones in (`book`: a service, a day, one of that day's free slots from
// list_bookings, name, phone and an optional ID number) and cancelling a booking with a reason
// (`cancel_booking`). Plain C++; UI thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::counter {

struct booking_counts {
  int booked = 0;
  int checked_in = 0;
  int missed = 0;
  int cancelled = 0;
};

// A booking for a citizen who phones in, as typed.
struct phone_booking {
  protocol::service_id service = 0;
  std::string day;    // dd/mm/yyyy
  std::string start;  // the chosen slot's start (ISO 8601)
  std::string full_name;
  std::string phone;
  std::string id_number;  // optional
};

class booking_model {
 public:
  // `key_prefix` makes the book requests' keys unique to this desk and run.
  booking_model(const domain::clock& clock, client::sender send, std::string key_prefix);

  // Asks for today's bookings.
  void refresh();
  bool answered() const { return answered_; }
  // Today's bookings, in start order.
  const std::vector<protocol::booking_view>& today() const { return today_; }
  booking_counts counts() const;
  // "08:15": the start of the booking that `ticket` was checked in for, if it is today's.
  std::optional<std::string> slot_of(protocol::ticket_id ticket) const;

  phone_booking form;
  // Asks for the slots of the form's service on its day (a day that does not parse: nothing).
  bool find_slots();
  // The form's day's slots that still have a place and have not begun.
  std::vector<protocol::slot_view> free_slots() const;
  bool can_book() const;
  // Sends `book` (the same request_key until a booking is made, so a repeat is safe).
  void book();
  // The booking the form made last (its code is read to the citizen).
  const std::optional<protocol::booking_view>& made() const { return made_; }

  void cancel(const std::string& code, std::string reason);

  bool busy() const { return form_slot_.busy() || action_slot_.busy(); }
  bool on_reply(const protocol::reply& r);
  void on_event(const protocol::event& e);
  void offline();
  const std::optional<protocol::error>& problem() const { return problem_; }

 private:
  std::chrono::year_month_day today_date() const { return zone_.day_of(clock_.now()); }
  // Puts the booking in today's list (or replaces its row) when it is today's, else takes it out
  // (a booking moved to another day).
  void keep(const protocol::booking_view& b);

  const domain::clock& clock_;
  client::sender send_;
  std::string key_prefix_;
  int form_number_ = 1;
  domain::business_zone zone_;
  client::request_slot today_slot_, form_slot_, action_slot_;
  bool answered_ = false;
  std::vector<protocol::booking_view> today_;
  std::optional<protocol::bookings_result> form_day_;  // the slots of the form's service and day
  std::optional<protocol::booking_view> made_;
  std::optional<protocol::error> problem_;
};

}  // namespace motcua::counter
