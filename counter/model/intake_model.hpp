// "Tiếp nhận hồ sơ": the intake form. The clerk finds the procedure by its name typed without
// diacritics ("nguoi co cong") or by its code; the form shows its documents as a checklist,
// the fee, the legal time and the due time of a dossier received now (the server computes it
// with the centre's calendar: list_procedures' `due_at`). Applicant fields are checked as
// they are typed with the server's own rules (domain::check_applicant, and the text policy's
// check_text for the note); register links the dossier to the ticket being served. Plain C++; UI
// thread only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/person.hpp"

namespace motcua::counter {

class intake_model {
 public:
  intake_model(const domain::clock& clock, client::sender send, std::string key_prefix)
      : clock_(clock), send_(std::move(send)), key_prefix_(std::move(key_prefix)) {}

  // Asks for the procedures (again: the due times move with the clock).
  void load();
  const std::vector<protocol::procedure_view>& procedures() const { return procedures_; }

  std::string search;
  // Procedures whose folded name contains the folded search, or whose code starts with it.
  std::vector<const protocol::procedure_view*> matches() const;
  void select(std::int64_t procedure_id);
  const protocol::procedure_view* selected() const;
  std::vector<bool> received;  // one per document of the selected procedure

  // Applicant.
  std::string full_name, id_number, passport, phone, address;
  bool foreigner = false;  // passport instead of the personal ID number
  std::string note;
  // The problem of a field ("applicant.phone", "documents"), once the field has been typed in
  // or a submit was tried; the server's own answer wins when it named the field.
  std::optional<domain::field_problem> problem(const std::string& field) const;
  bool valid() const;

  // Sends register_dossier (same request_key until the form is reset, so a repeat is safe).
  void submit(std::optional<protocol::ticket_id> serving);
  bool busy() const { return slot_.busy(); }
  bool on_reply(const protocol::reply& r);
  void offline() { slot_.drop(); }
  const std::optional<protocol::error>& error() const { return error_; }
  // The dossier just registered (shown with its receipt).
  const std::optional<protocol::dossier_view>& registered() const { return registered_; }
  // A fresh form for the next citizen.
  void reset();

 private:
  std::map<std::string, domain::field_problem> problems() const;

  const domain::clock& clock_;
  client::sender send_;
  std::string key_prefix_;
  int form_number_ = 1;
  client::request_slot procedures_slot_;
  client::request_slot slot_;
  std::vector<protocol::procedure_view> procedures_;
  std::optional<std::int64_t> selected_;
  bool tried_ = false;
  std::optional<protocol::error> error_;
  std::optional<protocol::dossier_view> registered_;
};

}  // namespace motcua::counter
