#include "server/net/ticket_stream.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/core/demangle.hpp>

#include "server/log/log.hpp"
#include "server/net/http_handler.hpp"
#include "server/net/page_response.hpp"

namespace motcua::net {
namespace {
namespace http = boost::beast::http;

constexpr auto keep_alive_interval = std::chrono::seconds(20);
constexpr auto write_timeout = std::chrono::seconds(60);

// The stream's head: no length (the body ends with the connection), never cached or buffered by
// a proxy (X-Accel-Buffering: nginx), and the browser's reconnection delay after a cut.
constexpr std::string_view head =
    "HTTP/1.1 200 OK\r\n"
    "Server: motcua\r\n"
    "Content-Type: text/event-stream; charset=utf-8\r\n"
    "Cache-Control: no-store\r\n"
    "X-Accel-Buffering: no\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Connection: close\r\n"
    "\r\n"
    "retry: 5000\n\n";

std::string event_of(const std::string& view) { return "data: " + view + "\n\n"; }
}  // namespace

ticket_stream::ticket_stream(tls::stream&& stream, shared_state& state, admission::place place,
                             http::request<http::string_body> request,
                             boost::asio::ip::address peer)
    : stream_(std::move(stream)),
      state_(state),
      place_(std::move(place)),
      request_(request_shape(request)),
      peer_(std::move(peer)),
      executor_(stream_.get_executor()),
      timer_(executor_) {
  // A phone that has gone (out of coverage, switched networks) takes no data: after 90 s of it
  // unacknowledged the kernel gives up, instead of TCP's 15 minutes of retries, and its place
  // (one of four per ticket) is free for the phone reconnecting.
  const int unacknowledged_ms = 90'000;
  ::setsockopt(stream_.socket().native_handle(), IPPROTO_TCP, TCP_USER_TIMEOUT, &unacknowledged_ms,
               sizeof unacknowledged_ms);
}

ticket_stream::~ticket_stream() = default;

template <class Step>
void ticket_stream::later(Step step) {
  boost::asio::post(executor_, [self = shared_from_this(), step = std::move(step)] {
    try {
      step();
    } catch (const std::exception& e) {
      log::throttled(spdlog::level::err, "ticket stream failed",
                     fmt::format("ticket stream {}: failed ({}); closed", self->peer_.to_string(),
                                 boost::core::demangle(typeid(e).name())));
      self->end();
    }
  });
}

void ticket_stream::run(std::string token, bool english) {
  stream_.expires_never();  // the timer below keeps the deadlines
  state_.runner.follow(std::move(token), english, weak_from_this(),
                       [self = shared_from_this()](auto first) {
                         self->later([self, first = std::move(first)] { self->started(first); });
                       });
}

void ticket_stream::started(std::variant<protocol::error, engine::runner::first_view> first) {
  if (auto* refusal = std::get_if<protocol::error>(&first)) {
    engine::public_answer answer;
    answer.body = std::move(*refusal);
    auto res =
        std::make_shared<http::response<http::string_body>>(public_response(request_, answer));
    res->keep_alive(false);
    http::async_write(stream_, *res, [self = shared_from_this(), res](auto, auto) { self->end(); });
    return;
  }
  started_ = true;
  const auto& [view, over] = std::get<engine::runner::first_view>(first);
  ending_ = over;  // a ticket over already: its view, then the end
  in_flight_ = std::string(head) + event_of(view);
  writing_ = true;
  writing_since_ = std::chrono::steady_clock::now();
  boost::asio::async_write(stream_, boost::asio::buffer(in_flight_),
                           [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
                             self->on_write(ec);
                           });
  watch_close();
  keep_alive();
}

void ticket_stream::show(std::string view, bool over) {
  later([self = shared_from_this(), view = std::move(view), over] {
    self->send(event_of(view), over);
  });
}

void ticket_stream::gone() {
  later([self = shared_from_this()] { self->end(); });
}

void ticket_stream::send(std::string text, bool last) {
  if (ending_) return;
  ending_ = last;
  next_ = std::move(text);
  if (started_ && !writing_) write_next();
}

void ticket_stream::write_next() {
  if (!next_) {
    if (ending_) end();
    return;
  }
  in_flight_ = std::move(*next_);
  next_.reset();
  writing_ = true;
  writing_since_ = std::chrono::steady_clock::now();
  boost::asio::async_write(stream_, boost::asio::buffer(in_flight_),
                           [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
                             self->on_write(ec);
                           });
}

void ticket_stream::on_write(boost::beast::error_code ec) {
  writing_ = false;
  if (ec) return end();
  write_next();
}

void ticket_stream::keep_alive() {
  timer_.expires_after(keep_alive_interval);
  timer_.async_wait([weak = weak_from_this()](boost::beast::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    if (self->writing_) {
      // A phone that has not taken a view in a minute is gone, or too far to follow.
      if (std::chrono::steady_clock::now() - self->writing_since_ > write_timeout)
        return self->end();
    } else {
      self->next_ = self->next_.value_or(": \n\n");  // a comment: the page ignores it
      self->write_next();
    }
    self->keep_alive();
  });
}

void ticket_stream::watch_close() {
  // The client sends nothing after its request: the end of this read means it has gone, and a
  // byte means it does not speak the protocol (ended too: bytes would cost reads for nothing).
  stream_.async_read_some(
      boost::asio::buffer(&byte_, 1),
      [self = shared_from_this()](boost::beast::error_code, std::size_t) { self->end(); });
}

void ticket_stream::end() {
  timer_.cancel();
  boost::beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace motcua::net
