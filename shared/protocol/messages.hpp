// Typed messages of the wire contract `motcua.v1` (docs/protocol.md, which agrees with the
// handbook's PROTOCOL.md and only adds to it). Plain values: no I/O, no JSON; the one codec
// for them is protocol/codec.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shared/domain/booking.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::protocol {

using domain::counter_id;
using domain::priority;
using domain::service_id;
using domain::ticket_id;
using domain::ticket_state;

constexpr std::string_view subprotocol = "motcua.v1";
// Its limits: protocol/limits.hpp.

// ---------------------------------------------------------------- errors

enum class error_code {
  bad_request,   // malformed JSON, missing or wrongly typed field, unknown verb
  invalid,       // well-formed but fails validation; `fields` says where
  unauthorized,  // not logged in, bad credentials
  forbidden,     // the role may not do this
  not_found,
  conflict,  // the state does not allow it
  empty,     // nobody waiting
  limit,     // rate limit or daily cap
  closed,    // service not open now
  internal,
};

std::string_view to_string(error_code c);
std::optional<error_code> parse_error_code(std::string_view s);

struct error {
  error_code code = error_code::internal;
  std::string message;     // the request's language (Vietnamese unless `lang` is "en")
  std::string message_en;  // always English
  std::map<std::string, std::string> fields;  // only for `invalid`: field -> what is wrong
  // `limit` of a held-back login: seconds before trying again. (Initialised, so that the
  // brace initialisations that leave it out stay warning-free.)
  std::optional<int> retry_after = std::nullopt;
  // When the same request may succeed (ISO 8601): a check-in too early, when its window opens.
  std::optional<std::string> retry_at = std::nullopt;

  bool operator==(const error&) const = default;
};

// ---------------------------------------------------------------- views

// province_manager: a staff account of the province hub (motcua-hub), never of a centre.
enum class role { kiosk, display, clerk, manager, admin, province_manager };
std::string_view to_string(role r);
std::optional<role> parse_role(std::string_view s);
inline bool is_staff(role r) { return r == role::clerk || r == role::manager || r == role::admin; }

struct ticket {
  ticket_id id = 0;
  std::string number;  // "A012"
  service_id service = 0;
  domain::priority priority = domain::priority::none;
  domain::ticket_state state = domain::ticket_state::waiting;
  std::string issued_at;                     // ISO 8601 with offset
  std::optional<std::string> called_at;      // last call (also on recall)
  std::optional<std::string> started_at;     // citizen arrived at the counter
  std::optional<std::string> finished_at;    // done or no_show
  std::optional<counter_id> counter;         // the counter that called it
  std::optional<counter_id> target_counter;  // transferred to one counter only
  int recalls = 0;
  std::optional<std::string> outcome;
  // The dossier this visit is about: a ticket taken for a dossier (collect a result, bring a
  // supplement), or the dossier registered while serving it.
  std::optional<std::string> dossier;
  // Only in the take_ticket and check_in replies (never in events or snapshots): the ticket's
  // page capability, and its page's address when the server has a public base address.
  std::optional<std::string> public_token;
  std::optional<std::string> public_url;

  bool operator==(const ticket&) const = default;
};

// Why a service takes no ticket now: `closed` (outside opening hours) or
// `limit` (daily cap reached). Messages in Vietnamese and English.
struct service_closure {
  error_code code = error_code::closed;
  std::string message;
  std::string message_en;

  bool operator==(const service_closure&) const = default;
};

struct service_view {
  service_id id = 0;
  std::string code;
  std::string name;
  std::string name_en;
  std::string prefix;
  bool open = false;
  int waiting = 0;
  int eta_minutes = 0;
  std::optional<service_closure> closure;  // present when !open
  int max_wait_minutes = 0;                // the service's wait target
  int max_service_minutes = 0;             // the service's service-time target

  bool operator==(const service_view&) const = default;
};

enum class counter_state { closed, open, paused };
std::string_view to_string(counter_state s);
std::optional<counter_state> parse_counter_state(std::string_view s);

