// HTTP on the WebSocket port: /healthz, /metrics, /api/v1/services and a JSON
// 404 for anything else. A plain function of the request, testable (and
// fuzzed) without a socket.
#pragma once

#include <boost/beast/http.hpp>

#include "metrics/metrics.hpp"

namespace motcua::net {

namespace http = boost::beast::http;

http::response<http::string_body> handle_request(const http::request<http::string_body>& req,
                                                 const metrics::public_state& state,
                                                 const metrics::registry& metrics);

// 400 with a JSON error, for a request that could not be parsed.
http::response<http::string_body> bad_request(const http::request<http::string_body>& req);

}  // namespace motcua::net
