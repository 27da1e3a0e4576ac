#include "tests/support/raw_http.hpp"

#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
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

}  // namespace motcua::testing
