// The hub's HTTP server (Boost.Beast; plain or TLS through shared/tls): accepts connections on
// an io_context run by `threads` threads, reads each request (headers at most 8 KiB, a body at
// most max_body bytes, 30 s for a request to arrive), answers it with routes.hpp's handle() on a
// PostgreSQL connection lent by the pool, and keeps the connection for the next one. Nothing
// escapes a session: a handler that throws answers 500 with the `internal` JSON error (503 when
// PostgreSQL is unreachable) and is logged.
//
// One connection to PostgreSQL per thread, made at start: a request waits only for its own
// statements; a push of one centre waits for that centre's previous push (apply() locks the
// centre's row), never for another centre's.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "hub/net/desk.hpp"
#include "hub/net/routes.hpp"
#include "hub/net/store_pool.hpp"
#include "server/auth/login_guard.hpp"
#include "server/config/config.hpp"

namespace motcua::hub::net {

// A push of 10,000 records (the centre's largest batch) of a few hundred bytes each.
constexpr std::size_t max_body = 16 * 1024 * 1024;
// Connections at once: a province's centres (each pushes on one at a time), their lookups, the
// dashboards and the monitoring, with room to spare; the bound on the memory bodies may take.
constexpr int max_sessions = 512;
// Of those, the province dashboards' WebSocket connections (a province's managers, each with a
// window or two): past it a new one is closed, so that they never take the centres' places.
constexpr int max_dashboards = 64;
// A dashboard's connection that has not logged in by then is closed.
constexpr auto hello_time = std::chrono::seconds(10);

class server {
 public:
  // Binds `host`:`port` (throws naming the address and the reason); `tls`: null for plain HTTP.
  server(const std::string& host, const std::string& port, int threads, store_pool& stores,
         boost::asio::ssl::context* tls);
  boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
  // Serves until stop(); the calling thread is one of the threads.
  void run();
  void stop();

 private:
  void accept();

  const int threads_;
  store_pool& stores_;
  boost::asio::ssl::context* tls_;
  hub_metrics metrics_;
  std::atomic<int> sessions_{0};
  std::atomic<int> dashboards_{0};
  // The centre's login guard, with its defaults: back-off per username and per address.
  const config::limits limits_{};
  const domain::system_clock clock_;
  auth::login_guard logins_{limits_, clock_};
  desk_services desk_{stores_, logins_};
  boost::asio::io_context context_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace motcua::hub::net
