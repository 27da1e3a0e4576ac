#include "server/net/ticket_pages.hpp"

#include "server/net/page_response.hpp"
#include "server/web/ticket_page.hpp"
#include "shared/domain/text.hpp"

namespace motcua::net {
namespace {

using domain::lang;
using request = http::request<http::string_body>;

constexpr std::string_view pages = "/ve/";
constexpr std::string_view script = "/ve.js";
constexpr std::string_view cancel = "/huy";
constexpr std::string_view rating = "/danh-gia";

response page_of(const request& req, http::status status, std::string body) {
  return html(req, status, std::move(body), web::ticket_page_csp);
}

web::ticket_card card_of(const protocol::public_ticket& v, const std::string& token,
                         lang language) {
  web::ticket_card c;
  c.token = token;
  c.number = v.number;
  c.service = domain::pick(language, v.service_name, v.service_name_en);
  c.state = v.state;
  c.ahead = v.ahead;
  c.eta_minutes = v.eta_minutes;
  if (v.counter_name)
    c.counter = domain::pick(language, *v.counter_name, v.counter_name_en.value_or(""));
  return c;
}

// The ticket's own address, with `flag` (a notice) and the language kept; the token is
// 32 hexadecimal digits when it gets here (a ticket was found by it), nothing to encode.
std::string own(const std::string& token, lang language, std::string_view flag = "") {
  std::string query(flag);
  if (language == lang::en) query += query.empty() ? "lang=en" : "&lang=en";
  return std::string(pages) + token + (query.empty() ? "" : "?" + query);
}

using made = std::function<response(const request&, const web::ticket_card&)>;
using refusal = std::function<response(const request&, const protocol::error&)>;

// A page made from the ticket as the engine answers `asked`: `found` for a ticket, the 404 page
// for none; for a refusal, `refused`, else the ticket's page again (303), whose state explains.
page_ask ask(const request& req, engine::public_request asked, std::string token, lang language,
             made found, refusal refused = {}) {
  return {std::move(asked),
          [req = request_shape(req), token = std::move(token), language, found = std::move(found),
           refused = std::move(refused)](const engine::public_answer& a) {
            if (const auto* v = std::get_if<protocol::public_ticket>(&a.body))
              return found(req, card_of(*v, token, language));
            const auto& e = std::get<protocol::error>(a.body);
            if (e.code == protocol::error_code::not_found)
              return page_of(req, http::status::not_found,
                             web::render_ticket_not_found_page(language));
            if (refused) return refused(req, e);
            return see_other(req, own(token, language));
          }};
}

}  // namespace

bool ticket_pages(std::string_view path) {
  return path == script || (path.starts_with(pages) && path.size() > pages.size());
}

std::variant<response, page_ask> ticket_page(const request& req, const config::settings& settings) {
  std::string_view path = req.target();
  path = path.substr(0, path.find('?'));
  if (path == script) {
    response res{http::status::ok, req.version()};
    res.set(http::field::server, "motcua");
    res.set(http::field::content_type, "text/javascript; charset=utf-8");
    res.set(http::field::cache_control, "public, max-age=3600");
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(req.keep_alive());
    if (req.method() != http::verb::head) res.body() = web::ticket_script();
    res.prepare_payload();
    return res;
  }
  const lang language = web::lang_from_query(req.target()).value_or(lang::vi);
  auto rest = path.substr(pages.size());
  const bool post = req.method() == http::verb::post;
  const bool cancels = rest.ends_with(cancel), rates = rest.ends_with(rating);
  if (cancels) rest.remove_suffix(cancel.size());
  if (rates) rest.remove_suffix(rating.size());
  std::string token(rest);
  if (post && !cancels && !rates)
    return page_of(req, http::status::method_not_allowed,
                   web::render_ticket_not_found_page(language));
  if (post && !same_origin(req))
    return page_of(req, http::status::forbidden, web::render_ticket_not_found_page(language));

  const engine::ticket_lookup read{token, false, language == lang::en};
  if (cancels && post)
    return ask(
        req, engine::ticket_lookup{token, true, language == lang::en}, token, language,
        [language](const request& r, const web::ticket_card& t) {
          // A confirm page posted after the ticket ended otherwise: its page, no notice.
          const bool cancelled = t.state == domain::ticket_state::cancelled;
          return see_other(r, own(t.token, language, cancelled ? "da-huy=1" : ""));
        },
        [token, language](const request& r, const protocol::error& e) {
          return see_other(r, own(token, language,
                                  e.code == protocol::error_code::conflict ? "khong-huy=1" : ""));
        });
  if (cancels)
    return ask(req, read, token, language, [language](const request& r, const web::ticket_card& t) {
      if (t.state != domain::ticket_state::waiting) return see_other(r, own(t.token, language));
      return page_of(r, http::status::ok, web::render_ticket_cancel_page(language, t));
    });
  const int levels = settings.catalogue.rating_levels;
  if (rates && post) {
    const auto level = web::query_param("?" + req.body(), "level");
    int n = 0;
    if (level && level->size() == 1 && (*level)[0] >= '1' && (*level)[0] <= '9')
      n = (*level)[0] - '0';
    return ask(req, engine::ticket_rating{token, n, language == lang::en}, token, language,
               [language](const request& r, const web::ticket_card& t) {
                 return see_other(r, own(t.token, language, "da-danh-gia=1"));
               });
  }
  if (rates)
    return ask(req, read, token, language,
               [language, levels](const request& r, const web::ticket_card& t) {
                 if (t.state != domain::ticket_state::done)
                   return see_other(r, own(t.token, language));
                 return page_of(r, http::status::ok,
                                web::render_ticket_rating_page(language, t, levels));
               });
  auto notice = web::ticket_notice::none;
  if (web::query_param(req.target(), "da-huy")) notice = web::ticket_notice::cancelled;
  if (web::query_param(req.target(), "da-danh-gia")) notice = web::ticket_notice::rated;
  if (web::query_param(req.target(), "khong-huy")) notice = web::ticket_notice::cannot_cancel;
  return ask(req, read, token, language,
             [language, notice](const request& r, const web::ticket_card& t) {
               return page_of(r, http::status::ok, web::render_ticket_page(language, t, notice));
             });
}

}  // namespace motcua::net
