#include "server/store/queue_store.hpp"

#include <algorithm>
#include <sstream>

#include "server/store/millis.hpp"

namespace motcua::store {
namespace {

// Columns of a ticket joined with its latest visit, in the order read_ticket expects.
constexpr std::string_view ticket_select = R"sql(
SELECT t.id, t.day, t.number, t.issued_service, t.sequence, t.service, t.priority, t.state,
       t.request_key, t.device, t.lang, t.issued_at, t.target_counter,
       v.id, v.counter, v.clerk, v.called_at, v.started_at, v.ended_at, v.recalls, v.outcome,
       t.dossier, t.public_token, t.phone, t.eta_minutes
FROM tickets t
LEFT JOIN visits v ON v.id = (SELECT MAX(id) FROM visits WHERE ticket = t.id)
)sql";

ticket_record read_ticket(const statement& q) {
  ticket_record t;
  t.id = q.int64(0);
  t.day = q.text(1);
  t.number = q.text(2);
  t.issued_service = q.int64(3);
  t.sequence = static_cast<int>(q.int64(4));
  t.service = q.int64(5);
  t.priority = domain::parse_priority(q.text(6)).value_or(domain::priority::none);
  t.state = domain::parse_ticket_state(q.text(7)).value_or(domain::ticket_state::cancelled);
  t.request_key = q.text(8);
  t.device = q.text(9);
  t.lang = q.text(10);
  t.issued_at = at_ms(q.int64(11));
  t.target_counter = q.optional_int64(12);
  t.visit = q.optional_int64(13);
  t.counter = q.optional_int64(14);
  t.clerk = q.optional_text(15);
  t.called_at = at_ms(q.optional_int64(16));
  t.started_at = at_ms(q.optional_int64(17));
  t.ended_at = at_ms(q.optional_int64(18));
  t.recalls = static_cast<int>(q.optional_int64(19).value_or(0));
  t.outcome = q.optional_text(20);
  t.dossier = q.optional_text(21);
  t.public_token = q.optional_text(22);
  t.phone = q.optional_text(23);
  if (auto eta = q.optional_int64(24)) t.eta_minutes = static_cast<int>(*eta);
  return t;
}

std::vector<ticket_record> read_tickets(statement& q) {
  std::vector<ticket_record> out;
  while (q.step()) out.push_back(read_ticket(q));
  return out;
}

std::string join_ids(const std::vector<service_id>& ids) {
  std::string s;
  for (auto id : ids) {
    if (!s.empty()) s += ',';
    s += std::to_string(id);
  }
  return s;
}

std::vector<service_id> split_ids(const std::string& s) {
  std::vector<service_id> ids;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) ids.push_back(std::stoll(part));
  return ids;
}

}  // namespace

queue_store::queue_store(database& db)
    : db_(db),
      insert_ticket_(db.prepare(
          "INSERT INTO tickets (day, number, issued_service, sequence, service, priority, state, "
          "request_key, device, lang, issued_at, target_counter, dossier, public_token, phone, "
          "eta_minutes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      update_ticket_(db.prepare("UPDATE tickets SET service = ?, state = ?, target_counter = ?, "
                                "dossier = ? WHERE id = ?")),
      insert_visit_(db.prepare(
          "INSERT INTO visits (ticket, service, counter, clerk, called_at) VALUES (?,?,?,?,?)")),
      update_visit_(db.prepare("UPDATE visits SET recalls = ?, started_at = ?, ended_at = ?, "
                               "end_state = ?, outcome = ? WHERE id = ?")),
      save_counter_(db.prepare(
          "INSERT INTO counter_state (counter, state, clerk, services, ticket, since) "
          "VALUES (?,?,?,?,?,?) ON CONFLICT (counter) DO UPDATE SET state = excluded.state, "
          "clerk = excluded.clerk, services = excluded.services, ticket = excluded.ticket, "
          "since = excluded.since")),
      set_seq_(db.prepare("UPDATE meta SET value = ? WHERE key = 'last_seq'")) {}

void queue_store::insert_ticket(ticket_record& t) {
  insert_ticket_.bind(1, t.day)
      .bind(2, t.number)
      .bind(3, t.issued_service)
      .bind(4, t.sequence)
      .bind(5, t.service)
      .bind(6, domain::to_string(t.priority))
      .bind(7, domain::to_string(t.state))
      .bind(8, t.request_key)
      .bind(9, t.device)
      .bind(10, t.lang)
      .bind(11, ms(t.issued_at))
      .bind(12, t.target_counter)
      .bind(13, t.dossier)
      .bind(14, t.public_token)
      .bind(15, t.phone)
      .bind(16, t.eta_minutes);
  insert_ticket_.run();
  t.id = db_.last_insert_rowid();
}

void queue_store::update_ticket(const ticket_record& t) {
  update_ticket_.bind(1, t.service)
      .bind(2, domain::to_string(t.state))
      .bind(3, t.target_counter)
      .bind(4, t.dossier)
      .bind(5, t.id)
      .run();
}

