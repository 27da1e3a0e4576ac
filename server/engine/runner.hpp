// The engine thread. Network sessions hand it decoded requests; it runs them
// in batches through the engine (one transaction per batch: group commit),
// and only after the batch is durable sends each reply and fans the events
// out to the connections that should see them.
//
// Pipelined group commit: the engine thread commits a batch without waiting for the disk
// (engine::defer_durability) and hands what the batch answers (replies, events, phones' views,
// the HTTP routes' answers) to the sync thread, which makes the WAL durable (one fdatasync for
// every batch committed meanwhile) and only then hands it out, in the batches' order. Meanwhile
// the engine thread runs the next batch: the disk's wait and the CPU's work overlap instead of
// taking turns. A failed fdatasync ends the process (nothing it answered may be lost, and the
// kernel may have dropped what it could not write: PostgreSQL does the same); the database,
// opened again, holds every batch that was answered.
//
// A lone client's request (the one before it came from the same connection, or over 2 ms ago)
// that finds the engine idle (no batch running, none waiting, the last one handed out) runs at
// once on the network thread that submits it, as a batch of one: its round trip then costs no
// hand-off between threads (each a sleep and a wake-up, the largest part of its latency); it makes
// its batch durable and hands it out itself, when the sync thread has nothing left to hand. With
// several clients at once requests queue and the engine thread batches them. Either way one
// thread at a time runs the engine (engine_mutex_).
//
// Thread-safety: connect(), submit(), disconnect() and state() may be called
// from any thread; everything else runs with engine_mutex_ held, but for the sync thread's.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "server/engine/engine.hpp"
#include "server/engine/frame.hpp"
#include "server/metrics/metrics.hpp"

namespace motcua::engine {

// What the runner hands one connection in one go (once its batch is durable), in order: its own
// frames (its replies of this batch, each followed by the events a hello with `since` missed), then
// the batch's events from `first_event` on. Those are one list shared by every connection (each
// event serialised once, nothing copied per connection). `replies`: how many of its own frames are
// replies to its requests; `logged_in`: one of them is its successful hello (durable: the batch
// is committed); `bad_credentials`: one refused its hello's credential (`unauthorized`), which
// counts as a guess. `handed_out`: held until the connection has taken its frames (then
// dropped).
struct delivery {
  std::vector<frame> own;
  std::shared_ptr<const std::vector<frame>> events;
  std::size_t first_event = 0;
  int replies = 0;
  bool logged_in = false;
  bool bad_credentials = false;
  std::shared_ptr<const void> handed_out;
};

// Where replies and events for one connection go (a WebSocket session).
class sink {
 public:
  virtual ~sink() = default;
  // Queues the frames, in order. Thread-safe; must not block.
  virtual void deliver(delivery d) = 0;
};

// Where the views of a ticket followed from the citizen's phone go (a Server-Sent Events
// stream, net/ticket_stream.hpp): `view` is its JSON (protocol::encode of public_ticket), the
// same again only when the ticket is called again; `over` with the last one (the ticket ended).
class ticket_sink {
 public:
  virtual ~ticket_sink() = default;
  // Thread-safe; must not block.
  virtual void show(std::string view, bool over) = 0;
  // The ticket is no longer today's (the day rolled over): nothing more will come.
  virtual void gone() = 0;
};

class runner {
 public:
  runner(engine& e, metrics::registry& m);
  ~runner();
  runner(const runner&) = delete;
  runner& operator=(const runner&) = delete;

  void start();
  void stop();  // finishes the queued work, then joins

