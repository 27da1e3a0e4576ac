// The connection every GUI client keeps to the server: a `connection` run on the link's own
// network thread, re-opened by itself with back-off whenever it ends, that logs in again on
// every open (`hello` with `since` = the last event seq seen, so the server replays what was
// missed or sends a fresh snapshot) and hands everything to the UI thread through a locked
// inbox.
//
// The UI thread, at the start of each frame, calls drain() and applies the items in order:
//   - link_status: the link went `connecting`, `online` (hello accepted), `offline` (the
//     connection ended; a new attempt is scheduled) or `refused` (the server rejected the
//     credentials; the link stops trying and the owner decides, e.g. asks for a new password).
//     A device's hello answered `limit` (its address held back after someone's guesses) or
//     `internal` is not refused but `offline`, tried again after the back-off or the error's
//     `retry_after`, whichever is longer, so an unattended kiosk comes back by itself; any other
//     error (`unauthorized`: an unknown token) refuses it. A staff login is refused for any
//     error: a person is there to read it.
//   - protocol::reply: the reply to a send(), matched by the id send() returned; also the reply
//     to each hello the link sends (body hello_result: apply its snapshot when present; when
//     absent, the missed events follow as ordinary events), and the failed hello that refused.
//   - protocol::event: server events in seq order.
// A request whose reply has not come when the status goes `offline` will never be answered;
// the screen decides whether to send it again (take_ticket with the same request_key).
//
// The link writes nothing itself: the programs tell their log with client::link_report.
//
// Credentials: a device token, or a staff username and password. After a staff login the
// session token from the hello reply is used on reconnects; when the server no longer knows
// it, the link logs in with the password on the next attempt.
//
// Threading: construct, send(), drain() and destroy from one thread (the UI thread) or any
// threads — every public member is thread-safe. `wake` runs on the network thread after an
// item is queued (the UI passes glfwPostEmptyEvent); it must not block. The destructor closes
// the connection and joins the network thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "shared/client/connection.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::client {

// Reconnect back-off: the delay before the next attempt after `failures` consecutive failed or
// dropped connections (0 for the first retry): 500 ms doubling up to 10 s, scaled by
// 0.5 + jitter / 2 with `jitter` in [0, 1) so that a hall of kiosks does not reconnect in step.
constexpr std::chrono::milliseconds backoff_base{500};
constexpr std::chrono::milliseconds backoff_cap{10000};
std::chrono::milliseconds backoff_delay(int failures, double jitter);

// The last event seq the link has, after `hello`'s reply: a snapshot is the hall as of the
// reply's seq (which may be lower than `last`: a restored database); replayed events follow the
// reply and count one by one as they arrive, so that a connection lost among them asks again
// (`since`) from the last one received.
std::int64_t seq_after_hello(std::int64_t last, const protocol::hello_result& hello);

struct credentials {
  std::optional<std::string> device_token;  // kiosk and display devices
  std::optional<std::string> username;      // staff
  std::optional<std::string> password;
  // The hello's `topics` (protocol/topics.hpp); none: the role's default.
  std::optional<std::vector<std::string>> topics;

  static credentials device(std::string token) { return {std::move(token), {}, {}, {}}; }
  static credentials staff(std::string username, std::string password) {
    return {{}, std::move(username), std::move(password), {}};
  }
};

enum class link_state { connecting, online, offline, refused };

struct link_status {
  link_state state = link_state::connecting;
  std::string detail;  // why offline or refused (network error or the server's message)
  std::chrono::milliseconds retry_in{0};  // offline: when the next attempt starts
  bool operator==(const link_status&) const = default;
};

using inbox_item = std::variant<link_status, protocol::reply, protocol::event>;

class live_link {
 public:
  static constexpr std::chrono::milliseconds close_grace{1000};

  // Starts connecting at once to `address` ("ws://HOST:PORT/ws", or "wss://..." for TLS, the
  // server's certificate verified against the PEM `ca_file`, or the system's trust store when
  // it is empty; a refused certificate is an `offline` status whose detail says why). Throws
  // std::invalid_argument when the address does not parse, std::runtime_error when `ca_file`
  // cannot be read.
  live_link(std::string address, credentials creds, std::function<void()> wake = {},
            std::optional<std::string> lang = {}, const std::string& ca_file = {});
  ~live_link();
  live_link(const live_link&) = delete;
  live_link& operator=(const live_link&) = delete;

  // Sends a request on the open, logged-in connection and returns its id (unique for the
  // link's lifetime, also across reconnects); nullopt while not online.
  std::optional<std::int64_t> send(protocol::request_params params);

  // Everything queued since the last call, oldest first.
  std::vector<inbox_item> drain();

  bool online() const;
  // The highest event seq seen (0 before any).
  std::int64_t last_seq() const;

 private:
  void do_open();  // network thread
  void on_open(std::uint64_t generation);
  void on_reply(std::uint64_t generation, const protocol::reply& r);
  void on_event(std::uint64_t generation, const protocol::event& e);
  void on_close(std::uint64_t generation, beast::error_code ec);
  // An `offline` status saying `detail`, and the next attempt after the back-off (at least
  // `at_least`).
  void schedule_retry(std::string detail, std::chrono::milliseconds at_least = {});
  void push(inbox_item item);
  protocol::hello make_hello() const;

  const endpoint endpoint_;
  const tls::context_ptr tls_;  // null: plain ws://
  const std::optional<std::string> lang_;
  const std::function<void()> wake_;

  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_;
  net::steady_timer retry_timer_;   // network thread only
  std::minstd_rand jitter_source_;  // network thread only

  mutable std::mutex mutex_;
  // Guarded by mutex_.
  credentials creds_;
  std::optional<std::string> session_token_;
  std::shared_ptr<connection> connection_;
  std::uint64_t generation_ = 0;  // which connection callbacks are current
  std::optional<std::int64_t> hello_id_;
  // A device's hello answered with an error other than `unauthorized`: the server's message and
  // its retry_after, told when that connection has closed.
  std::optional<std::pair<std::string, std::chrono::milliseconds>> hello_failed_;
  bool online_ = false;
  bool stopping_ = false;
  int failures_ = 0;
  std::int64_t last_seq_ = 0;
  std::int64_t next_id_ = 1;
  std::vector<inbox_item> inbox_;

  std::future<void> ran_out_;  // ready once ioc_.run() returned
  std::thread thread_;         // runs ioc_
};

}  // namespace motcua::client
