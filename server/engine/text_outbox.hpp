// Text messages to citizens (issue 14), the engine's side: the queue says which ticket has come
// near the front or been called, and this writes its text to the outbox (store/sms_store.hpp) in
// the caller's transaction, so the text exists exactly when the event that causes it does. The
// per-phone daily cap and the quiet hours are decided here, once, on the engine's clock: a text
// over the cap, or a `called` text in quiet hours (meaningless later), is written `skipped` with
// its reason; an `ahead` text in quiet hours waits for their end. The sender (server/sms) posts
// what is queued.
//
// Engine thread only, like the queue.
#pragma once

#include <optional>
#include <string>

#include "server/config/config.hpp"
#include "server/store/sms_store.hpp"

namespace motcua::engine {

// The key a delivery report for row `id` must carry: HMAC-SHA-256 under the sendsms password
// (a secret the server holds and the public does not), so nobody else can forge a report.
std::string report_key(const config::text_messages& sms, std::int64_t id);
// Kannel's delivery report status (dlr-mask bits: 1 delivered to the phone, 2 not delivered, 4
// queued at the SMSC, 8 accepted by the SMSC, 16 refused by the SMSC) as the row's new state:
// "delivered", "failed", or empty (still on its way: the row stays as it is).
std::string state_of_report(int status);

// GET /api/v1/sms/dlr?id=..&key=..&status=..: Kannel's delivery report of one text.
struct text_report {
  std::int64_t id = 0;
  int status = 0;
  std::string key;
};

// What a text says of its ticket (the template's placeholders).
struct text_subject {
  const store::ticket_record& ticket;
  int ahead = 0;
  std::string counter;  // {counter}: the counter's name, for `called`
  std::string url;      // {url}: the ticket's page, when the centre has a public address
};

class text_outbox {
 public:
  text_outbox(const config::settings& settings, store::sms_store& store);

  bool enabled() const { return settings_.sms.has_value(); }
  // How many before a ticket of `service` make its `ahead` text due.
  int ahead_threshold(domain::service_id service) const;

  // The ticket has come to its service's threshold: its `ahead` text, once.
  void ahead(domain::time_point now, const text_subject& s);
  // The ticket was issued at or within the threshold: the citizen is in the hall, so no `ahead`
  // text ever (a `skipped` row, reason "near", holds its place).
  void near(domain::time_point now, const store::ticket_record& t);
  // The ticket is called: its `called` text, once (a recall sends none).
  void called(domain::time_point now, const text_subject& s);

  // A delivery report: a sent (or still sending) row becomes delivered or failed. False for a
  // key that is not the row's (or no texts configured): the route answers 404.
  bool report(domain::time_point now, const text_report& r);

  // `text` with {number}, {counter}, {ahead}, {url} and {centre} filled in, without diacritics
  // when the configuration says `ascii`.
  std::string render(const std::string& text, const text_subject& s) const;

 private:
  void write(domain::time_point now, const store::ticket_record& t, const std::string& kind,
             std::string text, bool wait_out_quiet);

  const config::settings& settings_;
  store::sms_store& store_;
};

}  // namespace motcua::engine
