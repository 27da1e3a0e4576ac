#include "server/engine/dossier_desk.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "server/engine/procedures.hpp"
#include "shared/domain/dossier_code.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/domain/person.hpp"
#include "shared/domain/text.hpp"
#include "shared/domain/text_policy.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::engine {

using domain::dossier_action;
using domain::dossier_status;
using protocol::error_code;

namespace {

constexpr int book_lines_per_volume = 500;

std::string say(bool english, std::string_view vi, std::string_view en) {
  return std::string(english ? en : vi);
}

// What a citizen reads for a history row on the public view (Vietnamese): the step, the
// department it went to, and the unit where it was taken when not the receiving one.
std::string step_words(const std::string& action, const std::optional<std::string>& to,
                       const std::optional<std::string>& other_unit) {
  const domain::text* name = domain::glossary::step_name(action);
  std::string words = name ? name->vi : action;
  if (to) words.append(" – ").append(domain::displayable(*to));
  if (other_unit) words.append(" (").append(domain::displayable(*other_unit)).append(")");
  return words;
}

// Stored text as it goes on the wire: valid UTF-8 holding nothing the text policy refuses. Rows
// written before the policy, or restored from a backup, may hold any bytes, and a client's
// WebSocket closes on invalid UTF-8.
std::string shown(const std::string& stored) { return domain::displayable(stored); }
std::optional<std::string> shown(const std::optional<std::string>& stored) {
  if (!stored) return std::nullopt;
  return domain::displayable(*stored);
}

bool blank(const std::optional<std::string>& s) {
  return !s || s->find_first_not_of(" \t\r\n") == std::string::npos;
}

protocol::error extension_refused(domain::extension_refusal refusal, bool en) {
  switch (refusal) {
    case domain::extension_refusal::already_extended:
      return make_error(error_code::conflict, "Hồ sơ chỉ được gia hạn một lần.",
                        "A dossier may be extended only once.", en);
    case domain::extension_refusal::past_due:
      return make_error(error_code::conflict, "Đã quá hạn: không thể gia hạn nữa.",
                        "The due time has passed: it can no longer be extended.", en);
    case domain::extension_refusal::not_later:
      return protocol::invalid_field("new_due_at", "Cần ngày hẹn mới, sau ngày hẹn hiện tại.",
                                     "A new due time after the current one is needed.", en);
  }
  throw std::invalid_argument("extension_refused: invalid refusal");
}

}  // namespace

dossier_desk::dossier_desk(const config::settings& settings, store::dossier_store& store,
                           audit_log& audit, text_outbox& texts, province_feed& province)
    : settings_(settings),
      catalogue_(settings.catalogue),
      calendar_(settings.catalogue.calendar),
      store_(store),
      audit_(audit),
      texts_(texts),
      province_(province),
      counts_(store.count_by_status()) {}

std::vector<protocol::event_body> dossier_desk::take_events() { return std::exchange(events_, {}); }

// ---------------------------------------------------------------- registration

