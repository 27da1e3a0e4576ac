// What the kiosk's on-screen keypad or a scanner types into a code field: a scanner types
// keystrokes ending with Enter, often the whole address the QR code holds. Shared by the
// dossier lookup and the appointment check-in. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motcua::kiosk {

// Types `key` into `text`: letters are upper-cased, '\b' deletes the last character, a
// character that is not `allowed` or past `max_length` is ignored. True when the key is Enter
// ('\n' or '\r'): the caller submits.
bool type_key(std::string& text, char key, std::size_t max_length, bool (*allowed)(char));

// The code in what was typed: the last part of an address ("…/tra-cuu/CODE",
// "…/dat-lich/CODE?token=…"), else the whole text.
std::string_view code_in(std::string_view typed);

}  // namespace motcua::kiosk
