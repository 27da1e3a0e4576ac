#include "shared/client/http_get.hpp"

#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "shared/tls/stream.hpp"

namespace motcua::client {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

// The operations are asynchronous only so that the stream's deadline applies to each of them.
http_response exchange(http::request<http::string_body>& req, const std::string& host,
                       const std::string& port, const std::string& bearer,
                       std::chrono::milliseconds timeout, const tls::context_ptr& tls) {
  net::io_context ioc;
  net::ip::tcp::resolver resolver(ioc);
  tls::stream stream(beast::tcp_stream(ioc), tls.get());
  beast::flat_buffer buffer;
  const auto target = std::string(req.target());
  req.set(http::field::host, host + ":" + port);
  req.set(http::field::user_agent, "motcua");
  if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
  req.keep_alive(false);
  req.prepare_payload();
  http::response<http::string_body> res;
  beast::error_code failure;

  auto fail = [&](beast::error_code ec) { failure = ec; };
  auto exchange = [&] {
    http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
      if (ec) return fail(ec);
      http::async_read(stream, buffer, res, [&](beast::error_code ec, std::size_t) {
        if (ec) return fail(ec);
        beast::error_code ignored;
        stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
      });
    });
  };
  stream.expires_after(timeout);
  resolver.async_resolve(host, port, [&](beast::error_code ec, auto results) {
    if (ec) return fail(ec);
    stream.next_layer().async_connect(results, [&](beast::error_code ec, auto) {
      if (ec) return fail(ec);
      if (!stream.is_tls()) return exchange();
      stream.verify_server(host);
      stream.async_handshake(net::ssl::stream_base::client, [&](beast::error_code ec) {
        if (ec) return fail(stream.explain(ec));
        exchange();
      });
    });
  });
  ioc.run();
  if (failure)
    throw std::runtime_error(std::string(req.method_string()) + " " + target + ": " +
                             failure.message());
  return {static_cast<int>(res.result_int()), std::string(res[http::field::content_type]),
          std::move(res.body())};
}

}  // namespace

http_response http_get(const std::string& host, const std::string& port, const std::string& target,
                       const std::string& bearer, std::chrono::milliseconds timeout,
                       const tls::context_ptr& tls) {
  http::request<http::string_body> req{http::verb::get, target, 11};
  return exchange(req, host, port, bearer, timeout, tls);
}

http_response http_post(const std::string& host, const std::string& port, const std::string& target,
                        std::string body, const std::string& bearer,
                        std::chrono::milliseconds timeout, const tls::context_ptr& tls) {
  http::request<http::string_body> req{http::verb::post, target, 11, std::move(body)};
  req.set(http::field::content_type, "application/json");
  return exchange(req, host, port, bearer, timeout, tls);
}

}  // namespace motcua::client
