// The queue engine's state: loading, the day roll-over, and the views and
// figures it shows (services, snapshot, stats). Verbs are in queue.cpp.
#include <algorithm>
#include <cmath>

#include "server/engine/queue.hpp"
#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::engine {

using domain::ticket_state;
using protocol::counter_state;

namespace {

std::chrono::seconds since(domain::time_point from, domain::time_point to) {
  return std::chrono::duration_cast<std::chrono::seconds>(to - from);
}

}  // namespace

void queue::load(domain::time_point now) {
  auto today = settings_.zone.day_of(now);
  day_ = domain::format_iso_date(today);
  day_begins_ = settings_.zone.at(today, std::chrono::minutes{0});
  day_ends_ = day_begins_ + std::chrono::days{1};  // a fixed-offset zone: no 23- or 25-hour day
  tickets_.clear();
  by_request_key_.clear();
  by_public_token_.clear();
  last_sequence_.clear();
  waiting_.clear();
  counters_.clear();
  appointments_called_.clear();
  recent_calls_.clear();
  service_times_ = domain::service_times(settings_.eta_samples);
  now_ = now;

  for (const auto& c : settings_.counters)
    counters_[c.id] = counter_record{c.id, counter_state::closed, {}, c.services, {}, now};
  for (auto& stored : store_.counters())
    if (counters_.count(stored.id)) counters_[stored.id] = std::move(stored);

  for (auto& t : store_.tickets_of_day(day_)) {
    last_sequence_[t.issued_service] = std::max(last_sequence_[t.issued_service], t.sequence);
    by_request_key_[t.request_key] = t.id;
    if (t.public_token) by_public_token_[*t.public_token] = t.id;
    waiting_.add(queued(t));
    tickets_[t.id] = std::move(t);
  }
  for (const auto& [counter, priority] : store_.calls_of_day(day_))
    appointments_called_[counter] =
        domain::after_call(run_of(counter), domain::group_of(priority)).called;
  std::vector<const ticket_record*> called;
  for (const auto& [id, t] : tickets_)
    if (t.called_at && t.counter) called.push_back(&t);
  std::sort(called.begin(), called.end(),
            [](auto* a, auto* b) { return *a->called_at > *b->called_at; });
  for (const auto* t : called) {
    if (recent_calls_.size() == protocol::max_recent_calls) break;
    const auto* counter = settings_.find_counter(*t->counter);
    recent_calls_.push_back({view(*t), *t->counter, counter ? counter->name : "",
                             settings_.zone.format(*t->called_at), t->recalls > 0});
  }
  for (const auto& s : settings_.services) {
    auto recent = store_.recent_service_seconds(s.id, settings_.eta_samples);
    for (auto it = recent.rbegin(); it != recent.rend(); ++it) service_times_.add(s.id, *it);
  }
  close_day(now);
  events_.clear();
}

void queue::roll_over_if_new_day(domain::time_point now) {
  now_ = now;
  if (now >= day_begins_ && now < day_ends_) return;  // (the clock may also have gone back)
  close_day(now);
  load(now);
  announce_all();
}

void queue::announce_all() {
  for (const auto& c : counters_) emit_counter_changed(c.second);
  for (const auto& s : settings_.services) emit_queue_changed(s.id);
}

// Ends every ticket still open from an earlier day (waiting -> cancelled,
// called -> no_show, serving -> done) and closes the counters opened then.
void queue::close_day(domain::time_point now) {
  const actor system{protocol::role::admin, "system", "system"};
  auto today = settings_.zone.day_of(now);
  auto day_start = settings_.zone.at(today, std::chrono::minutes{0});
  for (auto t : store_.open_tickets_before(domain::format_iso_date(today))) {
    auto before = t;
    apply(t, t.state == ticket_state::waiting  ? domain::ticket_action::cancel
             : t.state == ticket_state::called ? domain::ticket_action::no_show
                                               : domain::ticket_action::finish);
    if (t.visit && !t.ended_at) t.ended_at = now;
    store_.update_ticket(t);
    store_.update_visit(t);
    province_.ticket(now, t);
    audit_.append({now, system.name, "day_closed", "ticket:" + std::to_string(t.id),
                   protocol::encode(view(before)), protocol::encode(view(t)), ""});
  }
  for (auto& [id, counter] : counters_) {
    if (counter.since >= day_start || (counter.state == counter_state::closed && !counter.ticket))
      continue;
    auto closed = counter;
    closed.state = counter_state::closed;
    closed.clerk.reset();
    closed.ticket.reset();
    closed.since = now;
    store_.save_counter(closed);
    audit_.append({now, system.name, "day_closed", "counter:" + std::to_string(id),
                   protocol::encode(view(counter)), protocol::encode(view(closed)), ""});
    counter = closed;
  }
}

