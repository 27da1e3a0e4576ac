// One WebSocket connection (/ws, sub-protocol motcua.v1). Reads frames,
// rate-limits and decodes them, and hands requests to the engine thread;
// writes replies and events one at a time from a bounded queue. A client
// that cannot keep up (queue full) is disconnected; it resynchronises with
// `since` when it reconnects.
//
// Runs on its own strand; other threads reach it only through deliver().
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "engine/runner.hpp"
#include "net/shared_state.hpp"

namespace motcua::net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

class websocket_session : public engine::sink,
                          public std::enable_shared_from_this<websocket_session> {
 public:
  websocket_session(boost::asio::ip::tcp::socket&& socket, shared_state& state);
  ~websocket_session() override;

  void run(beast::http::request<beast::http::string_body> upgrade);
  void deliver(std::vector<engine::frame> frames) override;

 private:
  void on_accept(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void on_frame(std::string text);
  void on_password_checked(protocol::request r, auth::check_result checked);
  bool take_token();  // the per-connection rate limit
  void reply_error(std::optional<std::int64_t> id, protocol::error e);
  void queue_write(engine::frame text);
  void do_write();
  void on_write(beast::error_code ec, std::size_t bytes);
  // Closes with `code` once the queued writes are out.
  void drop(metrics::drop_reason reason, websocket::close_code code);
  void do_close();

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  shared_state& state_;
  std::uint64_t id_;
  std::string address_;   // the client's IP address, as the login guard counts it
  bool counted_ = false;  // holds one of the connection slots
  bool registered_ = false;  // known to the engine thread
  bool closing_ = false;
  std::optional<websocket::close_code> close_code_;
  std::deque<std::shared_ptr<const std::string>> outbox_;
  double tokens_;
  std::chrono::steady_clock::time_point refilled_;
  int strikes_ = 0;
};

}  // namespace motcua::net
