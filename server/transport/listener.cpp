#include "server/transport/listener.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <boost/asio/strand.hpp>

#include "server/log/log.hpp"

namespace motcua::net {

bound_port::bound_port(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)  // the address and the reason, not a source location
    throw std::runtime_error("cannot listen on " + endpoint.address().to_string() + ":" +
                             std::to_string(endpoint.port()) + ": " + ec.message());
}

listener::listener(io_pool& pool, bound_port& port, admission& places,
                   metrics::connection_counters& counters, http_service& service,
                   asio::ssl::context* tls)
    : pool_(pool),
      acceptor_(asio::make_strand(pool.first())),
      retry_(acceptor_.get_executor()),
      places_(places),
      counters_(counters),
      service_(service),
      tls_(tls) {
  const auto protocol = port.acceptor_.local_endpoint().protocol();
  acceptor_.assign(protocol, port.acceptor_.release());
}

void listener::run() { do_accept(); }

void listener::stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_.cancel();
  });
}

void listener::do_accept() {
  acceptor_.async_accept(asio::make_strand(pool_.next()),
                         [self = shared_from_this()](auto ec, auto socket) {
                           self->on_accept(ec, std::move(socket));
                         });
}

void listener::on_accept(boost::system::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;  // stopped
  if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
      ec == asio::error::no_memory || ec == boost::system::errc::too_many_files_open_in_system)
    return back_off(ec);  // out of a resource: accepting again at once would spin
  if (ec) {  // the one connection failed (reset or aborted before it was accepted): go on
    counters_.accept_failed();
    log::throttled(spdlog::level::info, "accept", "accept: " + ec.message());
    return do_accept();
  }
  backoff_ = std::chrono::milliseconds(0);
  admit(std::move(socket));
  do_accept();
}

void listener::admit(tcp::socket socket) {
  boost::system::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (ec) return;  // already gone
  auto admitted = places_.admit(client_of(remote.address()));
  if (auto* refused = std::get_if<metrics::drop_reason>(&admitted)) {
    counters_.dropped(*refused);
    log::throttled(spdlog::level::warn, "accept refused",
                   *refused == metrics::drop_reason::per_address
                       ? "accept: refused, too many connections from one address"
                       : "accept: refused, too many connections");
    return;  // the socket closes here
  }
  // Replies and events are small and must leave at once: no Nagle delay.
  socket.set_option(tcp::no_delay(true), ec);
  std::make_shared<http_session>(tls::stream(beast::tcp_stream(std::move(socket)), tls_), service_,
                                 std::get<admission::place>(std::move(admitted)))
      ->run();
}

void listener::back_off(boost::system::error_code ec) {
  counters_.accept_failed();
  backoff_ = backoff_.count() == 0 ? first_backoff : std::min(backoff_ * 2, longest_backoff);
  log::throttled(spdlog::level::err, "accept",
                 "accept: " + ec.message() + "; accepting again in " +
                     std::to_string(backoff_.count()) + " ms",
                 longest_backoff);
  retry_.expires_after(backoff_);
  retry_.async_wait([self = shared_from_this()](boost::system::error_code waited) {
    if (!waited) self->do_accept();
  });
}

}  // namespace motcua::net
