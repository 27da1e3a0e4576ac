#include "net/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/websocket.hpp>

#include "log/log.hpp"
#include "net/http_handler.hpp"
#include "net/websocket_session.hpp"

namespace motcua::net {
namespace {
constexpr std::size_t max_http_body = 8 * 1024;
constexpr auto http_timeout = std::chrono::seconds(30);
}  // namespace

http_session::http_session(tls::stream&& stream, shared_state& state, admission::place place)
    : stream_(std::move(stream)), state_(state), place_(std::move(place)) {}

void http_session::run() {
  boost::asio::dispatch(stream_.get_executor(),
                        beast::bind_front_handler(&http_session::do_handshake, shared_from_this()));
}

void http_session::do_handshake() {
  if (!stream_.is_tls()) return do_read();
  stream_.expires_after(std::chrono::seconds(state_.settings.tls.handshake_timeout_seconds));
  stream_.async_handshake(
      boost::asio::ssl::stream_base::server,
      beast::bind_front_handler(&http_session::on_handshake, shared_from_this()));
}

void http_session::on_handshake(beast::error_code ec) {
  if (ec) {
    // A plain HTTP request, a silent client past the deadline, an old TLS version or a scan.
    beast::error_code ignored;
    auto peer = stream_.socket().remote_endpoint(ignored).address().to_string();
    return log::throttled(spdlog::level::info, "handshake",
                          "handshake: " + ec.message() + " (" + peer + ")");
  }
  do_read();
}

void http_session::do_read() {
  parser_.emplace();
  parser_->body_limit(max_http_body);
  stream_.expires_after(http_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec && ec.category() == http::make_error_code(http::error::bad_target).category()) {
    // A malformed request: say so in JSON, then close.
    http::request<http::string_body> bad{http::verb::get, "/", 11};
    bad.keep_alive(false);
    return write(bad_request(bad));
  }
  if (ec) return;  // timeout or reset

  auto req = parser_->release();
  if (beast::websocket::is_upgrade(req)) {
    std::string_view target = req.target();
    if (target.substr(0, target.find('?')) == "/ws") {
      if (auto refused = refuse_upgrade(req, state_.settings)) return write(std::move(*refused));
      stream_.expires_never();
      std::make_shared<websocket_session>(std::move(stream_), state_, std::move(place_))
          ->run(std::move(req));
      return;
    }
  }
  auto handled = handle_request(req, *state_.runner.state(), state_.metrics);
  if (auto* res = std::get_if<response>(&handled)) return write(std::move(*res));
  auto request = std::make_shared<http::request<http::string_body>>(std::move(req));
  if (auto* form = std::get_if<engine::form_request>(&handled)) {
    // The engine checks the session and fills the form; the PDF is drawn on this session's
    // thread, not the engine's.
    state_.runner.form(std::move(*form), [self = shared_from_this(), request](auto outcome) {
      boost::asio::post(self->stream_.get_executor(), [self, request, outcome] {
        self->write(form_response(*request, outcome, self->state_.settings.zone));
      });
    });
    return;
  }
  // The dossier lives with the engine: ask it, answer when it replies.
  auto asked = std::get<dossier_request>(std::move(handled));
  auto code = asked.code;
  state_.runner.lookup(std::move(code), [self = shared_from_this(), request, asked](auto found) {
    boost::asio::post(self->stream_.get_executor(), [self, request, asked, found] {
      self->write(dossier_response(*request, asked, found, self->state_.settings.zone));
    });
  });
}

void http_session::write(http::response<http::string_body>&& response) {
  auto res = std::make_shared<http::response<http::string_body>>(std::move(response));
  bool keep_alive = res->keep_alive();
  http::async_write(stream_, *res,
                    [self = shared_from_this(), res, keep_alive](beast::error_code ec, std::size_t n) {
                      self->on_write(keep_alive, ec, n);
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
