// What the public pages' responses share (the booking pages, net/booking_pages.hpp; the
// ticket's, net/ticket_pages.hpp): an HTML page, a redirect after a post, and whether a post
// comes from this server's own page.
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http.hpp>

#include "server/web/page.hpp"

namespace motcua::net {

namespace http = boost::beast::http;
using response = http::response<http::string_body>;

// What a response needs of its request (method, version, keep-alive), without its target,
// headers or body: for an answer made later, or a stream that lasts.
http::request<http::string_body> request_shape(const http::request<http::string_body>& req);

// `body` as an HTML page: never cached, no Referer sent on from it, its Content-Security-Policy.
response html(const http::request<http::string_body>& req, http::status status, std::string body,
              std::string_view csp = web::status_page_csp);

// 303 to `location` (percent-encoded by the caller: nothing breaks out of the header).
response see_other(const http::request<http::string_body>& req, const std::string& location);

// False when the browser names an Origin other than this server's (http or https on the Host
// the request names). Our pages send no Referer, so a same-origin post may say "Origin: null":
// that passes (the caller's other checks decide).
bool same_origin(const http::request<http::string_body>& req);

}  // namespace motcua::net
