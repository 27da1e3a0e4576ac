// A one-shot HTTP/1.1 GET against the server under test (Beast, on a private io_context).
#pragma once

#include <chrono>
#include <string>

namespace motcua::testing {

struct http_response {
  int status = 0;
  std::string content_type;
  std::string body;
};

// GETs `target` from HOST:PORT, with "Authorization: Bearer `bearer`" unless it is empty.
// Throws std::runtime_error when the exchange fails or does not complete within `timeout`.
http_response http_get(const std::string& host, const std::string& port, const std::string& target,
                       const std::string& bearer = "",
                       std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace motcua::testing