// ---------------------------------------------------------------- views

protocol::ticket queue::view(const ticket_record& t) const {
  auto format = [&](const std::optional<domain::time_point>& at) -> std::optional<std::string> {
    if (!at) return std::nullopt;
    return settings_.zone.format(*at);
  };
  protocol::ticket v;
  v.id = t.id;
  v.number = t.number;
  v.service = t.service;
  v.priority = t.priority;
  v.state = t.state;
  v.issued_at = settings_.zone.format(t.issued_at);
  v.called_at = format(t.called_at);
  v.started_at = format(t.started_at);
  v.finished_at = t.state == ticket_state::waiting ? std::nullopt : format(t.ended_at);
  v.counter = t.counter;
  v.target_counter = t.target_counter;
  v.recalls = t.recalls;
  // Valid UTF-8 on the wire whatever an old row holds (domain::displayable).
  if (t.outcome) v.outcome = domain::displayable(*t.outcome);
  v.dossier = t.dossier;
  return v;
}

protocol::counter_view queue::view(const counter_record& c) const {
  protocol::counter_view v;
  v.id = c.id;
  const auto* configured = settings_.find_counter(c.id);
  v.name = configured ? configured->name : "Quầy " + std::to_string(c.id);
  v.state = c.state;
  v.services = c.services;
  if (c.ticket)
    if (auto it = tickets_.find(*c.ticket); it != tickets_.end()) v.ticket = view(it->second);
  v.clerk = c.clerk;
  if (c.clerk)
    if (const auto* a = settings_.find_account(*c.clerk)) v.clerk_name = a->display_name;
  // Today's tickets are all in memory: the counter's finished ones give its figures.
  std::chrono::milliseconds service{0};
  for (const auto& [id, t] : tickets_)
    if (t.state == ticket_state::done && t.counter == c.id && t.started_at && t.ended_at) {
      ++v.served_today;
      service += t.ended_at.value() - t.started_at.value();
    }
  if (v.served_today)
    v.average_service_seconds = static_cast<int>(
        std::chrono::duration_cast<std::chrono::seconds>(service).count() / v.served_today);
  auto run = run_of(c.id);
  v.appointments_called = run.called;
  v.appointments_in_a_row = run.limit;
  return v;
}

bool queue::within_hours(const config::service& s, domain::time_point now) const {
  if (settings_.always_open) return true;
  std::string today = domain::format_iso_date(settings_.zone.day_of(now));
  if (std::find(settings_.closed_dates.begin(), settings_.closed_dates.end(), today) !=
      settings_.closed_dates.end())
    return false;
  unsigned weekday = settings_.zone.weekday_of(now).iso_encoding();
  auto minute = settings_.zone.time_of_day(now);
  const auto& hours = s.hours.empty() ? settings_.hours : s.hours;
  return std::any_of(hours.begin(), hours.end(), [&](const config::opening_interval& h) {
    return std::find(h.weekdays.begin(), h.weekdays.end(), weekday) != h.weekdays.end() &&
           minute >= h.from && minute < h.to;
  });
}

