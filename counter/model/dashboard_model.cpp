#include "counter/model/dashboard_model.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "counter/model/format.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::counter {

std::string estimate_text(const protocol::service_stats& s) {
  if (s.eta_tickets == 0) return "—";
  const auto bias = std::chrono::seconds{std::abs(s.eta_bias_seconds)};
  return std::to_string(s.eta_within_5_percent) + "% · " + (s.eta_bias_seconds < 0 ? "-" : "+") +
         clock_text(bias);
}

namespace glossary = domain::glossary;

using std::chrono::sys_days;

dashboard_model::dashboard_model(const client::hall_mirror& centre, const domain::clock& clock,
                                 client::sender send)
    : centre_(centre), clock_(clock), send_(std::move(send)) {
  from_ = to_ = zone_.day_of(clock_.now());
}

void dashboard_model::set_range(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  from_ = from;
  to_ = sys_days{to} < sys_days{from} ? from : to;
  period_slot_.drop();
  period_.reset();
  refresh();
}

void dashboard_model::show_today() {
  auto today = zone_.day_of(clock_.now());
  set_range(today, today);
}

bool dashboard_model::includes_today() const {
  auto today = sys_days{zone_.day_of(clock_.now())};
  return sys_days{from_} <= today && today <= sys_days{to_};
}

void dashboard_model::ask_period() {
  period_slot_.send(
      send_, protocol::get_stats{domain::format_iso_date(from_),
                                 domain::format_iso_date(sys_days{to_} + std::chrono::days{1})});
}

void dashboard_model::ask_late() {
  protocol::search_dossiers late;
  late.late = true;
  late.limit = protocol::max_search_page;
  late_slot_.send(send_, late);
}

void dashboard_model::refresh() {
  ask_period();
  auto today = zone_.day_of(clock_.now());
  std::chrono::year_month_day first{today.year(), today.month(), std::chrono::day{1}};
  month_slot_.send(
      send_, protocol::get_stats{domain::format_iso_date(first),
                                 domain::format_iso_date(sys_days{today} + std::chrono::days{1})});
  ask_late();
  ask_ahead();
}

void dashboard_model::ask_ahead() {
  const auto today = sys_days{zone_.day_of(clock_.now())};
  for (int i = 0; i < days_asked; ++i)
    ahead_slots_[i].send(
        send_, protocol::list_bookings{domain::format_iso_date(today + std::chrono::days{i}), {}});
}

bool dashboard_model::asking_ahead() const {
  return std::ranges::any_of(ahead_slots_, &client::request_slot::busy);
}

std::vector<day_bookings> dashboard_model::bookings_ahead() const {
  std::vector<day_bookings> out;
  for (const auto& d : ahead_)
    if (d && d->capacity > 0 && static_cast<int>(out.size()) < booking_days_shown)
      out.push_back(*d);
  return out;
}

std::optional<double> dashboard_model::check_in_rate() const {
  if (!period_ || !period_->bookings) return std::nullopt;
  const auto& b = *period_->bookings;
  if (b.checked_in + b.missed == 0) return std::nullopt;
  return static_cast<double>(b.checked_in) / (b.checked_in + b.missed);
}

std::optional<double> dashboard_model::booking_no_show_rate() const {
  auto in = check_in_rate();
  if (!in) return std::nullopt;
  return 1 - *in;
}

text_figures dashboard_model::texts() const {
  text_figures f;
  if (!period_) return f;
  for (const auto& [state, count] : period_->texts) {
    if (state == "queued" || state == "sending") f.waiting += count;
    if (state == "sent") f.sent += count;
    if (state == "delivered") f.delivered += count;
    if (state == "failed") f.failed += count;
    if (state == "skipped") f.skipped += count;
  }
  return f;
}

int dashboard_model::waiting_total() const {
  int n = 0;
  for (const auto& s : centre_.services()) n += s.waiting;
  return n;
}

