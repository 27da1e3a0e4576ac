// A synchronous client for tests and scripts: one `connection` on a private io_context run by
// a background thread, its callbacks turned into queues that the caller waits on.
//
// Ownership: owns the io_context, its thread and the connection; the destructor closes the
// connection (waiting at most `close_grace` for the close handshake), stops the io_context and
// joins the thread, also when the server is already gone.
//
// Threading: every member function is thread-safe. Waits use a condition variable and return
// as soon as what they wait for arrives, the connection closes or the timeout passes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "shared/client/connection.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::client {

class blocking_client {
 public:
  using milliseconds = std::chrono::milliseconds;
  static constexpr milliseconds default_timeout{5000};
  static constexpr milliseconds close_grace{1000};

  // `tls`: wss:// with this client context (tls::client_context); null: plain ws://.
  // `local_address`: see connection::connect.
  blocking_client(std::string host, std::string port, std::string target = "/ws",
                  tls::context_ptr tls = nullptr, std::string local_address = {});
  ~blocking_client();
  blocking_client(const blocking_client&) = delete;
  blocking_client& operator=(const blocking_client&) = delete;

  // Connects once. False when it failed (see close_error()) or did not open within `timeout`,
  // in which case the attempt is cancelled.
  bool connect(milliseconds timeout = default_timeout);

  // Sends a request and waits for the reply with its id; other replies and the events that
  // arrive meanwhile stay queued, in order. Throws std::runtime_error when no reply comes
  // within `timeout` or the connection closes first.
  protocol::reply call(protocol::request_params params, milliseconds timeout = default_timeout,
                       std::optional<std::string> lang = {});

  // Queue a frame without waiting; the reply, if any, comes through next_reply().
  std::int64_t send(protocol::request_params params, std::optional<std::string> lang = {});
  void send_raw(std::string text);

  // The oldest reply not taken by call() (including id-null replies to malformed frames), or
  // nullopt after `timeout` or once closed with none left.
  std::optional<protocol::reply> next_reply(milliseconds timeout = default_timeout);
  // The oldest event not yet taken, or nullopt after `timeout` or once closed with none left.
  std::optional<protocol::event> next_event(milliseconds timeout = default_timeout);
  // Every event queued now, oldest first, without waiting.
  std::vector<protocol::event> drain_events();

  // True once the connection has ended (or failed to open) within `timeout`.
  bool wait_closed(milliseconds timeout = default_timeout);
  // The server's close frame code (1009 too big, 1008 policy...), 0 if none came.
  int close_code() const;
  // Why the connection ended: websocket::error::closed after a close handshake, else the error
  // (tls::certificate_category() when the server's certificate was refused).
  beast::error_code close_error() const;
  bool is_open() const;
  std::uint64_t undecodable_frames() const { return connection_->undecodable_frames(); }

  // Graceful close after the frames already sent; does not wait (see wait_closed()).
  void close();

 private:
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_;
  const std::string host_;
  const std::string port_;
  const std::string target_;
  const std::string local_address_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  // Guarded by mutex_; written by the connection's callbacks on thread_.
  std::deque<protocol::reply> replies_;
  std::deque<protocol::event> events_;
  bool opened_ = false;
  bool closed_ = false;
  int close_code_ = 0;
  beast::error_code close_error_;

  std::shared_ptr<connection> connection_;
  std::thread thread_;  // runs ioc_
};

}  // namespace motcua::client
