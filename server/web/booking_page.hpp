// The public booking pages (issue 13, `/dat-lich`): a citizen books a time from a cheap phone,
// without JavaScript, in plain GET links and one POST form, then keeps a private link to the
// booking's own page. Pure functions of what the HTTP layer hands them (net/booking_pages.hpp):
// no engine, store, network or I/O; every text from the input is escaped (page.hpp).
//
// The addresses the pages write (lang=en is kept on every one of them):
//   /dat-lich                                          the bookable services
//   /dat-lich?service=S[&procedure=P]                  procedures (optional), days
//   /dat-lich?service=S[&procedure=P]&date=D           the day's times
//   /dat-lich?service=S[&procedure=P]&date=D&start=T   the form (name, phone, ID number)
//   POST /dat-lich                                     the form sent (form-encoded)
//   /dat-lich/{code}?token=T[&huy=1]                   the citizen's own booking [cancel step]
//   POST /dat-lich/{code}/huy                          cancelled (token and form token inside)
//   /dat-lich/{code}/doi-gio?token=T                   moving it: the days of its service
//   /dat-lich/{code}/doi-gio?token=T&service=S&date=D[&from=T0]  moving it: the day's times
//                                                      (T0: its time now, marked)
//   POST /dat-lich/{code}/doi-gio                      moved (the time chosen, token, form token)
//   /dat-lich/{code}?token=T&da-doi=1                  the own page, saying it was moved
//   /dat-lich/{code}.ics?token=T                       the calendar entry
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/web/page.hpp"
#include "shared/domain/booking.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::web {

using domain::business_zone;
using domain::time_point;

struct service_option {
  std::int64_t id = 0;
  std::string name;
  std::string name_en;  // empty: `name` in English too
};

struct document_item {
  std::string name;
  bool required = true;
};

struct procedure_option {
  std::int64_t id = 0;
  std::string name;
  std::string name_en;
  std::vector<document_item> documents;  // what to bring, as the catalogue lists it
  std::int64_t fee = 0;                  // đồng; 0: none
};

struct slot_option {
  std::string start;  // ISO 8601, as the form sends it back
  time_point start_at;
  time_point end_at;
  int free = 0;  // 0: shown, not choosable
};

// What the citizen chose so far; `procedure` is optional all along.
struct booking_choice {
  service_option service;
  std::optional<procedure_option> procedure;
};

// The form and what is kept across its renders: the values typed, the problems found (field ->
// text in the page's language: full_name, phone, id_number, start), an alert above the form,
// and the hidden fields of this render.
struct booking_form {
  booking_choice choice;
  slot_option slot;
  std::string full_name;
  std::string phone;
  std::string id_number;
  std::map<std::string, std::string> problems;
  std::string alert;
  std::string request_key;  // one per booking intended: a double submit makes one booking
  std::string form_token;   // the CSRF token of this render (net/booking_pages.hpp)
};

// The citizen's own booking (the only page with personal data).
struct own_booking {
  std::string code;
  std::string token;
  domain::booking_status status = domain::booking_status::booked;
  std::string service;  // its name in the page's language
  std::optional<std::string> procedure;
  time_point start;
  time_point end;
  time_point check_in_from;
  time_point check_in_until;
  std::string full_name;
  std::string phone;
  std::optional<std::string> cancel_reason;
};

// How the own page opens: as it is, asking to confirm a cancel, or saying the booking was just
// moved.
enum class own_page_mode { plain, confirm_cancel, moved };

// A booking being moved, as its move pages carry it along (from its private link).
struct booking_move {
  std::string code;
  std::string token;
  service_option service;
  std::string current;  // its start now (ISO 8601), shown as such among the times; may be empty
};

// Step 1: the services that take bookings, each a link.
std::string render_services_page(const std::vector<service_option>& services, lang language);

// Step 2: the service's procedures to choose from (optional; the chosen one's documents and
// fee shown), and its bookable days, each a link.
std::string render_days_page(const booking_choice& choice,
                             const std::vector<procedure_option>& procedures,
                             const std::vector<std::chrono::year_month_day>& days, lang language);

// Step 3: the day's times with the places left; a full one is shown, not linked. `reason`, when
// not empty, says why the day cannot be booked.
std::string render_times_page(const booking_choice& choice, std::chrono::year_month_day day,
                              const std::vector<slot_option>& slots, std::string_view reason,
                              lang language, const business_zone& zone);

// Step 4: the form, posting to /dat-lich, every problem beside its field.
std::string render_form_page(const booking_form& form, lang language, const business_zone& zone);

// The booking's own page: code, QR code of the code (for the kiosk's scanner), status, time,
// check-in window, name and phone, the calendar link, and for a booking still booked links to
// move and to cancel it; with own_page_mode::confirm_cancel, the cancel form (posting
// `form_token`) instead.
std::string render_own_booking_page(const own_booking& booking, lang language,
                                    const business_zone& zone, own_page_mode mode,
                                    std::string_view form_token);

// Moving a booking, step 1: its time now and the days of its service one may book, each a link.
std::string render_move_days_page(const own_booking& booking, const booking_move& move,
                                  const std::vector<std::chrono::year_month_day>& days,
                                  lang language, const business_zone& zone);

// Moving a booking, step 2: the day's times with the places left, each free one a button of
// the form that posts the move (`form_token`); `reason`, when not empty, says why the day
// cannot be booked.
std::string render_move_times_page(const booking_move& move, std::chrono::year_month_day day,
                                   const std::vector<slot_option>& slots, std::string_view reason,
                                   std::string_view form_token, lang language,
                                   const business_zone& zone);

// A move refused (the time taken meanwhile, the day closed...): `message` says why, the booking
// is as it was; links to choose again on `day` and back to the booking.
std::string render_move_refused_page(const booking_move& move, std::chrono::year_month_day day,
                                     std::string_view message, lang language);

// The page for a wrong code or token, or a booking step that names nothing bookable (serve it
// with 404): says nothing of any booking.
std::string render_booking_not_found_page(lang language);

// The page for a form post refused as forged or too old (serve it with 403): nothing was
// stored; a link to start again.
std::string render_form_refused_page(lang language);

// The page for a booking refused by a limit (429), `message` saying when to try again.
std::string render_booking_limit_page(lang language, std::string_view message);

// The booking as an iCalendar file (RFC 5545): one VEVENT in UTC, CRLF line endings, lines
// folded at 75 octets. `location` is the centre's name; `stamp` the file's DTSTAMP.
std::string booking_ics(const own_booking& booking, std::string_view location, time_point stamp);

}  // namespace motcua::web