  void connect(std::uint64_t connection, std::weak_ptr<sink> to);
  void submit(std::uint64_t connection, protocol::request r, auth::password_check check,
              std::chrono::steady_clock::time_point received);
  void disconnect(std::uint64_t connection);
  // Looks a dossier up for HTTP; `done` runs on the sync thread, after the
  // batch it came with is durable.
  using lookup_done = std::function<void(std::optional<protocol::public_dossier>)>;
  void lookup(std::string code, lookup_done done);
  // Fills a printed form for a staff session (HTTP); `done` runs on the sync thread once the
  // print is durably recorded in the audit log.
  using form_done = std::function<void(form_outcome)>;
  void form(form_request request, form_done done);
  // A public route (HTTP): slots, a booking made, read, moved or cancelled, a ticket read or
  // given up. It joins the
  // next batch like a WebSocket request (its writes share that batch's commit); `done` runs on
  // the sync thread once the batch is durable (or failed: then `internal`).
  using public_done = std::function<void(public_answer)>;
  void public_route(public_request request, public_done done);
  // Writes to the audit log that failed logins put `lock` on (from the password pool).
  void lockout(auth::login_lock lock);
  // Follows the ticket whose public token is `token` for a phone: `done` runs on the sync
  // thread with its view now (JSON), then `to` is shown every change of it, until the ticket ends
  // or `to` is gone. The changes come from the batches' events, by topic: the ticket's service's
  // queue_changed (people ahead, the estimate: at most every two seconds per service, the
  // latest then) and the ticket's own ticket_called and ticket_changed (at once). An unknown token:
  // `not_found`; a ticket already followed max_followers_per_ticket times: `limit`. The view now,
  // and whether it is the last (the ticket is over: nothing will follow).
  struct first_view {
    std::string view;
    bool over = false;
  };
  using follow_done = std::function<void(std::variant<protocol::error, first_view>)>;
  void follow(std::string token, bool english, std::weak_ptr<ticket_sink> to, follow_done done);

  std::shared_ptr<const metrics::public_state> state() const;

 private:
  // The work handed to the engine thread, one struct per kind.
  struct connect_job {
    std::uint64_t connection = 0;
    std::weak_ptr<sink> to;
  };
  struct request_job {
    std::uint64_t connection = 0;
    protocol::request request;
    auth::password_check check = auth::password_check::not_needed;
    std::chrono::steady_clock::time_point received;
  };
  struct disconnect_job {
    std::uint64_t connection = 0;
  };
  struct lookup_job {
    std::string code;
    lookup_done done;
  };
  struct form_job {
    form_request request;
    form_done done;
  };
  struct lockout_job {
    auth::login_lock lock;
  };
  struct public_job {
    public_request request;
    public_done done;
  };
  struct follow_job {
    std::string token;
    bool english = false;
    std::weak_ptr<ticket_sink> to;
    follow_done done;
  };
  using job = std::variant<connect_job, request_job, disconnect_job, lookup_job, form_job,
                           lockout_job, public_job, follow_job>;
  struct follower {
    std::weak_ptr<ticket_sink> to;
    std::string token;
    domain::ticket_id ticket = 0;
    protocol::service_id service = 0;  // the ticket's now (a transfer changes it)
    std::string last;                  // the view last shown
  };
  struct connection {
    std::weak_ptr<sink> to;
    connection_state state;
    std::int64_t from_seq = 0;  // events up to this seq are in its snapshot
  };
  struct done {
    std::uint64_t connection;
    outcome result;
    std::optional<std::int64_t> id;
    std::chrono::steady_clock::time_point received;
    bool logged_in = false;  // this request was the connection's successful hello
  };

