#include "server/transport/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/core/demangle.hpp>

#include "server/log/log.hpp"

namespace motcua::net {
namespace {
// The first request of a connection may take a slow phone a while; between keep-alive requests
// a connection holds one of its address's unauthenticated places, so it waits only briefly (a
// hall's phones behind one NAT address must not fill the per-address cap with idle sockets).
constexpr auto first_request_timeout = std::chrono::seconds(30);
constexpr auto keep_alive_timeout = std::chrono::seconds(5);
// An answer's write, however large (a PDF, the hub's figures), to a client that reads.
constexpr auto write_timeout = std::chrono::seconds(30);
}  // namespace

void http_session::failed(const std::type_info* exception_type) noexcept {
  try {
    // Never what() the exception says: it may quote stored text, such as an applicant's name.
    const auto asked = service_.failed(request_);
    log::throttled(
        spdlog::level::err, "http-failed",
        fmt::format("http {}: handling a {} request failed ({}); {}", peer_.to_string(), asked,
                    exception_type ? boost::core::demangle(exception_type->name())
                                   : "an exception of unknown type",
                    answering_ ? "answered 500" : "connection closed"));
    if (answering_) return write(internal_error(request_));
    close();
  } catch (...) {
    close();
  }
}

http_session::http_session(tls::stream&& stream, http_service& service, admission::place place)
    : stream_(std::move(stream)),
      executor_(stream_.get_executor()),
      service_(service),
      place_(std::move(place)) {
  beast::error_code gone;  // then the address stays unspecified and the first read fails
  peer_ = stream_.socket().remote_endpoint(gone).address();
}

void http_session::run() {
  boost::asio::dispatch(stream_.get_executor(), guarded(&http_session::do_handshake));
}

void http_session::do_handshake() {
  if (!stream_.is_tls()) return do_read();
  stream_.expires_after(service_.session_rules().handshake_timeout);
  stream_.async_handshake(boost::asio::ssl::stream_base::server,
                          guarded(&http_session::on_handshake));
}

void http_session::on_handshake(beast::error_code ec) {
  if (ec)  // a plain HTTP request, a silent client past the deadline, an old TLS version, a scan
    return log::throttled(spdlog::level::info, "handshake",
                          "handshake: " + ec.message() + " (" + peer_.to_string() + ")");
  do_read();
}

void http_session::do_read() {
  parser_.emplace();
  parser_->header_limit(protocol::max_http_header_bytes);
  parser_->body_limit(service_.session_rules().body_limit);
  stream_.expires_after(served_ == 0 ? first_request_timeout : keep_alive_timeout);
  http::async_read(stream_, buffer_, *parser_, guarded(&http_session::on_read));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
    return write(bad_request(ec));  // a malformed request: say so in JSON, then close
  if (ec) return;                   // timeout or reset
  request_ = parser_->release();
  answering_ = true;
  service_.serve(shared_from_this());
}

http_session::connection http_session::hand_over() {
  answering_ = false;
  handed_over_ = true;
  return {std::move(stream_), std::move(place_)};
}

void http_session::close() noexcept {
  if (handed_over_) return;  // the taker's to close (a moved-from TLS stream has no socket)
  beast::error_code ignored;
  stream_.socket().close(ignored);
}

void http_session::write(response&& answer) {
  answering_ = false;
  ++served_;
  // A deadline of its own: an answer made on another thread may start after the read's.
  stream_.expires_after(write_timeout);
  auto res = std::make_shared<response>(std::move(answer));
  bool keep_alive = res->keep_alive();
  http::async_write(
      stream_, *res,
      [self = shared_from_this(), res, keep_alive](beast::error_code ec, std::size_t n) {
        self->guard([&] { self->on_write(keep_alive, ec, n); });
      });
}

void http_session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return;
  if (!keep_alive) return do_close();
  do_read();
}

void http_session::do_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
}

}  // namespace motcua::net
