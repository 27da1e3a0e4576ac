#include "server/engine/text_outbox.hpp"

#include "server/auth/crypto.hpp"
#include "shared/domain/person.hpp"
#include "shared/domain/text.hpp"

namespace motcua::engine {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

std::string report_key(const config::text_messages& sms, std::int64_t id) {
  return auth::hmac_sha256_hex(sms.password, "sms-report:" + std::to_string(id));
}

std::string state_of_report(int status) {
  if (status & 1) return "delivered";
  if (status & (2 | 16)) return "failed";
  return "";
}

bool text_outbox::report(domain::time_point now, const text_report& r) {
  if (!enabled() || r.key != report_key(*settings_.sms, r.id)) return false;
  auto row = store_.find(r.id);
  if (!row) return false;
  const auto state = state_of_report(r.status);
  if (state.empty() || (row->state != "sent" && row->state != "sending")) return true;
  const auto from = row->state;
  row->state = state;
  if (state == "failed") row->reason = "report";
  row->answer = row->answer.value_or("") + " / report " + std::to_string(r.status);
  row->changed_at = now;
  store_.update(*row, from);
  return true;
}

text_outbox::text_outbox(const config::settings& settings, store::sms_store& store)
    : settings_(settings), store_(store) {}

int text_outbox::ahead_threshold(domain::service_id service) const {
  const auto* s = settings_.find_service(service);
  return s && s->text_ahead ? *s->text_ahead : settings_.sms->ahead;
}

std::string text_outbox::finish(std::string text) const {
  replace_all(text, "{centre}", settings_.catalogue.unit.name);
  return settings_.sms->ascii ? domain::strip_marks(text) : text;
}

std::string text_outbox::render(const std::string& kind, const text_subject& s) const {
  std::string out = settings_.sms->templates.at(kind);
  replace_all(out, "{number}", s.ticket.number);
  replace_all(out, "{counter}", s.counter);
  replace_all(out, "{ahead}", std::to_string(s.ahead));
  replace_all(out, "{url}", s.url);
  return finish(std::move(out));
}

std::string text_outbox::render(const std::string& kind, const store::dossier_record& d) const {
  std::string out = settings_.sms->templates.at(kind);
  replace_all(out, "{code}", d.code);
  replace_all(out, "{due}", domain::format_ddmmyyyy(settings_.zone.day_of(d.due_at)));
  const auto& base = settings_.catalogue.unit.public_url;
  replace_all(out, "{url}", base.empty() ? "" : base + d.code);
  return finish(std::move(out));
}

void text_outbox::ahead(domain::time_point now, const text_subject& s) {
  ticket_text(now, s, "ahead");
}

void text_outbox::called(domain::time_point now, const text_subject& s) {
  ticket_text(now, s, "called");
}

void text_outbox::ticket_text(domain::time_point now, const text_subject& s,
                              const std::string& kind) {
  if (!s.ticket.phone || store_.has(s.ticket.id, kind)) return;
  store::sms_record r;
  r.ticket = s.ticket.id;
  r.kind = kind;
  r.phone = *s.ticket.phone;
  r.text = render(kind, s);
  write(now, std::move(r));
}

void text_outbox::near(domain::time_point now, const store::ticket_record& t) {
  if (!t.phone) return;
  store::sms_record r;
  r.ticket = t.id;
  r.kind = "ahead";
  r.phone = *t.phone;
  r.day = settings_.zone.format(now).substr(0, 10);
  r.state = "skipped";
  r.reason = "near";
  r.next_attempt_at = r.created_at = r.changed_at = now;
  store_.insert(r);
}

void text_outbox::dossier_step(domain::time_point now, const store::dossier_record& d,
                               const std::string& kind) {
  if (!enabled() || d.applicant.phone.empty()) return;
  store::sms_record r;
  r.dossier = d.id;
  r.kind = kind;
  r.phone = d.applicant.phone;
  r.text = render(kind, d);
  write(now, std::move(r));
}

std::vector<protocol::text_view> text_outbox::views(
    const std::vector<store::sms_record>& rows) const {
  std::vector<protocol::text_view> out;
  for (const auto& r : rows)
    out.push_back({r.kind, r.state, r.reason, settings_.zone.format(r.changed_at)});
  return out;
}

std::vector<protocol::text_view> text_outbox::of_ticket(domain::ticket_id ticket) const {
  if (!enabled()) return {};
  return views(store_.of_ticket(ticket));
}

std::vector<protocol::text_view> text_outbox::of_dossier(std::int64_t dossier) const {
  if (!enabled()) return {};
  return views(store_.of_dossier(dossier));
}

std::vector<protocol::status_count> text_outbox::states(std::chrono::year_month_day from,
                                                        std::chrono::year_month_day to) const {
  std::vector<protocol::status_count> out;
  if (!enabled()) return out;
  const auto last = std::chrono::year_month_day{std::chrono::sys_days(to) - std::chrono::days(1)};
  for (auto& [state, count] :
       store_.states(domain::format_iso_date(from), domain::format_iso_date(last)))
    out.push_back({state, count});
  return out;
}

bool apply_quiet_hours(const config::text_messages& sms, const domain::business_zone& zone,
                       domain::time_point now, store::sms_record& r) {
  if (!sms.quiet_at(zone.time_of_day(now))) return false;
  // Today's end of the quiet hours, or tomorrow's once today's has passed.
  auto end = zone.at(zone.day_of(now), sms.quiet_until);
  if (end <= now) end += std::chrono::days(1);
  const bool stale = r.ticket && domain::format_iso_date(zone.day_of(end)) != r.day;
  if (r.kind == "called" || stale) {
    r.state = "skipped";
    r.reason = "quiet";
  } else {
    r.next_attempt_at = end;
  }
  return true;
}

void text_outbox::write(domain::time_point now, store::sms_record r) {
  const auto& sms = *settings_.sms;
  r.day = settings_.zone.format(now).substr(0, 10);
  r.state = "queued";
  r.next_attempt_at = r.created_at = r.changed_at = now;
  if (!domain::is_mobile(r.phone)) {
    r.state = "skipped";
    r.reason = "landline";
  } else if (r.ticket && store_.counted(r.phone, r.day) >= sms.per_phone_daily) {
    r.state = "skipped";  // a dossier's texts are the centre's duty (the law's): never capped
    r.reason = "cap";
  } else {
    apply_quiet_hours(sms, settings_.zone, now, r);
  }
  store_.insert(r);
}

}  // namespace motcua::engine