struct counter_view {
  counter_id id = 0;
  std::string name;  // "Quầy 1"
  counter_state state = counter_state::closed;
  std::vector<service_id> services;        // in preference order
  std::optional<protocol::ticket> ticket;  // called or serving now
  std::optional<std::string> clerk;        // username
  std::optional<std::string> clerk_name;
  int served_today = 0;             // tickets finished at this counter today
  int average_service_seconds = 0;  // their average time from arrival to finish
  // The counter's run of appointments (domain::appointment_run): how many it called last, one
  // after another, and the centre's limit while walk-ins wait. Its waiting list reads them.
  int appointments_called = 0;
  int appointments_in_a_row = 2;

  bool operator==(const counter_view&) const = default;
};

// One call shown on the hall display.
struct call_view {
  protocol::ticket ticket;
  counter_id counter = 0;
  std::string counter_name;
  std::string at;
  bool recall = false;

  bool operator==(const call_view&) const = default;
};

// Today's figures per service, for managers' dashboards.
struct service_stats {
  service_id service = 0;
  int waiting = 0;
  int issued = 0;
  int served = 0;
  int no_show = 0;
  int longest_wait_seconds = 0;     // among tickets waiting now
  int average_wait_seconds = 0;     // issue -> first call, today
  int average_service_seconds = 0;  // arrival -> finish, today
  int p90_wait_seconds = 0;         // 90th percentile (nearest rank) of those waits
  int p90_service_seconds = 0;      // and of those service times
  // How good the waits told at issue were (issue 16), over the tickets first called in the
  // period that were told one: each one's error is its wait minus the wait it was told. The
  // mean and 90th percentile of the errors' sizes, the share within ±5 minutes (percent,
  // rounded) and the bias, their mean (positive: waited longer than told). 0 with no tickets.
  int eta_tickets = 0;
  int eta_mean_abs_error_seconds = 0;
  int eta_p90_abs_error_seconds = 0;
  int eta_within_5_percent = 0;
  int eta_bias_seconds = 0;
  bool operator==(const service_stats&) const = default;
};

// ---------------------------------------------------------------- dossier views

struct document_view {
  std::string name;
  bool required = true;
  bool operator==(const document_view&) const = default;
};

// A procedure of the catalogue, as in force today (list_procedures).
struct procedure_view {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string name_en;
  service_id service = 0;
  int processing_days = 0;      // the legal time's amount...
  std::string processing_unit;  // ...and its unit: working_days, calendar_days, hours
  std::int64_t fee = 0;         // đồng
  std::vector<document_view> documents;
  std::optional<std::string> due_at;  // when a dossier received now would be due
  bool operator==(const procedure_view&) const = default;
};

// Personal data: only staff see it.
struct applicant {
  std::string full_name;
  std::optional<std::string> id_number;  // 12-digit personal ID, or...
  std::optional<std::string> passport;   // ...a passport number for foreigners
  std::string phone;
  std::string address;
  std::optional<std::string> email;
  bool operator==(const applicant&) const = default;
};

// One row of the dossier's history (the control sheet).
struct history_entry {
  std::string at;
  std::string actor;
  std::string action;               // a dossier action, or "register"
  std::optional<std::string> from;  // giving department
  std::optional<std::string> to;    // receiving department
  std::optional<std::string> note;
  std::optional<std::string> result;  // the step ended early, on_time or late
  std::optional<std::string> unit;    // where it was taken, when another unit's department
  bool operator==(const history_entry&) const = default;
};

// A text message to the citizen as staff see it (issue 14, README "Text messages"): what it was
// about and how far it got. Neither the number nor the words: a ticket's phone is on no wire.
struct text_view {
  std::string kind;                   // ahead, called; received, supplement, result, late
  std::string state;                  // queued, sending, sent, delivered, failed, skipped
  std::optional<std::string> reason;  // skipped: cap, quiet, near, landline; failed: why
  std::string at;                     // its last change, ISO 8601
  bool operator==(const text_view&) const = default;
};