std::chrono::seconds dashboard_model::longest_wait() const {
  std::chrono::seconds longest{0};
  for (const auto& t : centre_.waiting())
    longest = std::max(longest, since(t.issued_at, clock_.now()));
  return longest;
}

std::vector<service_row> dashboard_model::services() const {
  std::vector<service_row> out;
  for (const auto& s : centre_.services()) {
    service_row row{&s, s.waiting, {}, false, {}};
    for (const auto& t : centre_.waiting())
      if (t.service == s.id)
        row.longest_wait = std::max(row.longest_wait, since(t.issued_at, clock_.now()));
    row.over_target =
        s.max_wait_minutes > 0 && row.longest_wait > std::chrono::minutes{s.max_wait_minutes};
    if (period_)
      for (const auto& f : period_->queue)
        if (f.service == s.id) row.figures = f;
    out.push_back(row);
  }
  return out;
}

std::vector<counter_row> dashboard_model::counters() const {
  std::vector<counter_row> out;
  for (const auto& c : centre_.counters()) {
    counter_row row{&c, {}, false};
    if (c.ticket) {
      const auto& t = *c.ticket;
      row.serving = since(t.started_at.value_or(t.called_at.value_or(t.issued_at)), clock_.now());
      if (const auto* s = centre_.service(t.service); s && s->max_service_minutes > 0)
        row.over_target = row.serving > std::chrono::minutes{s->max_service_minutes};
    }
    out.push_back(row);
  }
  return out;
}

double dashboard_model::no_show_rate() const {
  if (!period_) return 0;
  const auto& t = period_->queue_totals;
  return t.served + t.no_show ? static_cast<double>(t.no_show) / (t.served + t.no_show) : 0;
}

int dashboard_model::dossiers_received() const {
  int n = 0;
  if (period_)
    for (const auto& s : period_->dossier_counts) n += s.count;
  return n;
}

bool dashboard_model::on_reply(const protocol::reply& r) {
  auto take_stats = [&](client::request_slot& slot, std::optional<protocol::stats_result>& into) {
    if (!slot.take(r)) return false;
    if (const auto* e = client::error_of(r))
      problem_ = *e;
    else if (const auto* s = std::get_if<protocol::stats_result>(&r.body))
      into = *s;
    return true;
  };
  if (take_stats(period_slot_, period_) || take_stats(month_slot_, month_)) return true;
  for (int i = 0; i < days_asked; ++i) {
    if (!ahead_slots_[i].take(r)) continue;
    if (const auto* e = client::error_of(r))
      problem_ = *e;
    else if (const auto* d = std::get_if<protocol::bookings_result>(&r.body))
      if (auto date = domain::parse_date(d->date)) {
        day_bookings day{*date};
        for (const auto& slot : d->slots) {
          day.booked += slot.booked.value_or(0);
          day.capacity += slot.capacity;
          day.over_booked = day.over_booked || slot.over_booked;
        }
        ahead_[i] = day;
      }
    return true;
  }
  if (!late_slot_.take(r)) return false;
  if (const auto* d = std::get_if<protocol::dossiers_result>(&r.body)) {
    late_.clear();
    for (const auto& v : d->dossiers)
      if (!v.finished_at) late_.push_back(v);
  }
  return true;
}

void dashboard_model::on_event(const protocol::event& e) {
  if (std::holds_alternative<protocol::stats>(e.body) && includes_today()) ask_period();
  if (std::holds_alternative<protocol::dossier_changed>(e.body)) ask_late();
  if (std::holds_alternative<protocol::booking_changed>(e.body)) ask_ahead();
}

void dashboard_model::offline() {
  period_slot_.drop();
  month_slot_.drop();
  late_slot_.drop();
  for (auto& slot : ahead_slots_) slot.drop();
}