std::optional<protocol::service_closure> queue::closure_of(const config::service& s,
                                                           domain::time_point now) const {
  if (!within_hours(s, now))
    return protocol::service_closure{
        protocol::error_code::closed,
        "Lĩnh vực " + s.name + " hiện không nhận số. Vui lòng quay lại trong giờ làm việc.",
        s.name_en + " is not taking tickets now. Please come back during office hours."};
  auto issued = last_sequence_.find(s.id);
  if (s.daily_limit > 0 && issued != last_sequence_.end() && issued->second >= s.daily_limit)
    return protocol::service_closure{
        protocol::error_code::limit,
        "Lĩnh vực " + s.name + " đã hết số hôm nay. Vui lòng quay lại ngày làm việc tiếp theo.",
        s.name_en +
            " has issued all of today's tickets. Please come back on the next working day."};
  return std::nullopt;
}

std::optional<domain::ticket_id> queue::ticket_of_clerk(const std::string& clerk) const {
  for (const auto& [id, c] : counters_)
    if (c.state != counter_state::closed && c.clerk == clerk) return c.ticket;
  return std::nullopt;
}

std::size_t queue::waiting_count(domain::service_id service) const {
  return waiting_.count(service);
}

int queue::ahead_of(const ticket_record& t) const {
  if (t.state != ticket_state::waiting) return 0;
  const auto& keys = waiting_.of(t.service);
  // Walk from both ends at once: a new ticket is usually last (normal) or
  // near the front (priority), so this costs min(ahead, behind) steps.
  auto mine = keys.find(key_of(t));
  auto forward = keys.begin();
  auto backward = mine;
  for (int steps = 0;; ++steps) {
    if (forward == mine) return steps;
    if (backward == keys.end()) return static_cast<int>(keys.size()) - steps;
    ++forward;
    ++backward;
  }
}

std::vector<domain::closed_spell> queue::closed_spells(const config::service& s) const {
  if (settings_.always_open) return {};
  const unsigned weekday = settings_.zone.weekday_of(now_).iso_encoding();
  std::vector<std::pair<std::chrono::minutes, std::chrono::minutes>> today;
  for (const auto& h : s.hours.empty() ? settings_.hours : s.hours)
    if (std::find(h.weekdays.begin(), h.weekdays.end(), weekday) != h.weekdays.end())
      today.emplace_back(h.from, h.to);
  return domain::closed_spells(std::move(today),
                               static_cast<double>(settings_.zone.time_of_day(now_).count()));
}

int queue::eta_for(domain::service_id service, int ahead) const {
  const auto* s = settings_.find_service(service);
  std::vector<domain::open_counter> open;
  for (const auto& [id, c] : counters_)
    if (c.state == counter_state::open) open.push_back({c.services, c.ticket.has_value()});
  const auto closed = s ? closed_spells(*s) : std::vector<domain::closed_spell>{};
  const double mean = service_times_.average_minutes(service, s ? s->expected_service_minutes : 10);
  return domain::estimate_wait_minutes({service, ahead, mean, open, closed}, waiting_);
}

int queue::appointments_due(domain::service_id service) const {
  auto it = appointments_due_.find(service);
  return it == appointments_due_.end() ? 0 : it->second;
}

int queue::eta_of(const ticket_record& t, int ahead) const {
  // A legal priority group is called before appointments (domain/call_order.hpp), and an
  // appointment's own booking was one of those due: only a walk-in waits for them.
  bool walk_in = t.priority == domain::priority::none;
  return eta_for(t.service, ahead + (walk_in ? appointments_due(t.service) : 0));
}

std::vector<protocol::service_view> queue::services(domain::time_point now) const {
  std::vector<protocol::service_view> out;
  for (const auto& s : settings_.services) {
    protocol::service_view v;
    v.id = s.id;
    v.code = s.code;
    v.name = s.name;
    v.name_en = s.name_en;
    v.prefix = s.prefix;
    v.closure = closure_of(s, now);
    v.open = !v.closure;
    v.waiting = static_cast<int>(waiting_count(s.id));
    v.eta_minutes = eta_for(s.id, v.waiting + appointments_due(s.id));  // a walk-in's
    v.max_wait_minutes = s.max_wait_minutes;
    v.max_service_minutes = s.max_service_minutes;
    out.push_back(std::move(v));
  }
  return out;
}

