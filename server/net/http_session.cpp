#include "server/net/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/core/demangle.hpp>

#include "server/log/log.hpp"
#include "server/net/booking_pages.hpp"
#include "server/net/http_handler.hpp"
#include "server/net/ticket_pages.hpp"
#include "server/net/ticket_stream.hpp"
#include "server/net/websocket_session.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::net {
namespace {
// The first request of a connection may take a slow phone a while; between keep-alive requests
// a connection holds one of its address's unauthenticated places, so it waits only briefly (a
// hall's phones behind one NAT address must not fill the per-address cap with idle sockets).
constexpr auto first_request_timeout = std::chrono::seconds(30);
constexpr auto keep_alive_timeout = std::chrono::seconds(5);
}  // namespace

template <class Step>
void http_session::guard(Step&& step) noexcept {
  try {
    step();
  } catch (const std::exception& e) {
    failed(&typeid(e));
  } catch (...) {
    failed(nullptr);
  }
}

template <class... Args>
auto http_session::guarded(void (http_session::*step)(Args...)) {
  return [self = shared_from_this(), step](Args... args) {
    self->guard([&] { ((*self).*step)(args...); });
  };
}

template <class Step>
void http_session::later(Step step) {
  boost::asio::post(stream_.get_executor(),
                    [self = shared_from_this(), step = std::move(step)] { self->guard(step); });
}

void http_session::failed(const std::type_info* exception_type) noexcept {
  try {
    state_.metrics.http_failed();
    // Never what() the exception says: it may quote stored text, such as an applicant's name.
    auto route = route_of(request_.target());
    log::throttled(spdlog::level::err, "http-failed",
                   fmt::format("http {}: handling a {} request failed ({}); {}", peer_.to_string(),
                               route ? metrics::name_of(*route) : "health",
                               exception_type ? boost::core::demangle(exception_type->name())
                                              : "an exception of unknown type",
                               answering_ ? "answered 500" : "connection closed"));
    if (answering_) return write(internal_error(request_));
    beast::error_code ignored;
    stream_.socket().close(ignored);
  } catch (...) {
    beast::error_code ignored;
    stream_.socket().close(ignored);
  }
}

http_session::http_session(tls::stream&& stream, shared_state& state, admission::place place)
    : stream_(std::move(stream)), state_(state), place_(std::move(place)) {
  beast::error_code gone;  // then the address stays unspecified and the first read fails
  peer_ = stream_.socket().remote_endpoint(gone).address();
}

void http_session::run() {
  boost::asio::dispatch(stream_.get_executor(), guarded(&http_session::do_handshake));
}

void http_session::do_handshake() {
  if (!stream_.is_tls()) return do_read();
  stream_.expires_after(std::chrono::seconds(state_.settings.tls.handshake_timeout_seconds));
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
  parser_->body_limit(protocol::max_http_body_bytes);
  stream_.expires_after(served_ == 0 ? first_request_timeout : keep_alive_timeout);
  http::async_read(stream_, buffer_, *parser_, guarded(&http_session::on_read));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
    return write(bad_request(ec));  // a malformed request: say so in JSON, then close
  if (ec) return;                   // timeout or reset

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
  request_ = std::move(req);
  answering_ = true;
  answer();
}

