#include "counter/model/staffing_model.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "counter/model/dashboard_model.hpp"
#include "counter/model/format.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::counter {
namespace {

// Days drawn to check a staffing on, and the first seed: the same figures at every run.
constexpr int days_drawn = 8;
constexpr std::uint64_t first_seed = 1;
constexpr int most_counters = 30;

std::string minutes_text(const std::optional<double>& m) {
  if (!m) return "";
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << *m;
  return out.str();
}

}  // namespace

sim::recorded_day recorded_day_of(const protocol::recorded_day_view& v,
                                  const domain::business_zone& zone) {
  sim::recorded_day out;
  auto date = domain::parse_date(v.day);
  if (!date) return out;
  const auto start = zone.at(*date, {});
  auto minutes = [&](const std::string& iso) -> std::optional<sim::minutes> {
    auto t = domain::parse_iso8601(iso);
    if (!t) return std::nullopt;
    return static_cast<double>((*t - start).count()) / 60'000;
  };
  for (const auto& t : v.tickets) {
    auto issued = minutes(t.issued_at);
    if (!issued) continue;
    sim::recorded_ticket ticket{*issued, t.service, t.priority, t.cancelled, t.told_minutes, {}};
    bool readable = true;
    for (const auto& visit : t.visits) {
      auto called = minutes(visit.called_at);
      auto how = sim::parse_visit_end(visit.end);
      std::optional<sim::minutes> ended;
      if (visit.ended_at) ended = minutes(*visit.ended_at);
      readable = readable && called && how && (ended || !visit.ended_at);
      if (readable) ticket.visits.push_back({visit.service, visit.counter, *called, ended, *how});
    }
    if (readable) out.tickets.push_back(std::move(ticket));
  }
  for (const auto& c : v.counters)
    if (auto at = minutes(c.at)) out.counters.push_back({*at, c.counter, c.open, c.services});
  return out;
}

staffing_model::staffing_model(const client::hall_mirror& centre, const domain::clock& clock,
                               client::sender send)
    : centre_(centre), clock_(clock), send_(std::move(send)) {}

void staffing_model::ask(day_requests& a, std::vector<std::chrono::year_month_day> days) {
  a.slot.drop();
  a.left = std::move(days);
  a.got.clear();
  problem_.reset();
  ask_next(a);
}

void staffing_model::ask_next(day_requests& a) {
  if (a.left.empty()) return;
  if (a.slot.send(send_, protocol::get_recorded_days{{domain::format_iso_date(a.left.front())}}))
    a.left.erase(a.left.begin());
  else
    a.left.clear();  // offline: nothing is kept; the screen asks again
}

bool staffing_model::all_in(day_requests& a, const protocol::reply& r) {
  if (const auto* e = client::error_of(r)) {
    problem_ = *e;
    a.left.clear();
    return false;
  }
  if (const auto* days = std::get_if<protocol::recorded_days_result>(&r.body))
    a.got.insert(a.got.end(), days->recorded_days.begin(), days->recorded_days.end());
  ask_next(a);
  return !a.busy();
}

void staffing_model::show_day(std::chrono::year_month_day day) {
  asked_ = {kind::day, day};
  ask(what_if_, {day});
}

void staffing_model::show_typical(std::chrono::weekday day, int weeks) {
  const auto today = zone_.day_of(clock_.now());
  // The latest such weekday before today, then the weeks before it.
  auto latest = std::chrono::sys_days{today} - std::chrono::days{1};
  while (std::chrono::weekday{latest} != day) latest -= std::chrono::days{1};
  asked_ = {kind::typical, std::chrono::year_month_day{latest}};
  auto days = sim::same_weekdays_before(std::chrono::year_month_day{latest + std::chrono::weeks{1}},
                                        std::clamp(weeks, 1, 31));
  ask(what_if_, std::move(days));
}

void staffing_model::advise(std::chrono::year_month_day day, int weeks) {
  if (advice_job_.valid()) return;  // one search at a time (the screen waits for it)
  advice_day_ = day;
  advice_.reset();
  // Only whole days already lived: the weeks before the day, before today.
  std::vector<std::chrono::year_month_day> days;
  const auto today = zone_.day_of(clock_.now());
  for (auto d : sim::same_weekdays_before(day, std::clamp(weeks, 1, 31)))
    if (d < today) days.push_back(d);
  if (days.empty()) {
    ask(advice_asked_, {});  // a late answer for another day is not this day's
    problem_ = protocol::make_error(protocol::error_code::invalid,
                                    "Chưa có ngày nào cùng thứ trước ngày này để dựa vào.",
                                    "No same weekday before that day to go by.", false);
    return;
  }
  ask(advice_asked_, std::move(days));
}

