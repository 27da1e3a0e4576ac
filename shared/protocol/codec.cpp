#include "shared/protocol/codec.hpp"

#include <array>
#include <boost/json.hpp>
#include <concepts>
#include <cstddef>
#include <exception>
#include <limits>
#include <map>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "shared/protocol/json_text.hpp"
#include "shared/protocol/topics.hpp"

namespace motcua::protocol {

namespace json = boost::json;

// ---------------------------------------------------------------- names

namespace {

// A message type and its wire name.
template <class T>
struct wire_name {
  std::string_view name;
};

// No name twice (a verb or an event would shadow another).
template <std::size_t N>
constexpr bool distinct(const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = i + 1; j < N; ++j)
      if (names[i] == names[j]) return false;
  return true;
}

// The wire names of the alternatives of `Variant`, by index, from a table that names each of its
// types in the variant's own order: a type without its name, or out of order, fails to build.
template <class Variant, class... T>
constexpr std::array<std::string_view, sizeof...(T)> names_of(std::tuple<wire_name<T>...> table) {
  static_assert(std::is_same_v<Variant, std::variant<T...>>,
                "name every alternative of the variant, in its order");
  return std::apply([](auto... n) { return std::array{n.name...}; }, table);
}

constexpr auto verb_names = names_of<request_params>(std::tuple{
    wire_name<hello>{"hello"},
    wire_name<list_services>{"list_services"},
    wire_name<take_ticket>{"take_ticket"},
    wire_name<open_counter>{"open_counter"},
    wire_name<call_next>{"call_next"},
    wire_name<call_ticket>{"call_ticket"},
    wire_name<recall>{"recall"},
    wire_name<start_service>{"start_service"},
    wire_name<no_show>{"no_show"},
    wire_name<transfer>{"transfer"},
    wire_name<finish>{"finish"},
    wire_name<pause_counter>{"pause_counter"},
    wire_name<resume_counter>{"resume_counter"},
    wire_name<close_counter>{"close_counter"},
    wire_name<list_procedures>{"list_procedures"},
    wire_name<register_dossier>{"register_dossier"},
    wire_name<get_dossier>{"get_dossier"},
    wire_name<search_dossiers>{"search_dossiers"},
    wire_name<advance_dossier>{"advance_dossier"},
    wire_name<lookup_dossier>{"lookup_dossier"},
    wire_name<get_stats>{"get_stats"},
    wire_name<rate_service>{"rate_service"},
    wire_name<unlock_login>{"unlock_login"},
    wire_name<list_login_locks>{"list_login_locks"},
    wire_name<book>{"book"},
    wire_name<check_in>{"check_in"},
    wire_name<list_bookings>{"list_bookings"},
    wire_name<cancel_booking>{"cancel_booking"},
    wire_name<move_booking>{"move_booking"},
    wire_name<list_texts>{"list_texts"},
    wire_name<get_recorded_days>{"get_recorded_days"},
    wire_name<get_province_stats>{"get_province_stats"},
});
static_assert(distinct(verb_names));

constexpr auto event_names = names_of<event_body>(std::tuple{
    wire_name<ticket_issued>{"ticket_issued"},
    wire_name<ticket_called>{"ticket_called"},
    wire_name<ticket_changed>{"ticket_changed"},
    wire_name<queue_changed>{"queue_changed"},
    wire_name<counter_changed>{"counter_changed"},
    wire_name<stats>{"stats"},
    wire_name<dossier_changed>{"dossier_changed"},
    wire_name<booking_changed>{"booking_changed"},
});
static_assert(distinct(event_names));

// Every value of each enum carried on the wire, in declaration order; the names come from the
// enum's to_string.
constexpr auto enum_values(std::type_identity<error_code>) {
  using e = error_code;
  return std::array{e::bad_request, e::invalid, e::unauthorized, e::forbidden, e::not_found,
                    e::conflict,    e::empty,   e::limit,        e::closed,    e::internal};
}
constexpr auto enum_values(std::type_identity<role>) {
  return std::array{role::kiosk,   role::display, role::clerk,
                    role::manager, role::admin,   role::province_manager};
}
constexpr auto enum_values(std::type_identity<counter_state>) {
  return std::array{counter_state::closed, counter_state::open, counter_state::paused};
}
constexpr auto enum_values(std::type_identity<priority>) {
  using p = priority;
  return std::array{p::none,     p::merit, p::elderly,    p::disabled,
                    p::pregnant, p::child, p::appointment};
}
constexpr auto enum_values(std::type_identity<domain::booking_status>) {
  using s = domain::booking_status;
  return std::array{s::booked, s::checked_in, s::cancelled, s::missed};
}
constexpr auto enum_values(std::type_identity<ticket_state>) {
  using s = ticket_state;
  return std::array{s::waiting, s::called, s::serving, s::done, s::no_show, s::cancelled};
}

template <class E>
std::optional<E> parse_enum(std::string_view s) {
  for (E e : enum_values(std::type_identity<E>{}))
    if (to_string(e) == s) return e;
  return std::nullopt;
}

template <class E>
std::string enum_choices() {
  std::string out;
  for (E e : enum_values(std::type_identity<E>{})) {
    if (!out.empty()) out += ", ";
    out += to_string(e);
  }
  return out;
}

}  // namespace

std::string_view to_string(error_code c) {
  switch (c) {
    case error_code::bad_request:
      return "bad_request";
    case error_code::invalid:
      return "invalid";
    case error_code::unauthorized:
      return "unauthorized";
    case error_code::forbidden:
      return "forbidden";
    case error_code::not_found:
      return "not_found";
    case error_code::conflict:
      return "conflict";
    case error_code::empty:
      return "empty";
    case error_code::limit:
      return "limit";
    case error_code::closed:
      return "closed";
    case error_code::internal:
      return "internal";
  }
  return "?";
}
std::optional<error_code> parse_error_code(std::string_view s) { return parse_enum<error_code>(s); }

