#include "net/listener.hpp"

#include "log/log.hpp"

#include <boost/asio/strand.hpp>

#include "net/http_session.hpp"

namespace motcua::net {

listener::listener(asio::io_context& ioc, tcp::endpoint endpoint, shared_state& state,
                   asio::ssl::context* tls)
    : ioc_(ioc), acceptor_(asio::make_strand(ioc)), state_(state), tls_(tls) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::run() { do_accept(); }

void listener::stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void listener::do_accept() {
  acceptor_.async_accept(asio::make_strand(ioc_), [self = shared_from_this()](auto ec, auto socket) {
    self->on_accept(ec, std::move(socket));
  });
}

void listener::on_accept(boost::system::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted) return;  // stopped
  if (ec)
    log::throttled(spdlog::level::warn, "accept", "accept: " + ec.message());  // keep going
  else {
    // Replies and events are small and must leave at once: no Nagle delay.
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<http_session>(tls::stream(beast::tcp_stream(std::move(socket)), tls_), state_)
        ->run();
  }
  do_accept();
}

}  // namespace motcua::net