void queue_store::insert_visit(ticket_record& t) {
  insert_visit_.bind(1, t.id)
      .bind(2, t.service)
      .bind(3, t.counter.value_or(0))
      .bind(4, t.clerk.value_or(""))
      .bind(5, ms(t.called_at.value_or(t.issued_at)))
      .run();
  t.visit = db_.last_insert_rowid();
}

void queue_store::update_visit(const ticket_record& t) {
  if (!t.visit) return;
  std::optional<std::string> end_state;
  if (t.ended_at) end_state = std::string(domain::to_string(t.state));
  update_visit_.bind(1, t.recalls)
      .bind(2, ms(t.started_at))
      .bind(3, ms(t.ended_at))
      .bind(4, end_state)
      .bind(5, t.outcome)
      .bind(6, *t.visit)
      .run();
}

std::vector<ticket_record> queue_store::tickets_of_day(const std::string& day) {
  auto q = db_.prepare(std::string(ticket_select) + " WHERE t.day = ? ORDER BY t.id");
  q.bind(1, day);
  return read_tickets(q);
}

std::vector<ticket_record> queue_store::tickets_after(std::int64_t id, const std::string& from_day,
                                                      int limit) {
  auto q = db_.prepare(std::string(ticket_select) +
                       " WHERE t.id > ? AND t.day >= ? ORDER BY t.id LIMIT ?");
  q.bind(1, id).bind(2, from_day).bind(3, limit);
  return read_tickets(q);
}

std::vector<std::pair<counter_id, domain::priority>> queue_store::calls_of_day(
    const std::string& day) {
  auto q = db_.prepare(
      "SELECT v.counter, t.priority FROM visits v JOIN tickets t ON t.id = v.ticket "
      "WHERE t.day = ? ORDER BY v.id");
  q.bind(1, day);
  std::vector<std::pair<counter_id, domain::priority>> out;
  while (q.step())
    out.emplace_back(q.int64(0),
                     domain::parse_priority(q.text(1)).value_or(domain::priority::none));
  return out;
}

std::vector<ticket_record> queue_store::open_tickets_before(const std::string& day) {
  // Each day's open tickets are closed when the next day begins, so the open ones are on the
  // last days before `day` that had tickets: walked back from the latest, each a short range
  // of the (day, ...) index, until a day has none left open (the years before are not read).
  auto latest = db_.prepare("SELECT MAX(day) FROM tickets WHERE day < ?");
  auto open = db_.prepare(std::string(ticket_select) +
                          " WHERE t.day = ? AND t.state IN ('waiting','called','serving') "
                          "ORDER BY t.id");
  std::vector<ticket_record> found;
  for (auto before = day;;) {
    latest.reset();
    auto earlier = latest.bind(1, before).step() ? latest.optional_text(0) : std::nullopt;
    if (!earlier) break;
    open.reset();
    auto of_day = read_tickets(open.bind(1, *earlier));
    if (of_day.empty()) break;
    found.insert(found.begin(), of_day.begin(), of_day.end());
    before = *earlier;
  }
  return found;
}

std::vector<int> queue_store::recent_service_seconds(service_id service, int limit) {
  auto q = db_.prepare(
      "SELECT (ended_at - called_at) / 1000 FROM visits WHERE service = ? AND end_state = 'done' "
      "ORDER BY ended_at DESC LIMIT ?");
  q.bind(1, service).bind(2, limit);
  std::vector<int> out;
  while (q.step()) out.push_back(static_cast<int>(q.int64(0)));
  return out;
}

namespace {

// Seconds at the `percent`th percentile, nearest rank (0 for no samples).
int percentile(std::vector<std::int64_t>& ms_values, std::size_t percent) {
  if (ms_values.empty()) return 0;
  auto rank = (ms_values.size() * percent + 99) / 100;  // ceil(percent% of n)
  std::nth_element(ms_values.begin(), ms_values.begin() + static_cast<std::ptrdiff_t>(rank - 1),
                   ms_values.end());
  return static_cast<int>(ms_values[rank - 1] / 1000);
}

int average(const std::vector<std::int64_t>& ms_values) {
  if (ms_values.empty()) return 0;
  std::int64_t sum = 0;
  for (auto v : ms_values) sum += v;
  return static_cast<int>(sum / static_cast<std::int64_t>(ms_values.size()) / 1000);
}

// Waits and service times of one service (or all of them), then their figures.
struct samples {
  std::vector<std::int64_t> waits;
  std::vector<std::int64_t> services;

  void fill(protocol::service_stats& f) {
    f.average_wait_seconds = average(waits);
    f.average_service_seconds = average(services);
    f.p90_wait_seconds = percentile(waits, 90);
    f.p90_service_seconds = percentile(services, 90);
  }
};

protocol::wait_figures wait_figures_of(std::vector<std::int64_t>& waits) {
  return {static_cast<int>(waits.size()), percentile(waits, 50), percentile(waits, 90)};
}

}  // namespace