std::string_view to_string(role r) {
  switch (r) {
    case role::kiosk:
      return "kiosk";
    case role::display:
      return "display";
    case role::clerk:
      return "clerk";
    case role::manager:
      return "manager";
    case role::admin:
      return "admin";
    case role::province_manager:
      return "province_manager";
  }
  return "?";
}
std::optional<role> parse_role(std::string_view s) { return parse_enum<role>(s); }

std::string_view to_string(counter_state s) {
  switch (s) {
    case counter_state::closed:
      return "closed";
    case counter_state::open:
      return "open";
    case counter_state::paused:
      return "paused";
  }
  return "?";
}
std::optional<counter_state> parse_counter_state(std::string_view s) {
  return parse_enum<counter_state>(s);
}

std::string_view verb_of(const request_params& p) { return verb_names[p.index()]; }
std::string_view event_name_of(const event_body& e) { return event_names[e.index()]; }

namespace {

// ---------------------------------------------------------------- fields
//
// One description per struct, shared by the encoder (writer) and the decoder (reader):
// io(key, member[, rule]). Optional members are omitted when empty and read as empty when
// missing or null.

// How a non-optional member is read; the writer ignores it except for `omit_empty`.
struct rule {
  bool has_default = false;  // missing or null keeps the member's default
  bool non_empty = false;    // an empty string or array is a decoding error
  bool omit_empty = false;   // the writer leaves an empty container out
};
constexpr rule defaulted{.has_default = true};
constexpr rule non_empty{.non_empty = true};
constexpr rule omitted_when_empty{.has_default = true, .omit_empty = true};

// `T` or `const T`, so that one description serves both directions.
template <class X, class T>
concept either = std::same_as<std::remove_const_t<X>, T>;

template <class X>
concept no_fields = std::is_empty_v<X>;

void map_fields(auto&, no_fields auto&) {}

void map_fields(auto& io, either<ticket> auto& t) {
  io("id", t.id);
  io("number", t.number);
  io("service", t.service);
  io("priority", t.priority);
  io("state", t.state);
  io("issued_at", t.issued_at);
  io("called_at", t.called_at);
  io("started_at", t.started_at);
  io("finished_at", t.finished_at);
  io("counter", t.counter);
  io("target_counter", t.target_counter);
  io("recalls", t.recalls, defaulted);
  io("outcome", t.outcome);
  io("dossier", t.dossier);
  io("public_token", t.public_token);
  io("public_url", t.public_url);
}

void map_fields(auto& io, either<service_closure> auto& c) {
  io("code", c.code);
  io("message", c.message);
  io("message_en", c.message_en, defaulted);
}

void map_fields(auto& io, either<error> auto& e) {
  io("code", e.code);
  io("message", e.message);
  io("message_en", e.message_en, defaulted);
  io("fields", e.fields, omitted_when_empty);
  io("retry_after", e.retry_after);
  io("retry_at", e.retry_at);
}

void map_fields(auto& io, either<service_view> auto& s) {
  io("id", s.id);
  io("code", s.code);
  io("name", s.name);
  io("name_en", s.name_en);
  io("prefix", s.prefix);
  io("open", s.open);
  io("waiting", s.waiting);
  io("eta_minutes", s.eta_minutes);
  io("max_wait_minutes", s.max_wait_minutes, defaulted);
  io("max_service_minutes", s.max_service_minutes, defaulted);
  io("closure", s.closure);
}

void map_fields(auto& io, either<counter_view> auto& c) {
  io("id", c.id);
  io("name", c.name);
  io("state", c.state);
  io("services", c.services);
  io("ticket", c.ticket);
  io("clerk", c.clerk);
  io("clerk_name", c.clerk_name);
  io("served_today", c.served_today, defaulted);
  io("average_service_seconds", c.average_service_seconds, defaulted);
  io("appointments_called", c.appointments_called, defaulted);
  io("appointments_in_a_row", c.appointments_in_a_row, defaulted);
}

void map_fields(auto& io, either<call_view> auto& c) {
  io("ticket", c.ticket);
  io("counter", c.counter);
  io("counter_name", c.counter_name);
  io("at", c.at);
  io("recall", c.recall, defaulted);
}

void map_fields(auto& io, either<snapshot> auto& s) {
  io("services", s.services);
  io("counters", s.counters);
  io("waiting", s.waiting);
  io("recent_calls", s.recent_calls);
  io("my_counter", s.my_counter);
  io("rating_levels", s.rating_levels);
  io("texts", s.texts);
}

void map_fields(auto& io, either<service_stats> auto& s) {
  io("service", s.service);
  io("waiting", s.waiting);
  io("issued", s.issued);
  io("served", s.served);
  io("no_show", s.no_show);
  io("longest_wait_seconds", s.longest_wait_seconds);
  io("average_wait_seconds", s.average_wait_seconds);
  io("average_service_seconds", s.average_service_seconds);
  io("p90_wait_seconds", s.p90_wait_seconds, defaulted);
  io("p90_service_seconds", s.p90_service_seconds, defaulted);
  io("eta_tickets", s.eta_tickets, defaulted);
  io("eta_mean_abs_error_seconds", s.eta_mean_abs_error_seconds, defaulted);
  io("eta_p90_abs_error_seconds", s.eta_p90_abs_error_seconds, defaulted);
  io("eta_within_5_percent", s.eta_within_5_percent, defaulted);
  io("eta_bias_seconds", s.eta_bias_seconds, defaulted);
}

// Requests. take_ticket's `lang` shares the top-level key with request::lang, so the request
// codec handles it.

void map_fields(auto& io, either<hello> auto& h) {
  io("device_token", h.device_token);
  io("username", h.username);
  io("password", h.password);
  io("session_token", h.session_token);
  io("since", h.since);
  io("topics", h.topics);
}

void map_fields(auto& io, either<take_ticket> auto& t) {
  io("service", t.service);
  io("request_key", t.request_key, non_empty);
  io("priority", t.priority, defaulted);
  io("dossier", t.dossier);
  io("phone", t.phone);
}

void map_fields(auto& io, either<open_counter> auto& o) {
  io("counter", o.counter);
  io("services", o.services, non_empty);
}

void map_fields(auto& io, either<call_ticket> auto& c) {
  io("ticket", c.ticket);
  io("reason", c.reason);
}

void map_fields(auto& io, either<transfer> auto& t) {
  io("service", t.service);
  io("counter", t.counter);
  io("reason", t.reason);
}

void map_fields(auto& io, either<finish> auto& f) { io("outcome", f.outcome); }

void map_fields(auto& io, either<list_procedures> auto& l) { io("service", l.service); }

void map_fields(auto& io, either<get_stats> auto& g) {
  io("from", g.from);
  io("to", g.to);
}

void map_fields(auto& io, either<rate_service> auto& r) {
  io("counter", r.counter);
  io("level", r.level);
  io("ticket", r.ticket);
  io("dossier", r.dossier);
  io("request_key", r.request_key, non_empty);
}

void map_fields(auto& io, either<unlock_login> auto& u) {
  io("username", u.username);
  io("address", u.address);
}

void map_fields(auto& io, either<book> auto& b) {
  io("service", b.service, defaulted);
  io("start", b.start, defaulted);
  io("full_name", b.full_name, defaulted);
  io("phone", b.phone, defaulted);
  io("request_key", b.request_key, defaulted);
  io("id_number", b.id_number);
  io("procedure", b.procedure);
}

void map_fields(auto& io, either<check_in> auto& c) {
  io("code", c.code);
  io("phone", c.phone);
}

void map_fields(auto& io, either<list_bookings> auto& l) {
  io("date", l.date, non_empty);
  io("service", l.service);
}

void map_fields(auto& io, either<cancel_booking> auto& c) {
  io("code", c.code, non_empty);
  io("reason", c.reason);
}

void map_fields(auto& io, either<move_booking> auto& m) {
  io("code", m.code, non_empty);
  io("start", m.start, non_empty);
}

void map_fields(auto& io, either<applicant> auto& a) {
  io("full_name", a.full_name);
  io("id_number", a.id_number);
  io("passport", a.passport);
  io("phone", a.phone);
  io("address", a.address);
  io("email", a.email);
}

void map_fields(auto& io, either<register_dossier> auto& r) {
  io("procedure", r.procedure);
  io("applicant", r.applicant);
  io("documents", r.documents, defaulted);
  io("request_key", r.request_key, non_empty);
  io("ticket", r.ticket);
  io("note", r.note);
}

void map_fields(auto& io, either<get_dossier> auto& g) { io("code", g.code, non_empty); }

void map_fields(auto& io, either<lookup_dossier> auto& l) { io("code", l.code, non_empty); }

void map_fields(auto& io, either<search_dossiers> auto& q) {
  io("text", q.text);
  io("status", q.status);
  io("procedure", q.procedure);
  io("from", q.from);
  io("to", q.to);
  io("late", q.late);
  io("due_soon", q.due_soon);
  io("limit", q.limit);
  io("offset", q.offset);
}

void map_fields(auto& io, either<advance_dossier> auto& a) {
  io("code", a.code, non_empty);
  io("action", a.action, non_empty);
  io("note", a.note);
  io("to", a.to);
  io("new_due_at", a.new_due_at);
}

// Dossier views.

void map_fields(auto& io, either<document_view> auto& d) {
  io("name", d.name);
  io("required", d.required, defaulted);
}

void map_fields(auto& io, either<procedure_view> auto& p) {
  io("id", p.id);
  io("code", p.code);
  io("name", p.name);
  io("name_en", p.name_en);
  io("service", p.service);
  io("processing_days", p.processing_days);
  io("processing_unit", p.processing_unit);
  io("fee", p.fee);
  io("documents", p.documents, defaulted);
  io("due_at", p.due_at);
}

void map_fields(auto& io, either<history_entry> auto& h) {
  io("at", h.at);
  io("actor", h.actor);
  io("action", h.action);
  io("from", h.from);
  io("to", h.to);
  io("note", h.note);
  io("result", h.result);
  io("unit", h.unit);
}

void map_fields(auto& io, either<text_view> auto& t) {
  io("kind", t.kind);
  io("state", t.state);
  io("reason", t.reason);
  io("at", t.at);
}

void map_fields(auto& io, either<list_texts> auto& l) { io("ticket", l.ticket); }

void map_fields(auto& io, either<texts_result> auto& t) { io("texts", t.texts, defaulted); }

void map_fields(auto& io, either<get_recorded_days> auto& g) { io("days", g.days); }

void map_fields(auto& io, either<recorded_visit_view> auto& v) {
  io("service", v.service);
  io("counter", v.counter);
  io("called_at", v.called_at);
  io("ended_at", v.ended_at);
  io("end", v.end);
}

void map_fields(auto& io, either<recorded_ticket_view> auto& t) {
  io("issued_at", t.issued_at);
  io("service", t.service);
  io("priority", t.priority, defaulted);
  io("cancelled", t.cancelled, defaulted);
  io("told_minutes", t.told_minutes);
  io("visits", t.visits, defaulted);
}

void map_fields(auto& io, either<counter_change_view> auto& c) {
  io("at", c.at);
  io("counter", c.counter);
  io("open", c.open);
  io("services", c.services, defaulted);
}

void map_fields(auto& io, either<recorded_day_view> auto& d) {
  io("day", d.day);
  io("tickets", d.tickets, defaulted);
  io("counters", d.counters, defaulted);
}

void map_fields(auto& io, either<recorded_days_result> auto& r) {
  io("recorded_days", r.recorded_days);
}

void map_fields(auto& io, either<get_province_stats> auto& g) {
  io("from", g.from);
  io("to", g.to);
  io("unit", g.unit);
}

void map_fields(auto& io, either<centre_figures> auto& c) {
  io("unit", c.unit);
  io("name", c.name);
  io("heard_at", c.heard_at);
  io("waiting", c.waiting);
  io("longest_wait_seconds", c.longest_wait_seconds);
  io("issued", c.issued);
  io("served", c.served);
  io("p90_wait_seconds", c.p90_wait_seconds);
  io("dossiers", c.dossiers);
  io("on_time", c.on_time);
  io("on_time_rate", c.on_time_rate);
  io("late_open", c.late_open);
}

void map_fields(auto& io, either<province_procedure_figures> auto& p) {
  io("procedure_code", p.procedure_code);
  io("name", p.name);
  io("name_en", p.name_en);
  io("dossiers", p.dossiers);
  io("on_time", p.on_time);
  io("on_time_rate", p.on_time_rate);
  io("late_open", p.late_open);
}

void map_fields(auto& io, either<province_service_figures> auto& s) {
  io("service", s.service);
  io("name", s.name);
  io("name_en", s.name_en);
  io("waiting", s.waiting);
  io("longest_wait_seconds", s.longest_wait_seconds);
  io("issued", s.issued);
  io("served", s.served);
  io("p90_wait_seconds", s.p90_wait_seconds);
}

void map_fields(auto& io, either<late_dossier_view> auto& d) {
  io("code", d.code);
  io("unit", d.unit);
  io("procedure_name", d.procedure_name);
  io("procedure_name_en", d.procedure_name_en);
  io("status", d.status);
  io("received_at", d.received_at);
  io("due_at", d.due_at);
  io("department", d.department);
}

void map_fields(auto& io, either<province_stats_result> auto& r) {
  io("from", r.period_from);
  io("to", r.period_to);
  io("month_from", r.month_from);
  io("generated_at", r.generated_at);
  io("unit", r.unit);
  io("centres", r.centres);
  io("province", r.province);
  io("by_procedure", r.procedures, defaulted);
  io("by_service", r.services, defaulted);
  io("late", r.late, defaulted);
  io("late_total", r.late_total);
}

void map_fields(auto& io, either<dossier_view> auto& d) {
  io("code", d.code);
  io("procedure", d.procedure);
  io("procedure_name", d.procedure_name);
  io("status", d.status);
  io("received_at", d.received_at);
  io("due_at", d.due_at);
  io("original_due_at", d.original_due_at);
  io("finished_at", d.finished_at);
  io("late", d.late);
  io("due_soon", d.due_soon, defaulted);
  io("applicant", d.applicant);
  io("documents", d.documents, defaulted);
  io("ticket", d.ticket);
  io("note", d.note);
  io("department", d.department);
  io("book_volume", d.book_volume, defaulted);
  io("book_line", d.book_line, defaulted);
  io("history", d.history, omitted_when_empty);
  io("texts", d.texts, omitted_when_empty);
}

void map_fields(auto& io, either<public_step> auto& p) {
  io("at", p.at);
  io("step", p.step);
}

void map_fields(auto& io, either<ticket_offer> auto& o) {
  io("service", o.service);
  io("purpose", o.purpose, non_empty);
}

void map_fields(auto& io, either<public_ticket> auto& t) {
  io("number", t.number);
  io("service", t.service);
  io("service_name", t.service_name);
  io("service_name_en", t.service_name_en, defaulted);
  io("state", t.state);
  io("ahead", t.ahead, defaulted);
  io("eta_minutes", t.eta_minutes);
  io("counter", t.counter);
  io("counter_name", t.counter_name);
  io("counter_name_en", t.counter_name_en);
}

void map_fields(auto& io, either<public_dossier> auto& d) {
  io("code", d.code);
  io("procedure", d.procedure);
  io("procedure_en", d.procedure_en, defaulted);
  io("status", d.status);
  io("received_at", d.received_at);
  io("due_at", d.due_at);
  io("late", d.late);
  io("history", d.history, defaulted);
  io("ticket_offer", d.ticket_offer);
}

// Booking views.

void map_fields(auto& io, either<slot_view> auto& v) {
  io("service", v.service);
  io("start", v.start);
  io("end", v.end);
  io("capacity", v.capacity);
  io("free", v.free);
  io("booked", v.booked);
  io("over_booked", v.over_booked, defaulted);
}

void map_fields(auto& io, either<booking_view> auto& b) {
  io("code", b.code);
  io("service", b.service);
  io("procedure", b.procedure);
  io("start", b.start);
  io("end", b.end);
  io("status", b.status);
  io("check_in_from", b.check_in_from);
  io("check_in_until", b.check_in_until);
  io("full_name", b.full_name);
  io("phone", b.phone);
  io("id_number", b.id_number);
  io("lang", b.lang, defaulted);
  io("created_at", b.created_at);
  io("booked_by", b.booked_by);
  io("cancel_reason", b.cancel_reason);
  io("ticket", b.ticket);
  io("ticket_number", b.ticket_number);
  io("manage_token", b.manage_token);
}

void map_fields(auto& io, either<slots_result> auto& r) {
  io("service", r.service);
  io("date", r.date);
  io("slots", r.slots);
  io("reason", r.reason);
  io("reason_en", r.reason_en);
}

// Reply results.

void map_fields(auto& io, either<hello_result> auto& h) {
  io("role", h.role);
  io("user", h.user);
  io("display_name", h.display_name);
  io("session_token", h.session_token);
  io("session_expires_at", h.session_expires_at);
  io("seq", h.seq);
  io("server_time", h.server_time);
  io("snapshot", h.snapshot);
  io("replayed", h.replayed);
  io("topics", h.topics, omitted_when_empty);
}

void map_fields(auto& io, either<services_result> auto& s) { io("services", s.services); }

void map_fields(auto& io, either<ticket_result> auto& t) {
  io("ticket", t.ticket);
  io("ahead", t.ahead);
  io("eta_minutes", t.eta_minutes);
}

void map_fields(auto& io, either<counter_result> auto& c) { io("counter", c.counter); }

void map_fields(auto& io, either<procedures_result> auto& p) { io("procedures", p.procedures); }

void map_fields(auto& io, either<dossier_result> auto& d) { io("dossier", d.dossier); }

void map_fields(auto& io, either<dossiers_result> auto& d) {
  io("dossiers", d.dossiers);
  io("total", d.total);
}

void map_fields(auto& io, either<counter_figures> auto& c) {
  io("counter", c.counter);
  io("name", c.name);
  io("served", c.served);
  io("average_service_seconds", c.average_service_seconds);
}

void map_fields(auto& io, either<status_count> auto& s) {
  io("status", s.status);
  io("count", s.count);
}

void map_fields(auto& io, either<procedure_figures> auto& p) {
  io("procedure", p.procedure);
  io("name", p.name);
  io("dossiers", p.dossiers);
  io("on_time", p.on_time);
  io("on_time_rate", p.on_time_rate);
  io("average_days", p.average_days);
}

void map_fields(auto& io, either<rating_figures> auto& r) {
  io("scale", r.scale);
  io("counts", r.counts, defaulted);
  io("satisfied_rate", r.satisfied_rate);
}

void map_fields(auto& io, either<hour_figures> auto& h) {
  io("hour", h.hour);
  io("issued", h.issued);
  io("served", h.served);
}

void map_fields(auto& io, either<open_dossier_figures> auto& o) {
  io("in_progress", o.in_progress);
  io("due_in_two_days", o.due_in_two_days);
  io("late", o.late);
}

void map_fields(auto& io, either<wait_figures> auto& w) {
  io("tickets", w.tickets);
  io("median_wait_seconds", w.median_wait_seconds);
  io("p90_wait_seconds", w.p90_wait_seconds);
}

void map_fields(auto& io, either<booking_figures> auto& b) {
  io("booked", b.booked);
  io("checked_in", b.checked_in);
  io("missed", b.missed);
  io("cancelled", b.cancelled);
  io("appointment_waits", b.appointment_waits);
  io("walk_in_waits", b.walk_in_waits);
}

void map_fields(auto& io, either<stats_result> auto& s) {
  io("period_from", s.period_from);
  io("period_to", s.period_to);
  io("queue", s.queue, defaulted);
  io("counters", s.counters, defaulted);
  io("dossier_counts", s.dossier_counts, defaulted);
  io("centre", s.centre);
  io("by_procedure", s.by_procedure, defaulted);
  io("ratings", s.ratings);
  io("queue_totals", s.queue_totals, defaulted);
  io("hours", s.hours, defaulted);
  io("open_dossiers", s.open_dossiers, defaulted);
  io("bookings", s.bookings);
  io("texts", s.texts, omitted_when_empty);
}

void map_fields(auto& io, either<rating_result> auto& r) {
  io("rating", r.rating);
  io("level", r.level);
  io("scale", r.scale);
}

void map_fields(auto& io, either<login_lock_view> auto& l) {
  io("kind", l.kind);
  io("key", l.key);
  io("failures", l.failures);
  io("until", l.until);
  io("retry_after", l.retry_after);
}

void map_fields(auto& io, either<login_locks_result> auto& l) {
  io("locks", l.locks);
  io("unlocked", l.unlocked);
}

void map_fields(auto& io, either<booking_result> auto& b) { io("booking", b.booking); }

void map_fields(auto& io, either<bookings_result> auto& b) {
  io("date", b.date);
  io("bookings", b.bookings);
  io("slots", b.slots, defaulted);
}

// The public view's fields stand at the top level of the reply (docs/protocol.md "Verbs").
void map_fields(auto& io, either<lookup_result> auto& l) { map_fields(io, l.dossier); }

// Events.

void map_fields(auto& io, either<ticket_issued> auto& e) { io("ticket", e.ticket); }

void map_fields(auto& io, either<ticket_called> auto& e) {
  io("ticket", e.ticket);
  io("counter", e.counter);
  io("counter_name", e.counter_name);
  io("recall", e.recall, defaulted);
}

void map_fields(auto& io, either<ticket_changed> auto& e) { io("ticket", e.ticket); }

void map_fields(auto& io, either<queue_changed> auto& e) {
  io("service", e.service);
  io("waiting", e.waiting);
  io("eta_minutes", e.eta_minutes);
}

void map_fields(auto& io, either<counter_changed> auto& e) { io("counter", e.counter); }

void map_fields(auto& io, either<stats> auto& e) {
  io("at", e.at);
  io("services", e.services);
  io("counters_open", e.counters_open);
}

void map_fields(auto& io, either<dossier_changed> auto& e) {
  io("dossier", e.dossier);
  io("due_soon", e.due_soon, defaulted);
}

void map_fields(auto& io, either<booking_changed> auto& e) { io("booking", e.booking); }

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

// A JSON object as a map from its keys (std::map<std::string, V>).
template <class T>
struct is_map : std::false_type {};
template <class V>
struct is_map<std::map<std::string, V>> : std::true_type {};

// ---------------------------------------------------------------- encoding

template <class T>
void write_json(json_text& out, const T& v);

class writer {
 public:
  explicit writer(json_text& out) : out_(out) {}

