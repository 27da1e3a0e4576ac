#include "counter/model/dossier_page_model.hpp"

#include "counter/model/format.hpp"

namespace motcua::counter {

using domain::dossier_action;

std::optional<std::string> form_after(dossier_action a) {
  switch (a) {
    case dossier_action::request_supplement:
      return "supplement";
    case dossier_action::refuse:
      return "refusal";
    case dossier_action::extend:
      return "apology";
    case dossier_action::stop:
      return "stop";
    default:
      return std::nullopt;
  }
}

void dossier_page_model::open(const std::string& code) {
  code_ = code;
  problem_.reset();
  form_.reset();
  if (!dossier_ || dossier_->code != code) dossier_.reset();
  slot_.drop();
  slot_.send(send_, protocol::get_dossier{code});
}

std::vector<dossier_action> dossier_page_model::actions() const {
  std::vector<dossier_action> out;
  if (!dossier_) return out;
  auto status = domain::parse_dossier_status(dossier_->status);
  if (!status) return out;
  for (int i = 0; i <= static_cast<int>(dossier_action::extend); ++i) {
    auto a = static_cast<dossier_action>(i);
    if (!domain::next_status(*status, a)) continue;
    if (a == dossier_action::extend) {
      auto due = domain::parse_iso8601(dossier_->due_at);
      if (dossier_->original_due_at || !due || *due <= clock_.now()) continue;
    }
    out.push_back(a);
  }
  return out;
}

void dossier_page_model::fail(const char* field, const char* vi, const char* en) {
  problem_ = protocol::error{protocol::error_code::invalid, vi, en, {{field, en}}};
}

void dossier_page_model::act(dossier_action a, const std::string& note,
                             const std::string& department, const std::string& new_due) {
  problem_.reset();
  auto allowed = actions();
  if (!dossier_ || std::find(allowed.begin(), allowed.end(), a) == allowed.end())
    return fail("action", "Trạng thái hồ sơ không cho phép thao tác này.",
                "The dossier's status does not allow this action.");
  protocol::advance_dossier r{dossier_->code, std::string(domain::to_string(a)), {}, {}, {}};
  if (!note.empty()) r.note = note;
  if (domain::needs_reason(a) && note.empty())
    return fail("note", "Cần ghi lý do.", "A reason is needed.");
  if (needs_department(a)) {
    if (department.empty())
      return fail("to", "Cần ghi nơi nhận hồ sơ.", "The receiving department is needed.");
    r.to = department;
  }
  if (needs_date(a)) {
    auto day = parse_ui_date(new_due);
    if (!day)
      return fail("new_due_at", "Ngày hẹn mới phải có dạng dd/mm/yyyy.",
                  "The new date is written dd/mm/yyyy.");
    domain::business_zone zone;
    r.new_due_at = zone.format(zone.at(*day, std::chrono::hours{17}));
  }
  pending_action_ = a;
  form_.reset();
  slot_.send(send_, std::move(r));
}

bool dossier_page_model::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  if (const auto* e = client::error_of(r)) {
    problem_ = *e;
  } else if (const auto* d = std::get_if<protocol::dossier_result>(&r.body)) {
    dossier_ = d->dossier;
    if (pending_action_) form_ = form_after(*pending_action_);
  }
  pending_action_.reset();
  return true;
}

void dossier_page_model::on_event(const protocol::event& e) {
  const auto* changed = std::get_if<protocol::dossier_changed>(&e.body);
  if (changed && code_ && changed->dossier.code == *code_ && !slot_.busy()) {
    auto form = form_;
    open(*code_);
    form_ = form;
  }
}

}  // namespace motcua::counter
