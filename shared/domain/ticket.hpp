// Ticket values shared by the server and the clients: priorities, states and
// their allowed transitions, and ticket numbers (prefix + daily sequence).
// Pure values: no I/O, no JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

using service_id = std::int64_t;
using counter_id = std::int64_t;
using ticket_id = std::int64_t;

// Priority groups a citizen may declare at the kiosk (docs/domain.md "Priority and call order").
// `none` is the normal queue; every other group is served first. `appointment` is no group a
// citizen declares: the kiosk's check-in of a booking gives it (issue 13).
enum class priority { none, merit, elderly, disabled, pregnant, child, appointment };

std::string_view to_string(priority p);
std::optional<priority> parse_priority(std::string_view s);
// A ticket marked as more than the normal queue on screens and slips.
inline bool is_priority(priority p) { return p != priority::none; }
// A priority group of the law, called before everyone else. A checked-in appointment is not
// one: it has its own line, after the groups and ahead of the walk-ins a limited number of
// times in a row (domain/call_order.hpp, README "Call order with appointments").
inline bool is_priority_group(priority p) {
  return p != priority::none && p != priority::appointment;
}

// waiting -> called -> serving -> done; called -> no_show;
// waiting|called|serving -> waiting (transfer); waiting -> cancelled.
enum class ticket_state { waiting, called, serving, done, no_show, cancelled };

std::string_view to_string(ticket_state s);
std::optional<ticket_state> parse_ticket_state(std::string_view s);

// What a clerk (or the day roll-over) does to a ticket.
enum class ticket_action { call, start, finish, no_show, transfer, cancel };

// The state after `action`, or nothing when the state machine forbids it.
std::optional<ticket_state> next_state(ticket_state from, ticket_action action);
bool is_terminal(ticket_state s);

// "A012": prefix + zero-padded sequence (at least three digits; more when the
// day goes past 999).
std::string format_ticket_number(std::string_view prefix, int sequence);

}  // namespace motcua::domain