  template <class T>
  void operator()(std::string_view key, const T& v, rule r = {}) {
    if constexpr (is_optional<T>::value) {
      if (!v) return;
      out_.key(key);
      write_json(out_, *v);
    } else {
      if constexpr (is_vector<T>::value || is_map<T>::value)
        if (r.omit_empty && v.empty()) return;
      out_.key(key);
      write_json(out_, v);
    }
  }

 private:
  json_text& out_;
};

template <class T>
void write_json(json_text& out, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    out.boolean(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    out.number(static_cast<double>(v));
  } else if constexpr (std::is_integral_v<T>) {
    out.integer(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_same_v<T, std::string>) {
    out.string(v);
  } else if constexpr (std::is_enum_v<T>) {
    out.string(to_string(v));
  } else if constexpr (is_vector<T>::value) {
    out.begin_array();
    for (const auto& item : v) write_json(out, item);
    out.end_array();
  } else if constexpr (is_map<T>::value) {
    out.begin_object();
    for (const auto& [key, text] : v) {
      out.key(key);
      write_json(out, text);
    }
    out.end_object();
  } else {
    out.begin_object();
    writer w(out);
    map_fields(w, v);
    out.end_object();
  }
}

template <class T>
std::string json_of(const T& v) {
  json_text out;
  write_json(out, v);
  return out.take();
}

json::string_view as_json(std::string_view s) { return {s.data(), s.size()}; }

// ---------------------------------------------------------------- decoding

// A decoding problem: `path: detail`, in English and Vietnamese. Thrown inside this file only;
// every public decode function catches it.
struct decode_error {
  std::string path;
  std::string en;
  std::string vi;
};

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// A JSON kind as named in messages: "an integer" / "số nguyên".
struct kind_name {
  std::string_view en;
  std::string_view vi;
};
constexpr kind_name integer_kind{"an integer", "số nguyên"};
constexpr kind_name number_kind{"a number", "số"};
constexpr kind_name boolean_kind{"a boolean", "giá trị logic"};
constexpr kind_name string_kind{"a string", "chuỗi"};
constexpr kind_name array_kind{"an array", "mảng"};
constexpr kind_name object_kind{"an object", "đối tượng"};

kind_name kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return {"null", "null"};
    case json::kind::bool_:
      return boolean_kind;
    case json::kind::int64:
    case json::kind::uint64:
      return integer_kind;
    case json::kind::double_:
      return {"a number", "số thực"};
    case json::kind::string:
      return string_kind;
    case json::kind::array:
      return array_kind;
    case json::kind::object:
      return object_kind;
  }
  return {"?", "?"};
}

