#include "kiosk/model/keypad_input.hpp"

namespace motcua::kiosk {

bool type_key(std::string& text, char key, std::size_t max_length, bool (*allowed)(char)) {
  if (key == '\n' || key == '\r') return true;
  if (key == '\b') {
    if (!text.empty()) text.pop_back();
    return false;
  }
  if (key >= 'a' && key <= 'z') key = static_cast<char>(key - 'a' + 'A');
  if (allowed(key) && text.size() < max_length) text.push_back(key);
  return false;
}

std::string_view code_in(std::string_view typed) {
  typed = typed.substr(0, typed.find('?'));
  if (const auto slash = typed.rfind('/'); slash != std::string_view::npos)
    typed.remove_prefix(slash + 1);
  return typed;
}

}  // namespace motcua::kiosk
