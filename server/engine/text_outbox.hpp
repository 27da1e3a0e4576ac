// Text messages to citizens (issue 14), the engine's side: the queue says which ticket has come
// near the front or been called, the dossier desk which dossier was received, asked for a
// supplement, has its result or is late, and this writes its text to the outbox
// (store/sms_store.hpp) in the caller's transaction, so the text exists exactly when the event
// that causes it does. The per-phone daily cap and the quiet hours are decided here on the
// engine's clock: a ticket's text over the cap (a dossier's are never capped), or one that would
// mean nothing after the quiet hours, is written `skipped` with its reason; any other text in
// them waits for their end (the sender holds a retry the same way: apply_quiet_hours()). A
// landline (02...) gets no text (`skipped`, reason "landline").
//
// Engine thread only, like the queue.
#pragma once

#include <optional>
#include <string>

#include "server/config/config.hpp"
#include "server/store/dossier_store.hpp"
#include "server/store/sms_store.hpp"

namespace motcua::engine {

// The key a delivery report for row `id` must carry: HMAC-SHA-256 under the sendsms password
// (a secret the server holds and the public does not), so nobody else can forge a report.
std::string report_key(const config::text_messages& sms, std::int64_t id);
// Kannel's delivery report status (dlr-mask bits: 1 delivered to the phone, 2 not delivered, 4
// queued at the SMSC, 8 accepted by the SMSC, 16 refused by the SMSC) as the row's new state:
// "delivered", "failed", or empty (still on its way: the row stays as it is).
std::string state_of_report(int status);

// The quiet hours for text row `r` due at `now` (the engine writing it, the sender about to post
// it): false when `now` is not in them; else the row is held until their end (its
// next_attempt_at), or skipped (reason "quiet") when it would mean nothing then: a `called` text,
// or a ticket's `ahead` text whose ticket is of another day than their end (a ticket lives one
// day). One rule for both, so a retry (Kannel was down) never goes out at night either.
bool apply_quiet_hours(const config::text_messages& sms, const domain::business_zone& zone,
                       domain::time_point now, store::sms_record& r);

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
  // The dossier's step of `kind` ("received", "supplement", "result", "late") happened: its text
  // to the applicant's phone (the step happens once, so does its text).
  void dossier_step(domain::time_point now, const store::dossier_record& d,
                    const std::string& kind);

  // A delivery report: a sent (or still sending) row becomes delivered or failed. False for a
  // key that is not the row's (or no texts configured): the route answers 404.
  bool report(domain::time_point now, const text_report& r);

  // What staff see of the texts of a ticket or a dossier, oldest first (none when texts are not
  // configured), and the texts written on the business days [from, to) by state.
  std::vector<protocol::text_view> of_ticket(domain::ticket_id ticket) const;
  std::vector<protocol::text_view> of_dossier(std::int64_t dossier) const;
  std::vector<protocol::status_count> states(std::chrono::year_month_day from,
                                             std::chrono::year_month_day to) const;

  // The template of `kind` with {number}, {counter}, {ahead}, {url} and {centre} filled in,
  // without diacritics when the configuration says `ascii`; for a dossier {code}, {due} and
  // {url} (its status page).
  std::string render(const std::string& kind, const text_subject& s) const;
  std::string render(const std::string& kind, const store::dossier_record& d) const;

 private:
  std::string finish(std::string text) const;
  // The ticket's text of `kind`, once (a row of that kind already there: nothing).
  void ticket_text(domain::time_point now, const text_subject& s, const std::string& kind);
  std::vector<protocol::text_view> views(const std::vector<store::sms_record>& rows) const;
  // Writes `r` (its subject, kind, phone and text set) queued, held to the quiet hours' end, or
  // skipped for the cap, the quiet hours or a landline.
  void write(domain::time_point now, store::sms_record r);

  const config::settings& settings_;
  store::sms_store& store_;
};

}  // namespace motcua::engine