[[noreturn]] void fail(const std::string& path, std::string en, std::string vi) {
  throw decode_error{path, std::move(en), std::move(vi)};
}

// "expected an integer, got a string"
void require_kind(const std::string& path, const json::value& v, bool ok, kind_name want) {
  if (ok) return;
  kind_name got = kind_of(v);
  fail(path, "expected " + std::string(want.en) + ", got " + std::string(got.en),
       "phải là " + std::string(want.vi) + ", nhận được " + std::string(got.vi));
}

// JSON integers (int64, or uint64 within int64 range); never a double, even 3.0.
std::optional<std::int64_t> as_int64(const json::value& v) {
  constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= max) return static_cast<std::int64_t>(v.get_uint64());
  return std::nullopt;
}

[[noreturn]] void out_of_range(const std::string& path) {
  fail(path, "integer out of range", "số nguyên nằm ngoài phạm vi cho phép");
}

std::int64_t read_int64(const json::value& v, const std::string& path) {
  if (auto n = as_int64(v)) return *n;
  require_kind(path, v, v.is_uint64(), integer_kind);
  out_of_range(path);
}

template <class T>
void read(const json::value& v, const std::string& path, T& out);

// A JSON object being decoded, with the path that names it in error messages.
class reader {
 public:
  reader(const json::object& obj, std::string path) : obj_(obj), path_(std::move(path)) {}

