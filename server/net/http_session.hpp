// One HTTP connection: after the TLS handshake (when the stream is TLS), reads requests, answers
// them with handle_request, or upgrades `/ws` to a websocket_session (which takes over its
// unauthenticated place).
#pragma once

#include <memory>
#include <optional>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "net/shared_state.hpp"
#include "tls/stream.hpp"

namespace motcua::net {

namespace beast = boost::beast;
namespace http = beast::http;

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tls::stream&& stream, shared_state& state, admission::place place);
  void run();

 private:
  void do_handshake();
  void on_handshake(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void write(http::response<http::string_body>&& response);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
  void do_close();

  tls::stream stream_;
  beast::flat_buffer buffer_;
  shared_state& state_;
  admission::place place_;  // one of the unauthenticated connections
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace motcua::net
