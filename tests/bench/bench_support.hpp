// What the benchmark programs (bench.cpp, dossier_bench.cpp) share: figures printed as
// "name value" lines, percentiles, the server's `--config` overrides, and WebSocket clients
// of one server whose callbacks run on the caller's thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "shared/client/connection.hpp"
#include "shared/protocol/messages.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::bench {

using namespace std::chrono_literals;
using bench_clock = std::chrono::steady_clock;

constexpr auto reply_timeout = 10s;

// ---------------------------------------------------------------- figures

// One "name value" line on standard output, flushed: a later failure keeps the figures.
void print_figure(std::string_view name, double value);

double to_ms(bench_clock::duration d);
double to_s(bench_clock::duration d);

// Nearest-rank percentile, 0 < p <= 1; NaN for no values.
double percentile(std::vector<double> values, double p);

// "ok", or an error reply's code and English message.
std::string describe(const protocol::reply& r);

// The value of an unlabelled metric in Prometheus text; throws when it is missing.
double metric(const std::string& text, const std::string& name);

// ---------------------------------------------------------------- the server

// Soft open-file limit up to the hard one (the server, a child of this process, inherits it
// through fork and exec); warns on standard error when it stays under `needed`.
void raise_open_file_limit(long needed);

// Writes the `--config` overrides, merged by the server over its demo set, into `dir` and
// returns the file's path: the demo services with no daily cap (`services` is an array, so it
// is replaced whole: copied from the demo with daily_limit 0), and rate and connection limits
// that a benchmark does not hit.
std::string write_config(const testing::temp_dir& dir);

// hello for a demo account (password "demo") or a demo device token.
protocol::hello staff_hello(std::string username);
protocol::hello device_hello(std::string token);

// ---------------------------------------------------------------- clients

// One WebSocket client. After its hello is answered, replies and events go to the callbacks
// that the measurement sets.
struct peer {
  std::shared_ptr<client::connection> conn;
  bool ready = false;               // hello answered ok
  bench_clock::time_point sent_at;  // when the latest request was sent
  long frames = 0;                  // text frames received, decoded or not
  std::function<void(peer&, const protocol::reply&)> on_reply;
  std::function<void(peer&, const protocol::event&)> on_event;
  std::function<void(peer&, std::string_view)> on_frame;  // every text frame, decoded or not
  // Opened by connect_stamped: when the kernel received the last bytes of the frame being
  // handled (SO_TIMESTAMPNS), on bench_clock: when the frame reached this machine, however
  // late the callbacks' thread gets to it.
  std::optional<bench_clock::time_point> arrived;

  void send(protocol::request_params params);  // not on a stamped peer: it only listens
};

// Clients of one server, their callbacks run by the caller's thread inside run_until(): the
// callbacks and the state of a measurement need no locks. Every wait has a time limit.
class bench_clients {
 public:
  explicit bench_clients(const testing::server_process& server);
  ~bench_clients();  // closes every connection, waiting at most 5 s
  bench_clients(const bench_clients&) = delete;
  bench_clients& operator=(const bench_clients&) = delete;

  // Opens `n` connections that say `hello`; returns once every hello is answered ok. With
  // `decode_if`, a connection decodes only the frames it accepts (client::connection_handlers).
  std::vector<peer*> connect(int n, const protocol::hello& hello,
                             const client::frame_filter& decode_if = {});

  // Opens `n` connections like connect(), read with the kernel's receive time of each frame
  // (peer::arrived). They say hello, then only listen. A thread of their own reads them, as
  // soon as a frame comes (the kernel gives bytes still queued the time of a later segment);
  // their callbacks run on the caller's thread like every other peer's.
  std::vector<peer*> connect_stamped(int n, const protocol::hello& hello,
                                     const client::frame_filter& decode_if = {});

  // Sends one request and waits for its reply; throws unless it is ok.
  protocol::reply call(peer& p, protocol::request_params params, std::string_view what);

  // Runs the clients' callbacks until `done()` holds. Throws after `limit`, or as soon as a
  // callback called fail() or a connection closed unasked.
  void run_until(const std::function<bool()>& done, bench_clock::duration limit,
                 std::string_view what);
  void run_for(bench_clock::duration d);

  // Called by measurement callbacks: makes run_until() throw.
  void fail(std::string why);

  // Opens `targets.size()` Server-Sent Events streams (GET each target, as a phone's page
  // does), on this io_context; `on_data(i, data)` gets each `data:` line of stream i. Returns
  // once every stream has had its first event. A stream that fails, or ends before its first
  // event, fails the run (the server ends a ticket's stream after its last view).
  void follow(const std::vector<std::string>& targets,
              std::function<void(std::size_t, std::string_view)> on_data);
  // Closes every event stream.
  void stop_following();

 private:
  peer& add(const protocol::hello& hello, const client::frame_filter& decode_if);
  struct stamped;
  // On the stamped thread: reads `s` on; each frame goes to the caller's thread (take).
  void read(stamped& s);
  // On the caller's thread: a frame `s` read, received at `arrived`.
  void take(stamped& s, std::string_view text, bench_clock::time_point arrived);
  // From the stamped thread: fail() on the caller's thread, unless closing.
  void fail_later(std::string why);
  // A reply to `p`: its hello's (then it is ready) or one for on_reply.
  void answer(peer& p, const protocol::reply& r);

  const testing::server_process& server_;
  boost::asio::io_context ioc_{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(ioc_);
  // Destroyed before the io_context (their sockets belong to it). Handlers still queued then
  // are destroyed with the io_context, never run.
  std::vector<std::unique_ptr<peer>> peers_;
  // The stamped peers' sockets and the thread that reads them (joined before they go).
  boost::asio::io_context stamped_ioc_{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> stamped_work_ =
      boost::asio::make_work_guard(stamped_ioc_);
  std::vector<std::unique_ptr<stamped>> stamped_;
  std::thread stamped_thread_;
  struct stream;
  std::vector<std::unique_ptr<stream>> streams_;
  std::vector<std::shared_ptr<std::function<void()>>> reads_;  // each stream's read loop
  std::string failure_;
  std::size_t closed_ = 0;
  bool closing_ = false;
};

}  // namespace motcua::bench
