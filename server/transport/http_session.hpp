// One HTTP connection, whoever serves it (the centre: server/net/centre_http.hpp; the province
// hub: hub/net/server.hpp): after the TLS handshake (when the stream is TLS), reads requests
// (headers and body within their limits, 30 s for the first, 5 s between keep-alive requests)
// and hands each to the http_service, which answers it, at once or later from any thread, or
// takes the connection over (an upgrade to WebSocket, an event stream). A request that cannot
// be parsed is answered with the JSON error (400, 413, 431) and the connection closed.
//
// Nothing escapes a session: every step it runs (a read's or a write's completion, a step a
// service hands back through later()) goes through guard(), which answers a request whose
// handling threw with 500 and the `internal` JSON error, logs it (throttled), and closes the
// connection. The io_context's threads never see an exception.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <typeinfo>
#include <utility>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/transport/admission.hpp"
#include "server/transport/http_answers.hpp"
#include "shared/protocol/limits.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::net {

class http_session;

// What a server answers on its connections, and the rules its sessions keep.
class http_service {
 public:
  struct rules {
    std::chrono::seconds handshake_timeout{10};
    std::uint64_t body_limit = protocol::max_http_body_bytes;
  };
  explicit http_service(rules r) : rules_(r) {}
  virtual ~http_service() = default;
  http_service(const http_service&) = delete;
  http_service& operator=(const http_service&) = delete;

  const rules& session_rules() const { return rules_; }
  // The request `session` has just read (session->request()): answered with session->write(),
  // at once or in a step given to session->later(); or the connection taken with
  // session->hand_over(). Runs on the session's strand; what it throws answers 500.
  virtual void serve(const std::shared_ptr<http_session>& session) = 0;
  // A request whose handling threw: counted; returns what it asked for, named for the log (what
  // this throws in turn only closes the connection).
  virtual std::string_view failed(const http_request& req) = 0;

 private:
  const rules rules_;
};

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tls::stream&& stream, http_service& service, admission::place place);
  void run();

  // For the service, on this session's strand:
  http_request& request() { return request_; }  // the one being answered
  const boost::asio::ip::address& peer() const { return peer_; }
  // Writes the answer (closing after it unless it keeps the connection alive), then reads the
  // next request.
  void write(response&& answer);
  // Runs `step` through guard() on this session's strand: for answers from other threads.
  template <class Step>
  void later(Step step) {
    boost::asio::post(executor_, [self = shared_from_this(), step = std::move(step)]() mutable {
      self->guard(step);
    });
  }
  // The connection, for a session that takes it over (with the place it holds); this session
  // then ends once the service's step returns.
  struct connection {
    tls::stream stream;
    admission::place place;
  };
  connection hand_over();

 private:
  // Runs `step`; whatever it throws goes to failed().
  template <class Step>
  void guard(Step&& step) noexcept {
    try {
      step();
    } catch (const std::exception& e) {
      failed(&typeid(e));
    } catch (...) {
      failed(nullptr);
    }
  }
  // A completion handler running member `step` of this session through guard().
  template <class... Args>
  auto guarded(void (http_session::*step)(Args...)) {
    return [self = shared_from_this(), step](Args... args) {
      self->guard([&] { ((*self).*step)(args...); });
    };
  }
  // Logs the failure (the exception's type, not its text); answers 500 if the request has no
  // answer on its way yet, else closes.
  void failed(const std::type_info* exception_type) noexcept;  // null: not a std::exception

  void do_handshake();
  void on_handshake(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
  void do_close();
  void close() noexcept;  // the socket at once, unless handed over

  tls::stream stream_;
  // The stream's strand, kept: later() may be called from any thread, and after hand_over().
  const tls::stream::executor_type executor_;
  beast::flat_buffer buffer_;
  http_service& service_;
  admission::place place_;         // the connection's place (admission.hpp)
  boost::asio::ip::address peer_;  // the client's, for the per-address limits and the log
  std::optional<http::request_parser<http::string_body>> parser_;
  http_request request_;      // the one being answered
  bool answering_ = false;    // request_ is read, its answer not yet written
  bool handed_over_ = false;  // stream_ is another session's now
  int served_ = 0;            // answers written on this connection
};

}  // namespace motcua::net
