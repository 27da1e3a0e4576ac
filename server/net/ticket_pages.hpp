// The ticket's pages on the citizen's phone over HTTP (issue 14, `/ve/{token}`,
// web/ticket_page.hpp): which page a request asks for, what the engine must answer first (the
// ticket read, given up or rated: the same public_requests as the JSON routes), and the page
// made of its answer; and /ve.js, the page's script.
//
// The token in the address is the capability: a page elsewhere cannot post to a ticket's
// address without knowing it, so the posts need no form token (the booking pages' cookie); a
// post whose browser names another Origin is refused all the same.
#pragma once

#include <string_view>
#include <variant>

#include <boost/beast/http.hpp>

#include "server/config/config.hpp"
#include "server/net/booking_pages.hpp"

namespace motcua::net {

// Whether `path` (no query) is one of the ticket's pages or its script.
bool ticket_pages(std::string_view path);

// The page `req` (GET or HEAD, or a post of the cancel or rating form) asks for, or what the
// engine must answer first.
std::variant<response, page_ask> ticket_page(const http::request<http::string_body>& req,
                                             const config::settings& settings);

}  // namespace motcua::net
