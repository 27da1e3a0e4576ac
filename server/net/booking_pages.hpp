// The public booking pages over HTTP (issue 13, `/dat-lich`, web/booking_page.hpp): which page a
// request asks for, what the engine must answer first (the day's slots, a booking made, read or
// cancelled: the same public_requests as the JSON routes), and the page made of its answer.
//
// Forms are protected against cross-site request forgery by a double-submit cookie bound to a
// signed, time-limited token: every page with a form sets the cookie `motcua_form` (random,
// HttpOnly, SameSite=Strict, Path=/dat-lich) and carries in a hidden field the time it was
// rendered and the HMAC, under a key of this server process, of that time and the cookie. A post
// is taken only with both, the token at most two hours old and matching the cookie, and, when the
// browser names an Origin, this server's own. A page elsewhere can neither read nor set the
// cookie, and a strict SameSite cookie is not sent with its cross-site post at all. (The pages
// send no Referer, so a same-origin post may come with "Origin: null": the token decides then.)
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/beast/http.hpp>

#include "server/config/config.hpp"
#include "server/engine/engine.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::net {

namespace http = boost::beast::http;
using response = http::response<http::string_body>;

// A page that needs the engine's answer to `ask` first; `finish` makes it from that answer (on
// any thread: it holds copies of what it needs, and the settings by reference).
struct page_ask {
  engine::public_request ask;
  std::function<response(const engine::public_answer&)> finish;
};

// The page `req` (GET or HEAD under /dat-lich, or one of its form posts) asks for, or what the
// engine must answer first. `form_key` signs the form tokens; `now` is the real time.
std::variant<response, page_ask> booking_page(const http::request<http::string_body>& req,
                                              const config::settings& settings,
                                              std::string_view form_key, domain::time_point now);

}  // namespace motcua::net
