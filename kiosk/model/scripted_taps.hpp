// Taps written as text, for --tap flags and the taps of a fake-state file: smoke tests and
// documentation screenshots drive the screens through the same methods a finger does.
//   ticket kiosk: "service:ID", "priority:NAME" (none, merit, elderly, disabled, pregnant,
//                 child), "phone" (confirm the number typed), "skip_phone", "lookup",
//                 "check_in", "keys:TEXT", "enter", "offer", "language", "home"
//   rating screen: "rate:LEVEL", "language"
// Each returns false for a tap it does not know (the program then stops with an error).
#pragma once

#include <string_view>

#include "kiosk/model/rating_panel.hpp"
#include "kiosk/model/ticket_kiosk.hpp"

namespace motcua::kiosk {

bool apply_tap(ticket_kiosk& kiosk, std::string_view tap);
bool apply_tap(rating_panel& panel, std::string_view tap);

}  // namespace motcua::kiosk
