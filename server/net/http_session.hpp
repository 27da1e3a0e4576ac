// One HTTP connection: after the TLS handshake (when the stream is TLS), reads requests, answers
// them with handle_request, or upgrades `/ws` to a websocket_session (which takes over its
// unauthenticated place). Public requests draw on the per-address limits first
// (net/address_limits.hpp); a refused one gets 429.
//
// Nothing escapes a session: every step it runs (a read's or a write's completion,
// an answer from the engine thread) goes through guard(), which answers a request
// whose handling threw with 500 and the `internal` JSON error, logs it (throttled),
// and closes the connection. The io_context's threads never see an exception.
#pragma once

#include <functional>

#include <chrono>
#include <memory>
#include <optional>
#include <typeinfo>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/net/http_handler.hpp"
#include "server/net/shared_state.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::net {

namespace beast = boost::beast;
namespace http = beast::http;

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tls::stream&& stream, shared_state& state, admission::place place);
  void run();

 private:
  // Runs `step`; whatever it throws goes to failed().
  template <class Step>
  void guard(Step&& step) noexcept;
  // A completion handler running member `step` of this session through guard().
  template <class... Args>
  auto guarded(void (http_session::*step)(Args...));
  // Runs `step` through guard() on this session's strand: for answers from other threads.
  template <class Step>
  void later(Step step);
  // Logs the failure (the exception's type, not its text); answers 500 if the request has no
  // answer on its way yet, else closes.
  void failed(const std::type_info* exception_type) noexcept;  // null: not a std::exception

  void do_handshake();
  void on_handshake(beast::error_code ec);

  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void answer();  // request_: limits, route, then the response or a question to the engine
  // A booking route: its own budgets, then the engine's answer, made a response by `finish` (the
  // JSON one, or a page) on this session's thread.
  void ask_public(
      engine::public_request asked, metrics::route route, std::chrono::steady_clock::time_point now,
      std::function<http::response<http::string_body>(const engine::public_answer&)> finish);
  // GET /api/v1/tickets/{token}/events: the connection becomes a ticket_stream.
  void stream_ticket(ticket_stream_request asked);
  void write(http::response<http::string_body>&& response);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
  void do_close();

  tls::stream stream_;
  beast::flat_buffer buffer_;
  shared_state& state_;
  admission::place place_;         // one of the unauthenticated connections
  boost::asio::ip::address peer_;  // the client's, for the per-address limits and the log
  std::optional<http::request_parser<http::string_body>> parser_;
  http::request<http::string_body> request_;  // the one being answered
  bool answering_ = false;                    // request_ is read, its answer not yet written
  int served_ = 0;                            // answers written on this connection
};

}  // namespace motcua::net
