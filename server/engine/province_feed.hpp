// What the province hub is told (issue 15; README "A province of centres"), the engine's side:
// the queue, the dossier desk and the reports call it for each ticket, dossier, history step and
// rating they write, and it appends the record (shared/protocol/province.hpp) to the hub outbox
// (store/hub_outbox_store.hpp) in the caller's transaction, so a record exists exactly when its
// change does. Nothing is written when the centre has no hub.
//
// The snapshot: every row the hub holds, written again as records, in parts (snapshot_step), so
// that a new hub, a hub restored from a backup, or one that missed records dropped at the
// outbox's bound ends up with this centre's rows. Its cursor is kept in `meta`, so a restart goes
// on where it stopped; changes made meanwhile follow as records of their own, later in seq.
//
// One thread at a time per instance: the engine's, or the hub sender's own (for the snapshot).
#pragma once

#include "server/config/config.hpp"
#include "server/store/dossier_store.hpp"
#include "server/store/hub_outbox_store.hpp"
#include "server/store/queue_store.hpp"
#include "server/store/report_store.hpp"
#include "shared/protocol/province.hpp"

namespace motcua::engine {

class province_feed {
 public:
  province_feed(const config::settings& settings, store::hub_outbox_store& outbox);

  bool enabled() const { return settings_.hub.has_value(); }

  void ticket(domain::time_point now, const store::ticket_record& t);
  void dossier(domain::time_point now, const store::dossier_record& d);
  void history(domain::time_point now, const store::dossier_record& d, std::int64_t id,
               const store::history_record& h);
  void rating(domain::time_point now, std::int64_t id, const store::rating_record& r);
  void service(domain::time_point now, const config::service& s);

  // The rows as the hub holds them.
  protocol::province::ticket_row row_of(const store::ticket_record& t) const;
  protocol::province::dossier_row row_of(const store::dossier_record& d) const;

 private:
  void append(domain::time_point now, const protocol::province::record_body& body);

  const config::settings& settings_;
  store::hub_outbox_store& outbox_;
};

// The snapshot's parts, on the sender's own connection: each call writes the next part (up to
// `part` rows) in one transaction and returns false once the snapshot is complete.
class province_snapshot {
 public:
  province_snapshot(const config::settings& settings, store::database& db);
  // Starts a snapshot from the beginning (the hub lacks records).
  void restart();
  bool due();
  // Writes the next part; false when there was none left (the snapshot is complete).
  bool step(domain::time_point now, int part);

 private:
  const config::settings& settings_;
  store::database& db_;
  store::hub_outbox_store outbox_;
  store::queue_store tickets_;
  store::dossier_store dossiers_;
  store::report_store ratings_;
  province_feed feed_;
};

}  // namespace motcua::engine
