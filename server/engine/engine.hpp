// The engine: the one place that owns the queue state and writes the
// database. It logs hellos in (through auth/sessions.hpp), checks each verb's role, runs the
// verb and numbers the resulting events with the server-wide `seq`.
//
// Requests are handled in batches (group commit): begin(), handle() for each
// request (each in its own savepoint, so one failure undoes only itself),
// then commit(), which commits the whole batch at once. Replies and events may be sent only
// once it is durable: after wal().make_durable() (the runner's sync thread), or at once when
// durability is not deferred.
//
// Each event belongs to a topic (protocol/topics.hpp) and is numbered twice: the server-wide
// `seq` and its topic's `topic_seq`. A connection subscribes at hello to its screen's topics and
// receives only those (engine/runner.hpp). queue_changed is coalesced: a service's change is
// numbered at most once per `queue_changed_interval_ms`, at the first commit when that has
// passed (the runner commits an empty batch when nothing else comes), with the queue's figures
// of that moment; so the last change is never lost and the values are always the latest.
//
// Single-threaded: one thread at a time calls it, the engine thread or a network thread running
// a lone request (engine/runner.hpp, its engine_mutex_).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/auth/login_guard.hpp"
#include "server/auth/sessions.hpp"
#include "server/config/config.hpp"
#include "server/engine/audit.hpp"
#include "server/engine/booking_desk.hpp"
#include "server/engine/dossier_desk.hpp"
#include "server/engine/forms.hpp"
#include "server/engine/frame.hpp"
#include "server/engine/queue.hpp"
#include "server/engine/reports.hpp"
#include "server/store/booking_store.hpp"
#include "server/store/database.hpp"
#include "server/store/dossier_store.hpp"
#include "server/store/queue_store.hpp"
#include "server/store/report_store.hpp"
#include "server/store/wal_writes.hpp"
#include "shared/domain/clock.hpp"
#include "shared/protocol/messages.hpp"
#include "shared/protocol/topics.hpp"

namespace motcua::engine {

// A numbered event with its wire frame, serialised once for every receiver.
struct published_event {
  protocol::event event;
  protocol::topic topic;  // topic_of(event.body)
  frame text;
};

// What the engine knows about one connection.
struct connection_state {
  std::optional<actor> who;  // set by a successful hello
  // Its topics, set with `who`: its role's default (shared by every such connection) or those
  // its hello named.
  std::shared_ptr<const protocol::subscription> topics;
};

// GET (or POST: `cancel`) /api/v1/tickets/{token}[/cancel], and the ticket's page /ve/{token}.
struct ticket_lookup {
  std::string token;
  bool cancel = false;
  bool english = false;
};
// POST /ve/{token}/danh-gia: the citizen rates the service their ticket had, once it is done.
struct ticket_rating {
  std::string token;
  int level = 0;
  bool english = false;
};
// What a public HTTP route asks of the engine: a day's slots, a booking made, one read,
// cancelled or moved with its token, a ticket read, given up or rated with its token, a text's
// delivery report.
using public_request = std::variant<slots_query, protocol::book, booking_lookup, ticket_lookup,
                                    ticket_rating, text_report>;
// A delivery report taken (200).
struct text_reported {};
// The answer to a public_request.
struct public_answer {
  std::variant<protocol::error, protocol::slots_result, protocol::booking_result,
               protocol::public_ticket, text_reported>
      body;
  bool created = false;  // a new booking (201)
};

// A ticket followed from the citizen's phone: its id (its events name it) and its view.
struct followed_ticket {
  domain::ticket_id id = 0;
  protocol::public_ticket view;
};

struct outcome {
  protocol::reply_body body;
  std::vector<published_event> replay;  // hello with `since`: the missed events, to send after
};

class engine {
 public:
  // `logins` is shared with the password pool: the engine lifts and lists its locks.
  engine(const config::settings& settings, const std::string& db_path, const domain::clock& clock,
         auth::login_guard& logins);

  // Opens a batch: all or nothing (when it throws, no batch is open).
  void begin();
  outcome handle(connection_state& conn, const protocol::request& r, auth::password_check check);
  // Commits the batch and returns its events, numbered. On failure the batch
  // is rolled back, the in-memory state reloaded, and the error rethrown.
  std::vector<published_event> commit();
  // The open batch, if any, rolled back with its events unsent and memory reloaded: for work
  // between begin() and commit() that threw outside a request's savepoint.
  void abandon();

  // Between batches: past `wal_checkpoint_pages` pages of WAL, a passive checkpoint on the
  // engine's connection. Under sustained load the checkpointer thread never catches up with
  // the writer, so the WAL would never restart and every commit would grow the file (an
  // allocation and an inode write in each fsync); this way it restarts and stays small.
  void checkpoint_if_due();
  bool checkpoint_due() const;
  // The engine's commits no longer wait for the disk: each is durable once wal().make_durable()
  // has returned after it (the runner's pipelined group commit, store/wal_writes.hpp).
  void defer_durability() { db_.defer_wal_syncs(); }
  store::wal_sync& wal() const { return db_.wal(); }

  // How long until a coalesced queue_changed is due (then a commit, even of an empty batch,
  // sends it); none while none waits.
  std::optional<std::chrono::milliseconds> queue_changes_due_in() const;

  // Periodic work (about once a second): the day roll-over, the bookings whose check-in window
  // has closed (missed), the appointments due within the hour (in the walk-ins' ETA), and the
  // managers' stats event every `stats_interval_seconds` while figures change. Runs its own batch
  // (abandoned when any of it throws).
  std::vector<published_event> tick();

  // Inside a batch: writes to the audit log that failed logins put `lock` on.
  void record_lockout(const auth::login_lock& lock);
  int login_locks() const;

