// A byte stream that is either plain TCP or TLS over TCP, chosen when it is made: the one
// stream type of the server's sessions and of the clients, so that the same code serves and
// speaks `ws://` / `http://` and `wss://` / `https://`.
//
// It meets Asio's AsyncReadStream and AsyncWriteStream and Beast's customisation points, so
// that `websocket::stream<tls::stream>` and `http::async_read` work on it:
//   - next_layer() is the TCP stream below (also under TLS), so beast::get_lowest_layer gives
//     the beast::tcp_stream with its deadline and socket;
//   - teardown / async_teardown (the websocket close) send TLS close_notify first under TLS.
// Not thread-safe, like the streams it wraps: use it from one strand.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <variant>

#include <boost/asio/async_result.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/teardown.hpp>

namespace motcua::tls {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;

class stream {
 public:
  using tls_stream = beast::ssl_stream<beast::tcp_stream>;
  using executor_type = beast::tcp_stream::executor_type;

  // Plain TCP when `context` is null, else TLS with that context (which must outlive the
  // stream).
  stream(beast::tcp_stream tcp, ssl::context* context);

  bool is_tls() const { return std::holds_alternative<tls_stream>(stream_); }

  executor_type get_executor() { return next_layer().get_executor(); }
  // The TCP stream: its deadline covers every read and write, including the TLS handshake.
  beast::tcp_stream& next_layer();
  asio::ip::tcp::socket& socket() { return next_layer().socket(); }
  template <class Duration>
  void expires_after(Duration d) {
    next_layer().expires_after(d);
  }
  void expires_never() { next_layer().expires_never(); }

  // Client side, before the handshake: names the server for SNI (host names only, never an
  // address) and accepts only a certificate that the context's trust store vouches for and
  // that names `host` (DNS or IP subjectAltName). TLS only.
  void verify_server(const std::string& host);

  // The TLS handshake; TLS only.
  template <class Handler>
  void async_handshake(ssl::stream_base::handshake_type type, Handler&& handler) {
    std::get<tls_stream>(stream_).async_handshake(type, std::forward<Handler>(handler));
  }

  // After a failed handshake: `ec`, or the reason the certificate was refused (an error of
  // certificate_category()) when certificate verification failed.
  beast::error_code explain(beast::error_code ec);

  template <class Buffers, class Token>
  auto async_read_some(const Buffers& buffers, Token&& token) {
    return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
        [this](auto handler, const Buffers& b) {
          std::visit([&](auto& s) { s.async_read_some(b, std::move(handler)); }, stream_);
        },
        token, buffers);
  }

  template <class Buffers, class Token>
  auto async_write_some(const Buffers& buffers, Token&& token) {
    return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
        [this](auto handler, const Buffers& b) {
          std::visit([&](auto& s) { s.async_write_some(b, std::move(handler)); }, stream_);
        },
        token, buffers);
  }

  // The websocket close: TLS close_notify (under TLS), then the TCP teardown.
  friend void teardown(beast::role_type role, stream& s, beast::error_code& ec) {
    std::visit(
        [&](auto& inner) {
          using beast::websocket::teardown;
          teardown(role, inner, ec);
        },
        s.stream_);
  }
  template <class Handler>
  friend void async_teardown(beast::role_type role, stream& s, Handler&& handler) {
    std::visit(
        [&](auto& inner) {
          using beast::websocket::async_teardown;
          async_teardown(role, inner, std::forward<Handler>(handler));
        },
        s.stream_);
  }

 private:
  std::variant<beast::tcp_stream, tls_stream> stream_;
};

// Errors of certificate verification: the value is OpenSSL's X509_V_ERR_* code; the message
// says, in Vietnamese and English, that the server's certificate was refused and why.
const boost::system::error_category& certificate_category();

}  // namespace motcua::tls