protocol::reply_body dossier_desk::register_dossier(const context& c,
                                                    const protocol::register_dossier& r,
                                                    std::optional<domain::ticket_id> current) {
  const bool en = c.english;
  auto today = settings_.zone.day_of(c.now);
  auto day = domain::format_iso_date(today);
  if (auto existing = store_.find_by_request(day, r.request_key))
    return protocol::dossier_result{full_view(*existing, c.now, true)};

  const auto* procedure = catalogue_.find_procedure(r.procedure);
  if (!procedure)
    return protocol::invalid_field("procedure", "Không có thủ tục này.", "No such procedure.", en);
  const auto* version = procedure->version_on(today);
  if (!version)
    return protocol::invalid_field("procedure", "Thủ tục này chưa có hiệu lực.",
                                   "This procedure is not in force yet.", en);

  // Every problem at once, field by field.
  std::map<std::string, std::string> problems;
  auto problem = [&](const std::string& field, std::string_view vi, std::string_view english) {
    problems.emplace(field, say(en, vi, english));
  };
  for (auto& [field, p] :
       domain::check_applicant({r.applicant.full_name, r.applicant.id_number, r.applicant.passport,
                                r.applicant.phone, r.applicant.address, r.applicant.email},
                               today))
    problem(field, p.vi, p.en);
  store::dossier_record d;
  auto& who = d.applicant;
  who.full_name = domain::normalise_name(r.applicant.full_name);
  who.address = domain::normalise_name(r.applicant.address);
  who.id_number = r.applicant.id_number;
  if (!r.applicant.id_number && r.applicant.passport)
    who.passport = domain::normalise_passport(*r.applicant.passport);
  who.phone = domain::normalise_phone(r.applicant.phone).normalised;
  if (r.applicant.email) who.email = domain::normalise_name(*r.applicant.email);
  for (const auto& name : r.documents) {
    auto checked = domain::check_text(domain::text_fields::document, name);
    if (checked.problem) problem("documents", checked.problem->vi, checked.problem->en);
    d.documents.push_back(std::move(checked.text));
  }
  if (r.note) {
    auto checked = domain::check_text(domain::text_fields::dossier_note, *r.note);
    if (checked.problem) problem("note", checked.problem->vi, checked.problem->en);
    d.note = std::move(checked.text);
  }
  std::string missing;
  for (const auto& doc : version->documents)
    if (doc.required && std::find(d.documents.begin(), d.documents.end(),
                                  domain::normalise_name(doc.name)) == d.documents.end())
      missing += (missing.empty() ? "" : "; ") + doc.name;
  if (!missing.empty()) problem("documents", "Còn thiếu: " + missing, "Missing: " + missing);
  if (auto e = protocol::check_request_key(r.request_key, en)) problems.merge(e->fields);
  if (!problems.empty()) {
    auto e = make_error(error_code::invalid, "Hồ sơ chưa hợp lệ, xem từng mục.",
                        "The dossier is not valid; see each field.", en);
    e.fields = std::move(problems);
    return e;
  }

  d.day = day;
  d.sequence = store_.next_sequence(day);
  d.code = domain::format_dossier_code(catalogue_.unit.code, today, d.sequence);
  d.request_key = r.request_key;
  d.procedure = procedure->id;
  d.version_from = domain::format_iso_date(version->effective_from);
  d.received_at = c.now;
  d.due_at = domain::due_at(c.now, version->legal_time, calendar_, catalogue_.office_hours,
                            settings_.zone);
  d.step_started_at = c.now;
  if (!version->steps.empty()) d.department = version->steps.front().department;
  d.ticket = r.ticket ? r.ticket : current;
  int line = store_.next_book_line();
  d.book_volume = (line - 1) / book_lines_per_volume + 1;
  d.book_line = (line - 1) % book_lines_per_volume + 1;
  store_.insert(d);
  ++counts_[std::string(domain::to_string(d.status))];
  record(c, d,
         {c.now, c.who.name, "register", std::nullopt, d.department, d.note, std::nullopt,
          std::nullopt});
  texts_.dossier_step(c.now, d, "received");
  return protocol::dossier_result{full_view(d, c.now, true)};
}

// ---------------------------------------------------------------- reading

protocol::reply_body dossier_desk::get_dossier(const context& c, const protocol::get_dossier& r) {
  auto d = store_.find_by_code(domain::to_upper_ascii(r.code));
  if (!d)
    return make_error(error_code::not_found, "Không có hồ sơ này.", "No such dossier.", c.english);
  // Reading personal data is recorded (docs/domain.md "People and their data").
  audit_.append({c.now, c.who.name, "read_dossier", "dossier:" + d->code, "", "", ""});
  return protocol::dossier_result{full_view(*d, c.now, true)};
}

protocol::reply_body dossier_desk::lookup(const context& c, const protocol::lookup_dossier& r) {
  auto view = public_view(r.code, c.now);
  if (!view)
    return make_error(error_code::not_found, "Không tìm thấy hồ sơ với mã này.",
                      "No dossier has this code.", c.english);
  return protocol::lookup_result{*view};
}

std::optional<protocol::public_dossier> dossier_desk::public_view(const std::string& code,
                                                                  domain::time_point now) {
  auto d = store_.find_by_code(domain::to_upper_ascii(domain::trim_ascii(code)));
  if (!d) return std::nullopt;
  return public_view(*d, now);
}

