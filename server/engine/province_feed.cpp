#include "server/engine/province_feed.hpp"

#include <chrono>

#include "shared/domain/clock.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::engine {

namespace province = protocol::province;

namespace {

// The snapshot's parts, in order; 0 is "none due".
enum part : int { none = 0, services = 1, dossiers = 2, tickets = 3, ratings = 4 };

}  // namespace

province_feed::province_feed(const config::settings& settings, store::hub_outbox_store& outbox)
    : settings_(settings), outbox_(outbox) {}

void province_feed::append(domain::time_point now, const province::record_body& body) {
  outbox_.append(now, province::kind_of(body), province::encode_body(body));
}

province::ticket_row province_feed::row_of(const store::ticket_record& t) const {
  const auto& zone = settings_.zone;
  auto time = [&](const std::optional<domain::time_point>& at) -> std::optional<std::string> {
    return at ? std::optional(zone.format(*at)) : std::nullopt;
  };
  return {t.id,
          t.day,
          t.number,
          t.service,
          std::string(domain::to_string(t.state)),
          std::string(domain::to_string(t.priority)),
          zone.format(t.issued_at),
          time(t.called_at),
          time(t.started_at),
          time(t.ended_at),
          t.counter,
          t.eta_minutes};
}

province::dossier_row province_feed::row_of(const store::dossier_record& d) const {
  const auto& zone = settings_.zone;
  const auto* procedure = settings_.catalogue.find_procedure(d.procedure);
  auto time = [&](const std::optional<domain::time_point>& at) -> std::optional<std::string> {
    return at ? std::optional(zone.format(*at)) : std::nullopt;
  };
  return {d.code,
          settings_.catalogue.unit.code,
          procedure ? procedure->code : std::to_string(d.procedure),
          procedure ? procedure->name : "",
          procedure ? procedure->name_en : "",
          std::string(domain::to_string(d.status)),
          zone.format(d.received_at),
          zone.format(d.due_at),
          time(d.original_due_at),
          time(d.finished_at),
          d.department,
          d.applicant.full_name,
          d.applicant.id_number,
          d.applicant.passport};
}

void province_feed::ticket(domain::time_point now, const store::ticket_record& t) {
  if (enabled()) append(now, row_of(t));
}

void province_feed::dossier(domain::time_point now, const store::dossier_record& d) {
  if (enabled()) append(now, row_of(d));
}

void province_feed::history(domain::time_point now, const store::dossier_record& d, std::int64_t id,
                            const store::history_record& h) {
  if (!enabled()) return;
  append(now, province::history_row{id, d.code, h.unit.value_or(settings_.catalogue.unit.code),
                                    settings_.zone.format(h.at), h.actor, h.action, h.from, h.to,
                                    h.note, h.result});
}

void province_feed::rating(domain::time_point now, std::int64_t id, const store::rating_record& r) {
  if (!enabled()) return;
  append(now, province::rating_row{id, settings_.zone.format(r.at), r.day, r.counter, r.level,
                                   r.scale, r.ticket, r.dossier});
}

void province_feed::service(domain::time_point now, const config::service& s) {
  if (enabled()) append(now, province::service_row{s.id, s.name, s.name_en, s.max_wait_minutes});
}

// ---------------------------------------------------------------- the snapshot

province_snapshot::province_snapshot(const config::settings& settings, store::database& db)
    : settings_(settings),
      db_(db),
      outbox_(db),
      tickets_(db),
      dossiers_(db),
      ratings_(db),
      feed_(settings, outbox_) {}

void province_snapshot::restart() {
  store::transaction tx(db_);
  outbox_.set_snapshot({services, 0});
  tx.commit();
}

bool province_snapshot::due() { return outbox_.snapshot().part != none; }

bool province_snapshot::step(domain::time_point now, int part_rows) {
  store::transaction tx(db_);
  auto cursor = outbox_.snapshot();
  std::int64_t last = 0;  // the last id written of this part; 0: the part is complete
  switch (cursor.part) {
    case none:
      return false;
    case services:
      for (const auto& s : settings_.services) feed_.service(now, s);
      break;
    case dossiers:
      for (const auto& d : dossiers_.after_id(cursor.after, part_rows)) {
        feed_.dossier(now, d);
        for (const auto& [id, h] : dossiers_.history_rows(d.id)) feed_.history(now, d, id, h);
        last = d.id;
      }
      break;
    case tickets: {
      // The tickets of this month and the last: the hub's figures go back that far.
      const auto today = settings_.zone.day_of(now);
      const std::chrono::year_month_day from{today.year() / today.month() / 1};
      const auto from_day = domain::format_iso_date(from - std::chrono::months{1});
      for (const auto& t : tickets_.tickets_after(cursor.after, from_day, part_rows)) {
        feed_.ticket(now, t);
        last = t.id;
      }
      break;
    }
    case ratings:
      for (const auto& [id, r] : ratings_.ratings_after(cursor.after, part_rows)) {
        feed_.rating(now, id, r);
        last = id;
      }
      break;
  }
  outbox_.set_snapshot(last ? store::hub_outbox_store::cursor{cursor.part, last}
                       : cursor.part == ratings
                           ? store::hub_outbox_store::cursor{}
                           : store::hub_outbox_store::cursor{cursor.part + 1, 0});
  tx.commit();
  return true;
}

}  // namespace motcua::engine