bool staffing_model::asking() const {
  return what_if_.busy() || advice_asked_.busy() || advice_job_.valid();
}

void staffing_model::poll() {
  using namespace std::chrono_literals;
  if (advice_job_.valid() && advice_job_.wait_for(0s) == std::future_status::ready)
    advice_ = advice_job_.get();
}

void staffing_model::wait() {
  if (advice_job_.valid()) advice_job_.wait();
  poll();
}

std::vector<sim::replay> staffing_model::replays_of(
    const std::vector<protocol::recorded_day_view>& days) const {
  std::vector<sim::replay> out;
  for (const auto& day : days)
    if (auto replay = sim::replay_of(recorded_day_of(day, zone_)); !replay.arrivals.empty())
      out.push_back(std::move(replay));
  return out;
}

std::map<domain::service_id, sim::minutes> staffing_model::targets() const {
  std::map<domain::service_id, sim::minutes> out;
  for (const auto& s : centre_.services())
    if (s.max_wait_minutes > 0) out[s.id] = s.max_wait_minutes;
  return out;
}

bool staffing_model::on_reply(const protocol::reply& r) {
  const bool what_if = what_if_.slot.take(r);
  if (!what_if && !advice_asked_.slot.take(r)) return false;
  auto& a = what_if ? what_if_ : advice_asked_;
  if (!all_in(a, r)) return true;
  auto replays = replays_of(a.got);
  if (replays.empty()) {
    problem_ = protocol::make_error(protocol::error_code::empty,
                                    "Không có số nào được ghi trong những ngày này.",
                                    "No ticket was recorded on those days.", false);
    return true;
  }
  if (what_if) {
    shown(std::move(replays));
  } else {
    // The search simulates many staffings: on a thread of its own, so the window stays alive.
    advice_job_ = std::async(
        std::launch::async,
        [profile = sim::profile_of_days(replays, targets()), rules = replays.front().rules] {
          return sim::advise(profile, rules, days_drawn, first_seed);
        });
  }
  return true;
}

void staffing_model::shown(std::vector<sim::replay> days) {
  kind_ = asked_.first;
  day_ = asked_.second;
  days_ = std::move(days);
  const auto& latest = days_.front();
  recorded_ = wanted_ = sim::staffing_of(latest.plan);
  targets_ = targets();
  const auto& goals = targets_;
  if (kind_ == kind::typical) {
    profile_ = sim::profile_of_days(days_, goals);
    // The recorded waits of all the days together, per day.
    std::vector<sim::hour_figures> pooled;
    std::map<std::pair<domain::service_id, int>, std::pair<std::vector<double>, int>> cells;
    for (const auto& d : days_)
      for (const auto& v : d.recorded.visits) {
        auto& c = cells[{v.service, std::clamp(static_cast<int>(v.joined / 60), 0, 23)}];
        c.first.push_back(v.wait());
        ++c.second;
      }
    for (auto& [key, c] : cells) {
      sim::hour_figures f;
      f.service = key.first;
      f.hour = key.second;
      f.joined = static_cast<int>(c.second / days_.size());
      f.waits = sim::summarize(std::move(c.first));
      pooled.push_back(f);
    }
    recorded_figures_ = std::move(pooled);
  } else {
    recorded_figures_ = sim::by_service_and_hour(latest.recorded, latest.plan, goals);
  }
  services_.clear();
  first_hour_ = 23;
  last_hour_ = 0;
  for (const auto& f : recorded_figures_) {
    if (std::find(services_.begin(), services_.end(), f.service) == services_.end())
      services_.push_back(f.service);
    first_hour_ = std::min(first_hour_, f.hour);
    last_hour_ = std::max(last_hour_, f.hour);
  }
  for (const auto& [service, hours] : recorded_.counters)
    for (int h = 0; h < 24; ++h)
      if (hours[static_cast<std::size_t>(h)] > 0) {
        first_hour_ = std::min(first_hour_, h);
        last_hour_ = std::max(last_hour_, h);
      }
  std::sort(services_.begin(), services_.end());
  if (first_hour_ > last_hour_) first_hour_ = last_hour_ = 8;
  simulate();
}

