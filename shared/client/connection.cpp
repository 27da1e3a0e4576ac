#include "shared/client/connection.hpp"

#include <algorithm>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "shared/protocol/codec.hpp"

namespace motcua::client {

namespace http = beast::http;

namespace {

constexpr std::chrono::seconds connect_timeout{30};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<endpoint> parse_endpoint(std::string_view address) {
  endpoint result;
  for (std::string_view scheme : {"ws://", "wss://", "http://", "https://"}) {
    if (!address.starts_with(scheme)) continue;
    result.tls = scheme == "wss://" || scheme == "https://";
    address.remove_prefix(scheme.size());
    break;
  }
  if (address.find("://") != std::string_view::npos) return std::nullopt;  // another scheme
  if (const auto slash = address.find('/'); slash != std::string_view::npos) {
    result.target = std::string(address.substr(slash));
    address = address.substr(0, slash);
  }
  const auto colon = address.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = address.substr(0, colon);
  const std::string_view port = address.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return std::nullopt;  // IPv6 without brackets
  }
  if (host.empty() || port.empty() || !std::ranges::all_of(port, is_digit)) return std::nullopt;
  result.host = std::string(host);
  result.port = std::string(port);
  return result;
}

std::shared_ptr<connection> connection::create(net::any_io_executor executor,
                                               connection_handlers handlers, tls::context_ptr tls) {
  return std::shared_ptr<connection>(
      new connection(std::move(executor), std::move(handlers), std::move(tls)));
}

connection::connection(net::any_io_executor executor, connection_handlers handlers,
                       tls::context_ptr tls)
    : handlers_(std::move(handlers)),
      tls_(std::move(tls)),
      resolver_(net::make_strand(executor)),
      ws_(beast::tcp_stream(resolver_.get_executor()), tls_.get()) {
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
  timeouts.idle_timeout = idle_timeout;
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
    req.set(http::field::sec_websocket_protocol, protocol::subprotocol);
    req.set(http::field::user_agent, "motcua-client");
  }));
  ws_.read_message_max(read_message_max);
  ws_.text(true);
}

void connection::connect(std::string host, std::string port, std::string target,
                         std::string local_address) {
  net::post(ws_.get_executor(), [self = shared_from_this(), host = std::move(host),
                                 port = std::move(port), target = std::move(target),
                                 local_address = std::move(local_address)]() mutable {
    self->do_connect(std::move(host), std::move(port), std::move(target), std::move(local_address));
  });
}

void connection::do_connect(std::string host, std::string port, std::string target,
                            std::string local_address) {
  if (state_ != state::idle) return;
  state_ = state::connecting;
  server_name_ = host;
  host_ = host + ":" + port;
  target_ = std::move(target);
  local_address_ = std::move(local_address);
  resolver_.async_resolve(host, port,
                          beast::bind_front_handler(&connection::on_resolve, shared_from_this()));
}

// Each connect step also stops when close() came while it was pending.
void connection::on_resolve(beast::error_code ec, net::ip::tcp::resolver::results_type results) {
  if (!ec && state_ != state::connecting) ec = net::error::operation_aborted;
  if (ec) return finish(ec);
  auto& stream = beast::get_lowest_layer(ws_);
  stream.expires_after(connect_timeout);
  if (!local_address_.empty()) {
    auto to = results.begin()->endpoint();
    auto from = net::ip::make_address(local_address_, ec);
    if (!ec) stream.socket().open(to.protocol(), ec);
    if (!ec) stream.socket().bind({from, 0}, ec);
    if (ec) return finish(ec);
    return stream.async_connect(
        to, [self = shared_from_this(), to](beast::error_code e) { self->on_connect(e, to); });
  }
  stream.async_connect(results,
                       beast::bind_front_handler(&connection::on_connect, shared_from_this()));
}

void connection::on_connect(beast::error_code ec,
                            net::ip::tcp::resolver::results_type::endpoint_type) {
  if (!ec && state_ != state::connecting) ec = net::error::operation_aborted;
  if (ec) return finish(ec);
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().set_option(net::ip::tcp::no_delay(true), ignored);
  if (!tls_) return on_tls_handshake({});
  ws_.next_layer().verify_server(server_name_);
  ws_.next_layer().async_handshake(
      net::ssl::stream_base::client,
      beast::bind_front_handler(&connection::on_tls_handshake, shared_from_this()));
}

