#include "server/net/http_handler.hpp"

#include <charconv>
#include <typeinfo>

#include <boost/core/demangle.hpp>

#include "server/docs/pdf.hpp"
#include "server/engine/overloaded.hpp"
#include "server/log/log.hpp"
#include "server/net/address_limits.hpp"
#include "server/net/ticket_pages.hpp"
#include "server/province/lookup.hpp"
#include "server/web/booking_page.hpp"
#include "server/web/status_page.hpp"
#include "shared/domain/text.hpp"
#include "shared/protocol/codec.hpp"

namespace motcua::net {

namespace {

// /dat-lich and everything below it (the path only).
bool booking_pages(std::string_view path) {
  return path == "/dat-lich" || path.starts_with("/dat-lich/");
}

}  // namespace

std::optional<metrics::route> route_of(std::string_view target) {
  target = target.substr(0, target.find('?'));
  if (target == "/healthz") return std::nullopt;
  if (target == "/metrics") return metrics::route::metrics;
  if (target == "/api/v1/services") return metrics::route::services;
  if (target == "/api/v1/slots") return metrics::route::slots;
  if (target == "/api/v1/bookings" || target.starts_with("/api/v1/bookings/"))
    return metrics::route::booking;
  if (target.starts_with("/api/v1/tickets/") || ticket_pages(target)) return metrics::route::ticket;
  if (target.starts_with("/api/v1/tracking-book") ||
      (target.starts_with("/api/v1/dossiers/") && target.find("/forms/") != target.npos))
    return metrics::route::form;
  if (target.starts_with("/api/v1/dossiers/")) return metrics::route::dossier;
  if (target == "/tra-cuu" || target.starts_with("/tra-cuu/")) return metrics::route::page;
  if (booking_pages(target)) return metrics::route::booking;
  return metrics::route::other;
}

response too_many_requests(const http::request<http::string_body>& req,
                           std::chrono::seconds retry_after) {
  auto refusal = limit_error(retry_after, false);
  response res;
  auto path = req.target().substr(0, req.target().find('?'));
  if (booking_pages(std::string_view(path.data(), path.size()))) {
    auto lang = web::lang_from_query(req.target()).value_or(domain::lang::vi);
    res = respond(req, http::status::too_many_requests, "text/html; charset=utf-8",
                  web::render_booking_limit_page(
                      lang, domain::pick(lang, refusal.message, refusal.message_en)));
    res.set("Content-Security-Policy", web::status_page_csp);
  } else if (route_of(req.target()) == metrics::route::page) {
    auto lang = web::lang_from_query(req.target()).value_or(domain::lang::vi);
    res = respond(
        req, http::status::too_many_requests, "text/html; charset=utf-8",
        web::render_search_page(lang, domain::pick(lang, refusal.message, refusal.message_en)));
    res.set("Content-Security-Policy", web::status_page_csp);
  } else {
    res = respond(req, http::status::too_many_requests, "application/json",
                  protocol::encode_http_error(refusal));
  }
  res.set(http::field::retry_after, std::to_string(retry_after.count()));
  return res;
}

// /api/v1/dossiers/{code}/forms/{form}.pdf and /api/v1/tracking-book.pdf?from=&to=, or .png for
// the first page as an image, with the session token of "Authorization: Bearer"; nothing for any
// other target.
std::optional<engine::form_request> form_request_of(const http::request<http::string_body>& req,
                                                    std::string_view target) {
  constexpr std::string_view dossiers = "/api/v1/dossiers/", forms = "/forms/";
  constexpr std::size_t suffix = 4;  // ".pdf", ".png"
  engine::form_request r;
  r.png = target.ends_with(".png");
  if (!r.png && !target.ends_with(".pdf")) return std::nullopt;
  if (target.substr(0, target.size() - suffix) == "/api/v1/tracking-book") {
    r.form = "tracking-book";
    r.from = web::query_param(req.target(), "from");
    r.to = web::query_param(req.target(), "to");
  } else {
    auto middle = target.find(forms);
    if (!target.starts_with(dossiers) || middle == std::string_view::npos ||
        middle <= dossiers.size() || middle + forms.size() + suffix > target.size())
      return std::nullopt;
    r.code = target.substr(dossiers.size(), middle - dossiers.size());
    auto form = target.substr(middle + forms.size());
    r.form = form.substr(0, form.size() - suffix);
  }
  std::string_view auth = req[http::field::authorization];
  constexpr std::string_view bearer = "Bearer ";
  if (auth.starts_with(bearer)) r.session_token = auth.substr(bearer.size());
  return r;
}

namespace {

// 405 naming the methods the route takes (also in `Allow`).
response method_not_allowed(const http::request<http::string_body>& req, std::string_view allow) {
  auto res = error(req, http::status::method_not_allowed, protocol::error_code::bad_request,
                   "Địa chỉ này chỉ nhận " + std::string(allow) + ".",
                   "This address takes only " + std::string(allow) + ".");
  res.set(http::field::allow, allow);
  return res;
}

bool english_asked(const http::request<http::string_body>& req) {
  return web::lang_from_query(req.target()) == domain::lang::en;
}

// GET /api/v1/slots?service=ID&date=YYYY-MM-DD.
std::variant<response, engine::public_request> slots_request(
    const http::request<http::string_body>& req) {
  const bool en = english_asked(req);
  const auto service = web::query_param(req.target(), "service").value_or("");
  const auto date = web::query_param(req.target(), "date").value_or("");
  engine::slots_query q{0, date, en};
  auto [end, ec] = std::from_chars(service.data(), service.data() + service.size(), q.service);
  if (ec != std::errc{} || end != service.data() + service.size() || q.service <= 0)
    return error(req, http::status::bad_request, protocol::error_code::invalid,
                 "Cần mã lĩnh vực (service), một số nguyên.",
                 "The service (service) is needed, an integer.");
  return q;
}

// A booking's body is JSON only. A browser's form may post text/plain or a form's encoding from
// any site without asking; JSON it may not, so a page elsewhere cannot make or move a booking
// with someone else's browser. The 415 for any other body.
std::optional<response> not_json(const http::request<http::string_body>& req) {
  std::string_view type = req[http::field::content_type];
  if (domain::to_upper_ascii(type.substr(0, type.find(';'))) == "APPLICATION/JSON")
    return std::nullopt;
  return error(req, http::status::unsupported_media_type, protocol::error_code::bad_request,
               "Nội dung phải là JSON (Content-Type: application/json).",
               "The body must be JSON (Content-Type: application/json).");
}

// A JSON body decoded, or the 400 naming what is wrong with it.
template <class T>
std::variant<response, T> decoded_body(const http::request<http::string_body>& req,
                                       std::variant<T, protocol::error> decoded) {
  if (auto* e = std::get_if<protocol::error>(&decoded))
    return respond(req, http::status::bad_request, "application/json",
                   protocol::encode_http_error(*e));
  return std::get<T>(std::move(decoded));
}

// POST /api/v1/bookings.
std::variant<response, engine::public_request> new_booking(
    const http::request<http::string_body>& req) {
  if (auto refused = not_json(req)) return std::move(*refused);
  auto body = decoded_body(req, protocol::decode_book(req.body()));
  if (auto* res = std::get_if<response>(&body)) return std::move(*res);
  return std::get<protocol::book>(std::move(body));
}

// GET, DELETE (cancel) or PATCH (move: {"start"}) /api/v1/bookings/{code}?token=T.
std::variant<response, engine::public_request> one_booking(
    const http::request<http::string_body>& req, std::string code) {
  engine::booking_lookup lookup{code, web::query_param(req.target(), "token").value_or(""),
                                req.method() == http::verb::delete_, english_asked(req),
                                std::nullopt};
  if (req.method() == http::verb::patch) {
    if (auto refused = not_json(req)) return std::move(*refused);
    auto body = decoded_body(req, protocol::decode_move(req.body(), code, lookup.english));
    if (auto* res = std::get_if<response>(&body)) return std::move(*res);
    lookup.move_to = std::get<protocol::move_booking>(std::move(body)).start;
  }
  return lookup;
}

// A response, or a booking request, as handle_request answers it.
handled_request widen(std::variant<response, engine::public_request> v) {
  return std::visit([](auto&& x) -> handled_request { return std::move(x); }, std::move(v));
}

// GET /api/v1/sms/dlr?id=N&key=K&status=S, as Kannel calls it; any part missing or not a
// number: 404, like a wrong key (nothing tells a prober which).
handled_request text_report_of(const http::request<http::string_body>& req) {
  auto number = [&](std::string_view name) -> std::optional<std::int64_t> {
    auto v = web::query_param(req.target(), name);
    if (!v || !domain::is_ascii_digits(*v) || v->size() > 18) return std::nullopt;
    return std::stoll(*v);
  };
  auto id = number("id");
  auto status = number("status");
  auto key = web::query_param(req.target(), "key");
  if (!id || !status || !key || *status > 255)
    return error(req, http::status::not_found, protocol::error_code::not_found,
                 "Không có tin nhắn này.", "No such text message.");
  return engine::text_report{*id, static_cast<int>(*status), *key};
}

}  // namespace

handled_request handle_request(const http::request<http::string_body>& req,
                               const metrics::public_state& state,
                               const metrics::registry& metrics) {
  constexpr auto json = "application/json";
  std::string_view target = req.target();
  target = target.substr(0, target.find('?'));

  // Bookings are made (POST), cancelled (DELETE) and moved (PATCH); every other route only
  // reads.
  constexpr std::string_view api_bookings = "/api/v1/bookings";
  const bool reads = req.method() == http::verb::get || req.method() == http::verb::head;
  if (target == api_bookings) {
    if (req.method() != http::verb::post) return method_not_allowed(req, "POST");
    return widen(new_booking(req));
  }
  if (target.starts_with(api_bookings) && target.size() > api_bookings.size() + 1 &&
      target[api_bookings.size()] == '/') {
    if (!reads && req.method() != http::verb::delete_ && req.method() != http::verb::patch)
      return method_not_allowed(req, "GET, HEAD, DELETE, PATCH");
    return widen(one_booking(req, std::string(target.substr(api_bookings.size() + 1))));
  }
  constexpr std::string_view api_tickets = "/api/v1/tickets/";
  if (target.starts_with(api_tickets) && target.size() > api_tickets.size()) {
    // GET /api/v1/tickets/{token}[/events], POST /api/v1/tickets/{token}/cancel.
    auto token = target.substr(api_tickets.size());
    constexpr std::string_view events = "/events";
    if (token.ends_with(events)) {
      if (req.method() != http::verb::get) return method_not_allowed(req, "GET");
      token.remove_suffix(events.size());
      return ticket_stream_request{std::string(token), english_asked(req)};
    }
    constexpr std::string_view cancel = "/cancel";
    const bool cancels = token.ends_with(cancel);
    if (cancels) token.remove_suffix(cancel.size());
    if (cancels && req.method() != http::verb::post) return method_not_allowed(req, "POST");
    if (!cancels && !reads) return method_not_allowed(req, "GET, HEAD");
    return engine::ticket_lookup{std::string(token), cancels, english_asked(req)};
  }
  if (target == "/api/v1/sms/dlr") {  // Kannel's delivery report of a text (issue 14)
    if (!reads) return method_not_allowed(req, "GET, HEAD");
    return text_report_of(req);
  }
  if (booking_pages(target) || ticket_pages(target)) {
    if (!reads && req.method() != http::verb::post)
      return method_not_allowed(req, "GET, HEAD, POST");
    return page_request{};
  }
  if (!reads) return method_not_allowed(req, "GET, HEAD");
  if (target == "/healthz") return respond(req, http::status::ok, json, R"({"status":"ok"})");
  if (target == "/metrics")
    return respond(req, http::status::ok, "text/plain; version=0.0.4; charset=utf-8",
                   metrics.render(state));
  if (target == "/api/v1/services")
    return respond(req, http::status::ok, json, protocol::encode_services(state.services));
  if (target == "/api/v1/slots") return widen(slots_request(req));
  constexpr std::string_view api_dossiers = "/api/v1/dossiers/";
  constexpr std::string_view pages = "/tra-cuu";
  if (auto form = form_request_of(req, target)) return std::move(*form);
  if (target.starts_with(api_dossiers) && target.size() > api_dossiers.size())
    return dossier_request{std::string(target.substr(api_dossiers.size())), false};
  if (target == pages || target == "/tra-cuu/") {
    auto lang = web::lang_from_query(req.target()).value_or(domain::lang::vi);
    if (auto code = web::query_param(req.target(), "code"); code && !code->empty()) {
      // The search form's GET: go to the dossier's own address (the QR code's).
      auto res = respond(req, http::status::see_other, "text/html; charset=utf-8", "");
      // Percent-encoded: nothing can break out of the header.
      const std::string location = std::string(pages) + "/" + domain::percent_encode(*code);
      res.set(http::field::location, location + (lang == domain::lang::en ? "?lang=en" : ""));
      return res;
    }
    auto res =
        respond(req, http::status::ok, "text/html; charset=utf-8", web::render_search_page(lang));
    res.set("Content-Security-Policy", web::status_page_csp);
    return res;
  }
  if (target.starts_with(std::string(pages) + "/"))
    return dossier_request{std::string(target.substr(pages.size() + 1)), true};
  if (target == "/ws")
    return error(req, http::status::upgrade_required, protocol::error_code::bad_request,
                 "Cần kết nối WebSocket (motcua.v1).",
                 "A WebSocket upgrade (motcua.v1) is needed.");
  return error(req, http::status::not_found, protocol::error_code::not_found,
               "Không tìm thấy địa chỉ này.", "Not found.");
}

namespace {

// What failed, safe for the log: Cairo's own status text, otherwise only the exception's type
// (a markup error may quote the text it was given), as the HTTP session's guard logs it.
std::string failure_of(const std::exception& e) {
  std::string_view what = e.what();
  if (what.starts_with("cairo: ")) return std::string(what);
  return boost::core::demangle(typeid(e).name());
}

// `render()`, or a 500 `internal` JSON error when it throws (logged, without the request's data):
// nothing a stored text or a renderer does may end the server.
template <class Render>
response guarded(const http::request<http::string_body>& req, std::string_view what,
                 Render render) {
  std::string failure;
  try {
    return render();
  } catch (const std::exception& e) {
    failure = failure_of(e);
  } catch (...) {
    failure = "unknown exception";
  }
  log::throttled(spdlog::level::err, "http.render",
                 "http: rendering " + std::string(what) + " failed: " + failure);
  return error(req, http::status::internal_server_error, protocol::error_code::internal,
               "Lỗi máy chủ khi tạo trang hoặc biểu mẫu; vui lòng thử lại sau.",
               "Server error while making the page or form; please try again later.");
}

// The HTTP status of an error the engine answered with (docs/protocol.md, the error codes).
http::status status_of(protocol::error_code code) {
  using c = protocol::error_code;
  switch (code) {
    case c::bad_request:
    case c::invalid:
      return http::status::bad_request;
    case c::unauthorized:
      return http::status::unauthorized;
    case c::forbidden:
      return http::status::forbidden;
    case c::not_found:
      return http::status::not_found;
    case c::conflict:
    case c::empty:
    case c::closed:
      return http::status::conflict;
    case c::limit:
      return http::status::too_many_requests;
    case c::internal:
      break;
  }
  return http::status::internal_server_error;
}

web::public_dossier page_view(const protocol::public_dossier& d) {
  auto at = [](const std::string& text) {
    return domain::parse_iso8601(text).value_or(domain::time_point{});
  };
  web::public_dossier v{d.code,       d.procedure, d.procedure_en, d.status, at(d.received_at),
                        at(d.due_at), d.late,      std::nullopt,   {}};
  for (const auto& step : d.history) v.history.push_back({step.step, at(step.at)});
  return v;
}

response form_answer(const http::request<http::string_body>& req,
                     const engine::form_outcome& outcome, const domain::business_zone& zone) {
  if (!outcome.document) {
    auto status = static_cast<http::status>(outcome.status);
    auto code = outcome.status == 401   ? protocol::error_code::unauthorized
                : outcome.status == 404 ? protocol::error_code::not_found
                : outcome.status == 409 ? protocol::error_code::conflict
                : outcome.status == 400 ? protocol::error_code::invalid
                                        : protocol::error_code::internal;
    return error(req, status, code, outcome.message, outcome.message_en);
  }
  std::string file = std::visit(
      [&](const auto& form) { return docs::render(form, outcome.set, zone, outcome.output); },
      *outcome.document);
  auto res = respond(req, http::status::ok,
                     outcome.output == docs::output::pdf ? "application/pdf" : "image/png",
                     std::move(file));
  res.set(http::field::content_disposition, "inline; filename=\"" + outcome.file_name + "\"");
  return res;
}

response dossier_answer(const http::request<http::string_body>& req, const dossier_request& asked,
                        const std::optional<protocol::public_dossier>& found,
                        const domain::business_zone& zone) {
  if (!asked.html) {
    if (!found)
      return error(req, http::status::not_found, protocol::error_code::not_found,
                   "Không tìm thấy hồ sơ với mã này.", "No dossier has this code.");
    return respond(req, http::status::ok, "application/json", protocol::encode(*found));
  }
  auto lang = web::lang_from_query(req.target()).value_or(domain::lang::vi);
  auto res = found ? respond(req, http::status::ok, "text/html; charset=utf-8",
                             web::render_status_page(page_view(*found), lang, zone))
                   : respond(req, http::status::not_found, "text/html; charset=utf-8",
                             web::render_not_found_page(asked.code, lang));
  res.set("Content-Security-Policy", web::status_page_csp);
  return res;
}

}  // namespace

response form_response(const http::request<http::string_body>& req,
                       const engine::form_outcome& outcome, const domain::business_zone& zone) {
  return guarded(req, "a form", [&] { return form_answer(req, outcome, zone); });
}

response public_response(const http::request<http::string_body>& req,
                         const engine::public_answer& answer) {
  constexpr auto json = "application/json";
  return std::visit(
      engine::overloaded{
          [&](const protocol::error& e) {
            auto res = respond(req, status_of(e.code), json, protocol::encode_http_error(e));
            if (e.retry_after) res.set(http::field::retry_after, std::to_string(*e.retry_after));
            return res;
          },
          [&](const protocol::slots_result& r) {
            return respond(req, http::status::ok, json, protocol::encode(r));
          },
          [&](const protocol::booking_result& b) {
            return respond(req, answer.created ? http::status::created : http::status::ok, json,
                           protocol::encode(b));
          },
          [&](const protocol::public_ticket& t) {
            auto res = respond(req, http::status::ok, json, protocol::encode(t));
            res.set(http::field::cache_control, "no-store");  // it changes by the minute
            return res;
          },
          [&](const engine::text_reported&) {
            return respond(req, http::status::ok, json, R"({"status":"ok"})");
          }},
      answer.body);
}

response dossier_unreachable(const http::request<http::string_body>& req,
                             const dossier_request& asked) {
  if (!asked.html) {
    auto e = province::hub_lookup::unreachable_error(english_asked(req));
    return respond(req, http::status::service_unavailable, "application/json",
                   protocol::encode_http_error(e));
  }
  auto lang = web::lang_from_query(req.target()).value_or(domain::lang::vi);
  auto res = respond(req, http::status::service_unavailable, "text/html; charset=utf-8",
                     web::render_unreachable_page(asked.code, lang));
  res.set("Content-Security-Policy", web::status_page_csp);
  return res;
}

response dossier_response(const http::request<http::string_body>& req, const dossier_request& asked,
                          const std::optional<protocol::public_dossier>& found,
                          const domain::business_zone& zone) {
  return guarded(req, "a dossier view", [&] { return dossier_answer(req, asked, found, zone); });
}

}  // namespace motcua::net
