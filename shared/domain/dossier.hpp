// Dossier statuses and the actions that move them (docs/domain.md "Dossier statuses and
// actions", docs/protocol.md "Dossier verbs"). Pure values: no I/O, no JSON.
#pragma once

#include <optional>
#include <string_view>

namespace motcua::domain {

// National Public Service Portal codes in comments.
enum class dossier_status {
  received,              // 2 accepted
  processing,            // 4
  supplement_requested,  // 5
  result_ready,          // 9 processed
  returned,              // 10 result returned
  refused,               // 3 not accepted
  withdrawn,             // 7
  stopped,               // 8 processing stopped (2025 form 05)
};

enum class dossier_action {
  forward,              // hand over to the next department or step
  request_supplement,   // Form 02: everything missing, at once; reason required
  supplement_received,  // the citizen brought it: counting resumes
  result_ready,
  return_result,
  refuse,    // Form 03; reason required
  withdraw,  // at the citizen's request
  stop,      // notice of stopping processing; reason required
  extend,    // Form 04: apology and a new due date; once, before the due time; reason required
};

std::string_view to_string(dossier_status s);
std::optional<dossier_status> parse_dossier_status(std::string_view s);
std::string_view to_string(dossier_action a);
std::optional<dossier_action> parse_dossier_action(std::string_view s);

// The status after `action`, or nothing when the machine forbids it. `extend`
// keeps the status (its once-only and before-due rules are the engine's).
std::optional<dossier_status> next_status(dossier_status from, dossier_action action);
// Returned, refused, withdrawn, stopped: nothing more happens to the dossier.
bool is_closed(dossier_status s);
// The actions that require a written reason.
bool needs_reason(dossier_action a);

}  // namespace motcua::domain
