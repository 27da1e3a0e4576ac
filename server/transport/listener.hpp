// Accepts TCP connections and hands each, with its unauthenticated place (admission.hpp), to an
// http_session of the server's http_service (as a TLS stream when the server has a
// certificate); refuses at once, closing the socket, what the caps do not admit.
//
// An accept that fails for want of a resource (descriptors: EMFILE/ENFILE, buffers, memory) is
// not retried at once, which would spin: the listener waits 100 ms, doubling up to 1 s while
// accepts keep failing. Any other failure is the one connection's (reset before it was
// accepted): the listener goes on at once, so a stream of resets slows nobody. Each failure is
// counted (motcua_accept_errors_total) and logged at most once per interval.
#pragma once

#include <chrono>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server/metrics/metrics.hpp"
#include "server/transport/admission.hpp"
#include "server/transport/http_session.hpp"
#include "server/transport/io_pool.hpp"

namespace motcua::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// The listening socket, bound before anything else starts: a server that cannot have its
// address stops before it creates anything on disk. The listener takes it over.
class bound_port {
 public:
  // Throws on failure, naming the address and the reason ("cannot listen on HOST:PORT: ...").
  explicit bound_port(const tcp::endpoint& endpoint);

 private:
  friend class listener;
  asio::io_context context_;  // only to hold the socket until the listener's context has it
  tcp::acceptor acceptor_{context_};
};

class listener : public std::enable_shared_from_this<listener> {
 public:
  // Takes `port`'s socket over; accepts on the pool's first context and puts each connection
  // on the pool's next, if `places` admits its address; counts failures and refusals in
  // `counters`. `tls`: the server's TLS context, or null for plain TCP. All of them outlive the
  // listener and its sessions.
  listener(io_pool& pool, bound_port& port, admission& places,
           metrics::connection_counters& counters, http_service& service,
           asio::ssl::context* tls = nullptr);
  void run();
  void stop();
  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

 private:
  static constexpr std::chrono::milliseconds first_backoff{100};
  static constexpr std::chrono::milliseconds longest_backoff{1000};

  void do_accept();
  void on_accept(boost::system::error_code ec, tcp::socket socket);
  // Hands `socket` to a session if the unauthenticated caps admit its address.
  void admit(tcp::socket socket);
  void back_off(boost::system::error_code ec);

  io_pool& pool_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_;              // on the acceptor's strand
  std::chrono::milliseconds backoff_{0};  // 0: the last accept succeeded
  admission& places_;
  metrics::connection_counters& counters_;
  http_service& service_;
  asio::ssl::context* tls_;
};

}  // namespace motcua::net
