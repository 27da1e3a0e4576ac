#include "counter/model/province_model.hpp"

#include "counter/model/format.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::counter {

namespace chrono = std::chrono;
namespace glossary = domain::glossary;

province_model::province_model(const domain::clock& clock, client::sender send)
    : clock_(clock), send_(std::move(send)) {
  from_ = to_ = zone_.day_of(clock_.now());
}

void province_model::set_range(chrono::year_month_day from, chrono::year_month_day to) {
  from_ = from;
  to_ = chrono::sys_days{to} < chrono::sys_days{from} ? from : to;
  refresh();
}

bool province_model::includes_today() const {
  const auto today = zone_.day_of(clock_.now());
  return chrono::sys_days{from_} <= chrono::sys_days{today} &&
         chrono::sys_days{today} <= chrono::sys_days{to_};
}

void province_model::show_today() {
  from_ = to_ = zone_.day_of(clock_.now());
  refresh();
}

void province_model::drill(std::optional<std::string> unit) {
  unit_ = std::move(unit);
  refresh();
}

void province_model::refresh() {
  slot_.drop();  // a new question: the answer to the old one is not wanted any more
  figures_.reset();
  ask();
}

void province_model::ask() {
  const chrono::year_month_day after{chrono::sys_days{to_} + chrono::days{1}};
  slot_.send(send_, protocol::get_province_stats{domain::format_iso_date(from_),
                                                 domain::format_iso_date(after), unit_});
}

void province_model::tick() {
  if (slot_.busy()) return;
  const bool retry = !figures_ && problem_;
  if (!retry && (!figures_ || !includes_today())) return;
  if (clock_.now() - answered_at_ < refresh_every) return;
  answered_at_ = clock_.now();  // asked: not again before the next period even if refused
  ask();
}

bool province_model::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  if (const auto* e = client::error_of(r)) {
    problem_ = *e;
    answered_at_ = clock_.now();
    return true;
  }
  if (const auto* f = std::get_if<protocol::province_stats_result>(&r.body)) {
    figures_ = *f;
    answered_at_ = clock_.now();
    problem_.reset();
  }
  return true;
}

void province_model::offline() { slot_.offline(); }

std::string province_model::centre_name(const std::string& unit) const {
  if (figures_)
    for (const auto& c : figures_->centres)
      if (c.unit == unit) return c.name;
  return unit;
}

std::string province_model::csv(domain::lang l) const {
  csv_text out;
  auto n = [](auto v) { return std::to_string(v); };
  auto say = [l](const domain::text& t) { return std::string(t(l)); };
  out.row({say({"Khoảng thời gian", "Period"}), domain::format_ddmmyyyy(from_),
           domain::format_ddmmyyyy(to_)});
  if (!figures_) return out.str();
  const auto& f = *figures_;
  out.row({say({"Tỷ lệ đúng hạn từ ngày", "On-time rate since"}), f.month_from});
  out.row({});
  out.row({say({"Mã đơn vị", "Unit code"}), say({"Trung tâm", "Centre"}),
           say(glossary::ticket_state_name(domain::ticket_state::waiting)),
           say({"Chờ lâu nhất (giây)", "Longest wait (s)"}), say({"Đã phát số", "Issued"}),
           say({"Đã phục vụ", "Served"}), say({"Chờ P90 (giây)", "P90 wait (s)"}),
           say({"Hồ sơ (tháng)", "Dossiers (month)"}), say(glossary::on_time),
           say(glossary::on_time_rate), say(glossary::late_dossiers)});
  auto centre_row = [&](const protocol::centre_figures& c, const std::string& name) {
    out.row({c.unit, name, n(c.waiting), n(c.longest_wait_seconds), n(c.issued), n(c.served),
             n(c.p90_wait_seconds), n(c.dossiers), n(c.on_time), n(c.on_time_rate),
             n(c.late_open)});
  };
  for (const auto& c : f.centres) centre_row(c, c.name);
  centre_row(f.province, say({"Toàn tỉnh", "Province"}));
  if (!f.services.empty()) {
    out.row({});
    out.row({say({"Lĩnh vực", "Service"}),
             say(glossary::ticket_state_name(domain::ticket_state::waiting)),
             say({"Chờ lâu nhất (giây)", "Longest wait (s)"}), say({"Đã phát số", "Issued"}),
             say({"Đã phục vụ", "Served"}), say({"Chờ P90 (giây)", "P90 wait (s)"})});
    for (const auto& s : f.services)
      out.row({domain::pick(l, s.name, s.name_en), n(s.waiting), n(s.longest_wait_seconds),
               n(s.issued), n(s.served), n(s.p90_wait_seconds)});
  }
  out.row({});
  out.row({say({"Mã thủ tục", "Procedure code"}), say({"Thủ tục (tháng)", "Procedure (month)"}),
           say({"Hồ sơ", "Dossiers"}), say(glossary::on_time), say(glossary::on_time_rate),
           say(glossary::late_dossiers)});
  for (const auto& p : f.procedures)
    out.row({p.procedure_code, domain::pick(l, p.name, p.name_en), n(p.dossiers), n(p.on_time),
             n(p.on_time_rate), n(p.late_open)});
  out.row({});
  out.row({say(glossary::late_dossiers), say({"Trung tâm", "Centre"}),
           say({"Thủ tục", "Procedure"}), say(glossary::result_due),
           say({"Trạng thái", "Status"})});
  for (const auto& d : f.late)
    out.row({d.code, centre_name(d.unit), domain::pick(l, d.procedure_name, d.procedure_name_en),
             local_time_date(d.due_at), d.status});
  return out.str();
}

}  // namespace motcua::counter
