// Accepts TCP connections and hands each to an http_session, as TLS streams when the server
// has a certificate.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "net/shared_state.hpp"

namespace motcua::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class listener : public std::enable_shared_from_this<listener> {
 public:
  // Binds at once (throws on failure) so that the bound port is known. `tls`: the server's TLS
  // context (outliving the listener and its sessions), or null for plain TCP.
  listener(asio::io_context& ioc, tcp::endpoint endpoint, shared_state& state,
           asio::ssl::context* tls = nullptr);
  void run();
  void stop();
  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

 private:
  void do_accept();
  void on_accept(boost::system::error_code ec, tcp::socket socket);

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  shared_state& state_;
  asio::ssl::context* tls_;
};

}  // namespace motcua::net