void connection::on_tls_handshake(beast::error_code ec) {
  if (!ec && state_ != state::connecting) ec = net::error::operation_aborted;
  if (ec) return finish(ws_.next_layer().explain(ec));
  beast::get_lowest_layer(ws_).expires_never();  // the websocket timeouts take over
  ws_.async_handshake(handshake_response_, host_, target_,
                      beast::bind_front_handler(&connection::on_handshake, shared_from_this()));
}

void connection::on_handshake(beast::error_code ec) {
  if (!ec && state_ != state::connecting) ec = net::error::operation_aborted;
  if (ec) return finish(ec);
  if (handshake_response_[http::field::sec_websocket_protocol] != protocol::subprotocol) {
    return finish(make_error_code(boost::system::errc::protocol_not_supported));
  }
  state_ = state::open;
  if (handlers_.on_open) handlers_.on_open();
  do_read();
  if (!queue_.empty()) do_write();
}

void connection::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&connection::on_read, shared_from_this()));
}

void connection::on_read(beast::error_code ec, std::size_t) {
  if (ec == net::error::operation_aborted && state_ == state::closing) return;  // see on_ws_close
  if (ec) return finish(ec);
  const std::string_view text(static_cast<const char*>(buffer_.data().data()), buffer_.size());
  if (handlers_.on_raw) handlers_.on_raw(text);
  if (!handlers_.decode_if || handlers_.decode_if(text)) decode(text);
  buffer_.consume(buffer_.size());
  do_read();
}

void connection::decode(std::string_view text) {
  auto decoded = protocol::decode_server_message(text);
  if (auto* message = std::get_if<protocol::server_message>(&decoded)) {
    if (auto* reply = std::get_if<protocol::reply>(message)) {
      if (handlers_.on_reply) handlers_.on_reply(*reply);
    } else if (handlers_.on_event) {
      handlers_.on_event(std::get<protocol::event>(*message));
    }
  } else {
    ++undecodable_frames_;
  }
}

std::int64_t connection::send(protocol::request_params params, std::optional<std::string> lang) {
  const std::int64_t id = next_id_++;
  send_raw(protocol::encode(protocol::request{id, std::move(lang), std::move(params)}));
  return id;
}

void connection::send_raw(std::string text) {
  net::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
    self->do_send(std::move(text));
  });
}

void connection::do_send(std::string text) {
  if (state_ != state::idle && state_ != state::connecting && state_ != state::open) return;
  queue_.push_back(std::move(text));
  if (state_ == state::open && queue_.size() == 1) do_write();
}

void connection::do_write() {
  ws_.async_write(net::buffer(queue_.front()),
                  beast::bind_front_handler(&connection::on_write, shared_from_this()));
}

void connection::on_write(beast::error_code ec, std::size_t) {
  if (ec) return finish(ec);
  queue_.pop_front();
  if (!queue_.empty()) return do_write();
  if (state_ == state::closing) do_ws_close();
}

void connection::close() {
  net::post(ws_.get_executor(), [self = shared_from_this()] { self->do_close(); });
}

void connection::do_close() {
  switch (state_) {
    case state::idle:
      return finish(net::error::operation_aborted);
    case state::connecting:
      state_ = state::closing;
      resolver_.cancel();
      beast::get_lowest_layer(ws_).cancel();
      return;
    case state::open:
      state_ = state::closing;
      if (queue_.empty()) do_ws_close();  // otherwise on_write closes after the last frame
      return;
    case state::closing:
    case state::closed:
      return;
  }
}

void connection::do_ws_close() {
  ws_.async_close(websocket::close_code::normal,
                  beast::bind_front_handler(&connection::on_ws_close, shared_from_this()));
}

// Once the close frame is sent, Beast aborts the pending read and reads (discarding frames) up
// to the server's close frame itself.
void connection::on_ws_close(beast::error_code ec) {
  finish(ec ? ec : beast::error_code(websocket::error::closed));
}

void connection::finish(beast::error_code ec) {
  if (state_ == state::closed) return;
  state_ = state::closed;
  beast::get_lowest_layer(ws_).close();  // ends any operation still pending
  if (handlers_.on_close) handlers_.on_close(ec, ws_.reason().code);
}

}  // namespace motcua::client