  // Missing and null are the same thing: absent.
  const json::value* find(std::string_view key) const {
    const json::value* v = obj_.if_contains(as_json(key));
    return v && !v->is_null() ? v : nullptr;
  }

  template <class T>
  void operator()(std::string_view key, T& out, rule r = {}) const {
    const json::value* v = find(key);
    std::string path = join(path_, key);
    if constexpr (is_optional<T>::value) {
      if (!v) {
        out.reset();
        return;
      }
      read(*v, path, out.emplace());
    } else {
      if (!v) {
        if (r.has_default) return;
        fail(path, "required field is missing", "thiếu trường bắt buộc");
      }
      read(*v, path, out);
      if constexpr (is_vector<T>::value || std::is_same_v<T, std::string>)
        if (r.non_empty && out.empty()) fail(path, "must not be empty", "không được để trống");
    }
  }

 private:
  const json::object& obj_;
  std::string path_;
};

template <class T>
void read(const json::value& v, const std::string& path, T& out) {
  if constexpr (std::is_same_v<T, bool>) {
    require_kind(path, v, v.is_bool(), boolean_kind);
    out = v.get_bool();
  } else if constexpr (std::is_floating_point_v<T>) {
    require_kind(path, v, v.is_number(), number_kind);
    out = v.to_number<T>();
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    out = read_int64(v, path);
  } else if constexpr (std::is_integral_v<T>) {
    std::int64_t n = read_int64(v, path);
    if (n < std::numeric_limits<T>::min() || n > std::numeric_limits<T>::max()) out_of_range(path);
    out = static_cast<T>(n);
  } else if constexpr (std::is_same_v<T, std::string>) {
    require_kind(path, v, v.is_string(), string_kind);
    out.assign(v.get_string().data(), v.get_string().size());
  } else if constexpr (std::is_enum_v<T>) {
    require_kind(path, v, v.is_string(), string_kind);
    std::string_view s(v.get_string().data(), v.get_string().size());
    auto parsed = parse_enum<T>(s);
    if (!parsed) {
      std::string choices = enum_choices<T>();
      fail(path, "unknown value '" + std::string(s) + "' (expected one of " + choices + ")",
           "giá trị '" + std::string(s) + "' không hợp lệ (chỉ chấp nhận: " + choices + ")");
    }
    out = *parsed;
  } else if constexpr (is_vector<T>::value) {
    require_kind(path, v, v.is_array(), array_kind);
    const json::array& a = v.get_array();
    out.clear();
    out.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
      read(a[i], path + "[" + std::to_string(i) + "]", out.emplace_back());
  } else if constexpr (is_map<T>::value) {
    require_kind(path, v, v.is_object(), object_kind);
    out.clear();
    for (const auto& entry : v.get_object()) {
      std::string key(entry.key().data(), entry.key().size());
      read(entry.value(), join(path, key), out[key]);
    }
  } else {
    require_kind(path, v, v.is_object(), object_kind);
    const reader fields(v.get_object(), path);
    map_fields(fields, out);
  }
}

