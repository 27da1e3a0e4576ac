#include "server/engine/reports.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "shared/domain/calendar.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::engine {

using protocol::error_code;

reports::reports(const config::settings& settings, store::report_store& store, const queue& q,
                 audit_log& audit, text_outbox& texts, province_feed& province)
    : settings_(settings),
      store_(store),
      queue_(q),
      audit_(audit),
      texts_(texts),
      province_(province) {}

namespace {

// Adds one dossier to a procedure's (or the centre's) figures.
void count(protocol::procedure_figures& f, const store::dossier_timing& d, domain::time_point now,
           double& finished_days, int& finished) {
  ++f.dossiers;
  if (domain::is_on_time(d.finished_at, d.due_at, d.supplements, now)) ++f.on_time;
  if (d.finished_at) {
    finished_days += std::chrono::duration<double>(*d.finished_at - d.received_at).count() / 86400;
    ++finished;
  }
}

void close(protocol::procedure_figures& f, double finished_days, int finished) {
  f.on_time_rate = f.dossiers ? static_cast<double>(f.on_time) / f.dossiers : 1.0;
  f.average_days = finished ? finished_days / finished : 0.0;
}

}  // namespace

protocol::reply_body reports::recorded_days(const context& c,
                                            const protocol::get_recorded_days& r) {
  // A busy day is some hundreds of KB and read on the engine thread: a week at a time.
  constexpr std::size_t most_days = 7;
  const auto& zone = settings_.zone;
  if (r.days.empty() || r.days.size() > most_days)
    return protocol::invalid_field("days", "Cần từ 1 đến 7 ngày.", "Give 1 to 7 days.", c.english);
  std::vector<std::chrono::year_month_day> dates;
  for (const auto& text : r.days) {
    auto date = domain::parse_date(text);
    if (!date || *date > zone.day_of(c.now))
      return protocol::invalid_field("days", "Ngày không hợp lệ hoặc chưa tới (YYYY-MM-DD).",
                                     "A date is invalid or still to come (YYYY-MM-DD).", c.english);
    if (std::find(dates.begin(), dates.end(), *date) != dates.end())
      return protocol::invalid_field("days", "Một ngày được hỏi hai lần.",
                                     "A day is asked for twice.", c.english);
    dates.push_back(*date);
  }
  protocol::recorded_days_result out;
  for (std::size_t k = 0; k < dates.size(); ++k) {
    const auto start = zone.at(dates[k], {});
    auto when = [&](sim::minutes m) {
      return zone.format(start + std::chrono::milliseconds{std::llround(m * 60'000)});
    };
    const auto iso = domain::format_iso_date(dates[k]);
    const auto day = store_.recorded_day(iso, start);
    protocol::recorded_day_view v;
    v.day = iso;
    for (const auto& t : day.tickets) {
      protocol::recorded_ticket_view tv{when(t.issued), t.service, t.priority,
                                        t.cancelled,    t.told,    {}};
      for (const auto& visit : t.visits)
        tv.visits.push_back({visit.service, visit.counter, when(visit.called),
                             visit.ended ? std::optional{when(*visit.ended)} : std::nullopt,
                             std::string(sim::to_string(visit.how))});
      v.tickets.push_back(std::move(tv));
    }
    for (const auto& change : day.counters)
      v.counters.push_back({when(change.at), change.counter, change.open, change.services});
    out.recorded_days.push_back(std::move(v));
  }
  return out;
}

protocol::reply_body reports::get_stats(const context& c, const protocol::get_stats& r) {
  const auto& zone = settings_.zone;
  auto range = protocol::read_day_range(r.from, r.to, zone.day_of(c.now), c.english);
  if (auto* e = std::get_if<protocol::error>(&range)) return std::move(*e);
  const auto [from_day, to_day] = std::get<protocol::day_range>(range);
  auto from = zone.at(from_day, {});
  auto to = zone.at(to_day, {});

  protocol::stats_result out;
  out.period_from = zone.format(from);
  out.period_to = zone.format(to);
  auto queue_figures = queue_.service_figures(from, to, c.now);
  out.queue = std::move(queue_figures.services);
  out.queue_totals = queue_figures.totals;
  out.bookings = store_.booking_counts(from, to);
  out.bookings->appointment_waits = queue_figures.appointment_waits;
  out.bookings->walk_in_waits = queue_figures.walk_in_waits;
  out.hours = store_.hourly(from, to, zone.offset);
  out.open_dossiers = store_.open_dossiers(c.now, c.now + std::chrono::hours{48});
  out.counters = store_.counters(from, to);
  out.texts = texts_.states(from_day, to_day);
  for (auto& f : out.counters)
    if (const auto* counter = settings_.find_counter(f.counter)) f.name = counter->name;

  std::map<std::string, int> by_status;
  std::map<std::int64_t, std::tuple<protocol::procedure_figures, double, int>> by_procedure;
  double centre_days = 0;
  int centre_finished = 0;
  for (const auto& d : store_.dossiers(from, to)) {
    ++by_status[d.status];
    count(out.centre, d, c.now, centre_days, centre_finished);
    auto& [figures, days, finished] = by_procedure[d.procedure];
    count(figures, d, c.now, days, finished);
  }
  close(out.centre, centre_days, centre_finished);
  for (auto& [id, entry] : by_procedure) {
    auto& [figures, days, finished] = entry;
    figures.procedure = id;
    if (const auto* p = settings_.catalogue.find_procedure(id)) figures.name = p->name;
    close(figures, days, finished);
    out.by_procedure.push_back(figures);
  }
  for (const auto& [status, n] : by_status) out.dossier_counts.push_back({status, n});

  int scale = settings_.catalogue.rating_levels;
  out.ratings.scale = scale;
  out.ratings.counts = store_.rating_counts(from, to, scale);
  // Satisfied: "Hài lòng" or better on 3 levels, the top two of 5.
  std::size_t first_satisfied = scale == 5 ? 3 : 1;
  int total = 0, satisfied = 0;
  for (std::size_t level = 0; level < out.ratings.counts.size(); ++level) {
    total += out.ratings.counts[level];
    if (level >= first_satisfied) satisfied += out.ratings.counts[level];
  }
  out.ratings.satisfied_rate = total ? static_cast<double>(satisfied) / total : 1.0;
  return out;
}

protocol::reply_body reports::rate_service(const context& c, const protocol::rate_service& r) {
  int scale = settings_.catalogue.rating_levels;
  if (!settings_.find_counter(r.counter))
    return make_error(error_code::not_found, "Không có quầy này.", "No such counter.", c.english);
  if (r.level < 1 || r.level > scale)
    return protocol::invalid_field("level", "Mức đánh giá từ 1 đến " + std::to_string(scale) + ".",
                                   "The rating goes from 1 to " + std::to_string(scale) + ".",
                                   c.english);
  if (auto e = protocol::check_request_key(r.request_key, c.english)) return *e;
  store::rating_record rating{c.now,
                              domain::format_iso_date(settings_.zone.day_of(c.now)),
                              r.request_key,
                              r.counter,
                              queue_.clerk_at(r.counter),
                              r.ticket,
                              r.dossier,
                              r.level,
                              scale};
  auto id = store_.add_rating(rating);
  province_.rating(c.now, id, rating);
  audit_.append({c.now, c.who.name, "rate_service", "counter:" + std::to_string(r.counter), "",
                 std::to_string(r.level) + "/" + std::to_string(scale), ""});
  return protocol::rating_result{id, r.level, scale};
}

}  // namespace motcua::engine
