// The queue engine: tickets, counters, call order, recalls, transfers,
// opening hours, daily caps and estimated waits. It keeps today's queue in
// memory and writes every change through the store and the audit log inside
// the caller's transaction. It knows nothing of sockets or JSON text.
//
// Single-threaded: only the engine calls it (one thread at a time, engine/runner.hpp). Every verb
// validates before it writes, and writes the database before it changes memory, so a failed request
// leaves both untouched (the caller rolls back its savepoint).
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "server/config/config.hpp"
#include "server/engine/audit.hpp"
#include "server/engine/province_feed.hpp"
#include "server/engine/text_outbox.hpp"
#include "server/metrics/metrics.hpp"
#include "server/store/queue_store.hpp"
#include "shared/domain/call_order.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/wait_estimate.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::engine {

// Who is asking: the role and name come from the server's records.
struct actor {
  protocol::role role = protocol::role::kiosk;
  std::string name;  // username or device name
  std::string display_name;
};

// One request's context.
struct context {
  const actor& who;
  bool english = false;
  domain::time_point now;
};

class queue {
 public:
  // `province`: each ticket as it changes, for the province hub, in the change's transaction.
  queue(const config::settings& settings, store::queue_store& store, audit_log& audit,
        text_outbox& texts, province_feed& province);

  // (Re)loads today's state from the database; closes tickets left open on
  // earlier days. Inside a transaction.
  void load(domain::time_point now);
  // Closes the day when the business day has changed since the last call, and announces the new
  // one (announce_all); `now` is the time of the batch that begins (the estimates read it).
  // Inside a transaction.
  void roll_over_if_new_day(domain::time_point now);
  // Every counter's state and every service's figures as events (counter_changed,
  // queue_changed): what the screens show, sent again whole (a new day, or memory reloaded
  // after a rollback).
  void announce_all();

  protocol::reply_body take_ticket(const context& c, const protocol::take_ticket& r,
                                   const std::string& device);
  // The ticket of a booking checked in at the kiosk (priority `appointment`), or the one the
  // same `request_key` got today. Neither the opening hours nor the daily cap apply: the
  // booking rules chose the slot, and its place was kept. Its texts go to the booking's `phone`.
  protocol::reply_body take_appointment(const context& c, domain::service_id service,
                                        const std::string& request_key, const std::string& lang,
                                        const std::string& device, const std::string& phone);

  // The ticket on the citizen's phone (issue 14): today's ticket whose public token is `token`,
  // as its page shows it; `not_found` for any other token (another day's, or none).
  std::variant<protocol::error, protocol::public_ticket> public_view(const std::string& token,
                                                                     bool english) const;
  // The id of today's ticket whose public token is `token` (the phone following it).
  std::optional<domain::ticket_id> held_id(const std::string& token) const;
  // The counter that served that ticket to the end (`done`), for its rating from the phone.
  std::optional<domain::counter_id> served_at(const std::string& token) const;
  // The citizen gives their ticket up from its page: a waiting ticket is cancelled (its place
  // freed, the audit log saying so); one called or being served is a conflict; one over
  // already is answered as it is.
  std::variant<protocol::error, protocol::public_ticket> give_up(const context& c,
                                                                 const std::string& token);
  // Ties a ticket of today to a dossier (registered while serving it); a ticket keeps its first
  // dossier. Nothing happens for a ticket of an earlier day.
  void link_dossier(const context& c, domain::ticket_id ticket, const std::string& code);
  protocol::reply_body open_counter(const context& c, const protocol::open_counter& r);
  protocol::reply_body call_next(const context& c);
  protocol::reply_body call_ticket(const context& c, const protocol::call_ticket& r);
  protocol::reply_body recall(const context& c);
  protocol::reply_body start_service(const context& c);
  protocol::reply_body no_show(const context& c);
  protocol::reply_body transfer(const context& c, const protocol::transfer& r);
  protocol::reply_body finish(const context& c, const protocol::finish& r);
  protocol::reply_body pause_counter(const context& c);
  protocol::reply_body resume_counter(const context& c);
  protocol::reply_body close_counter(const context& c);

  std::vector<protocol::service_view> services(domain::time_point now) const;
  protocol::snapshot snapshot(const actor& who, domain::time_point now) const;
  protocol::stats stats(domain::time_point now) const;
  // How good today's wait estimates were, by service code (every configured service).
  std::map<std::string, metrics::eta_accuracy> eta_accuracy(domain::time_point now) const;
  // Per service and for all services together, for tickets issued and visits
  // called in [from, to), with the waiting counts and longest waits of `now`.
  struct figures {
    std::vector<protocol::service_stats> services;
    protocol::service_stats totals;  // `service` 0
    protocol::wait_figures appointment_waits, walk_in_waits;
  };
  figures service_figures(domain::time_point from, domain::time_point to,
                          domain::time_point now) const;
  // The clerk holding a counter now, if any.
  std::optional<std::string> clerk_at(domain::counter_id counter) const;
  std::size_t waiting_count(domain::service_id service) const;
  // A service's queue as its queue_changed event says it now: waiting count and ETA.
  protocol::queue_changed queue_figures(domain::service_id service) const;
  // The ticket the clerk's counter is calling or serving, if any.
  std::optional<domain::ticket_id> ticket_of_clerk(const std::string& clerk) const;
  // The bookings still booked whose slot starts within the hour, per service
  // (booking_desk::due_soon): they check in and are called ahead of a walk-in, so a walk-in's ETA
  // counts them (README "Estimated wait"). A service whose count changed has a queue_changed.
  void set_appointments_due(std::map<domain::service_id, int> due);