std::string dashboard_model::csv(domain::lang l) const {
  csv_text out;
  auto row = [&](std::initializer_list<std::string> fields) { out.row(fields); };
  auto n = [](auto v) { return std::to_string(v); };
  auto say = [l](const domain::text& t) { return std::string(t(l)); };
  row({say({"Khoảng thời gian", "Period"}), domain::format_ddmmyyyy(from_),
       domain::format_ddmmyyyy(to_)});
  row({});
  row({say({"Lĩnh vực", "Service"}),
       say(glossary::ticket_state_name(domain::ticket_state::waiting)),
       say({"Đã phát số", "Issued"}), say({"Đã phục vụ", "Served"}),
       say(glossary::ticket_state_name(domain::ticket_state::no_show)),
       say({"Chờ trung bình (giây)", "Average wait (s)"}), say({"Chờ P90 (giây)", "P90 wait (s)"}),
       say({"Phục vụ trung bình (giây)", "Average service (s)"}),
       say({"Phục vụ P90 (giây)", "P90 service (s)"}),
       say({"Số vé so dự báo", "Tickets vs estimate"}),
       say({"Sai số dự báo TB (giây)", "Estimate error avg (s)"}),
       say({"Sai số dự báo P90 (giây)", "Estimate error P90 (s)"}),
       say({"Dự báo trong ±5 phút (%)", "Estimates within 5 min (%)"}),
       say({"Chờ lâu hơn dự báo TB (giây)", "Estimate bias (s)"})});
  for (const auto& s : services()) {
    const auto& f = s.figures;
    row({domain::pick(l, s.service->name, s.service->name_en), n(s.waiting), n(f.issued),
         n(f.served), n(f.no_show), n(f.average_wait_seconds), n(f.p90_wait_seconds),
         n(f.average_service_seconds), n(f.p90_service_seconds), n(f.eta_tickets),
         n(f.eta_mean_abs_error_seconds), n(f.eta_p90_abs_error_seconds), n(f.eta_within_5_percent),
         n(f.eta_bias_seconds)});
  }
  row({});
  row({say({"Quầy", "Counter"}), say({"Trạng thái", "State"}), say({"Cán bộ", "Clerk"}),
       say({"Số đang phục vụ", "Ticket"}), say({"Thời gian phục vụ (giây)", "Serving (s)"}),
       say({"Đã phục vụ hôm nay", "Served today"}),
       say({"Phục vụ trung bình (giây)", "Average service (s)"})});
  for (const auto& c : counters())
    row({c.counter->name, std::string(protocol::to_string(c.counter->state)),
         c.counter->clerk_name.value_or(c.counter->clerk.value_or("")),
         c.counter->ticket ? c.counter->ticket->number : "", n(c.serving.count()),
         n(c.counter->served_today), n(c.counter->average_service_seconds)});
  if (period_) {
    row({});
    row({say({"Giờ", "Hour"}), say({"Đã phát số", "Issued"}), say({"Đã phục vụ", "Served"})});
    for (const auto& h : period_->hours) row({n(h.hour) + ":00", n(h.issued), n(h.served)});
  }
  if (month_) {
    row({});
    row({say({"Thủ tục (tháng này)", "Procedure (this month)"}), say({"Hồ sơ", "Dossiers"}),
         say(glossary::on_time), say(glossary::on_time_rate)});
    for (const auto& p : month_->by_procedure)
      row({p.name, n(p.dossiers), n(p.on_time), n(p.on_time_rate)});
    row({say({"Toàn trung tâm", "Centre"}), n(month_->centre.dossiers), n(month_->centre.on_time),
         n(month_->centre.on_time_rate)});
  }
  row({});
  row({say({"Ngày (lịch hẹn)", "Day (bookings)"}), say({"Đã đặt", "Booked"}),
       say({"Số chỗ", "Places"})});
  for (const auto& d : bookings_ahead())
    row({domain::format_ddmmyyyy(d.day), n(d.booked), n(d.capacity)});
  row({});
  row({say(glossary::late_dossiers), say({"Thủ tục", "Procedure"}), say(glossary::result_due),
       say({"Trạng thái", "Status"})});
  for (const auto& d : late_) row({d.code, d.procedure_name, local_time_date(d.due_at), d.status});
  return out.str();
}

}  // namespace motcua::counter
