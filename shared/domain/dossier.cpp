#include "shared/domain/dossier.hpp"

#include "shared/domain/enum_names.hpp"

namespace motcua::domain {
namespace {

using status = dossier_status;
using action = dossier_action;

constexpr name_table<status, 8> status_names{{
    {status::received, "received"},
    {status::processing, "processing"},
    {status::supplement_requested, "supplement_requested"},
    {status::result_ready, "result_ready"},
    {status::returned, "returned"},
    {status::refused, "refused"},
    {status::withdrawn, "withdrawn"},
    {status::stopped, "stopped"},
}};

constexpr name_table<action, 9> action_names{{
    {action::forward, "forward"},
    {action::request_supplement, "request_supplement"},
    {action::supplement_received, "supplement_received"},
    {action::result_ready, "result_ready"},
    {action::return_result, "return_result"},
    {action::refuse, "refuse"},
    {action::withdraw, "withdraw"},
    {action::stop, "stop"},
    {action::extend, "extend"},
}};

// Still being worked on: the states from which a dossier can be refused,
// withdrawn, stopped or extended.
bool open_for_work(status s) {
  return s == status::received || s == status::processing || s == status::supplement_requested;
}

}  // namespace

std::string_view to_string(dossier_status s) { return name_of(status_names, s); }
std::optional<dossier_status> parse_dossier_status(std::string_view s) {
  return value_of(status_names, s);
}
std::string_view to_string(dossier_action a) { return name_of(action_names, a); }
std::optional<dossier_action> parse_dossier_action(std::string_view s) {
  return value_of(action_names, s);
}

bool is_closed(dossier_status s) {
  return s == status::returned || s == status::refused || s == status::withdrawn ||
         s == status::stopped;
}

bool needs_reason(dossier_action a) {
  return a == action::request_supplement || a == action::refuse || a == action::stop ||
         a == action::extend;
}

std::optional<dossier_status> next_status(dossier_status from, dossier_action a) {
  switch (a) {
    case action::forward:
      if (from == status::received || from == status::processing) return status::processing;
      break;
    case action::request_supplement:
      if (from == status::received || from == status::processing)
        return status::supplement_requested;
      break;
    case action::supplement_received:
      if (from == status::supplement_requested) return status::processing;
      break;
    case action::result_ready:
      if (from == status::processing) return status::result_ready;
      break;
    case action::return_result:
      if (from == status::result_ready) return status::returned;
      break;
    case action::refuse:
      if (open_for_work(from)) return status::refused;
      break;
    case action::withdraw:
      if (open_for_work(from)) return status::withdrawn;
      break;
    case action::stop:
      if (open_for_work(from)) return status::stopped;
      break;
    case action::extend:
      if (open_for_work(from)) return from;
      break;
  }
  return std::nullopt;
}

}  // namespace motcua::domain