// The full view (staff).
struct dossier_view {
  std::string code;
  std::int64_t procedure = 0;
  std::string procedure_name;
  std::string status;
  std::string received_at;
  std::string due_at;
  std::optional<std::string> original_due_at;  // before an extension
  std::optional<std::string> finished_at;
  bool late = false;
  bool due_soon = false;  // due within one working day and not finished
  protocol::applicant applicant;
  std::vector<std::string> documents;
  std::optional<ticket_id> ticket;
  std::optional<std::string> note;
  std::optional<std::string> department;  // where it is now
  int book_volume = 0;
  int book_line = 0;
  std::vector<history_entry> history;
  std::vector<text_view> texts;  // the applicant's texts, oldest first (none without a gateway)
  bool operator==(const dossier_view&) const = default;
};

// What anybody may see (lookup_dossier, GET /api/v1/dossiers/{code}, the
// dossier_changed event): no name, ID, phone or address.
struct public_step {
  std::string at;
  std::string step;
  bool operator==(const public_step&) const = default;
};
// The kiosk may offer a ticket for a looked-up dossier: `collect_result` (the result is
// ready: the results service) or `supplement` (papers were asked for: the receiving service).
struct ticket_offer {
  service_id service = 0;
  std::string purpose;
  bool operator==(const ticket_offer&) const = default;
};
// A ticket as its page shows it to whoever holds its public token (GET /api/v1/tickets/{token}):
// no personal data, nothing of other tickets.
struct public_ticket {
  std::string number;
  service_id service = 0;
  std::string service_name;
  std::string service_name_en;
  domain::ticket_state state = domain::ticket_state::waiting;
  int ahead = 0;                      // waiting only
  std::optional<int> eta_minutes;     // waiting only
  std::optional<counter_id> counter;  // called or being served there
  std::optional<std::string> counter_name;
  std::optional<std::string> counter_name_en;
  bool operator==(const public_ticket&) const = default;
};

struct public_dossier {
  std::string code;
  std::string procedure;
  std::string procedure_en;
  std::string status;
  std::string received_at;
  std::string due_at;
  bool late = false;
  std::vector<public_step> history;
  std::optional<protocol::ticket_offer> ticket_offer;
  bool operator==(const public_dossier&) const = default;
};

// ---------------------------------------------------------------- booking views

// One slot of a day: GET /api/v1/slots (`service` and `booked` left out) and list_bookings.
struct slot_view {
  std::optional<service_id> service;
  std::string start;  // ISO 8601
  std::string end;
  int capacity = 0;           // places for bookings, after the walk-in share
  int free = 0;               // left, never below 0
  std::optional<int> booked;  // bookings holding a place (booked or checked in)
  bool over_booked = false;   // holds more than its capacity (the capacity was lowered)
  bool operator==(const slot_view&) const = default;
};

// A booking. What the citizen sees of their own booking (its code and manage token: the POST and
// GET routes) has their name and phone; the staff view (list_bookings, book, cancel_booking,
// booking_changed) also the ID number, who booked it and the ticket it got.
struct booking_view {
  std::string code;
  service_id service = 0;
  std::optional<std::int64_t> procedure;
  std::string start;  // the slot's, ISO 8601
  std::string end;
  domain::booking_status status = domain::booking_status::booked;
  std::string check_in_from;   // the kiosk checks it in from this time...
  std::string check_in_until;  // ...until this one (excluded)
  std::string full_name;
  std::string phone;
  std::optional<std::string> id_number;  // staff view
  std::string lang = "vi";
  std::string created_at;
  std::optional<std::string> booked_by;  // staff view: "public" or the clerk's username
  std::optional<std::string> cancel_reason;
  std::optional<ticket_id> ticket;           // staff view, once checked in
  std::optional<std::string> ticket_number;  // once checked in
  // Only in the reply that made the booking, and again to the same request_key.
  std::optional<std::string> manage_token;
  bool operator==(const booking_view&) const = default;
};

// GET /api/v1/slots: a day of a service. A day that cannot be booked has no slots and says why.
struct slots_result {
  service_id service = 0;
  std::string date;  // YYYY-MM-DD
  std::vector<slot_view> slots;
  std::optional<std::string> reason;  // Vietnamese
  std::optional<std::string> reason_en;
  bool operator==(const slots_result&) const = default;
};

// ---------------------------------------------------------------- requests