// Parses one frame that must be a JSON object; a failure has an empty path.
json::value parse_object(std::string_view text) {
  json::parser parser;  // default parse_options: strict JSON, max_depth 32
  boost::system::error_code ec;
  std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (ec) {
    std::string what = ec.message();
    std::string at = std::to_string(consumed);
    fail("", "malformed JSON: " + what + " at offset " + at,
         "JSON không hợp lệ: " + what + " tại vị trí " + at);
  }
  json::value v = parser.release();
  if (!v.is_object())
    fail("", "frame is not a JSON object", "khung tin không phải là đối tượng JSON");
  return v;
}

// The index of `name` in `names`, or a decoding error naming what it is.
template <std::size_t N>
std::size_t index_of(const std::array<std::string_view, N>& names, std::string_view name,
                     std::string_view what_en, std::string_view what_vi) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return i;
  fail("", std::string(what_en) + " '" + std::string(name) + "'",
       std::string(what_vi) + " '" + std::string(name) + "'");
}

// request::lang: "vi" or "en".
void check_language(const std::optional<std::string>& lang) {
  if (!lang || *lang == "vi" || *lang == "en") return;
  fail("lang", "unknown value '" + *lang + "' (expected one of vi, en)",
       "giá trị '" + *lang + "' không hợp lệ (chỉ chấp nhận: vi, en)");
}

