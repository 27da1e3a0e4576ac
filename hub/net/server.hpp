// The hub's HTTP(S) and WebSocket server, on the centre's connection layer (server/transport):
// the same network threads (one io_context each, every connection on one of them), the same
// listener (accept back-off), the same caps on connections in total and per client address, the
// same HTTP session (TLS handshake, header limit, 30 s for a first request and 5 s between
// keep-alive requests, one exception guard answering 500). What it serves is the hub's:
// routes.hpp's handle() on a PostgreSQL connection lent by the pool (503 when PostgreSQL is
// unreachable), and the province managers' dashboards on /ws (desk.hpp).
//
// Whatever waits for PostgreSQL or hashes a password runs on workers, each with one of the pool's
// connections: `threads` for the centres' pushes and `threads` for everything else (lookups,
// figures, dashboards, logins), so that pushes never starve a lookup. A request waits only for
// its own statements, a push of one centre only for that centre's previous push (apply() locks
// the centre's row), and the network threads never wait, so a slow statement holds no other
// connection up.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "hub/net/desk.hpp"
#include "hub/net/routes.hpp"
#include "hub/net/store_pool.hpp"
#include "server/auth/login_guard.hpp"
#include "server/config/config.hpp"
#include "server/transport/admission.hpp"
#include "server/transport/http_session.hpp"
#include "server/transport/io_pool.hpp"
#include "server/transport/listener.hpp"

namespace motcua::hub::net {

// A push of 10,000 records (the centre's largest batch) of a few hundred bytes each.
constexpr std::size_t max_body = 16 * 1024 * 1024;
// The network threads: they only read, parse and write (TLS included).
constexpr int network_threads = 2;
// A dashboard's connection that has not logged in by then is closed.
constexpr auto hello_time = std::chrono::seconds(10);

// Connections at once, in total and from one client address (server/transport/admission.hpp):
// a province's centres (each pushes on one connection at a time and asks a lookup or two), the
// dashboards and the monitoring, with room to spare; the bound on the memory bodies may take
// (max_body each). Per address: centres behind one provincial NAT share it. Of them, the
// province dashboards' WebSocket connections (a province's managers, each with a window or two):
// past `dashboards` an upgrade is refused (503), so that they never take the centres' places.
struct connection_caps {
  int total = 512;
  int per_address = 128;
  int dashboards = 64;
};

class server {
 public:
  // Binds `host`:`port` (throws naming the address and the reason); `tls`: null for plain HTTP.
  // `threads` workers for pushes and as many for the rest, each with one of `stores`' connections:
  // it has connections_for(`threads`), so that a worker never waits for one.
  server(const std::string& host, const std::string& port, int threads, connection_caps caps,
         store_pool& stores, boost::asio::ssl::context* tls);
  ~server();
  static constexpr int connections_for(int threads) { return 2 * threads; }
  boost::asio::ip::tcp::endpoint local_endpoint() const { return listener_->local_endpoint(); }
  // Serves until stop(); the calling thread is one of the threads.
  void run();
  void stop();  // from any thread

 private:
  class service;

  hub_metrics metrics_;
  std::atomic<int> dashboards_{0};
  // The centre's login guard, with its defaults: back-off per username and per address.
  const config::limits limits_{};
  const domain::system_clock clock_;
  auth::login_guard logins_{limits_, clock_};
  desk_services desk_;
  motcua::net::admission places_;
  std::unique_ptr<service> service_;
  motcua::net::bound_port port_;
  // Declared after what the sessions use: its destructor destroys the sessions.
  motcua::net::io_pool pool_;
  // Joined before the network threads' contexts go, which their answers are posted to.
  boost::asio::thread_pool workers_;
  boost::asio::thread_pool push_workers_;
  std::shared_ptr<motcua::net::listener> listener_;
};

}  // namespace motcua::hub::net