struct hello {
  std::optional<std::string> device_token;
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<std::string> session_token;
  std::optional<std::int64_t> since;
  // The topics to receive (protocol/topics.hpp); absent: the role's default.
  std::optional<std::vector<std::string>> topics;

  bool operator==(const hello&) const = default;
};
struct list_services {
  bool operator==(const list_services&) const = default;
};
struct take_ticket {
  service_id service = 0;
  std::string request_key;
  domain::priority priority = domain::priority::none;
  std::string lang = "vi";
  std::optional<std::string> dossier;  // code: only as the dossier's ticket_offer allows
  // For text messages when near the front and when called (issue 14): never on any wire but this.
  std::optional<std::string> phone;

  bool operator==(const take_ticket&) const = default;
};
struct open_counter {
  counter_id counter = 0;
  std::vector<service_id> services;

  bool operator==(const open_counter&) const = default;
};
struct call_next {
  bool operator==(const call_next&) const = default;
};
struct call_ticket {
  ticket_id ticket = 0;
  std::optional<std::string> reason;

  bool operator==(const call_ticket&) const = default;
};
struct recall {
  bool operator==(const recall&) const = default;
};
struct start_service {
  bool operator==(const start_service&) const = default;
};
struct no_show {
  bool operator==(const no_show&) const = default;
};
struct transfer {
  service_id service = 0;
  std::optional<counter_id> counter;
  std::optional<std::string> reason;

  bool operator==(const transfer&) const = default;
};
struct finish {
  std::optional<std::string> outcome;

  bool operator==(const finish&) const = default;
};
struct pause_counter {
  bool operator==(const pause_counter&) const = default;
};
struct resume_counter {
  bool operator==(const resume_counter&) const = default;
};
struct close_counter {
  bool operator==(const close_counter&) const = default;
};
struct list_procedures {
  std::optional<service_id> service;
  bool operator==(const list_procedures&) const = default;
};
struct register_dossier {
  std::int64_t procedure = 0;
  protocol::applicant applicant;
  std::vector<std::string> documents;  // names received
  std::string request_key;
  std::optional<ticket_id> ticket;
  std::optional<std::string> note;
  bool operator==(const register_dossier&) const = default;
};
struct get_dossier {
  std::string code;
  bool operator==(const get_dossier&) const = default;
};
struct search_dossiers {
  std::optional<std::string> text;  // code, name, address (diacritics optional), ID, phone
  std::optional<std::string> status;
  std::optional<std::int64_t> procedure;
  std::optional<std::string> from;  // received on or after (ISO 8601 date or time)
  std::optional<std::string> to;    // received before
  std::optional<bool> late;
  std::optional<bool> due_soon;
  std::optional<int> limit;  // default_search_page, at most max_search_page (protocol/limits.hpp)
  std::optional<int> offset;
  bool operator==(const search_dossiers&) const = default;
};
struct advance_dossier {
  std::string code;
  std::string action;
  std::optional<std::string> note;        // the reason, where one is required
  std::optional<std::string> to;          // receiving department (forward)
  std::optional<std::string> new_due_at;  // extend
  bool operator==(const advance_dossier&) const = default;
};
struct lookup_dossier {
  std::string code;
  bool operator==(const lookup_dossier&) const = default;
};
struct get_stats {
  std::optional<std::string> from;  // default: today (business day)
  std::optional<std::string> to;    // exclusive; default: the day after `from`
  bool operator==(const get_stats&) const = default;
};
// A citizen's satisfaction rating from the counter-side evaluation screen.
struct rate_service {
  counter_id counter = 0;
  int level = 0;  // 1 (worst) .. scale (best); the scale is the server's rating_levels
  std::optional<ticket_id> ticket;
  std::optional<std::string> dossier;  // code
  std::string request_key;
  bool operator==(const rate_service&) const = default;
};

// Lifts the lock that failed logins put on a username and/or a client address (manager, admin).
struct unlock_login {
  std::optional<std::string> username;
  std::optional<std::string> address;
  bool operator==(const unlock_login&) const = default;
};
struct list_login_locks {
  bool operator==(const list_login_locks&) const = default;
};
// The text messages of one ticket (clerk, manager): texts_result.
struct list_texts {
  ticket_id ticket = 0;
  bool operator==(const list_texts&) const = default;
};