// The request's integer `id`, when there is one, for the failure reply.
std::optional<std::int64_t> lenient_id(const json::object& obj) {
  const json::value* id = obj.if_contains("id");
  return id ? as_int64(*id) : std::nullopt;
}

// A default-constructed alternative number `index` of `V`, decoded from `in`.
template <class V>
V read_alternative(std::size_t index, const reader& in) {
  V out;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((index == I ? (void)out.template emplace<I>() : void()), ...);
  }
  (std::make_index_sequence<std::variant_size_v<V>>{});
  std::visit([&](auto& alt) { map_fields(in, alt); }, out);
  return out;
}

std::string read_string(const reader& in, std::string_view key) {
  std::string s;
  in(key, s);
  return s;
}

error to_error(const decode_error& e, std::string_view vi_prefix, bool english) {
  std::string detail_en = e.path.empty() ? e.en : e.path + ": " + e.en;
  std::string detail_vi = e.path.empty() ? e.vi : e.path + ": " + e.vi;
  error out{error_code::bad_request, {}, detail_en, {}};
  out.message = english ? detail_en : std::string(vi_prefix) + detail_vi;
  return out;
}

error unexpected_failure(const std::exception& e) {
  return error{error_code::bad_request,
               std::string("Không giải mã được: ") + e.what(),
               std::string("could not decode: ") + e.what(),
               {}};
}

// A request whose `lang` is the citizen's, kept with what it makes (a ticket, a booking): the
// top-level `lang` of the request, which also chooses the language of its error messages.
template <class T>
concept citizens_language = std::same_as<T, take_ticket> || std::same_as<T, book>;

void check_credentials(const hello& h, const std::string& path) {
  if (h.device_token || h.session_token || (h.username && h.password)) return;
  fail(path, "device_token, session_token, or username and password are required",
       "cần device_token, session_token, hoặc username và password");
}

}  // namespace

// ---------------------------------------------------------------- requests

std::string encode(const request& r) {
  json_text o;
  o.begin_object();
  o.key("type");
  o.string(verb_of(r.params));
  o.key("id");
  o.integer(r.id);
  std::visit(
      [&](const auto& params) {
        writer w(o);
        // A citizen's language is the envelope's `lang`: where the request put one, or else
        // after the fields when it is not Vietnamese (the text Boost.JSON's object made).
        constexpr bool citizens = citizens_language<std::decay_t<decltype(params)>>;
        if (r.lang) {
          if constexpr (citizens)
            w("lang", params.lang);
          else
            w("lang", *r.lang);
        }
        map_fields(w, params);
        if constexpr (citizens)
          if (!r.lang && params.lang != "vi") w("lang", params.lang);
      },
      r.params);
  o.end_object();
  return o.take();
}

std::variant<request, decode_failure> decode_request(std::string_view text) {
  decode_failure failure;
  bool english = false;
  try {
    json::value frame = parse_object(text);
    const json::object& obj = frame.get_object();
    failure.id = lenient_id(obj);
    const json::value* lang = obj.if_contains("lang");
    english = lang && lang->is_string() && lang->get_string() == "en";

    reader envelope(obj, "");
    std::string verb = read_string(envelope, "type");
    std::size_t index = index_of(verb_names, verb, "unknown verb", "lệnh không xác định");
    request out;
    envelope("id", out.id);
    envelope("lang", out.lang);
    check_language(out.lang);
    out.params = read_alternative<request_params>(index, reader(obj, verb));
    if (auto* h = std::get_if<hello>(&out.params)) check_credentials(*h, verb);
    std::visit(
        [&](auto& params) {
          if constexpr (citizens_language<std::decay_t<decltype(params)>>)
            params.lang = out.lang.value_or("vi");
        },
        out.params);
    return out;
  } catch (const decode_error& e) {
    failure.error = to_error(e, "Yêu cầu không hợp lệ: ", english);
  } catch (const std::exception& e) {
    failure.error = unexpected_failure(e);
  }
  return failure;
}

