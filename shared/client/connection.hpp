// An asynchronous WebSocket client for the wire contract `motcua.v1`: connects, offers the
// sub-protocol, sends typed requests and hands typed replies and events to callbacks.
//
// Ownership: always held by std::shared_ptr (use `create`). While connecting or open, the
// pending asynchronous operations keep the connection alive; dropping every other pointer does
// not close it, call close().
//
// Threading: the connection runs on a strand of the executor given to `create`, so any number
// of connections may share one io_context, run by one or more threads. Every public member
// function is thread-safe: it posts its work to the strand. Callbacks run on that strand, one
// at a time; they must not block, and may call back into the connection.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "shared/protocol/messages.hpp"
#include "shared/tls/context.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::client {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;

// Where a server listens: from "ws://HOST:PORT/PATH", "wss://HOST:PORT/PATH" (TLS),
// "http://..." and "https://..." (TLS) likewise, or "HOST:PORT" (plain); IPv6 hosts in
// brackets. `target` defaults to "/ws".
struct endpoint {
  std::string host;
  std::string port;
  std::string target = "/ws";
  bool tls = false;  // wss:// or https://
};
std::optional<endpoint> parse_endpoint(std::string_view address);

// Which text frames a connection decodes (connection_handlers::decode_if).
using frame_filter = std::function<bool(std::string_view)>;

// Every callback is optional.
struct connection_handlers {
  // The handshake succeeded and the server accepted `motcua.v1`.
  std::function<void()> on_open;
  std::function<void(const protocol::reply&)> on_reply;
  std::function<void(const protocol::event&)> on_event;
  // Every text frame received, before decoding (the view is valid during the call only); the
  // only report of a frame that fails to decode.
  std::function<void(std::string_view)> on_raw;
  // When set, only the text frames it accepts are decoded; the others reach on_raw only (a
  // load generator standing for many screens decodes just the events it measures).
  frame_filter decode_if;
  // Called exactly once, after connect() or close(): when connecting fails, the server closes,
  // the network fails or close() completes. `ec` is websocket::error::closed after a close
  // handshake, errc::protocol_not_supported when the server did not echo `motcua.v1`, an error
  // of tls::certificate_category() when the server's certificate was refused.
  // `close_code` is the code of the server's close frame (1000 normal, 1008 policy, 1009 too
  // big), 0 if none came.
  std::function<void(beast::error_code ec, int close_code)> on_close;
};

class connection : public std::enable_shared_from_this<connection> {
 public:
  static constexpr std::size_t read_message_max = 1024 * 1024;
  static constexpr std::chrono::seconds idle_timeout{30};  // pings at half of it

  // `tls`: speak wss:// with this client context (tls::client_context), which verifies the
  // server's certificate and name; null: plain ws://.
  static std::shared_ptr<connection> create(net::any_io_executor executor,
                                            connection_handlers handlers,
                                            tls::context_ptr tls = nullptr);

  // Resolves, connects, does the TLS handshake (with a TLS context), the WebSocket handshake,
  // then reads until closed. Call once. A `local_address` binds the socket to it first (tests:
  // one machine looks like several clients on loopback's 127.0.0.0/8); the first resolved
  // address is then the only one tried.
  void connect(std::string host, std::string port, std::string target = "/ws",
               std::string local_address = {});

  // Encodes a request with the next id (1, 2, ...) and queues it; returns the id. Frames queued
  // before the connection opens are sent once it does; frames queued after close() are dropped.
  std::int64_t send(protocol::request_params params, std::optional<std::string> lang = {});
  // Queues one text frame as is (tests: malformed and oversized frames).
  void send_raw(std::string text);

  // Graceful close (code 1000) after the frames already queued; cancels a connect in progress.
  // Frames that arrive once the close frame is sent are discarded.
  void close();

  // Frames decoded (see decode_if) that did not decode as a reply or an event.
  std::uint64_t undecodable_frames() const { return undecodable_frames_; }

 private:
  enum class state { idle, connecting, open, closing, closed };

  connection(net::any_io_executor executor, connection_handlers handlers, tls::context_ptr tls);

  void do_connect(std::string host, std::string port, std::string target,
                  std::string local_address);
  void on_resolve(beast::error_code ec, net::ip::tcp::resolver::results_type results);
  void on_connect(beast::error_code ec, net::ip::tcp::resolver::results_type::endpoint_type ep);
  void on_tls_handshake(beast::error_code ec);
  void on_handshake(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void decode(std::string_view text);  // to on_reply or on_event
  void do_send(std::string text);
  void do_write();
  void on_write(beast::error_code ec, std::size_t bytes);
  void do_close();
  void do_ws_close();
  void on_ws_close(beast::error_code ec);
  void finish(beast::error_code ec);

  // Touched only on the strand, except where noted.
  connection_handlers handlers_;
  const tls::context_ptr tls_;  // null: plain
  net::ip::tcp::resolver resolver_;
  websocket::stream<tls::stream> ws_;
  std::string server_name_;  // the host the certificate must name
  std::string host_;         // Host header, "HOST:PORT"
  std::string target_;
  std::string local_address_;
  websocket::response_type handshake_response_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;  // front() is being written while open
  state state_ = state::idle;
  std::atomic<std::int64_t> next_id_{1};              // any thread
  std::atomic<std::uint64_t> undecodable_frames_{0};  // any thread
};

}  // namespace motcua::client