// Booking a time (docs/protocol.md "Appointments"). Also the body of POST /api/v1/bookings. Every
// field but `procedure` and `id_number` is needed; one left out is named in `invalid`'s `fields`
// like a wrong one. `lang` (the citizen's) shares the top-level key with request::lang, as
// take_ticket's does.
struct book {
  service_id service = 0;
  std::string start;  // a slot's start, ISO 8601
  std::string full_name;
  std::string phone;
  std::string request_key;
  std::optional<std::string> id_number;
  std::optional<std::int64_t> procedure;
  std::string lang = "vi";
  bool operator==(const book&) const = default;
};
// The kiosk checks a booking in: by its code, or by the phone number it was made with.
struct check_in {
  std::optional<std::string> code;
  std::optional<std::string> phone;
  bool operator==(const check_in&) const = default;
};
struct list_bookings {
  std::string date;  // YYYY-MM-DD
  std::optional<service_id> service;
  bool operator==(const list_bookings&) const = default;
};
struct cancel_booking {
  std::string code;
  std::optional<std::string> reason;  // required
  bool operator==(const cancel_booking&) const = default;
};
// A booking still booked moved to another slot of its service (the same code and token).
struct move_booking {
  std::string code;
  std::string start;  // the new slot's start, ISO 8601
  bool operator==(const move_booking&) const = default;
};

// Recorded days of the hall for the what-if and the staffing advice (manager, admin): each
// day's tickets with their visits and the counters' openings and closings (issue 16). 1 to 7
// distinct days (YYYY-MM-DD), none after today: recorded_days_result.
struct get_recorded_days {
  std::vector<std::string> days;
  bool operator==(const get_recorded_days&) const = default;
};

// The province dashboard (issue 15; province_manager, at the hub only): every centre side by
// side. The queue figures of the period [from, to) (business days; default today), the waits now,
// and the on-time figures of the month to date (from the first day of the month of the period's
// last day to `to`). With `unit`, the procedures, services and late dossiers are that centre's
// (the drill-down); without, the province's.
struct get_province_stats {
  std::optional<std::string> from;  // YYYY-MM-DD
  std::optional<std::string> to;    // YYYY-MM-DD, exclusive
  std::optional<std::string> unit;
  bool operator==(const get_province_stats&) const = default;
};

using request_params =
    std::variant<hello, list_services, take_ticket, open_counter, call_next, call_ticket, recall,
                 start_service, no_show, transfer, finish, pause_counter, resume_counter,
                 close_counter, list_procedures, register_dossier, get_dossier, search_dossiers,
                 advance_dossier, lookup_dossier, get_stats, rate_service, unlock_login,
                 list_login_locks, book, check_in, list_bookings, cancel_booking, move_booking,
                 list_texts, get_recorded_days, get_province_stats>;

// The wire name of a request's verb ("take_ticket").
std::string_view verb_of(const request_params& p);

struct request {
  std::int64_t id = 0;
  std::optional<std::string> lang;  // "vi" (default) or "en": language of error messages
  request_params params;

  bool operator==(const request&) const = default;
};

// ---------------------------------------------------------------- replies

// What a role's screen needs at connection time (hello reply).
struct snapshot {
  std::vector<service_view> services;
  std::vector<counter_view> counters;
  std::vector<ticket> waiting;           // staff only: every waiting ticket, in call order
  std::vector<call_view> recent_calls;   // newest first
  std::optional<counter_id> my_counter;  // clerks: the counter they hold
  std::optional<int> rating_levels;      // the satisfaction scale: 3 or 5
  // The centre sends text messages (its SMS gateway is configured): the kiosk offers the phone
  // step, take_ticket's `phone`. Absent: false.
  std::optional<bool> texts;

  bool operator==(const snapshot&) const = default;
};

