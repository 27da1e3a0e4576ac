#include "counter/model/intake_model.hpp"

#include <algorithm>

#include "shared/domain/text.hpp"
#include "shared/domain/text_policy.hpp"

namespace motcua::counter {

void intake_model::load() { procedures_slot_.send(send_, protocol::list_procedures{}); }

std::vector<const protocol::procedure_view*> intake_model::matches() const {
  std::vector<const protocol::procedure_view*> out;
  auto key = domain::fold(search);
  auto code = domain::to_upper_ascii(domain::trim_ascii(search));
  for (const auto& p : procedures_)
    if (key.empty() || domain::fold(p.name).find(key) != std::string::npos ||
        domain::fold(p.name_en).find(key) != std::string::npos || p.code.starts_with(code))
      out.push_back(&p);
  return out;
}

void intake_model::select(std::int64_t id) {
  selected_ = id;
  const auto* p = selected();
  received.assign(p ? p->documents.size() : 0, false);
}

const protocol::procedure_view* intake_model::selected() const {
  auto it = std::find_if(procedures_.begin(), procedures_.end(),
                         [&](const auto& p) { return selected_ && p.id == *selected_; });
  return it == procedures_.end() ? nullptr : &*it;
}

std::map<std::string, domain::field_problem> intake_model::problems() const {
  domain::applicant_input a{full_name, std::nullopt, std::nullopt, phone, address, std::nullopt};
  if (foreigner)
    a.passport = passport;
  else
    a.id_number = id_number;
  auto out = domain::check_applicant(a, domain::business_zone{}.day_of(clock_.now()));
  if (auto checked = domain::check_text(domain::text_fields::dossier_note, note); checked.problem)
    out.emplace("note", std::move(*checked.problem));
  std::string missing;
  if (const auto* p = selected()) {
    for (std::size_t i = 0; i < p->documents.size(); ++i)
      if (p->documents[i].required && !(i < received.size() && received[i]))
        missing += (missing.empty() ? "" : "; ") + p->documents[i].name;
  } else {
    out.emplace("procedure",
                domain::field_problem{"procedure", "Chọn thủ tục.", "Choose the procedure."});
  }
  if (!missing.empty())
    out.emplace("documents",
                domain::field_problem{"documents", "Còn thiếu: " + missing, "Missing: " + missing});
  return out;
}

std::optional<domain::field_problem> intake_model::problem(const std::string& field) const {
  if (error_)
    if (auto it = error_->fields.find(field); it != error_->fields.end())
      return domain::field_problem{field, it->second, it->second};
  auto all = problems();
  auto it = all.find(field);
  if (it == all.end()) return std::nullopt;
  const std::map<std::string, const std::string*> typed{
      {"applicant.full_name", &full_name}, {"applicant.id_number", &id_number},
      {"applicant.passport", &passport},   {"applicant.phone", &phone},
      {"applicant.address", &address},     {"note", &note}};
  auto t = typed.find(field);
  // The checklist says what is missing as soon as a procedure is chosen.
  bool touched = t != typed.end() ? !t->second->empty() : field == "documents";
  if (tried_ || touched) return it->second;
  return std::nullopt;
}

bool intake_model::valid() const { return problems().empty(); }

void intake_model::submit(std::optional<protocol::ticket_id> serving) {
  tried_ = true;
  if (!valid() || registered_) return;
  error_.reset();
  const auto* p = selected();
  protocol::register_dossier r;
  r.procedure = p->id;
  r.applicant.full_name = full_name;
  if (foreigner)
    r.applicant.passport = passport;
  else
    r.applicant.id_number = id_number;
  r.applicant.phone = phone;
  r.applicant.address = address;
  for (std::size_t i = 0; i < p->documents.size(); ++i)
    if (received[i]) r.documents.push_back(p->documents[i].name);
  r.request_key = key_prefix_ + "-" + std::to_string(form_number_);
  r.ticket = serving;
  if (!note.empty()) r.note = note;
  slot_.send(send_, std::move(r));
}

bool intake_model::on_reply(const protocol::reply& r) {
  if (procedures_slot_.take(r)) {
    if (const auto* p = std::get_if<protocol::procedures_result>(&r.body))
      procedures_ = p->procedures;
    return true;
  }
  if (!slot_.take(r)) return false;
  if (const auto* e = client::error_of(r))
    error_ = *e;
  else if (const auto* d = std::get_if<protocol::dossier_result>(&r.body))
    registered_ = d->dossier;
  return true;
}

void intake_model::reset() {
  ++form_number_;
  search.clear();
  selected_.reset();
  received.clear();
  full_name.clear();
  id_number.clear();
  passport.clear();
  phone.clear();
  address.clear();
  note.clear();
  foreigner = false;
  tried_ = false;
  error_.reset();
  registered_.reset();
  load();
}

}  // namespace motcua::counter
