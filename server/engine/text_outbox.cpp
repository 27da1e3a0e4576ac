#include "server/engine/text_outbox.hpp"

#include "server/auth/crypto.hpp"
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

std::string text_outbox::render(const std::string& text, const text_subject& s) const {
  std::string out = text;
  replace_all(out, "{number}", s.ticket.number);
  replace_all(out, "{counter}", s.counter);
  replace_all(out, "{ahead}", std::to_string(s.ahead));
  replace_all(out, "{url}", s.url);
  replace_all(out, "{centre}", settings_.catalogue.unit.name);
  return settings_.sms->ascii ? domain::strip_marks(out) : out;
}

void text_outbox::ahead(domain::time_point now, const text_subject& s) {
  if (!s.ticket.phone || store_.has(s.ticket.id, "ahead")) return;
  write(now, s.ticket, "ahead", render(settings_.sms->ahead_text, s), true);
}

void text_outbox::near(domain::time_point now, const store::ticket_record& t) {
  if (!t.phone) return;
  store::sms_record r{
      0,         t.id,   "ahead", *t.phone, "",           settings_.zone.format(now).substr(0, 10),
      "skipped", "near", 0,       now,      std::nullopt, now,
      now};
  store_.insert(r);
}

void text_outbox::called(domain::time_point now, const text_subject& s) {
  if (!s.ticket.phone || store_.has(s.ticket.id, "called")) return;
  write(now, s.ticket, "called", render(settings_.sms->called_text, s), false);
}

void text_outbox::write(domain::time_point now, const store::ticket_record& t,
                        const std::string& kind, std::string text, bool wait_out_quiet) {
  const auto& sms = *settings_.sms;
  store::sms_record r{0,   t.id,         kind, *t.phone, std::move(text), t.day, "queued", {}, 0,
                      now, std::nullopt, now,  now};
  const auto time = settings_.zone.time_of_day(now);
  if (store_.counted(r.phone, r.day) >= sms.per_phone_daily) {
    r.state = "skipped";
    r.reason = "cap";
  } else if (sms.quiet_at(time)) {
    if (wait_out_quiet) {
      // The next end of the quiet hours: today's, or tomorrow's once today's has passed.
      auto end = settings_.zone.at(settings_.zone.day_of(now), sms.quiet_until);
      if (end <= now) end += std::chrono::days(1);
      r.next_attempt_at = end;
    } else {
      r.state = "skipped";
      r.reason = "quiet";
    }
  }
  store_.insert(r);
}

}  // namespace motcua::engine
