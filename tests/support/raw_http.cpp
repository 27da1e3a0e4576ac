#include "tests/support/raw_http.hpp"

#include <optional>
#include <stdexcept>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>

namespace motcua::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using net::ip::tcp;

std::string get_request(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: motcua\r\nConnection: close\r\n\r\n";
}

// Asynchronous only so that the stream's deadline applies to each step.
http_answer http_exchange(const server_process& server, const std::string& bytes,
                          const std::string& from, std::chrono::milliseconds timeout) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.socket().open(tcp::v4());
  stream.socket().bind(tcp::endpoint(net::ip::make_address(from), 0));
  const tcp::endpoint to(net::ip::make_address(server.host()),
                         static_cast<unsigned short>(std::stoi(server.port())));
  beast::flat_buffer buffer;
  http_answer answer;
  beast::error_code failure;
  stream.expires_after(timeout);
  stream.async_connect(to, [&](beast::error_code ec) {
    if (ec) {
      failure = ec;
      return;
    }
    // A server that refuses early may close before it has read everything: read its answer
    // even when the write fails.
    net::async_write(stream, net::buffer(bytes), [&](beast::error_code, std::size_t) {
      http::async_read(stream, buffer, answer,
                       [&](beast::error_code ec, std::size_t) { failure = ec; });
    });
  });
  ioc.run();
  if (failure) throw std::runtime_error("HTTP exchange from " + from + ": " + failure.message());
  return answer;
}

struct event_stream::state {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  std::string buffer;  // read, not yet taken

  // Runs the loop until `op` finishes (then its error) or `timeout` passes (timed_out).
  template <class Start>
  beast::error_code await(std::chrono::milliseconds timeout, Start start) {
    beast::error_code result = net::error::would_block;
    stream.expires_after(timeout);
    start([&](beast::error_code ec, std::size_t = 0) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }
  // Reads until `delimiter` is in the buffer; the text before it (taken out with it).
  std::optional<std::string> until(std::string_view delimiter, std::chrono::milliseconds timeout) {
    auto ec = await(timeout, [&](auto done) {
      net::async_read_until(stream, net::dynamic_buffer(buffer), delimiter, done);
    });
    if (ec) return std::nullopt;
    auto at = buffer.find(delimiter);
    auto part = buffer.substr(0, at);
    buffer.erase(0, at + delimiter.size());
    return part;
  }
};

event_stream::event_stream(const server_process& server, const std::string& target,
                           const std::string& from)
    : s_(std::make_unique<state>()) {
  s_->stream.socket().open(tcp::v4());
  s_->stream.socket().bind(tcp::endpoint(net::ip::make_address(from), 0));
  const tcp::endpoint to(net::ip::make_address(server.host()),
                         static_cast<unsigned short>(std::stoi(server.port())));
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: motcua\r\n\r\n";
  if (s_->await(std::chrono::seconds(10), [&](auto done) { s_->stream.async_connect(to, done); }))
    throw std::runtime_error("event stream: cannot connect");
  if (s_->await(std::chrono::seconds(10),
                [&](auto done) { net::async_write(s_->stream, net::buffer(request), done); }))
    throw std::runtime_error("event stream: cannot send the request");
  auto head = s_->until("\r\n\r\n", std::chrono::seconds(10));
  if (!head) throw std::runtime_error("event stream: no response");
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // the head alone
  beast::error_code ec;
  const std::string whole = *head + "\r\n\r\n";
  parser.put(net::buffer(whole), ec);
  if (ec && ec != http::error::need_more)
    throw std::runtime_error("event stream: bad head: " + ec.message());
  const auto& h = parser.get();
  head_.result(h.result());
  for (const auto& field : h) head_.set(field.name_string(), field.value());
  if (head_.result() != http::status::ok) {  // the JSON error: read it whole
    s_->await(std::chrono::seconds(10), [&](auto done) {
      net::async_read(s_->stream, net::dynamic_buffer(s_->buffer), done);
    });
    head_.body() = s_->buffer;
  }
}

event_stream::~event_stream() = default;

std::string event_stream::next(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= std::chrono::milliseconds(0)) throw std::runtime_error("event stream: no event");
    auto block = s_->until("\n\n", left);
    if (!block) throw std::runtime_error("event stream: ended or no event in time");
    if (block->starts_with("data: ")) return block->substr(6);
    // a comment (keep-alive) or the `retry:` line: not an event
  }
}

bool event_stream::ends(std::chrono::milliseconds timeout) {
  auto ec = s_->await(timeout, [&](auto done) {
    net::async_read(s_->stream, net::dynamic_buffer(s_->buffer), done);
  });
  return ec == net::error::eof && s_->buffer.find("data: ") == std::string::npos;
}

}  // namespace motcua::testing
