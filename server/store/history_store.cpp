#include "server/store/history_store.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <string_view>

#include "server/store/millis.hpp"

namespace motcua::store {
namespace {

sim::recorded_visit::end end_of(const std::optional<std::string>& state) {
  using end = sim::recorded_visit::end;
  if (!state) return end::open;
  if (*state == "done") return end::done;
  if (*state == "no_show") return end::no_show;
  return end::transferred;  // a visit that ended with the ticket waiting again
}

// A counter's audit entry `after` (protocol::counter_view): open or not, and its services.
std::optional<sim::counter_change> change_of(const std::string& after) {
  boost::system::error_code ec;
  auto v = boost::json::parse(after, ec);
  const auto* o = v.if_object();
  if (ec || !o) return std::nullopt;
  sim::counter_change c;
  const auto* state = o->if_contains("state");
  c.open = state && state->is_string() && state->get_string() == "open";
  if (const auto* services = o->if_contains("services"); services && services->is_array())
    for (const auto& s : services->get_array())
      if (s.is_int64()) c.services.push_back(s.get_int64());
  return c;
}

}  // namespace

sim::recorded_day read_recorded_day(database& db, const std::string& day,
                                    domain::time_point day_start) {
  const auto start = ms(day_start);
  const auto day_end = start + std::int64_t{24} * 3'600'000;
  auto minutes_of = [&](std::int64_t at) { return static_cast<double>(at - start) / 60'000; };
  sim::recorded_day out;
  std::map<std::int64_t, std::size_t> index;  // ticket id -> out.tickets

  auto tickets = db.prepare(
      "SELECT id, issued_at, issued_service, priority, state, eta_minutes FROM tickets "
      "WHERE day = ? ORDER BY issued_at, id");
  tickets.bind(1, day);
  while (tickets.step()) {
    sim::recorded_ticket t;
    t.issued = minutes_of(tickets.int64(1));
    t.service = tickets.int64(2);
    t.priority = domain::parse_priority(tickets.text(3)).value_or(domain::priority::none);
    t.cancelled = tickets.text(4) == "cancelled";
    if (auto told = tickets.optional_int64(5)) t.told = static_cast<int>(*told);
    index[tickets.int64(0)] = out.tickets.size();
    out.tickets.push_back(std::move(t));
  }

  auto visits = db.prepare(
      "SELECT v.ticket, v.service, v.counter, v.called_at, v.ended_at, v.end_state "
      "FROM visits v JOIN tickets t ON t.id = v.ticket WHERE t.day = ? ORDER BY v.id");
  visits.bind(1, day);
  while (visits.step()) {
    auto it = index.find(visits.int64(0));
    if (it == index.end()) continue;
    sim::recorded_visit v;
    v.service = visits.int64(1);
    v.counter = visits.int64(2);
    v.called = minutes_of(visits.int64(3));
    // A visit ended by the next day's start (the server closing the day) did not end that day.
    if (auto ended = visits.optional_int64(4); ended && *ended < day_end)
      v.ended = minutes_of(*ended);
    v.how = end_of(visits.optional_text(5));
    out.tickets[it->second].visits.push_back(v);
  }

  // The counters' changes of the day, in the order they happened (the audit's ids), found by
  // time through the partial index audit_counter_at (schemas 12 and 15), whose WHERE this
  // repeats.
  auto counters = db.prepare(
      "SELECT at, entity, after FROM audit WHERE (action = 'open_counter' OR action = "
      "'pause_counter' OR action = 'resume_counter' OR action = 'close_counter' OR action = "
      "'day_closed') AND at >= ? AND at < ? ORDER BY id");
  counters.bind(1, start).bind(2, day_end);
  while (counters.step()) {
    const auto entity = counters.text(1);
    auto change = change_of(counters.text(2));
    domain::counter_id id = 0;
    constexpr std::string_view prefix = "counter:";
    if (!change || !entity.starts_with(prefix)) continue;  // a ticket's day_closed
    const auto* first = entity.data() + prefix.size();
    const auto* last = entity.data() + entity.size();
    if (auto [end, ec] = std::from_chars(first, last, id);
        ec != std::errc{} || end != last || id <= 0)
      continue;
    change->at = minutes_of(counters.int64(0));
    change->counter = id;
    out.counters.push_back(std::move(*change));
  }
  return out;
}

}  // namespace motcua::store
