// A one-shot HTTP/1.1 GET (or POST of a JSON body) against the server (Beast, on a private
// io_context), over https:// when given a TLS context: the counter app fetches the printed forms
// with it, the integration tests the HTTP routes. Blocking: call it off the UI thread.
#pragma once

#include <chrono>
#include <string>

#include "shared/tls/context.hpp"

namespace motcua::client {

struct http_response {
  int status = 0;
  std::string content_type;
  std::string body;
};

// GETs `target` from HOST:PORT, with "Authorization: Bearer `bearer`" unless it is empty; over
// TLS with `tls` (tls::client_context: the server's certificate and name are verified).
// Throws std::runtime_error when the exchange fails (a refused certificate says why) or does
// not complete within `timeout`.
http_response http_get(const std::string& host, const std::string& port, const std::string& target,
                       const std::string& bearer = "",
                       std::chrono::milliseconds timeout = std::chrono::seconds(5),
                       const tls::context_ptr& tls = nullptr);

// POSTs `body` (application/json) the same way: the centre's pushes to its province hub.
http_response http_post(const std::string& host, const std::string& port, const std::string& target,
                        std::string body, const std::string& bearer,
                        std::chrono::milliseconds timeout, const tls::context_ptr& tls = nullptr);

}  // namespace motcua::client
