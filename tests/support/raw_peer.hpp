// Raw network peers for the tests of the server's limits: connections from a chosen loopback
// address (127.0.0.2, 127.0.0.3... look like other client addresses), upgrades without the
// sub-protocol or with an Origin, binary frames and bytes that are not UTF-8, a peer that
// ignores the server's close, and crowds of idle connections. Every wait is bounded.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "tests/support/server_process.hpp"

namespace motcua::testing {

namespace beast = boost::beast;
using std::chrono::milliseconds;

struct upgrade_options {
  std::string source = "127.0.0.1";  // the client address
  bool subprotocol = true;           // offer motcua.v1
  std::optional<std::string> origin;
};

// One WebSocket connection driven from the calling thread: each call runs its own io_context
// until the operation is done; past the timeout it throws std::runtime_error.
class raw_peer {
 public:
  // Connects from `options.source` and asks for the upgrade; throws when the TCP connection
  // fails or nothing answers in time. A refused upgrade is not an error: see status().
  raw_peer(const server_process& server, upgrade_options options = {},
           milliseconds timeout = milliseconds(5000));

  // The HTTP status of the server's answer to the upgrade (101 when accepted) and its body.
  unsigned status() const { return response_.result_int(); }
  const std::string& body() const { return response_.body(); }

  // Sends one frame holding exactly `bytes`.
  void send_text(const std::string& bytes);
  void send_binary(const std::string& bytes);
  // Sends a ping frame; the server's pongs are counted by pongs() as read() meets them.
  void ping();
  int pongs() const { return pongs_; }
  // The next text frame, or nothing once the connection has closed (see close_code()).
  std::optional<std::string> read(milliseconds timeout = milliseconds(5000));
  // The code of the server's close frame once read() saw it, else 0.
  int close_code() const { return close_code_; }
  // Reads the socket's bytes without ever answering (no pong, no close reply) until the
  // server closes the TCP connection; true if it did within `timeout`.
  bool ignore_until_cut(milliseconds timeout);

 private:
  // Runs the io_context until `done` or the timeout; on timeout cancels, drains, throws.
  void run(const bool& done, milliseconds timeout, const char* what);
  void send(const std::string& bytes, bool text);

  boost::asio::io_context ioc_;
  beast::websocket::stream<beast::tcp_stream> ws_;
  beast::websocket::response_type response_;
  beast::flat_buffer buffer_;
  int close_code_ = 0;
  int pongs_ = 0;
};

// Many connections from one client address, held by a thread of their own until destroyed:
// each connects and, as a WebSocket, does the upgrade (motcua.v1) and then only reads (Beast
// answers the server's pings and its close), never saying hello; as plain TCP, it only reads.
class crowd {
 public:
  enum class kind { websocket, tcp };
  crowd(const server_process& server, std::string source, int count, kind k = kind::websocket);
  ~crowd();  // closes every connection
  crowd(const crowd&) = delete;
  crowd& operator=(const crowd&) = delete;

  int opened() const { return opened_; }  // connected (and upgraded, as a WebSocket)
  int ended() const { return ended_; }    // closed after opening, or failed to open
  int closed_after_open() const { return closed_after_open_; }
  // Waits until `count` connections have opened, or ended, up to `timeout`; true if they did.
  bool wait_opened(int count, milliseconds timeout);
  bool wait_ended(int count, milliseconds timeout);

 private:
  struct member;
  void start(member& m);
  void read(member& m);
  void count_open();
  void end(member& m, bool was_open);
  bool wait_for(const std::function<bool()>& done, milliseconds timeout);

  boost::asio::io_context ioc_;
  kind kind_;
  std::string host_, port_, source_;
  std::vector<std::unique_ptr<member>> members_;
  std::atomic<int> opened_{0}, ended_{0}, closed_after_open_{0};  // changed under mutex_
  std::mutex mutex_;
  std::condition_variable changed_;
  std::thread thread_;
};

// The server process's CPU time so far (user + system, /proc/PID/stat) and its resident memory
// (VmRSS, /proc/PID/status).
std::chrono::milliseconds cpu_time(pid_t pid);
long resident_kib(pid_t pid);

}  // namespace motcua::testing