struct hello_result {
  protocol::role role = protocol::role::kiosk;
  std::string user;  // username or device name
  std::optional<std::string> display_name;
  std::optional<std::string> session_token;       // staff only
  std::optional<std::string> session_expires_at;  // staff only
  std::int64_t seq = 0;                           // the last event seq sent by the server
  std::string server_time;
  std::optional<protocol::snapshot> snapshot;  // absent when the missed events were replayed
  std::optional<int> replayed;
  // The connection's topics that have had events, each with its last topic_seq (a topic not
  // listed is at 0): the next event of a topic is its topic_seq + 1.
  std::map<std::string, std::int64_t> topics;

  bool operator==(const hello_result&) const = default;
};
struct services_result {
  std::vector<service_view> services;

  bool operator==(const services_result&) const = default;
};
// take_ticket and every clerk verb on the current ticket.
struct ticket_result {
  protocol::ticket ticket;
  std::optional<int> ahead;        // take_ticket only
  std::optional<int> eta_minutes;  // take_ticket only

  bool operator==(const ticket_result&) const = default;
};
struct counter_result {
  protocol::counter_view counter;

  bool operator==(const counter_result&) const = default;
};

struct procedures_result {
  std::vector<procedure_view> procedures;
  bool operator==(const procedures_result&) const = default;
};
struct dossier_result {
  dossier_view dossier;
  bool operator==(const dossier_result&) const = default;
};
struct dossiers_result {
  std::vector<dossier_view> dossiers;  // without history
  int total = 0;                       // matches in all, for paging
  bool operator==(const dossiers_result&) const = default;
};
// lookup_dossier: the public view's fields at the top level of the reply.
struct lookup_result {
  public_dossier dossier;
  bool operator==(const lookup_result&) const = default;
};

struct counter_figures {
  counter_id counter = 0;
  std::string name;
  int served = 0;
  int average_service_seconds = 0;
  bool operator==(const counter_figures&) const = default;
};
struct status_count {
  std::string status;
  int count = 0;
  bool operator==(const status_count&) const = default;
};
// On-time figures as docs/domain.md "On-time figures and satisfaction" counts them.
struct procedure_figures {
  std::int64_t procedure = 0;  // 0: the whole centre
  std::string name;
  int dossiers = 0;
  int on_time = 0;
  double on_time_rate = 1;  // on_time / dossiers (1 when there are none)
  double average_days = 0;  // reception to finish, finished dossiers, calendar days
  bool operator==(const procedure_figures&) const = default;
};
struct rating_figures {
  int scale = 3;
  std::vector<int> counts;    // ratings per level, index 0 = level 1
  double satisfied_rate = 1;  // share of ratings above the middle of the scale
  bool operator==(const rating_figures&) const = default;
};
// Tickets issued and served in one hour of the business day (0-23, local),
// summed over the period's days.
struct hour_figures {
  int hour = 0;
  int issued = 0;
  int served = 0;
  bool operator==(const hour_figures&) const = default;
};
// Dossiers not finished yet, whatever their reception date, at the time of the request.
struct open_dossier_figures {
  int in_progress = 0;      // no terminal or result-ready status yet
  int due_in_two_days = 0;  // of those, due within the next 48 hours
  int late = 0;             // of those, past their due time
  bool operator==(const open_dossier_figures&) const = default;
};
// Waits from issue to first call of one kind of ticket first called in the period (nearest rank).
struct wait_figures {
  int tickets = 0;
  int median_wait_seconds = 0;
  int p90_wait_seconds = 0;
  bool operator==(const wait_figures&) const = default;
};
// The period's bookings (issue 13): those whose slot starts in it, by status now, and the waits
// of appointment tickets against walk-ins (every other ticket).
struct booking_figures {
  int booked = 0;
  int checked_in = 0;
  int missed = 0;
  int cancelled = 0;
  wait_figures appointment_waits;
  wait_figures walk_in_waits;
  bool operator==(const booking_figures&) const = default;
};
struct stats_result {
  std::string period_from;
  std::string period_to;
  std::vector<service_stats> queue;  // per service
  std::vector<counter_figures> counters;
  std::vector<status_count> dossier_counts;  // received in the period, by status now
  procedure_figures centre;
  std::vector<procedure_figures> by_procedure;
  rating_figures ratings;
  service_stats queue_totals;       // every service together (`service` 0)
  std::vector<hour_figures> hours;  // hours with any ticket issued or served, in order
  open_dossier_figures open_dossiers;
  std::optional<booking_figures> bookings;  // absent from a server before issue 13
  std::vector<status_count> texts;          // text messages written in the period, by state now
  bool operator==(const stats_result&) const = default;
};
struct rating_result {
  std::int64_t rating = 0;
  int level = 0;
  int scale = 3;
  bool operator==(const rating_result&) const = default;
};