protocol::snapshot queue::snapshot(const actor& who, domain::time_point now) const {
  protocol::snapshot s;
  s.services = services(now);
  for (const auto& [id, c] : counters_) s.counters.push_back(view(c));
  s.recent_calls.assign(recent_calls_.begin(), recent_calls_.end());
  s.rating_levels = settings_.catalogue.rating_levels;
  if (settings_.sms) s.texts = true;
  if (protocol::is_staff(who.role)) {
    std::vector<domain::call_position> order;
    for (const auto& [service, keys] : waiting_.all())
      order.insert(order.end(), keys.begin(), keys.end());
    std::sort(order.begin(), order.end());
    for (const auto& key : order) s.waiting.push_back(view(tickets_.at(key.id)));
    for (const auto& [id, c] : counters_)
      if (c.state != counter_state::closed && c.clerk == who.name) s.my_counter = id;
  }
  return s;
}

protocol::stats queue::stats(domain::time_point now) const {
  protocol::stats out;
  out.at = settings_.zone.format(now);
  auto today = settings_.zone.day_of(now);
  out.services = service_figures(settings_.zone.at(today, std::chrono::minutes{0}),
                                 settings_.zone.at(today, std::chrono::minutes{24 * 60}), now)
                     .services;
  out.counters_open =
      static_cast<int>(std::count_if(counters_.begin(), counters_.end(), [](const auto& e) {
        return e.second.state != counter_state::closed;
      }));
  return out;
}

std::map<std::string, metrics::eta_accuracy> queue::eta_accuracy(domain::time_point now) const {
  auto today = settings_.zone.day_of(now);
  auto errors = store_.eta_errors(settings_.zone.at(today, std::chrono::minutes{0}),
                                  settings_.zone.at(today, std::chrono::minutes{24 * 60}));
  std::map<std::string, metrics::eta_accuracy> out;
  for (const auto& s : settings_.services) out[s.code] = domain::accuracy_of(errors[s.id]);
  return out;
}

std::optional<std::string> queue::clerk_at(domain::counter_id counter) const {
  auto it = counters_.find(counter);
  if (it == counters_.end() || it->second.state == counter_state::closed) return std::nullopt;
  return it->second.clerk;
}

queue::figures queue::service_figures(domain::time_point from, domain::time_point to,
                                      domain::time_point now) const {
  figures out;
  auto stored = store_.day_figures(from, to);
  auto errors = store_.eta_errors(from, to);
  std::vector<double> all_errors;
  auto told = [](protocol::service_stats& st, const std::vector<double>& e) {
    const auto a = domain::accuracy_of(e);
    auto seconds = [](double minutes) { return static_cast<int>(std::lround(minutes * 60)); };
    st.eta_tickets = a.tickets;
    st.eta_mean_abs_error_seconds = seconds(a.mean_abs);
    st.eta_p90_abs_error_seconds = seconds(a.p90_abs);
    st.eta_within_5_percent = static_cast<int>(std::floor(a.within_5 * 100));  // 99.6 %: 99
    st.eta_bias_seconds = seconds(a.bias);
  };
  out.totals = stored.totals;
  out.appointment_waits = stored.appointment_waits;
  out.walk_in_waits = stored.walk_in_waits;
  for (const auto& s : settings_.services) {
    auto st = stored.services[s.id];
    st.service = s.id;
    st.waiting = static_cast<int>(waiting_count(s.id));
    const auto& e = errors[s.id];
    told(st, e);
    all_errors.insert(all_errors.end(), e.begin(), e.end());
    if (auto oldest = waiting_.oldest(s.id))
      st.longest_wait_seconds = static_cast<int>(since(*oldest, now).count());
    out.totals.waiting += st.waiting;
    out.totals.longest_wait_seconds =
        std::max(out.totals.longest_wait_seconds, st.longest_wait_seconds);
    out.services.push_back(st);
  }
  told(out.totals, all_errors);
  return out;
}

}  // namespace motcua::engine
