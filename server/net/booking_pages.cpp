#include "server/net/booking_pages.hpp"

#include <charconv>

#include "server/auth/crypto.hpp"
#include "server/engine/overloaded.hpp"
#include "server/net/page_response.hpp"
#include "server/web/booking_page.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/domain/text.hpp"

namespace motcua::net {
namespace {

using domain::lang;
using std::chrono::year_month_day;

constexpr std::string_view pages = "/dat-lich";
constexpr std::string_view cookie_name = "motcua_form";
// A form may stay open this long on a phone before its post is refused (then re-shown).
constexpr auto form_lifetime = std::chrono::hours{2};
// The days looked at for the days page: beyond any horizon of working days a centre sets.
constexpr int days_scanned = 62;

using request = http::request<http::string_body>;

std::optional<std::int64_t> number(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return n;
}

// ---------------------------------------------------------------- form tokens

// The value of the cookie `motcua_form`, if the request has one of the right shape.
std::optional<std::string> form_cookie(const request& req) {
  for (auto field = req.find(http::field::cookie);
       field != req.end() && field->name() == http::field::cookie; ++field) {
    std::string_view rest = field->value();
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      auto pair = domain::trim_ascii(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos || pair.substr(0, eq) != cookie_name) continue;
      const auto value = pair.substr(eq + 1);
      if (value.size() == 64 && value.find_first_not_of("0123456789abcdef") == value.npos)
        return std::string(value);
    }
  }
  return std::nullopt;
}

std::int64_t seconds_of(domain::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string sign(std::string_view key, std::string_view cookie, std::int64_t issued) {
  return auth::hmac_sha256_hex(key, "form|" + std::string(cookie) + "|" + std::to_string(issued));
}

// The cookie of a page with a form (the request's own, else a new one) and its token.
struct form_guard {
  std::string cookie;
  std::string token;
};

form_guard guard_for(const request& req, std::string_view key, domain::time_point now) {
  auto cookie = form_cookie(req).value_or(auth::random_token());
  const auto issued = seconds_of(now);
  auto token = std::to_string(issued) + "." + sign(key, cookie, issued);
  return {std::move(cookie), std::move(token)};
}

response with_cookie(response res, const form_guard& guard) {
  res.set(http::field::set_cookie, std::string(cookie_name) + "=" + guard.cookie +
                                       "; Path=/dat-lich; Max-Age=" +
                                       std::to_string(std::chrono::seconds{form_lifetime}.count()) +
                                       "; HttpOnly; SameSite=Strict");
  return res;
}

bool same_text(std::string_view a,
               std::string_view b) {  // in time independent of where they differ
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// Whether a form post is this server's own page's (the header comment says how).
bool genuine(const request& req, std::string_view form_token, std::string_view key,
             domain::time_point now) {
  if (!same_origin(req)) return false;
  const auto cookie = form_cookie(req);
  const auto dot = form_token.find('.');
  if (!cookie || dot == std::string_view::npos) return false;
  const auto issued = number(std::string(form_token.substr(0, dot)));
  const auto at = seconds_of(now);
  if (!issued || *issued > at + 60 || at - *issued > std::chrono::seconds{form_lifetime}.count())
    return false;
  return same_text(form_token.substr(dot + 1), sign(key, *cookie, *issued));
}

// ---------------------------------------------------------------- the catalogue's part

web::procedure_option procedure_option(const config::procedure& p,
                                       const config::procedure_version& v) {
  web::procedure_option o{p.id, p.name, p.name_en, {}, v.fee};
  for (const auto& d : v.documents) o.documents.push_back({d.name, d.required});
  return o;
}

// The procedures of `service` in force `today`.
std::vector<web::procedure_option> procedures_of(const config::settings& settings,
                                                 std::int64_t service, year_month_day today) {
  std::vector<web::procedure_option> out;
  for (const auto& p : settings.catalogue.procedures)
    if (p.service == service)
      if (const auto* v = p.version_on(today)) out.push_back(procedure_option(p, *v));
  return out;
}

// The service (bookable) and procedure (of that service, in force) a step names; nothing when
// it names something else.
std::optional<web::booking_choice> choice_of(const config::settings& settings,
                                             std::optional<std::int64_t> service,
                                             const std::optional<std::string>& procedure,
                                             year_month_day today) {
  const auto* s = service ? settings.find_service(*service) : nullptr;
  if (!s || !s->booking) return std::nullopt;
  web::booking_choice c{{s->id, s->name, s->name_en}, std::nullopt};
  if (procedure && !procedure->empty()) {
    const auto id = number(procedure);
    for (auto& p : procedures_of(settings, s->id, today))
      if (id == p.id) c.procedure = std::move(p);
    if (!c.procedure) return std::nullopt;
  }
  return c;
}

// The days of `rules` one may book at `now`, as /api/v1/slots decides them.
std::vector<year_month_day> bookable_days(const config::settings& settings,
                                          const domain::booking_rules& rules,
                                          domain::time_point now) {
  const domain::working_calendar calendar(settings.catalogue.calendar);
  const auto today = settings.zone.day_of(now);
  const auto last = domain::last_bookable_day(rules, calendar, today);
  std::vector<year_month_day> out;
  for (int i = 1; i <= days_scanned; ++i) {
    const year_month_day day{std::chrono::sys_days{today} + std::chrono::days{i}};
    if (std::chrono::sys_days{day} > std::chrono::sys_days{last}) break;
    if (!domain::refusal_of(rules, calendar, settings.zone, day, now)) out.push_back(day);
  }
  return out;
}

std::optional<web::slot_option> slot_of(const std::string& start, const std::string& end,
                                        int free) {
  const auto from = domain::parse_iso8601(start);
  const auto to = domain::parse_iso8601(end);
  if (!from || !to) return std::nullopt;
  return web::slot_option{start, *from, *to, free};
}

// The citizen's booking as its page shows it.
web::own_booking own_of(const protocol::booking_view& v, const std::string& token,
                        const config::settings& settings, lang language) {
  auto at = [](const std::string& t) {
    return domain::parse_iso8601(t).value_or(domain::time_point{});
  };
  web::own_booking b{v.code,
                     token,
                     v.status,
                     "",
                     std::nullopt,
                     at(v.start),
                     at(v.end),
                     at(v.check_in_from),
                     at(v.check_in_until),
                     v.full_name,
                     v.phone,
                     v.cancel_reason};
  if (const auto* s = settings.find_service(v.service))
    b.service = domain::pick(language, s->name, s->name_en);
  if (v.procedure)
    if (const auto* p = settings.catalogue.find_procedure(*v.procedure))
      b.procedure = domain::pick(language, p->name, p->name_en);
  return b;
}

// "/dat-lich/{code}?token=T[&lang=en]"
std::string own_location(const std::string& code, const std::string& token, lang language) {
  return std::string(pages) + "/" + domain::percent_encode(code) +
         "?token=" + domain::percent_encode(token) + (language == lang::en ? "&lang=en" : "");
}

// An empty form for the slot starting at `start` (`start_text` as the form sends it back).
web::booking_form form_of(const web::booking_choice& choice, const std::string& start_text,
                          domain::time_point start, const domain::booking_rules& rules,
                          std::string request_key, std::string form_token) {
  web::booking_form form;
  form.choice = choice;
  form.slot.start = start_text;
  form.slot.start_at = start;
  form.slot.end_at = start + rules.slot;
  form.request_key = std::move(request_key);
  form.form_token = std::move(form_token);
  return form;
}

// ---------------------------------------------------------------- the steps

struct page_context {
  const request& req;
  const config::settings& settings;
  std::string_view key;
  domain::time_point now;
  lang language;
};

response not_found(const request& req, lang language) {
  return html(req, http::status::not_found, web::render_booking_not_found_page(language));
}

// The refusal of an engine answer that is an error, as a page: a limit's (429 with
// Retry-After), else nothing.
std::optional<response> limit_page(const request& req, const protocol::error& e, lang language) {
  if (e.code != protocol::error_code::limit) return std::nullopt;
  auto res = html(req, http::status::too_many_requests,
                  web::render_booking_limit_page(language, e.message));
  if (e.retry_after) res.set(http::field::retry_after, std::to_string(*e.retry_after));
  return res;
}

// GET /dat-lich with the steps chosen so far in its query.
std::variant<response, page_ask> flow_step(const page_context& p) {
  const auto& target = p.req.target();
  const auto today = p.settings.zone.day_of(p.now);
  const auto service = web::query_param(target, "service");
  if (!service) {
    std::vector<web::service_option> services;
    for (const auto& s : p.settings.services)
      if (s.booking) services.push_back({s.id, s.name, s.name_en});
    return html(p.req, http::status::ok, web::render_services_page(services, p.language));
  }
  auto choice =
      choice_of(p.settings, number(service), web::query_param(target, "procedure"), today);
  if (!choice) return not_found(p.req, p.language);
  const auto& rules = *p.settings.find_service(choice->service.id)->booking;
  const auto date = web::query_param(target, "date");
  if (!date)
    return html(p.req, http::status::ok,
                web::render_days_page(*choice, procedures_of(p.settings, choice->service.id, today),
                                      bookable_days(p.settings, rules, p.now), p.language));
  const auto day = domain::parse_date(*date);
  if (!day) return not_found(p.req, p.language);
  if (const auto start = web::query_param(target, "start")) {
    const auto from = domain::parse_iso8601(*start);
    if (!from || p.settings.zone.day_of(*from) != *day) return not_found(p.req, p.language);
    const auto guard = guard_for(p.req, p.key, p.now);
    auto form = form_of(*choice, *start, *from, rules, auth::random_token(), guard.token);
    return with_cookie(
        html(p.req, http::status::ok, web::render_form_page(form, p.language, p.settings.zone)),
        guard);
  }
  engine::slots_query q{choice->service.id, domain::format_iso_date(*day), p.language == lang::en};
  return page_ask{
      q, [&req = p.req, &settings = p.settings, choice = *choice, day = *day,
          language = p.language](const engine::public_answer& a) {
        return std::visit(
            engine::overloaded{[&](const protocol::slots_result& r) {
                                 std::vector<web::slot_option> slots;
                                 for (const auto& s : r.slots)
                                   if (auto o = slot_of(s.start, s.end, s.free))
                                     slots.push_back(*o);
                                 // A copy: pick() returns one of the two temporaries.
                                 const std::string reason = domain::pick(
                                     language, r.reason.value_or(""), r.reason_en.value_or(""));
                                 return html(req, http::status::ok,
                                             web::render_times_page(choice, day, slots, reason,
                                                                    language, settings.zone));
                               },
                               [&](const auto&) { return not_found(req, language); }},
            a.body);
      }};
}

// POST /dat-lich: the form sent.
std::variant<response, page_ask> booking_post(const page_context& p) {
  const auto fields = "?" + p.req.body();
  auto field = [&](std::string_view name) { return web::query_param(fields, name).value_or(""); };
  const auto language = field("lang") == "en" ? lang::en : lang::vi;
  if (!genuine(p.req, field("form_token"), p.key, p.now))
    return html(p.req, http::status::forbidden, web::render_form_refused_page(language));
  const auto today = p.settings.zone.day_of(p.now);
  auto choice =
      choice_of(p.settings, number(field("service")), web::query_param(fields, "procedure"), today);
  const auto start = domain::parse_iso8601(field("start"));
  if (!choice || !start) return not_found(p.req, language);

  protocol::book b;
  b.service = choice->service.id;
  b.start = field("start");
  b.full_name = field("full_name");
  b.phone = field("phone");
  b.request_key = field("request_key");
  if (auto id = field("id_number"); !domain::trim_ascii(id).empty())
    b.id_number = std::string(domain::trim_ascii(id));
  if (choice->procedure) b.procedure = choice->procedure->id;
  b.lang = std::string(domain::code_of(language));

  const auto& rules = *p.settings.find_service(choice->service.id)->booking;
  const auto guard = guard_for(p.req, p.key, p.now);
  auto form = form_of(*choice, b.start, *start, rules, b.request_key, guard.token);
  form.full_name = b.full_name;
  form.phone = b.phone;
  form.id_number = field("id_number");
  return page_ask{b, [&req = p.req, &settings = p.settings, form = std::move(form), language,
                      guard](const engine::public_answer& a) mutable {
                    if (const auto* made = std::get_if<protocol::booking_result>(&a.body))
                      return see_other(
                          req, own_location(made->booking.code,
                                            made->booking.manage_token.value_or(""), language));
                    const auto& e = std::get<protocol::error>(a.body);
                    if (auto limited = limit_page(req, e, language)) return std::move(*limited);
                    // Every problem beside its field, the values kept, the same request_key.
                    form.problems = e.fields;
                    form.alert = e.message;
                    return with_cookie(html(req, http::status::bad_request,
                                            web::render_form_page(form, language, settings.zone)),
                                       guard);
                  }};
}

// GET /dat-lich/{code}[.ics]?token=T[&huy=1], POST /dat-lich/{code}/huy.
std::variant<response, page_ask> own_step(const page_context& p, std::string_view rest) {
  const bool post = p.req.method() == http::verb::post;
  const auto fields = post ? "?" + p.req.body() : std::string(p.req.target());
  auto language = p.language;
  if (post) {
    constexpr std::string_view cancel = "/huy";
    if (!rest.ends_with(cancel)) return not_found(p.req, language);
    rest.remove_suffix(cancel.size());
    language = web::query_param(fields, "lang") == "en" ? lang::en : lang::vi;
    if (!genuine(p.req, web::query_param(fields, "form_token").value_or(""), p.key, p.now))
      return html(p.req, http::status::forbidden, web::render_form_refused_page(language));
  }
  const bool ics = !post && rest.ends_with(".ics");
  if (ics) rest.remove_suffix(4);
  const auto token = web::query_param(fields, "token").value_or("");
  engine::booking_lookup lookup{std::string(rest), token, post, language == lang::en, std::nullopt};
  const auto mode = post                                        ? web::own_page_mode::plain
                    : web::query_param(fields, "huy") == "1"    ? web::own_page_mode::confirm_cancel
                    : web::query_param(fields, "da-doi") == "1" ? web::own_page_mode::moved
                                                                : web::own_page_mode::plain;
  const auto guard = guard_for(p.req, p.key, p.now);
  return page_ask{
      lookup,
      [&req = p.req, &settings = p.settings, code = std::string(rest), token, language, post, ics,
       mode, guard](const engine::public_answer& a) -> response {
        if (const auto* e = std::get_if<protocol::error>(&a.body)) {
          if (auto limited = limit_page(req, *e, language)) return std::move(*limited);
          // A cancel refused (checked in, missed): the page says where it stands.
          if (post && e->code == protocol::error_code::conflict)
            return see_other(req, own_location(code, token, language));
          return not_found(req, language);
        }
        const auto& found = std::get<protocol::booking_result>(a.body).booking;
        if (post) return see_other(req, own_location(found.code, token, language));
        const auto booking = own_of(found, token, settings, language);
        if (ics) {
          auto res = html(req, http::status::ok,
                          web::booking_ics(booking, settings.catalogue.unit.name,
                                           domain::system_clock{}.now()));
          res.set(http::field::content_type, "text/calendar; charset=utf-8");
          res.set(http::field::content_disposition,
                  "attachment; filename=\"" + booking.code + ".ics\"");
          return res;
        }
        return with_cookie(
            html(req, http::status::ok,
                 web::render_own_booking_page(booking, language, settings.zone, mode, guard.token)),
            guard);
      }};
}

// The booking a move page carries: its code and token, and the service `service` names.
web::booking_move move_of(const config::settings& settings, std::string code, std::string token,
                          std::optional<std::int64_t> service) {
  web::booking_move m{std::move(code), std::move(token), {}, {}};
  if (const auto* s = service ? settings.find_service(*service) : nullptr)
    m.service = {s->id, s->name, s->name_en};
  return m;
}

// GET /dat-lich/{code}/doi-gio?token=T[&service=S&date=D], POST /dat-lich/{code}/doi-gio: the
// days of the booking's service (the booking read with its token first), a day's times, the
// time chosen. The post moves it with its token, like PATCH /api/v1/bookings/{code}.
std::variant<response, page_ask> move_step(const page_context& p, std::string_view code) {
  const bool post = p.req.method() == http::verb::post;
  const auto fields = post ? "?" + p.req.body() : std::string(p.req.target());
  auto field = [&](std::string_view name) { return web::query_param(fields, name).value_or(""); };
  const auto language = post ? (field("lang") == "en" ? lang::en : lang::vi) : p.language;
  if (post && !genuine(p.req, field("form_token"), p.key, p.now))
    return html(p.req, http::status::forbidden, web::render_form_refused_page(language));
  const auto token = field("token");
  const auto date = field("date");
  auto move = move_of(p.settings, std::string(code), token, number(field("service")));
  move.current = field("from");
  const bool en = language == lang::en;

  if (post) {
    const auto day = domain::parse_date(date);
    if (!day) return not_found(p.req, language);
    engine::booking_lookup ask{move.code, token, false, en, field("start")};
    return page_ask{
        ask,
        [&req = p.req, move, day = *day, language](const engine::public_answer& a) -> response {
          const auto* e = std::get_if<protocol::error>(&a.body);
          if (!e)
            return see_other(req, own_location(move.code, move.token, language) + "&da-doi=1");
          if (auto limited = limit_page(req, *e, language)) return std::move(*limited);
          if (e->code == protocol::error_code::not_found) return not_found(req, language);
          return html(req, http::status::conflict,
                      web::render_move_refused_page(move, day, e->message, language));
        }};
  }
  if (date.empty()) {
    engine::booking_lookup ask{move.code, token, false, en, std::nullopt};
    return page_ask{ask,
                    [&req = p.req, &settings = p.settings, move, language,
                     now = p.now](const engine::public_answer& a) mutable -> response {
                      const auto* found = std::get_if<protocol::booking_result>(&a.body);
                      if (!found) {
                        const auto& e = std::get<protocol::error>(a.body);
                        if (auto limited = limit_page(req, e, language)) return std::move(*limited);
                        return not_found(req, language);
                      }
                      const auto& b = found->booking;
                      // Only a booking still booked moves; its own page says where the others
                      // stand.
                      if (b.status != domain::booking_status::booked)
                        return see_other(req, own_location(move.code, move.token, language));
                      move = move_of(settings, move.code, move.token, b.service);
                      move.current = b.start;
                      const auto* service = settings.find_service(b.service);
                      const auto days = service && service->booking
                                            ? bookable_days(settings, *service->booking, now)
                                            : std::vector<year_month_day>{};
                      return html(
                          req, http::status::ok,
                          web::render_move_days_page(own_of(b, move.token, settings, language),
                                                     move, days, language, settings.zone));
                    }};
  }
  const auto day = domain::parse_date(date);
  const auto* service = p.settings.find_service(move.service.id);
  if (!day || !service || !service->booking) return not_found(p.req, language);
  const auto guard = guard_for(p.req, p.key, p.now);
  engine::slots_query ask{move.service.id, domain::format_iso_date(*day), en};
  return page_ask{ask,
                  [&req = p.req, &settings = p.settings, move, day = *day, language,
                   guard](const engine::public_answer& a) -> response {
                    const auto* r = std::get_if<protocol::slots_result>(&a.body);
                    if (!r) return not_found(req, language);
                    std::vector<web::slot_option> slots;
                    for (const auto& s : r->slots)
                      if (auto o = slot_of(s.start, s.end, s.free)) slots.push_back(*o);
                    // A copy: pick() returns one of the two temporaries.
                    const std::string reason =
                        domain::pick(language, r->reason.value_or(""), r->reason_en.value_or(""));
                    return with_cookie(
                        html(req, http::status::ok,
                             web::render_move_times_page(move, day, slots, reason, guard.token,
                                                         language, settings.zone)),
                        guard);
                  }};
}

}  // namespace

std::variant<response, page_ask> booking_page(const http::request<http::string_body>& req,
                                              const config::settings& settings,
                                              std::string_view form_key, domain::time_point now) {
  const page_context p{req, settings, form_key, now,
                       web::lang_from_query(req.target()).value_or(lang::vi)};
  std::string_view target = req.target();
  target = target.substr(0, target.find('?'));
  const bool post = req.method() == http::verb::post;
  if (target == pages || target == "/dat-lich/") return post ? booking_post(p) : flow_step(p);
  auto rest = target.substr(pages.size() + 1);
  constexpr std::string_view move = "/doi-gio";
  if (rest.ends_with(move)) return move_step(p, rest.substr(0, rest.size() - move.size()));
  return own_step(p, rest);
}

}  // namespace motcua::net