void staffing_model::simulate() {
  if (days_.empty()) return;
  const auto& latest = days_.front();
  const auto plan = sim::with_staffing(latest.plan, wanted_);
  if (kind_ == kind::typical) {
    simulated_figures_ = sim::expect(profile_, plan, latest.rules, days_drawn, first_seed).figures;
  } else {
    simulated_figures_ = sim::by_service_and_hour(
        sim::simulate(latest.arrivals, plan, latest.rules), plan, targets());
  }
}

staffing_cell staffing_model::at(domain::service_id service, int hour) const {
  staffing_cell c;
  c.recorded_counters = recorded_.at(service, hour);
  c.counters = wanted_.at(service, hour);
  for (const auto& f : recorded_figures_)
    if (f.service == service && f.hour == hour) {
      c.joined = f.joined;
      if (f.waits.count > 0) c.recorded_p90 = f.waits.p90;
    }
  for (const auto& f : simulated_figures_)
    if (f.service == service && f.hour == hour && f.waits.count > 0) c.simulated_p90 = f.waits.p90;
  auto target = targets_.find(service);
  c.over_target = c.simulated_p90 && target != targets_.end() && *c.simulated_p90 > target->second;
  return c;
}

void staffing_model::set_counters(domain::service_id service, int hour, int counters) {
  if (days_.empty() || hour < 0 || hour > 23) return;
  wanted_.counters[service][static_cast<std::size_t>(hour)] =
      std::clamp(counters, 0, most_counters);
  simulate();
}

void staffing_model::reset() {
  wanted_ = recorded_;
  simulate();
}

std::string staffing_model::title(domain::lang l) const {
  const std::chrono::weekday w{std::chrono::sys_days{day_}};
  switch (kind_) {
    case kind::day:
      return std::string(weekday_name(w)(l)) + " " + domain::format_ddmmyyyy(day_);
    case kind::typical:
      return std::string(weekday_name(w)(l)) +
             (l == domain::lang::vi ? " điển hình (" + std::to_string(days_.size()) + " tuần)"
                                    : ", typical (" + std::to_string(days_.size()) + " weeks)");
    case kind::none:
      break;
  }
  return "";
}

std::string staffing_model::advice_csv(domain::lang l) const {
  std::ostringstream out;
  out << "\xEF\xBB\xBF";
  if (!advice_ || !advice_day_) return out.str();
  auto say = [l](const domain::text& t) { return std::string(t(l)); };
  out << csv_field(say({"Đề xuất bố trí quầy cho ngày", "Staffing advice for"})) << ","
      << domain::format_ddmmyyyy(*advice_day_) << "\r\n";
  out << csv_field(say({"Lĩnh vực", "Service"})) << "," << say({"Giờ", "Hour"}) << ","
      << csv_field(say({"Số quầy", "Counters"})) << ","
      << csv_field(say({"Công dân/ngày", "Citizens a day"})) << ","
      << csv_field(say({"Chờ p50 (phút)", "Wait p50 (min)"})) << ","
      << csv_field(say({"Chờ p90 (phút)", "Wait p90 (min)"})) << ","
      << csv_field(say({"Mục tiêu (phút)", "Target (min)"})) << "\r\n";
  const auto goals = targets();
  for (const auto& f : advice_->expected.figures) {
    const auto* s = centre_.service(f.service);
    auto target = goals.find(f.service);
    out << csv_field(s ? (l == domain::lang::vi ? s->name : s->name_en) : std::to_string(f.service))
        << "," << f.hour << "," << advice_->counters.at(f.service, f.hour) << "," << f.joined << ","
        << minutes_text(f.waits.p50) << "," << minutes_text(f.waits.p90) << ","
        << (target == goals.end() ? "" : minutes_text(target->second)) << "\r\n";
  }
  return out.str();
}

void staffing_model::offline() {
  for (auto* a : {&what_if_, &advice_asked_}) {
    a->slot.offline();
    a->left.clear();  // asked again when the screen is opened
  }
}

bool staffing_model::ready() const { return !asking() && (!days_.empty() || advice_); }

}  // namespace motcua::counter
