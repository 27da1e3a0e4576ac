// The bookings (issue 13, docs/protocol.md "Appointments", README "Booking rules"): the slots of a
// day, booking a time (the public route and a clerk's `book`), a booking read or cancelled with
// its manage token, a clerk's cancel and the day's list, the booking a kiosk checks in, and those
// that become missed by themselves. The rules are domain/booking.hpp's, on the centre's working
// calendar; the rows are store/booking_store.hpp's, written inside the engine's transaction, so
// that counting a slot's places and taking one is one step of the one writer: a slot is never
// oversold, however many ask at once. It knows nothing of sockets or JSON text.
//
// Single-threaded: the engine only (one thread at a time); each verb validates before it writes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "server/config/config.hpp"
#include "server/engine/audit.hpp"
#include "server/engine/queue.hpp"
#include "server/store/booking_store.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/domain/text_policy.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::engine {

// What the public booking routes ask of the engine (net/http_handler.hpp); `english` chooses the
// language of an error's `message`.
struct slots_query {  // GET /api/v1/slots?service=ID&date=YYYY-MM-DD
  domain::service_id service = 0;
  std::string date;
  bool english = false;
};
// GET (or DELETE: `cancel`, or PATCH: `move_to`) /api/v1/bookings/{code}?token=T
struct booking_lookup {
  std::string code;
  std::string token;
  bool cancel = false;
  bool english = false;
  std::optional<std::string> move_to;  // the new slot's start (ISO 8601)
  bool writes() const { return cancel || move_to.has_value(); }
};

// A booking made, read or cancelled.
struct booking_outcome {
  std::variant<protocol::error, protocol::booking_result> body;
  bool created = false;  // a new booking (201), not the one its request_key made before
};
class booking_desk {
 public:
  booking_desk(const config::settings& settings, store::booking_store& store, audit_log& audit);

  std::variant<protocol::error, protocol::slots_result> slots(const slots_query& q,
                                                              domain::time_point now);
  // A booking made by a clerk (`book`) or through the public route (`public_route`: the
  // per-phone limit applies, and `booked_by` is store::booked_publicly).
  booking_outcome book(const context& c, const protocol::book& r, bool public_route);
  // The citizen's own booking, read, cancelled or moved with its manage token. A wrong code or
  // token is `not_found`, the same answer as an unknown code: nothing says which one was wrong.
  booking_outcome own(const context& c, const booking_lookup& r);
  protocol::reply_body cancel(const context& c, const protocol::cancel_booking& r);
  protocol::reply_body move(const context& c, const protocol::move_booking& r);
  protocol::reply_body list(const context& c, const protocol::list_bookings& r);

  // The booking a kiosk's check_in names when it may be checked in now (in its check-in window,
  // or checked in already), else the error the kiosk shows: too early (with when to come back,
  // `retry_at`), too late, cancelled, unknown.
  std::variant<store::booking_record, protocol::error> to_check_in(const context& c,
                                                                   const protocol::check_in& r);
  // The booking got `ticket` at the kiosk (nothing to do when it already had).
  void checked_in(const context& c, store::booking_record b, domain::ticket_id ticket);

  // Every booking still booked whose check-in window has closed becomes missed, with an event.
  void mark_missed(domain::time_point now);
  // Per service, the bookings still booked that may check in within the next hour: their slot
  // starts before `now` + 60 minutes and their check-in window has not closed.
  std::map<domain::service_id, int> due_soon(domain::time_point now);

  std::vector<protocol::event_body> take_events();

 private:
  // The service's booking rules (a service no longer bookable keeps the defaults' window).
  const domain::booking_rules& rules_of(domain::service_id service) const;
  // `staff`: the staff view, else the citizen's own.
  protocol::booking_view view(const store::booking_record& b, bool staff) const;
  // The day's start and end instants in the business zone.
  std::pair<domain::time_point, domain::time_point> bounds(std::chrono::year_month_day day) const;
  // The slot of `service` (bookable) starting at `start` that may be booked at `now`, else why
  // not, as the problem of the field `start`.
  std::variant<domain::booking_slot, domain::field_problem> slot_at(const config::service& service,
                                                                    domain::time_point start,
                                                                    domain::time_point now);
  // The first refusal of a booking that is valid field by field: the slot full, the phone's
  // bookings for the service, the phone's bookings made through the public route. `moving`: the
  // booking moved to `slot`, no new one (neither limit on how many a phone makes or holds
  // applies, and it is no other booking of its phone).
  std::optional<protocol::error> refusal(const context& c, const config::service& service,
                                         const domain::booking_slot& slot, const std::string& phone,
                                         bool public_route,
                                         const store::booking_record* moving = nullptr);
  // Moves `b`, still booked and not past its check-in window, to the slot of its service that
  // starts at `start`: the new place taken and the old one freed in one step.
  std::optional<protocol::error> move(const context& c, store::booking_record& b,
                                      const std::string& start);
  // Writes the change of `b` (database, audit log) and announces it.
  void change(const context& c, store::booking_record& b, domain::booking_status to,
              const std::string& action, std::optional<std::string> reason);
  // Writes `b`, changed from `before` (its audit_json), and announces it.
  void write(const context& c, store::booking_record& b, const std::string& before,
             const std::string& action, const std::optional<std::string>& reason);

  const config::settings& settings_;
  domain::working_calendar calendar_;
  store::booking_store& store_;
  audit_log& audit_;
  std::vector<protocol::event_body> events_;
};

}  // namespace motcua::engine