protocol::procedures_result dossier_desk::procedures(const context& c,
                                                     const protocol::list_procedures& r) const {
  auto day = settings_.zone.day_of(c.now);
  protocol::procedures_result out{procedure_views(catalogue_, r.service, day)};
  for (auto& view : out.procedures)
    if (const auto* version = catalogue_.find_procedure(view.id)->version_on(day))
      view.due_at = settings_.zone.format(domain::due_at(c.now, version->legal_time, calendar_,
                                                         catalogue_.office_hours, settings_.zone));
  return out;
}

protocol::reply_body dossier_desk::search(const context& c, const protocol::search_dossiers& r) {
  store::dossier_filter f;
  f.now = c.now;
  f.due_soon_before = due_soon_before(c.now);
  auto text = r.text;
  if (auto e = protocol::apply_text_policy(domain::text_fields::search_text, text, c.english))
    return *e;
  if (!blank(text)) {
    f.text = *text;
    if (auto phone = domain::normalise_phone(*f.text); !phone.problem) f.phone = phone.normalised;
  }
  if (r.status && !domain::parse_dossier_status(*r.status))
    return protocol::invalid_field("status", "Trạng thái không hợp lệ.", "Unknown status.",
                                   c.english);
  f.status = r.status;
  f.procedure = r.procedure;
  auto instant = [&](const std::optional<std::string>& text) -> std::optional<domain::time_point> {
    if (!text) return std::nullopt;
    if (auto day = domain::parse_date(*text)) return settings_.zone.at(*day, {});
    return domain::parse_iso8601(*text);
  };
  f.from = instant(r.from);
  f.to = instant(r.to);
  if ((r.from && !f.from) || (r.to && !f.to))
    return protocol::invalid_field(r.from && !f.from ? "from" : "to",
                                   "Ngày không hợp lệ (YYYY-MM-DD).", "Invalid date (YYYY-MM-DD).",
                                   c.english);
  f.late = r.late;
  f.due_soon = r.due_soon;
  f.limit =
      std::clamp(r.limit.value_or(protocol::default_search_page), 1, protocol::max_search_page);
  f.offset = std::max(r.offset.value_or(0), 0);
  auto [rows, total] = store_.search(f);
  protocol::dossiers_result out;
  out.total = total;
  for (const auto& d : rows) out.dossiers.push_back(full_view(d, c.now, false));
  return out;
}

// ---------------------------------------------------------------- the workflow

protocol::reply_body dossier_desk::advance(const context& c, const protocol::advance_dossier& r) {
  const bool en = c.english;
  auto found = store_.find_by_code(domain::to_upper_ascii(r.code));
  if (!found)
    return make_error(error_code::not_found, "Không có hồ sơ này.", "No such dossier.", en);
  auto action = domain::parse_dossier_action(r.action);
  if (!action)
    return protocol::invalid_field("action", "Thao tác không hợp lệ.", "Unknown action.", en);
  auto note = r.note, to = r.to;
  if (auto e = protocol::apply_text_policy(domain::text_fields::dossier_note, note, en)) return *e;
  if (auto e = protocol::apply_text_policy(domain::text_fields::department, to, en)) return *e;
  if (to && to->empty()) to.reset();
  if (domain::needs_reason(*action) && blank(note))
    return protocol::invalid_field("note", "Thao tác này cần ghi rõ lý do.",
                                   "This action needs a reason.", en);
  auto d = *found;
  auto next = domain::next_status(d.status, *action);
  if (!next)
    return make_error(error_code::conflict,
                      "Hồ sơ đang ở trạng thái " + std::string(domain::to_string(d.status)) +
                          ", không thể " + r.action + ".",
                      "The dossier is " + std::string(domain::to_string(d.status)) + "; " +
                          r.action + " is not allowed.",
                      en);