// A username or client address held back after failed logins.
struct login_lock_view {
  std::string kind;  // "username" or "address"
  std::string key;
  int failures = 0;  // consecutive failed logins
  std::string until;
  int retry_after = 0;  // seconds
  bool operator==(const login_lock_view&) const = default;
};
// list_login_locks and unlock_login: the locks now (after the unlock).
struct texts_result {
  std::vector<text_view> texts;  // oldest first
  bool operator==(const texts_result&) const = default;
};
struct login_locks_result {
  std::vector<login_lock_view> locks;
  std::optional<std::vector<login_lock_view>> unlocked;  // unlock_login: the locks it lifted
  bool operator==(const login_locks_result&) const = default;
};

// book, cancel_booking, and the HTTP routes of one booking.
struct booking_result {
  booking_view booking;
  bool operator==(const booking_result&) const = default;
};
// list_bookings: the day's bookings in start order (staff view), and the slots of each service
// that may be booked, over-booked ones flagged.
struct bookings_result {
  std::string date;
  std::vector<booking_view> bookings;
  std::vector<slot_view> slots;
  bool operator==(const bookings_result&) const = default;
};

// One call of a recorded ticket: how it ended ("done", "no_show", "transferred" when the
// ticket was sent on, "open" when the day did not end it).
struct recorded_visit_view {
  service_id service = 0;
  counter_id counter = 0;
  std::string called_at;
  std::optional<std::string> ended_at;
  std::string end = "open";
  bool operator==(const recorded_visit_view&) const = default;
};
// A recorded ticket: no name, no number, no phone; `service` the one it was taken for.
struct recorded_ticket_view {
  std::string issued_at;  // an appointment: its check-in
  service_id service = 0;
  domain::priority priority = domain::priority::none;
  bool cancelled = false;                   // given up, or still waiting when the day was closed
  std::optional<int> told_minutes;          // the wait it was told when issued
  std::vector<recorded_visit_view> visits;  // in call order
  bool operator==(const recorded_ticket_view&) const = default;
};
// A counter opened (`open`, for `services`), or paused or closed (`open` false), at `at`.
struct counter_change_view {
  std::string at;
  counter_id counter = 0;
  bool open = false;
  std::vector<service_id> services;
  bool operator==(const counter_change_view&) const = default;
};
struct recorded_day_view {
  std::string day;                            // YYYY-MM-DD
  std::vector<recorded_ticket_view> tickets;  // by issue time
  std::vector<counter_change_view> counters;  // by time
  bool operator==(const recorded_day_view&) const = default;
};
// get_recorded_days: the days in the order asked (a day without tickets has none).
struct recorded_days_result {
  std::vector<recorded_day_view> recorded_days;
  bool operator==(const recorded_days_result&) const = default;
};

