#include "shared/domain/ticket.hpp"

#include <cstdio>

#include "shared/domain/enum_names.hpp"

namespace motcua::domain {
namespace {

constexpr name_table<priority, 7> priority_names{{
    {priority::none, "none"},
    {priority::merit, "merit"},
    {priority::elderly, "elderly"},
    {priority::disabled, "disabled"},
    {priority::pregnant, "pregnant"},
    {priority::child, "child"},
    {priority::appointment, "appointment"},
}};

constexpr name_table<ticket_state, 6> state_names{{
    {ticket_state::waiting, "waiting"},
    {ticket_state::called, "called"},
    {ticket_state::serving, "serving"},
    {ticket_state::done, "done"},
    {ticket_state::no_show, "no_show"},
    {ticket_state::cancelled, "cancelled"},
}};

}  // namespace

std::string_view to_string(priority p) { return name_of(priority_names, p); }
std::optional<priority> parse_priority(std::string_view s) { return value_of(priority_names, s); }
std::string_view to_string(ticket_state s) { return name_of(state_names, s); }
std::optional<ticket_state> parse_ticket_state(std::string_view s) {
  return value_of(state_names, s);
}

bool is_terminal(ticket_state s) {
  return s == ticket_state::done || s == ticket_state::no_show || s == ticket_state::cancelled;
}

std::optional<ticket_state> next_state(ticket_state from, ticket_action action) {
  using s = ticket_state;
  switch (action) {
    case ticket_action::call:
      if (from == s::waiting) return s::called;
      break;
    case ticket_action::start:
      if (from == s::called) return s::serving;
      break;
    case ticket_action::finish:
      if (from == s::serving) return s::done;
      break;
    case ticket_action::no_show:
      if (from == s::called) return s::no_show;
      break;
    case ticket_action::transfer:
      if (from == s::waiting || from == s::called || from == s::serving) return s::waiting;
      break;
    case ticket_action::cancel:
      if (from == s::waiting) return s::cancelled;
      break;
  }
  return std::nullopt;
}

std::string format_ticket_number(std::string_view prefix, int sequence) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d", sequence);
  return std::string(prefix) + digits;
}

}  // namespace motcua::domain