  const auto* version = version_of(d);
  // Taken by the department of the step the dossier is in: another unit's when the procedure
  // says so (a city department deciding a dossier received here); what the citizen does at the
  // desk (collect the result, bring papers, withdraw) is always this centre's.
  std::optional<std::string> unit;
  const bool at_desk = *action == dossier_action::return_result ||
                       *action == dossier_action::supplement_received ||
                       *action == dossier_action::withdraw;
  if (!at_desk && version && d.step >= 0 && d.step < static_cast<int>(version->steps.size()))
    unit = version->steps[static_cast<std::size_t>(d.step)].unit_code;
  if (unit == catalogue_.unit.code) unit.reset();
  store::history_record h{c.now,        c.who.name, r.action,     d.department,
                          std::nullopt, note,       std::nullopt, unit};
  switch (*action) {
    case dossier_action::extend: {
      auto new_due = r.new_due_at ? domain::parse_iso8601(*r.new_due_at) : std::nullopt;
      if (auto refusal =
              domain::check_extension(c.now, d.due_at, d.original_due_at.has_value(), new_due))
        return extension_refused(*refusal, en);
      d.original_due_at = d.due_at;
      d.due_at = *new_due;
      break;
    }
    case dossier_action::forward: {
      h.result = step_result(d, c.now);
      int last = version ? static_cast<int>(version->steps.size()) - 1 : 0;
      d.step = std::min(d.step + 1, last);
      if (to)
        d.department = to;
      else if (version && !version->steps.empty())
        d.department = version->steps[static_cast<std::size_t>(d.step)].department;
      h.to = d.department;
      d.step_started_at = c.now;
      break;
    }
    case dossier_action::request_supplement:
      d.paused_at = c.now;
      ++d.supplements;
      break;
    case dossier_action::supplement_received: {
      // Waiting for the citizen does not count.
      d.due_at = domain::due_after_pause(d.due_at, d.paused_at.value_or(c.now), c.now, calendar_,
                                         catalogue_.office_hours, settings_.zone);
      d.paused_at.reset();
      break;
    }
    default:
      if (!d.finished_at && *action != dossier_action::return_result) d.finished_at = c.now;
      h.result = step_result(d, c.now);
      break;
  }
  --counts_[std::string(domain::to_string(d.status))];
  ++counts_[std::string(domain::to_string(*next))];
  d.status = *next;
  if (!to && *action != dossier_action::forward) h.to = d.department;
  store_.update(d);
  record(c, d, h);
  // The steps the citizen must hear of: asked to bring something, the result to collect, and
  // the centre's apology with the new date (the law asks for it when a dossier will be late).
  if (*action == dossier_action::request_supplement) texts_.dossier_step(c.now, d, "supplement");
  if (*action == dossier_action::result_ready) texts_.dossier_step(c.now, d, "result");
  if (*action == dossier_action::extend) texts_.dossier_step(c.now, d, "late");
  return protocol::dossier_result{full_view(d, c.now, true)};
}

void dossier_desk::flag_due_soon(domain::time_point now) {
  for (auto d : store_.due_by(due_soon_before(now))) {
    d.flagged = true;
    store_.update(d);
    events_.push_back(protocol::dossier_changed{public_view(d, now), true});
  }
}

void dossier_desk::record(const context& c, const store::dossier_record& d,
                          const store::history_record& h) {
  const auto id = store_.add_history(d.id, h);
  province_.dossier(c.now, d);
  province_.history(c.now, d, id, h);
  audit_.append({c.now, c.who.name, h.action, "dossier:" + d.code, "",
                 std::string(domain::to_string(d.status)), h.note.value_or("")});
  protocol::dossier_changed changed{public_view(d, c.now), false};
  events_.emplace_back(std::move(changed));
}

// ---------------------------------------------------------------- views and time

const config::procedure_version* dossier_desk::version_of(const store::dossier_record& d) const {
  return catalogue_.version_of(d.procedure, d.version_from);
}

domain::time_point dossier_desk::due_soon_before(domain::time_point now) const {
  return domain::due_soon_before(now, calendar_, catalogue_.office_hours, settings_.zone);
}

std::optional<std::string> dossier_desk::step_result(const store::dossier_record& d,
                                                     domain::time_point now) const {
  const auto* version = version_of(d);
  if (!version || d.step >= static_cast<int>(version->steps.size())) return std::nullopt;
  const auto& step = version->steps[static_cast<std::size_t>(d.step)];
  return std::string(domain::to_string(domain::step_result(
      d.step_started_at, step.allotted, now, calendar_, catalogue_.office_hours, settings_.zone)));
}

