// The answers every HTTP server of ours writes the same way: a response with no caching, and
// the JSON error body of the contract (docs/protocol.md "Errors") for a failure, a request that
// could not be parsed, or any refusal a route makes. Plain functions, testable without a socket.
#pragma once

#include <string>

#include <boost/beast/http.hpp>

#include "shared/protocol/messages.hpp"

namespace motcua::net {

namespace beast = boost::beast;
namespace http = beast::http;
using http_request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// A response of `status` with `body`, for `req` (its version and keep-alive; no body for HEAD),
// never cached.
response respond(const http_request& req, http::status status, std::string content_type,
                 std::string body);
// `status` with the JSON error body {"error":{"code","message","message_en"}}.
response error(const http_request& req, http::status status, protocol::error_code code,
               std::string message_vi, std::string message_en);
// 500 with the `internal` JSON error, for a request whose handling failed; closes the connection.
response internal_error(const http_request& req);
// A JSON error for a request that could not be parsed (`why`): 431 for headers over the limit,
// 413 for a body over it, else 400. Closes the connection.
response bad_request(beast::error_code why);

}  // namespace motcua::net
