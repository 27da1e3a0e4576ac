#include "sim/history.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "server/engine/audit.hpp"
#include "server/store/database.hpp"
#include "server/store/migrations.hpp"
#include "server/store/queue_store.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/protocol/codec.hpp"

namespace motcua::sim {
namespace {

using domain::ticket_state;

struct written_day {
  store::database& db;
  store::queue_store& tickets;
  engine::audit_log& audit;
  std::string day;
  domain::time_point start;  // its midnight, business time

  domain::time_point at(minutes m) const {
    return start + std::chrono::milliseconds{std::llround(m * 60'000.0)};
  }
};

std::string clerk_of(domain::counter_id counter) { return "clerk" + std::to_string(counter); }

// The counters' openings and closings, in time order, as the server's audit entries.
void write_counters(const written_day& d, const std::vector<counter_plan>& plan, minutes last) {
  struct change {
    minutes at;
    const counter_plan* counter;
    bool open;
  };
  std::vector<change> changes;
  for (const auto& c : plan)
    for (const auto& s : c.shifts) {
      if (s.from >= last) continue;
      changes.push_back({s.from, &c, true});
      changes.push_back({std::min(s.to, last), &c, false});
    }
  std::ranges::stable_sort(changes, {}, &change::at);
  for (const auto& c : changes) {
    protocol::counter_view closed{};
    closed.id = c.counter->id;
    closed.name = "Quầy " + std::to_string(c.counter->id);
    closed.services = c.counter->services;
    auto open = closed;
    open.state = protocol::counter_state::open;
    open.clerk = clerk_of(c.counter->id);
    d.audit.append({d.at(c.at), clerk_of(c.counter->id), c.open ? "open_counter" : "close_counter",
                    "counter:" + std::to_string(c.counter->id),
                    protocol::encode(c.open ? closed : open),
                    protocol::encode(c.open ? open : closed), ""});
  }
}

void write_day(const written_day& d, const hall_profile& profile,
               const std::vector<arrival>& arrivals, const day_result& result,
               const std::vector<counter_plan>& plan) {
  std::map<domain::service_id, std::string> prefix;
  for (const auto& s : profile.services) prefix[s.id] = s.prefix;
  std::vector<std::vector<const visit*>> visits(arrivals.size());
  minutes last = 0;
  for (const auto& v : result.visits) {
    visits[v.arrival].push_back(&v);
    last = std::max(last, v.ended);
  }
  std::map<domain::service_id, int> sequence;
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    const auto& a = arrivals[i];
    store::ticket_record t;
    t.day = d.day;
    t.issued_service = a.service;
    t.sequence = ++sequence[a.service];
    t.number = domain::format_ticket_number(prefix[a.service], t.sequence);
    t.service = a.service;
    t.priority = a.priority;
    t.request_key = "history-" + std::to_string(i + 1);
    t.device = "history";
    t.lang = "vi";
    t.issued_at = d.at(a.at);
    t.eta_minutes = result.told.at(i);
    d.tickets.insert_ticket(t);
    for (const auto* v : visits[i]) {
      t.service = v->service;
      t.counter = v->counter;
      t.clerk = clerk_of(v->counter);
      t.called_at = d.at(v->called);
      t.visit.reset();
      d.tickets.insert_visit(t);
      const bool onwards = !v->no_show && !v->transferred && a.transfer_to;
      t.started_at = v->no_show
                         ? std::nullopt
                         : std::optional{d.at(v->called + std::min(0.5, v->ended - v->called))};
      t.ended_at = d.at(v->ended);
      t.state = v->no_show ? ticket_state::no_show
                : onwards  ? ticket_state::waiting
                           : ticket_state::done;
      if (onwards) t.service = *a.transfer_to;
      d.tickets.update_visit(t);
    }
    // Left waiting (never called, or sent on and not called again): closed with the day.
    if (t.state == ticket_state::waiting) t.state = ticket_state::cancelled;
    d.tickets.update_ticket(t);
  }
  write_counters(d, plan, last);
}

}  // namespace

int write_history(const history_request& r) {
  store::database db(r.db);
  store::migrate(db);
  store::queue_store tickets(db);
  engine::audit_log audit(db);
  const domain::working_calendar calendar{domain::calendar_rules{}};
  const domain::business_zone zone;
  auto with_expected = r.rules;
  for (const auto& s : r.profile.services)
    with_expected.expected_service_minutes[s.id] = s.mean_service_minutes;
  int written = 0;
  auto has_tickets = db.prepare("SELECT EXISTS (SELECT 1 FROM tickets WHERE day = ?)");
  for (int n = 0; n < r.days; ++n) {
    const std::chrono::year_month_day date{std::chrono::sys_days{r.from} + std::chrono::days{n}};
    if (!calendar.is_working_day(date)) continue;
    const auto day = domain::format_iso_date(date);
    has_tickets.bind(1, day);
    bool exists = has_tickets.step() && has_tickets.int64(0) != 0;
    has_tickets.reset();
    if (exists) continue;
    const auto profile = profile_of_day(r.profile, date);
    const auto arrivals = draw_day(profile, r.seed + static_cast<std::uint64_t>(n));
    const auto result = simulate(arrivals, r.plan, with_expected);
    store::transaction tx(db);  // rolled back if the day is not written whole
    write_day({db, tickets, audit, day, zone.at(date, std::chrono::minutes{0})}, r.profile,
              arrivals, result, r.plan);
    audit.commit(tx);
    ++written;
  }
  return written;
}

}  // namespace motcua::sim
