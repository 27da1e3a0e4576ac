// One WebSocket connection (/ws, sub-protocol motcua.v1). Reads frames,
// rate-limits and decodes them, and hands requests to the engine (engine/runner.hpp);
// writes replies and events from a bounded queue, many ready-made frames in one write. A client
// that cannot keep up (queue full) is disconnected; it resynchronises with
// `since` when it reconnects.
//
// Lifecycle: the connection holds an unauthenticated place (server/transport/admission.hpp) until
// the engine accepts its hello; then it counts toward max_connections instead (past it: close
// 1013). Without a successful hello within hello_timeout_seconds it is closed. Every frame,
// whatever it holds (malformed, unknown verb, binary, not UTF-8), costs a token of the rate
// limit and gets exactly one reply (`limit` past the limit); after strikes_before_disconnect
// limited frames in a row the session stops reading and closes with 1008 once the replies to
// the requests already accepted have gone out. Any close (1008, 1013, hello timeout) is
// forced after close_timeout_seconds, whatever the client does. Nothing a handler throws
// escapes: the connection is closed and the failure logged (guard()).
//
// Runs on its own strand; other threads reach it only through deliver().
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "server/engine/runner.hpp"
#include "server/net/shared_state.hpp"
#include "server/net/text_frames.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using upgrade_request = beast::http::request<beast::http::string_body>;

// The HTTP answer refusing an upgrade to /ws, or nothing when it may go ahead: the client must
// offer the sub-protocol motcua.v1 (else 400), and an Origin header, when there is one, must be
// one of settings.allowed_origins (else 403).
std::optional<beast::http::response<beast::http::string_body>> refuse_upgrade(
    const upgrade_request& req, const config::settings& settings);

class websocket_session : public engine::sink,
                          public std::enable_shared_from_this<websocket_session> {
 public:
  websocket_session(tls::stream&& stream, shared_state& state, admission::place place);
  ~websocket_session() override;

  void run(upgrade_request upgrade);
  void deliver(engine::delivery d) override;

 private:
  void on_accept(bool refused, beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void on_frame(bool text, std::string bytes);
  void on_password_checked(protocol::request r, auth::check_result checked);
  void submit(protocol::request r, auth::password_check check,
              std::chrono::steady_clock::time_point received);
  // The hello succeeded: from an unauthenticated place to one of max_connections.
  void on_logged_in();
  bool take_token();  // the per-connection rate limit
  void reply_error(std::optional<std::int64_t> id, protocol::error e);
  // Queues frames[first..] behind the others; past outgoing_queue_messages the client is cut.
  void queue_write(std::shared_ptr<const std::vector<engine::frame>> frames, std::size_t first);
  void queue_write(engine::frame f);
  // lookup_dossier of another unit's dossier: asked of the province hub, answered when it
  // answers (a reply owed meanwhile, like one the engine owes).
  void ask_hub(std::optional<std::int64_t> id, const std::string& code, bool english);
  void do_write();
  void on_write(beast::error_code ec, std::size_t bytes);
  // Stops reading and closes with `code` once the replies owed and the queued writes are out;
  // the socket is closed after close_timeout_seconds whatever happens.
  void drop(metrics::drop_reason reason, websocket::close_code code);
  // The hello deadline: after `after` without a successful hello the connection is dropped,
  // unless a hello is on its way and this is not yet the `grace` period it then gets.
  void arm_hello_deadline(std::chrono::seconds after, bool grace);
  // Runs `run`; an exception (out of memory, a bug) is logged with its type and the connection
  // closed, instead of escaping to the io_context's thread.
  template <class Step>
  void guard(std::string_view step, Step&& run) noexcept;
  void close_when_done();
  // No close frame has gone out: frames may still be written.
  bool may_write() const;
  // Closes the socket at once (a failure, a full queue, a deadline); the pending operations
  // then end and the session goes away.
  void cut(std::string_view step, beast::error_code ec);

  websocket::stream<text_frames<tls::stream>> ws_;
  beast::flat_buffer buffer_;
  shared_state& state_;
  std::uint64_t id_;
  boost::asio::ip::address peer_;       // the client's, for the login guard and lookup budget
  admission::place place_;              // held until the hello succeeds
  boost::asio::steady_timer deadline_;  // the hello deadline, then the close deadline
  bool accepted_ = false;               // the WebSocket handshake is done
  bool authenticated_ = false;          // holds one of max_connections
  bool registered_ = false;             // known to the engine
  bool checking_password_ = false;      // a hello's password is on the pool
  bool token_hello_ = false;            // a hello with a token is with the engine
  int replies_owed_ = 0;                // requests handed on whose reply has not come back yet
  bool closing_ = false;     // no more reading; close once replies_owed_ and outbox_ are 0
  bool close_sent_ = false;  // the close frame is on its way: nothing more is written
  std::optional<websocket::close_code> close_code_;
  // What is still to write, in order: frames[next..] of each list (a reply's own, a batch's
  // events shared with every connection). Up to max_gather frames go in one write.
  struct pending {
    std::shared_ptr<const std::vector<engine::frame>> frames;
    std::size_t next = 0;
  };
  std::deque<pending> outbox_;
  std::size_t queued_ = 0;     // frames in outbox_
  std::size_t in_flight_ = 0;  // of them, the first in_flight_ are being written
  std::vector<boost::asio::const_buffer> gather_;
  double tokens_;
  std::chrono::steady_clock::time_point refilled_;
  int strikes_ = 0;
};

}  // namespace motcua::net