  std::vector<protocol::service_view> services() const;
  const std::map<std::string, int>& dossier_counts() const;
  // Today's accuracy of the wait estimates by service code, as of the last stats (at start, then
  // every stats_interval_seconds).
  const std::map<std::string, metrics::eta_accuracy>& eta_accuracy() const { return eta_accuracy_; }
  // A printed form for a staff session (HTTP), filled in; inside a batch (begin/commit): the
  // print is recorded in the audit log.
  form_outcome form(const form_request& r);
  // The public view of a dossier (HTTP pages and API); reads only.
  std::optional<protocol::public_dossier> public_dossier(const std::string& code);
  // A public route (HTTP), inside a batch (begin/commit): a booking made, moved or cancelled, a
  // ticket given up, is durable, and its events sent, once the batch commits.
  public_answer public_route(const public_request& r);
  // Today's ticket whose public token is `token`, as its phone page shows it (reads only);
  // `not_found` for any other token.
  std::variant<protocol::error, followed_ticket> followed(const std::string& token,
                                                          bool english) const;

 private:
  protocol::reply_body hello(connection_state& conn, const protocol::request& r,
                             const protocol::hello& h, auth::password_check check,
                             std::vector<published_event>& replay);
  // The verb table: for each request type, the roles that may send it (docs/protocol.md "Verbs")
  // and what runs it. No default: a request type without its row does not compile.
  protocol::reply_body run(connection_state& conn, const protocol::request& r,
                           auth::password_check check, std::vector<published_event>& replay);
  // take_ticket for a dossier only as its ticket_offer allows.
  protocol::reply_body take_ticket(const context& c, const protocol::take_ticket& r,
                                   const std::string& device);
  // The booking the kiosk names, in its window, gets an appointment ticket (the same one again
  // once it has it).
  protocol::reply_body check_in(const context& c, const protocol::check_in& r,
                                const std::string& device);
  // Runs `work` in its own savepoint; when it throws, the savepoint's writes are undone, memory
  // reloaded from what remains, and false returned. Then every desk's events are numbered.
  template <class Work>
  bool in_savepoint(std::string_view what, Work work);
  // After a rollback: the desks' memory from what the database holds, their untaken events
  // dropped.
  void reload_memory(domain::time_point now);
  // After abandon()'s rollback, in a transaction of its own: the event seq and memory from the
  // database. Until it has succeeded (the disk may refuse it too), each begin() tries it first.
  void reload_after_rollback();
  // The periodic work of tick(), in its batch.
  void tick_work();
  // register_dossier, then the served ticket is tied to the new dossier.
  protocol::reply_body register_dossier(const context& c, const protocol::register_dossier& r,
                                        const std::string& clerk);
  protocol::reply_body unlock_login(const context& c, const protocol::unlock_login& u);
  // A rating from the ticket's page: the ticket as it stands, rated (once: again, the first
  // rating stands), or why not (not done yet: `conflict`; a level off the scale: `invalid`).
  std::variant<protocol::error, protocol::public_ticket> rate_ticket(const context& c,
                                                                     const ticket_rating& r);
  std::vector<protocol::login_lock_view> lock_views(
      const std::vector<auth::login_lock>& locks) const;
  // What a lock is shown as: its address, its username when that is an account, else "?" (a
  // stranger's "username" may be a mistyped password).
  std::string lock_key(const auth::login_lock& lock) const;
  // The audit entity of a lock: "login:" or "address:" and its lock_key.
  std::string lock_entity(const auth::login_lock& lock) const;
  std::optional<std::vector<published_event>> replay_since(
      std::int64_t since, const protocol::subscription& topics) const;
  // The one subscription equal to `topics` that connections hold now (made when none does):
  // the runner filters each batch once per subscription, not once per connection.
  std::shared_ptr<const protocol::subscription> shared(protocol::subscription topics);
  // Gives the event the next seq and topic_seq and adds it, serialised, to the batch; a
  // queue_changed, when coalesced, waits for number_due_queue_changes().
  void number(protocol::event_body body);
  void number_now(protocol::event_body body);
  // The waiting services' queue_changed whose interval has passed, with the figures of now.
  void number_due_queue_changes();

  const config::settings& settings_;
  const domain::clock& clock_;
  auth::login_guard& logins_;
  store::database db_;
  store::queue_store store_;
  auth::sessions sessions_;
  audit_log audit_;
  store::sms_store sms_store_;
  text_outbox texts_;
  store::hub_outbox_store hub_outbox_;
  province_feed province_;
  queue queue_;
  store::dossier_store dossier_store_;
  dossier_desk dossiers_;
  form_desk forms_;
  store::report_store report_store_;
  reports reports_;
  store::booking_store booking_store_;
  booking_desk bookings_;
  std::optional<store::transaction> batch_;
  bool reload_due_ = false;  // abandon() rolled back but could not reload memory yet
  domain::time_point batch_now_;

  std::int64_t last_seq_ = 0;
  std::vector<published_event> batch_events_;           // numbered, not yet committed
  std::deque<published_event> ring_;                    // the latest committed events, for replay
  std::map<protocol::topic, std::int64_t> topic_seqs_;  // each topic's last topic_seq
  std::vector<std::weak_ptr<const protocol::subscription>> subscriptions_;  // shared()
  // Coalescing: the services whose queue changed since their last queue_changed, and when each
  // service's last one was numbered.
  std::set<domain::service_id> queue_changes_;
  std::map<domain::service_id, domain::time_point> queue_changed_at_;
  protocol::stats last_stats_;
  domain::time_point last_stats_at_;
  std::map<std::string, metrics::eta_accuracy> eta_accuracy_;
};

}  // namespace motcua::engine