// ---------------------------------------------------------------- server messages

std::string encode(const reply& r) {
  json_text o;
  o.begin_object();
  o.key("type");
  o.string("reply");
  o.key("id");
  if (r.id)
    o.integer(*r.id);
  else
    o.null();
  o.key("ok");
  o.boolean(r.ok());
  std::visit(
      [&](const auto& body) {
        writer w(o);
        if constexpr (std::is_same_v<std::decay_t<decltype(body)>, error>)
          w("error", body);
        else
          map_fields(w, body);
      },
      r.body);
  o.end_object();
  return o.take();
}

std::string encode(const event& e) {
  json_text o;
  o.begin_object();
  o.key("type");
  o.string("event");
  o.key("seq");
  o.integer(e.seq);
  o.key("topic");
  o.string(to_string(topic_of(e.body)));
  o.key("topic_seq");
  o.integer(e.topic_seq);
  o.key("event");
  o.string(event_name_of(e.body));
  std::visit(
      [&](const auto& body) {
        writer w(o);
        map_fields(w, body);
      },
      e.body);
  o.end_object();
  return o.take();
}

namespace {

// Which result a successful reply carries, by its distinctive key (order matters: a hello
// result never has a top-level `services`, `ticket` or `counter`).
constexpr std::array<std::string_view, std::variant_size_v<reply_body>> result_keys{
    "",        "role",     "services", "ticket",        "counter", "procedures",
    "dossier", "dossiers", "code",     "period_from",   "rating",  "locks",
    "booking", "bookings", "texts",    "recorded_days", "centres"};

reply read_reply(const reader& envelope, const json::object& obj) {
  reply out;
  envelope("id", out.id);
  bool ok = false;
  envelope("ok", ok);
  reader body(obj, "reply");
  if (!ok) {
    error e;
    body("error", e);
    out.body = std::move(e);
    return out;
  }
  for (std::size_t i = 1; i < result_keys.size(); ++i)
    if (body.find(result_keys[i])) {
      out.body = read_alternative<reply_body>(i, body);
      return out;
    }
  std::string keys;
  for (std::size_t i = 1; i < result_keys.size(); ++i)
    keys += (i > 1 ? ", " : "") + std::string(result_keys[i]);
  fail("reply", "no result (expected one of " + keys + ")",
       "không có kết quả (cần một trong " + keys + ")");
}

event read_event(const reader& envelope, const json::object& obj) {
  event out;
  envelope("seq", out.seq);
  envelope("topic_seq", out.topic_seq, defaulted);
  std::string name = read_string(envelope, "event");
  std::size_t index = index_of(event_names, name, "unknown event", "sự kiện không xác định");
  out.body = read_alternative<event_body>(index, reader(obj, name));
  return out;
}

}  // namespace

std::variant<server_message, error> decode_server_message(std::string_view text) {
  std::variant<server_message, error> out;
  try {
    json::value frame = parse_object(text);
    const json::object& obj = frame.get_object();
    reader envelope(obj, "");
    std::string type = read_string(envelope, "type");
    if (type == "reply")
      out.emplace<server_message>(read_reply(envelope, obj));
    else if (type == "event")
      out.emplace<server_message>(read_event(envelope, obj));
    else
      fail("type", "unknown message type '" + type + "' (expected reply or event)",
           "loại thông điệp '" + type + "' không xác định (cần reply hoặc event)");
  } catch (const decode_error& e) {
    out = to_error(e, "Thông điệp không hợp lệ: ", false);
  } catch (const std::exception& e) {
    out = unexpected_failure(e);
  }
  return out;
}

// ---------------------------------------------------------------- single views

std::string encode(const ticket& t) { return json_of(t); }
std::string encode(const counter_view& c) { return json_of(c); }
std::string encode(const public_dossier& d) { return json_of(d); }
std::string encode(const public_ticket& t) { return json_of(t); }
std::string encode(const booking_result& b) { return json_of(b); }
std::string encode(const slots_result& s) { return json_of(s); }

// ---------------------------------------------------------------- HTTP bodies

std::string encode_services(const std::vector<service_view>& services) { return json_of(services); }

std::string encode_http_error(const error& e) {
  json_text o;
  o.begin_object();
  writer{o}("error", e);
  o.end_object();
  return o.take();
}

namespace {

// An HTTP body that must be a JSON object, its fields read by `read(object, fields)`; errors in
// English when `english` says so (it may look at the object).
template <class T>
std::variant<T, error> decode_body(std::string_view text, auto english, auto read) {
  bool en = false;
  try {
    json::value body = parse_object(text);
    const json::object& obj = body.get_object();
    en = english(obj);
    return read(obj, reader(obj, ""));
  } catch (const decode_error& e) {
    return to_error(e, "Yêu cầu không hợp lệ: ", en);
  } catch (const std::exception& e) {
    return unexpected_failure(e);
  }
}

}  // namespace

std::variant<book, error> decode_book(std::string_view text) {
  return decode_body<book>(
      text,
      [](const json::object& obj) {
        const json::value* lang = obj.if_contains("lang");
        return lang && lang->is_string() && lang->get_string() == "en";
      },
      [](const json::object&, const reader& fields) {
        book out;
        map_fields(fields, out);
        std::optional<std::string> language;
        fields("lang", language);
        check_language(language);
        out.lang = language.value_or("vi");
        return out;
      });
}

std::variant<move_booking, error> decode_move(std::string_view text, std::string code,
                                              bool english) {
  return decode_body<move_booking>(
      text, [english](const json::object&) { return english; },
      [&code](const json::object&, const reader& fields) {
        move_booking out{std::move(code), {}};
        fields("start", out.start, non_empty);
        return out;
      });
}

}  // namespace motcua::protocol