// One centre's (or, as `province`, every centre's) figures on the province dashboard.
struct centre_figures {
  std::string unit;  // "000.00.11.H26"; empty for the province's totals
  std::string name;
  std::optional<std::string> heard_at;  // the centre's last push (empty ones too), if any
  int waiting = 0;                      // now, today's tickets
  int longest_wait_seconds = 0;         // now
  int issued = 0;                       // the period's tickets
  int served = 0;
  int p90_wait_seconds = 0;  // issue to call, tickets called in the period (nearest rank)
  int dossiers = 0;          // received in the month to date
  int on_time = 0;           // of those, not late (finished by the due time, or not yet due)
  double on_time_rate = 1;   // on_time / dossiers (1 when there are none)
  int late_open = 0;         // open dossiers past their due time now, whenever received
  bool operator==(const centre_figures&) const = default;
};
// One procedure's month across the province (or one centre's, in a drill-down).
struct province_procedure_figures {
  std::string procedure_code;
  std::string name;
  std::string name_en;
  int dossiers = 0;
  int on_time = 0;
  double on_time_rate = 1;
  int late_open = 0;
  bool operator==(const province_procedure_figures&) const = default;
};
// One service of the centre drilled into.
struct province_service_figures {
  service_id service = 0;
  std::string name;
  std::string name_en;
  int waiting = 0;
  int longest_wait_seconds = 0;
  int issued = 0;
  int served = 0;
  int p90_wait_seconds = 0;
  bool operator==(const province_service_figures&) const = default;
};
// An open dossier past its due time (no personal data).
struct late_dossier_view {
  std::string code;
  std::string unit;
  std::string procedure_name;
  std::string procedure_name_en;
  std::string status;
  std::string received_at;
  std::string due_at;
  std::optional<std::string> department;
  bool operator==(const late_dossier_view&) const = default;
};
// On the wire: from, to, month_from, generated_at, unit, centres, province, by_procedure,
// by_service, late, late_total (no key of another result: replies are told apart by their keys).
struct province_stats_result {
  std::string period_from;  // YYYY-MM-DD
  std::string period_to;    // exclusive
  std::string month_from;   // the on-time figures' first day
  std::string generated_at;
  std::optional<std::string> unit;                     // the drill-down's centre
  std::vector<centre_figures> centres;                 // every registered centre, by unit
  centre_figures province;                             // every centre together
  std::vector<province_procedure_figures> procedures;  // by code
  std::vector<province_service_figures> services;      // drill-down only, by service
  std::vector<late_dossier_view> late;                 // the most overdue first, at most 200
  int late_total = 0;                                  // however many there are
  bool operator==(const province_stats_result&) const = default;
};

using reply_body =
    std::variant<error, hello_result, services_result, ticket_result, counter_result,
                 procedures_result, dossier_result, dossiers_result, lookup_result, stats_result,
                 rating_result, login_locks_result, booking_result, bookings_result, texts_result,
                 recorded_days_result, province_stats_result>;

struct reply {
  std::optional<std::int64_t> id;  // null when the request's id could not be read
  reply_body body;

  bool ok() const { return !std::holds_alternative<error>(body); }
  bool operator==(const reply&) const = default;
};

// ---------------------------------------------------------------- events

struct ticket_issued {
  protocol::ticket ticket;
  bool operator==(const ticket_issued&) const = default;
};
struct ticket_called {
  protocol::ticket ticket;
  counter_id counter = 0;
  std::string counter_name;
  bool recall = false;  // announced again
  bool operator==(const ticket_called&) const = default;
};
struct ticket_changed {
  protocol::ticket ticket;
  bool operator==(const ticket_changed&) const = default;
};
struct queue_changed {
  service_id service = 0;
  int waiting = 0;
  int eta_minutes = 0;
  bool operator==(const queue_changed&) const = default;
};
struct counter_changed {
  protocol::counter_view counter;
  bool operator==(const counter_changed&) const = default;
};

struct stats {
  std::string at;
  std::vector<service_stats> services;
  int counters_open = 0;
  bool operator==(const stats&) const = default;
};

struct dossier_changed {
  public_dossier dossier;
  bool due_soon = false;  // flagged one working day before its due time
  bool operator==(const dossier_changed&) const = default;
};

// A booking made, cancelled, checked in or missed: the staff view (staff topics only).
struct booking_changed {
  booking_view booking;
  bool operator==(const booking_changed&) const = default;
};

using event_body = std::variant<ticket_issued, ticket_called, ticket_changed, queue_changed,
                                counter_changed, stats, dossier_changed, booking_changed>;

// The wire name of an event ("ticket_called").
std::string_view event_name_of(const event_body& e);

// On the wire with its topic's name (`topic`, protocol/topics.hpp: a function of the body).
struct event {
  std::int64_t seq = 0;
  event_body body;
  std::int64_t topic_seq = 0;  // its place in its topic: 1, 2, 3...
  bool operator==(const event&) const = default;
};

using server_message = std::variant<reply, event>;

}  // namespace motcua::protocol
