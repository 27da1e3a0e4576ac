// The dossier workflow (docs/domain.md, from "The citizen's path" to "On-time figures"):
// registration with field-level
// validation, codes, due times and the tracking book; the status machine with
// control-sheet rows; extensions; supplement time not counted; lookups and
// search; the "due within a working day" warning. It knows nothing of
// sockets or JSON text.
//
// Single-threaded: the engine only (one thread at a time), inside the engine's transaction;
// like the queue, each verb validates before it writes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/config/config.hpp"
#include "server/engine/audit.hpp"
#include "server/engine/province_feed.hpp"
#include "server/engine/queue.hpp"
#include "server/engine/text_outbox.hpp"
#include "server/store/dossier_store.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::engine {

// The public view of another centre's dossier as the province hub holds it (issue 15), in the
// words of dossier_desk::public_view; a step taken at another unit than the receiving one names
// that unit's code. No ticket offer: the kiosk offers tickets for this centre's dossiers only.
protocol::public_dossier public_view_of(const protocol::province::dossier_row& d,
                                        const std::vector<protocol::province::history_row>& steps,
                                        domain::time_point now);

class dossier_desk {
 public:
  // `texts`: the applicant's texts of the steps that concern them (received, supplement, result,
  // late), written in the step's transaction.
  // `province`: each dossier and history step as written, for the province hub.
  dossier_desk(const config::settings& settings, store::dossier_store& store, audit_log& audit,
               text_outbox& texts, province_feed& province);

  // `current_ticket`: the ticket the clerk is serving, linked when the request names none.
  protocol::reply_body register_dossier(const context& c, const protocol::register_dossier& r,
                                        std::optional<domain::ticket_id> current_ticket);
  protocol::reply_body get_dossier(const context& c, const protocol::get_dossier& r);
  // The procedures in force today, each with the due time of a dossier received now.
  protocol::procedures_result procedures(const context& c,
                                         const protocol::list_procedures& r) const;
  protocol::reply_body lookup(const context& c, const protocol::lookup_dossier& r);
  protocol::reply_body advance(const context& c, const protocol::advance_dossier& r);
  protocol::reply_body search(const context& c, const protocol::search_dossiers& r);
  // The public view of a dossier by code (HTTP), or nothing for an unknown code.
  std::optional<protocol::public_dossier> public_view(const std::string& code,
                                                      domain::time_point now);

  // The ticket a kiosk may take for the dossier with this code now, if any.
  std::optional<protocol::ticket_offer> ticket_offer(const std::string& code);

  // Flags the open dossiers due within one working day (once each), with an event.
  void flag_due_soon(domain::time_point now);

  std::vector<protocol::event_body> take_events();
  // Dossiers by status now (for /metrics), kept up to date without queries.
  const std::map<std::string, int>& counts() const { return counts_; }
  // Re-reads the counts (at start, and after a rolled-back request).
  void reload() { counts_ = store_.count_by_status(); }

 private:
  const config::procedure_version* version_of(const store::dossier_record& d) const;
  protocol::dossier_view full_view(const store::dossier_record& d, domain::time_point now,
                                   bool with_history);
  protocol::public_dossier public_view(const store::dossier_record& d, domain::time_point now);
  // The ticket a kiosk may take for the dossier now (result ready, supplement asked).
  std::optional<protocol::ticket_offer> ticket_offer(const store::dossier_record& d) const;
  // Due at or before this instant: due within one working day of `now`.
  domain::time_point due_soon_before(domain::time_point now) const;
  std::optional<std::string> step_result(const store::dossier_record& d,
                                         domain::time_point now) const;
  void record(const context& c, const store::dossier_record& d, const store::history_record& h);

  const config::settings& settings_;
  const config::catalogue& catalogue_;
  domain::working_calendar calendar_;
  store::dossier_store& store_;
  audit_log& audit_;
  text_outbox& texts_;
  province_feed& province_;
  std::vector<protocol::event_body> events_;
  std::map<std::string, int> counts_;
};

}  // namespace motcua::engine