queue_figures queue_store::day_figures(time_point day_start, time_point day_end) {
  queue_figures out;
  auto issued = db_.prepare(
      "SELECT issued_service, COUNT(*) FROM tickets WHERE issued_at >= ? AND issued_at < ? "
      "GROUP BY issued_service");
  issued.bind(1, ms(day_start)).bind(2, ms(day_end));
  while (issued.step()) {
    auto n = static_cast<int>(issued.int64(1));
    out.services[issued.int64(0)].issued = n;
    out.totals.issued += n;
  }

  // Wait: issue to first call. Service: arrival to end of the visit.
  auto visits = db_.prepare(R"sql(
SELECT v.service, COALESCE(v.end_state, ''),
       CASE WHEN v.id = (SELECT MIN(id) FROM visits WHERE ticket = v.ticket)
            THEN v.called_at - t.issued_at END,
       CASE WHEN v.end_state = 'done' THEN v.ended_at - v.started_at END,
       t.priority = 'appointment'
FROM visits v JOIN tickets t ON t.id = v.ticket
WHERE v.called_at >= ? AND v.called_at < ?)sql");
  visits.bind(1, ms(day_start)).bind(2, ms(day_end));
  std::map<service_id, samples> by_service;
  samples all;
  std::vector<std::int64_t> appointment_waits, walk_in_waits;
  while (visits.step()) {
    auto& f = out.services[visits.int64(0)];
    auto& s = by_service[visits.int64(0)];
    auto end = visits.text(1);
    int done = end == "done", no_show = end == "no_show";
    f.served += done;
    f.no_show += no_show;
    out.totals.served += done;
    out.totals.no_show += no_show;
    if (auto wait = visits.optional_int64(2)) {
      s.waits.push_back(*wait);
      all.waits.push_back(*wait);
      (visits.int64(4) ? appointment_waits : walk_in_waits).push_back(*wait);
    }
    if (auto service = visits.optional_int64(3)) {
      s.services.push_back(*service);
      all.services.push_back(*service);
    }
  }
  for (auto& [id, s] : by_service) s.fill(out.services[id]);
  all.fill(out.totals);
  out.appointment_waits = wait_figures_of(appointment_waits);
  out.walk_in_waits = wait_figures_of(walk_in_waits);
  return out;
}

std::map<service_id, std::vector<double>> queue_store::eta_errors(time_point day_start,
                                                                  time_point day_end) {
  auto q = db_.prepare(R"sql(
SELECT t.issued_service, v.called_at - t.issued_at, t.eta_minutes
FROM visits v JOIN tickets t ON t.id = v.ticket
WHERE v.called_at >= ? AND v.called_at < ? AND t.eta_minutes IS NOT NULL
  AND v.id = (SELECT MIN(id) FROM visits WHERE ticket = v.ticket))sql");
  q.bind(1, ms(day_start)).bind(2, ms(day_end));
  std::map<service_id, std::vector<double>> out;
  while (q.step())
    out[q.int64(0)].push_back(static_cast<double>(q.int64(1)) / 60'000 -
                              static_cast<double>(q.int64(2)));
  return out;
}

void queue_store::save_counter(const counter_record& c) {
  save_counter_.bind(1, c.id)
      .bind(2, protocol::to_string(c.state))
      .bind(3, c.clerk)
      .bind(4, join_ids(c.services))
      .bind(5, c.ticket)
      .bind(6, ms(c.since))
      .run();
}

std::vector<counter_record> queue_store::counters() {
  auto q = db_.prepare("SELECT counter, state, clerk, services, ticket, since FROM counter_state");
  std::vector<counter_record> out;
  while (q.step()) {
    counter_record c;
    c.id = q.int64(0);
    c.state = protocol::parse_counter_state(q.text(1)).value_or(protocol::counter_state::closed);
    c.clerk = q.optional_text(2);
    c.services = split_ids(q.text(3));
    c.ticket = q.optional_int64(4);
    c.since = at_ms(q.int64(5));
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t queue_store::last_seq() {
  auto q = db_.prepare("SELECT value FROM meta WHERE key = 'last_seq'");
  return q.step() ? q.int64(0) : 0;
}

void queue_store::set_last_seq(std::int64_t seq) { set_seq_.bind(1, seq).run(); }

void queue_store::insert_session(const std::string& token_hash, const std::string& username,
                                 time_point created, time_point expires) {
  db_.prepare("DELETE FROM sessions WHERE expires_at < ?").bind(1, ms(created)).run();
  db_.prepare(
         "INSERT INTO sessions (token_hash, username, created_at, expires_at) "
         "VALUES (?,?,?,?)")
      .bind(1, token_hash)
      .bind(2, username)
      .bind(3, ms(created))
      .bind(4, ms(expires))
      .run();
}

std::optional<session_record> queue_store::find_session(const std::string& token_hash,
                                                        time_point now) {
  auto q = db_.prepare(
      "SELECT username, expires_at FROM sessions WHERE token_hash = ? AND "
      "expires_at > ?");
  q.bind(1, token_hash).bind(2, ms(now));
  if (!q.step()) return std::nullopt;
  return session_record{q.text(0), at_ms(q.int64(1))};
}

}  // namespace motcua::store