  // Events produced since the last call, in order.
  std::vector<protocol::event_body> take_events();
  // The `ahead` texts of the tickets that have come near the front of a service changed since
  // the last call (text_outbox.hpp); in the transaction of the change, after the request.
  void write_texts(domain::time_point now);

 private:
  // The call-order rule (domain/call_order.hpp) reads a ticket through this view.
  static domain::queued_ticket queued(const store::ticket_record& t);
  static domain::call_position key_of(const store::ticket_record& t) {
    return domain::position_of(queued(t));
  }
  // Moves the ticket along the state machine of domain/ticket.hpp; throws
  // std::logic_error (an `internal` reply) for a transition it forbids.
  static void apply(store::ticket_record& t, domain::ticket_action action);

  using ticket_record = store::ticket_record;
  using counter_record = store::counter_record;

  // The ticket `request_key` got today, with its place now; none when it got none.
  std::optional<protocol::ticket_result> again(const std::string& request_key) const;
  // The reply to the kiosk that took (or checked in) `t`, whose view is `v`: with its public
  // token and page address, which no event or snapshot carries, and its place now.
  protocol::ticket_result reply_of(const ticket_record& t, protocol::ticket v) const;
  // The address of the ticket's page, when it has a token and the centre a public address.
  std::optional<std::string> page_of(const ticket_record& t) const;
  // Today's ticket whose public token is `token`, if any.
  const ticket_record* held_by(const std::string& token) const;
  // Issues a waiting ticket of `service` (database, audit log, memory, events).
  protocol::ticket_result issue(const context& c, const config::service& service,
                                const std::string& request_key, domain::priority priority,
                                const std::string& lang, const std::string& device,
                                const std::optional<std::string>& dossier,
                                const std::optional<std::string>& phone);
  protocol::ticket view(const ticket_record& t) const;
  protocol::counter_view view(const counter_record& c) const;
  std::optional<protocol::service_closure> closure_of(const config::service& s,
                                                      domain::time_point now) const;
  bool within_hours(const config::service& s, domain::time_point now) const;
  int ahead_of(const ticket_record& t) const;
  // The spells later today when `s` is not served (between its opening hours), from now_.
  std::vector<domain::closed_spell> closed_spells(const config::service& s) const;
  // The estimate (domain/wait_estimate.hpp) for one joining `service` with `ahead` before them.
  int eta_for(domain::service_id service, int ahead) const;
  // The ETA of a ticket with `ahead` before it: a walk-in's counts the appointments due too.
  int eta_of(const ticket_record& t, int ahead) const;
  int appointments_due(domain::service_id service) const;
  const ticket_record* select_next(const counter_record& counter) const;
  domain::appointment_run run_of(domain::counter_id counter) const;

  // The clerk's counter, or an error reply.
  counter_record* counter_of(const std::string& clerk);
  counter_record* require_counter(const context& c, protocol::reply_body& error);
  // The clerk's counter when it may call a ticket: open, with none in hand.
  counter_record* require_ready_counter(const context& c, protocol::reply_body& error);
  ticket_record* current_ticket(const counter_record& counter);
  // The clerk's counter and its current ticket when that is in `state`; else
  // a null ticket and the error reply.
  std::pair<counter_record*, ticket_record*> require_ticket(const context& c,
                                                            domain::ticket_state state,
                                                            protocol::reply_body& error);

  protocol::reply_body call(const context& c, counter_record& counter, ticket_record& t,
                            const std::string& reason);
  // Ends the counter's current visit by `how` (finish or no_show).
  protocol::reply_body end_visit(const context& c, counter_record& counter, ticket_record& t,
                                 domain::ticket_action how, const std::string& action,
                                 std::optional<std::string> outcome);
  protocol::reply_body set_counter_state(const context& c, protocol::counter_state from,
                                         protocol::counter_state to, const std::string& action);

  // Writes the ticket and counter (database, then memory) and records the audit entry.
  void commit_ticket(const context& c, const ticket_record& before, const ticket_record& after,
                     const std::string& action, const std::string& reason);
  void commit_counter(const context& c, const counter_record& after, const std::string& action);
  void close_day(domain::time_point now);

  void emit_queue_changed(domain::service_id service);
  void emit_counter_changed(const counter_record& c);
  void emit(protocol::event_body e) { events_.push_back(std::move(e)); }

  const config::settings& settings_;
  store::queue_store& store_;
  audit_log& audit_;
  text_outbox& texts_;
  province_feed& province_;

  std::string day_;
  domain::time_point day_begins_, day_ends_;  // day_ in the business zone: [begins, ends)
  domain::time_point now_;  // the running batch's time (roll_over_if_new_day), for the estimates

  std::map<domain::ticket_id, ticket_record> tickets_;  // today's
  std::unordered_map<std::string, domain::ticket_id> by_request_key_;
  std::unordered_map<std::string, domain::ticket_id> by_public_token_;  // today's
  std::map<domain::service_id, int> last_sequence_;
  domain::waiting_lines waiting_;
  std::map<domain::counter_id, counter_record> counters_;
  // Each counter's appointments called last, one after another (domain::appointment_run):
  // kept as calls are made, read back from today's visits at load, so a restart keeps it.
  std::map<domain::counter_id, int> appointments_called_;
  std::deque<protocol::call_view> recent_calls_;  // newest first
  domain::service_times service_times_;
  // Not today's tickets: the engine sets it from the bookings, so load() keeps it.
  std::map<domain::service_id, int> appointments_due_;
  std::vector<protocol::event_body> events_;
  std::set<domain::service_id> front_changed_;  // for write_texts()
};

}  // namespace motcua::engine