std::optional<protocol::ticket_offer> dossier_desk::ticket_offer(const std::string& code) {
  auto d = store_.find_by_code(code);
  if (!d) return std::nullopt;
  return ticket_offer(*d);
}

std::optional<protocol::ticket_offer> dossier_desk::ticket_offer(
    const store::dossier_record& d) const {
  if (d.status == domain::dossier_status::result_ready && settings_.results_service)
    return protocol::ticket_offer{*settings_.results_service, "collect_result"};
  if (d.status == domain::dossier_status::supplement_requested)
    if (const auto* p = catalogue_.find_procedure(d.procedure))
      return protocol::ticket_offer{p->service, "supplement"};
  return std::nullopt;
}

protocol::public_dossier dossier_desk::public_view(const store::dossier_record& d,
                                                   domain::time_point now) {
  const auto* p = catalogue_.find_procedure(d.procedure);
  protocol::public_dossier v{shown(d.code),
                             p ? p->name : "",
                             p ? p->name_en : "",
                             std::string(domain::to_string(d.status)),
                             settings_.zone.format(d.received_at),
                             settings_.zone.format(d.due_at),
                             domain::is_late(d.finished_at, d.due_at, now),
                             {},
                             ticket_offer(d)};
  for (const auto& h : store_.history(d.id))
    v.history.push_back({settings_.zone.format(h.at), step_words(h.action, h.to, h.unit)});
  return v;
}

protocol::public_dossier public_view_of(const protocol::province::dossier_row& d,
                                        const std::vector<protocol::province::history_row>& steps,
                                        domain::time_point now) {
  const auto due = domain::parse_iso8601(d.due_at);
  const auto finished = d.finished_at ? domain::parse_iso8601(*d.finished_at) : std::nullopt;
  protocol::public_dossier v{shown(d.code),
                             shown(d.procedure_name),
                             shown(d.procedure_name_en),
                             shown(d.status),
                             shown(d.received_at),
                             shown(d.due_at),
                             due && domain::is_late(finished, *due, now),
                             {},
                             std::nullopt};
  for (const auto& h : steps)
    v.history.push_back(
        {shown(h.at),
         step_words(h.action, h.to, h.unit != d.unit ? std::optional(h.unit) : std::nullopt)});
  return v;
}

protocol::dossier_view dossier_desk::full_view(const store::dossier_record& d,
                                               domain::time_point now, bool with_history) {
  const auto* p = catalogue_.find_procedure(d.procedure);
  auto format = [&](const std::optional<domain::time_point>& t) -> std::optional<std::string> {
    if (!t) return std::nullopt;
    return settings_.zone.format(*t);
  };
  protocol::dossier_view v;
  v.code = shown(d.code);
  v.procedure = d.procedure;
  v.procedure_name = p ? p->name : "";
  v.status = domain::to_string(d.status);
  v.received_at = settings_.zone.format(d.received_at);
  v.due_at = settings_.zone.format(d.due_at);
  v.original_due_at = format(d.original_due_at);
  v.finished_at = format(d.finished_at);
  v.late = domain::is_late(d.finished_at, d.due_at, now);
  v.due_soon =
      !d.finished_at && !domain::is_closed(d.status) &&
      domain::is_due_soon(d.due_at, now, calendar_, catalogue_.office_hours, settings_.zone);
  const auto& a = d.applicant;
  v.applicant = {shown(a.full_name), shown(a.id_number), shown(a.passport),
                 shown(a.phone),     shown(a.address),   shown(a.email)};
  for (const auto& document : d.documents) v.documents.push_back(shown(document));
  v.ticket = d.ticket;
  v.note = shown(d.note);
  v.department = shown(d.department);
  v.book_volume = d.book_volume;
  v.book_line = d.book_line;
  if (with_history) v.texts = texts_.of_dossier(d.id);
  if (with_history)
    for (const auto& h : store_.history(d.id))
      v.history.push_back({settings_.zone.format(h.at), shown(h.actor), h.action, shown(h.from),
                           shown(h.to), shown(h.note), h.result, h.unit});
  return v;
}

}  // namespace motcua::engine
