// One dossier's page: the full view with its history (the control sheet, Form 05) as a
// timeline, and exactly the actions its status allows (domain::next_status), each with what it
// needs: a reason (request_supplement, refuse, stop, extend), the receiving department
// (forward), a new due date (extend: once, before the due time). After an action the form the
// rules require is offered for printing (02 supplement, 03 refusal, 04 apology). Plain C++; UI
// thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/dossier.hpp"

namespace motcua::counter {

// The form printed after `a`, if any, by its name on the server (the number depends on the
// centre's form set): "supplement" (02), "refusal" (03), "apology" (04), "stop" (2025: 05).
std::optional<std::string> form_after(domain::dossier_action a);

class dossier_page_model {
 public:
  dossier_page_model(const domain::clock& clock, client::sender send)
      : clock_(clock), send_(std::move(send)) {}

  void open(const std::string& code);
  const std::optional<protocol::dossier_view>& dossier() const { return dossier_; }

  // The actions the dossier's status allows now, in the order of the enum.
  std::vector<domain::dossier_action> actions() const;
  static bool needs_department(domain::dossier_action a) {
    return a == domain::dossier_action::forward;
  }
  static bool needs_date(domain::dossier_action a) { return a == domain::dossier_action::extend; }

  // Sends advance_dossier when the inputs are complete; else a problem says what is missing.
  // `new_due` is dd/mm/yyyy (extend: due at 17:00 that day, business time).
  void act(domain::dossier_action a, const std::string& note, const std::string& department,
           const std::string& new_due);

  bool busy() const { return slot_.busy(); }
  bool on_reply(const protocol::reply& r);
  void on_event(const protocol::event& e);
  void offline() { slot_.drop(); }
  const std::optional<protocol::error>& problem() const { return problem_; }
  // The form to print after the last action (cleared by the next one).
  const std::optional<std::string>& form_to_print() const { return form_; }

 private:
  void fail(const char* field, const char* vi, const char* en);

  const domain::clock& clock_;
  client::sender send_;
  client::request_slot slot_;
  std::optional<std::string> code_;
  std::optional<protocol::dossier_view> dossier_;
  std::optional<domain::dossier_action> pending_action_;
  std::optional<protocol::error> problem_;
  std::optional<std::string> form_;
};

}  // namespace motcua::counter
