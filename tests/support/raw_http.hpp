// One HTTP exchange in raw bytes from a chosen loopback address: for what client::http_get
// cannot send (malformed requests, another client address: loopback has all of 127.0.0.0/8)
// and for the whole answer with its headers (Retry-After).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <boost/beast/http.hpp>

#include "tests/support/server_process.hpp"

namespace motcua::testing {

using http_answer = boost::beast::http::response<boost::beast::http::string_body>;

// "GET `target` HTTP/1.1" with a Host header and "Connection: close".
std::string get_request(const std::string& target);

// Sends `bytes` to `server` from local address `from` and reads one response. Throws
// std::runtime_error when the connection fails, or closes or times out before a response.
http_answer http_exchange(const server_process& server, const std::string& bytes,
                          const std::string& from = "127.0.0.1",
                          std::chrono::milliseconds timeout = std::chrono::seconds(5));

// A Server-Sent Events stream read as a phone's EventSource would: GET `target` from `from`,
// then each `data:` line in turn (comment lines skipped).
class event_stream {
 public:
  event_stream(const server_process& server, const std::string& target,
               const std::string& from = "127.0.0.1");
  ~event_stream();
  // The response's head (status and headers, no body).
  const http_answer& head() const { return head_; }
  // The next event's data; throws std::runtime_error when the stream ends or nothing comes
  // within `timeout`.
  std::string next(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True when the server ends the stream within `timeout` with no further event.
  bool ends(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  struct state;
  std::unique_ptr<state> s_;
  http_answer head_;
};

}  // namespace motcua::testing