void http_session::answer() {
  auto now = std::chrono::steady_clock::now();
  auto route = route_of(request_.target());
  if (route)
    if (auto v = state_.addresses.request(peer_, *route, now); !v.allowed)
      return write(too_many_requests(request_, v.retry_after));
  auto handled = handle_request(request_, *state_.runner.state(), state_.metrics);
  if (auto* res = std::get_if<response>(&handled)) return write(std::move(*res));
  if (auto* form = std::get_if<engine::form_request>(&handled)) {
    // The engine checks the session and fills the form; the PDF is drawn on this session's
    // thread, not the engine's.
    state_.runner.form(std::move(*form), [self = shared_from_this()](engine::form_outcome outcome) {
      self->later([self, outcome = std::move(outcome)] {
        self->write(form_response(self->request_, outcome, self->state_.settings.zone));
      });
    });
    return;
  }
  if (auto* booking = std::get_if<engine::public_request>(&handled))
    return ask_public(
        std::move(*booking), route.value_or(metrics::route::other), now,
        [this](const engine::public_answer& a) { return public_response(request_, a); });
  if (auto* follow = std::get_if<ticket_stream_request>(&handled))
    return stream_ticket(std::move(*follow));
  if (std::holds_alternative<page_request>(handled)) {
    std::string_view path = request_.target();
    auto page = ticket_pages(path.substr(0, path.find('?')))
                    ? ticket_page(request_, state_.settings)
                    : booking_page(request_, state_.settings, state_.form_key,
                                   domain::system_clock{}.now());
    if (auto* res = std::get_if<response>(&page)) return write(std::move(*res));
    auto& asked = std::get<page_ask>(page);
    return ask_public(std::move(asked.ask), route.value_or(metrics::route::other), now,
                      std::move(asked.finish));
  }
  // The dossier lives with the engine: ask it, answer when it replies. A lookup also draws on
  // the address's lookup budget, and an unknown code costs more.
  auto asked = std::get<dossier_request>(std::move(handled));
  auto v = state_.addresses.lookup(peer_, route.value_or(metrics::route::other), now);
  if (!v.allowed) return write(too_many_requests(request_, v.retry_after));
  if (state_.hub.remote(asked.code)) {  // another unit's: the province hub knows it
    state_.hub.find(asked.code, [self = shared_from_this(), asked](province::remote_dossier r) {
      self->later([self, asked, r = std::move(r)] {
        using outcome = province::remote_dossier::outcome;
        if (r.result == outcome::unreachable)
          return self->write(dossier_unreachable(self->request_, asked));
        if (!r.view) self->state_.addresses.missed(self->peer_, std::chrono::steady_clock::now());
        self->write(dossier_response(self->request_, asked, r.view, self->state_.settings.zone));
      });
    });
    return;
  }
  auto code = asked.code;
  state_.runner.lookup(std::move(code), [self = shared_from_this(), asked](auto found) {
    self->later([self, asked, found = std::move(found)] {
      if (!found) self->state_.addresses.missed(self->peer_, std::chrono::steady_clock::now());
      self->write(dossier_response(self->request_, asked, found, self->state_.settings.zone));
    });
  });
}

void http_session::ask_public(engine::public_request asked, metrics::route route,
                              std::chrono::steady_clock::time_point now,
                              std::function<response(const engine::public_answer&)> finish) {
  // A booking asked for by its code and token draws on the lookup budget (a wrong one costs
  // more, like an unknown dossier code); a booking made, cancelled or moved, a ticket given up
  // or rated, on the budget for writes. A ticket read by its token does not: see stream_ticket.
  const auto* booking = std::get_if<engine::booking_lookup>(&asked);
  const auto* ticket = std::get_if<engine::ticket_lookup>(&asked);
  const bool rating = std::holds_alternative<engine::ticket_rating>(asked);
  const bool lookup = booking != nullptr;
  const bool writes = std::holds_alternative<protocol::book>(asked) ||
                      (booking && booking->writes()) || (ticket && ticket->cancel) || rating;
  if (lookup)
    if (auto v = state_.addresses.lookup(peer_, route, now); !v.allowed)
      return write(too_many_requests(request_, v.retry_after));
  if (writes)
    if (auto v = state_.addresses.write(peer_, route, now); !v.allowed)
      return write(too_many_requests(request_, v.retry_after));
  state_.runner.public_route(
      std::move(asked), [self = shared_from_this(), lookup,
                         finish = std::move(finish)](engine::public_answer answer) {
        self->later([self, lookup, finish, answer = std::move(answer)] {
          const auto* e = std::get_if<protocol::error>(&answer.body);
          if (lookup && e && e->code == protocol::error_code::not_found)
            self->state_.addresses.missed(self->peer_, std::chrono::steady_clock::now());
          self->write(finish(answer));
        });
      });
}

void http_session::stream_ticket(ticket_stream_request asked) {
  // A ticket's token is 128 random bits: nothing to walk, so its page, JSON and stream draw on
  // no lookup budget, found or not (only on the address's request budget, as every public
  // request). A hall's phones share the centre's one Wi-Fi address: a budget of lookups would
  // refuse them all after a few dozen opens, or after a few stale tabs of yesterday's tickets.
  // The stream then holds a follower's place instead of this connection's unauthenticated one.
  auto admitted = state_.ticket_followers.admit(peer_);
  if (!std::holds_alternative<admission::place>(admitted))  // every place taken: later
    return write(too_many_requests(request_, std::chrono::seconds(30)));
  answering_ = false;
  std::make_shared<ticket_stream>(std::move(stream_), state_,
                                  std::get<admission::place>(std::move(admitted)),
                                  std::move(request_), peer_)
      ->run(std::move(asked.token), asked.english);
}

void http_session::write(http::response<http::string_body>&& response) {
  answering_ = false;
  ++served_;
  auto res = std::make_shared<http::response<http::string_body>>(std::move(response));
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