  void run();
  void push(job j);
  // Runs `j` now on this thread when the engine is idle; false (j untouched) otherwise.
  bool run_alone(request_job& j);
  void process(std::deque<job>& jobs);
  // Runs one request in the open batch; its reply waits in `reply` for the commit.
  void handle(request_job& j, done& reply);
  // One form in its own small batch; an error becomes a 500 outcome.
  void fill_form(form_job& j);
  // engine_.abandon(), its failure logged (the engine reloads at its next batch).
  void abandon();
  // Commits the batch, or abandons it (`abandoned`: something in it threw); false when nothing
  // was committed (the replies then say `internal`).
  bool commit_and_reply(std::vector<done>& replies, bool abandoned);
  // Hands each connection, in one go, its replies of this batch and then the
  // events it has not seen (once the batch is durable: into pending_).
  void deliver(std::map<std::uint64_t, delivery> replies,
               const std::vector<published_event>& events);
  // What the batches run since the last release answer, handed out once they are durable.
  struct handout {
    std::vector<std::pair<std::shared_ptr<sink>, delivery>> deliveries;
    // Routes' callbacks, phones' views and the published state, in order.
    std::vector<std::function<void()>> answers;
    std::vector<std::chrono::steady_clock::time_point> received;  // of the requests replied to
    int tickets_issued = 0;
    // Counted in fanout_ until the last connection has taken its frames.
    std::shared_ptr<const void> handed_out;
  };
  // pending_, taken out and counted in fanout_ (none when it holds nothing).
  std::optional<handout> take_pending();
  // Gives pending_ to the sync thread.
  void release();
  // The sync thread: makes the released batches durable, then hands them out.
  void sync_and_hand_out();
  // Hands out `h` (the batches in it are durable).
  void hand_out(handout& h);
  // The WAL durable up to the last commit, or the process ends.
  void make_durable();
  // The state for /metrics and the public pages, shown once the batch is durable.
  void publish();
  std::shared_ptr<const metrics::public_state> current_state() const;
  void show_state(std::shared_ptr<const metrics::public_state> s);
  // Starts following (after the batch's commit, like a lookup).
  void start_following(follow_job& j);
  // Shows each follower whose ticket the events concern its view, when it changed.
  void refresh_followers(const std::vector<published_event>& events);
  // When a held queue_changed is due, a batch of nothing whose commit numbers and sends it.
  void send_due_queue_changes();

  engine& engine_;
  metrics::registry& metrics_;

  // Held by whoever runs the engine and touches connections_: the engine thread, or a network
  // thread running a lone request (run_alone). Taken before mutex_, never after it.
  std::mutex engine_mutex_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<job> jobs_;  // guarded by mutex_
  // When the sleeping engine thread wakes next (for a tick or a held queue change); the epoch
  // while it is awake. Guarded by mutex_.
  std::chrono::steady_clock::time_point engine_wakes_at_;
  // The last request submitted: its connection and when it came. Guarded by mutex_.
  std::uint64_t last_submitter_ = 0;
  std::chrono::steady_clock::time_point last_submitted_;
  bool stopping_ = false;                               // guarded by mutex_
  std::shared_ptr<const metrics::public_state> state_;  // guarded by mutex_

  std::map<std::uint64_t, connection> connections_;  // engine_mutex_
  handout pending_;                                  // engine_mutex_
  // A batch's events changed the state: published with its hand-out (a lone request's once its
  // reply is on its way, not before). engine_mutex_.
  bool state_changed_ = false;
  std::vector<follower> followers_;  // engine_mutex_
  // Per service: its queue changed since its phones were last told, and when that was (none:
  // not yet). engine_mutex_.
  struct queue_news {
    bool pending = false;
    std::optional<std::chrono::steady_clock::time_point> told;
  };
  std::map<protocol::service_id, queue_news> queue_news_;

  // The batches whose deliveries some connection has not taken yet. While the network threads
  // are still handing out the last batch, the next one waits (up to max_fanout_wait) and the
  // requests arriving meanwhile join it: under load batches grow, and each costs every
  // connection one write, not one per ticket. Shared with the deliveries' `handed_out`, which
  // may outlive the runner.
  struct fanout {
    std::mutex mutex;
    std::condition_variable done;
    int pending = 0;
  };
  std::shared_ptr<fanout> fanout_ = std::make_shared<fanout>();

  // Released by the engine (in order), waiting for the sync thread.
  std::mutex sync_mutex_;
  std::condition_variable sync_wake_;
  std::deque<handout> to_sync_;  // guarded by sync_mutex_
  bool handing_out_ = false;     // the sync thread has some; guarded by sync_mutex_
  bool sync_stopping_ = false;   // guarded by sync_mutex_
  std::thread sync_thread_;
  std::thread thread_;
};

}  // namespace motcua::engine
