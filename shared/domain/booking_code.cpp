#include "shared/domain/booking_code.hpp"

namespace motcua::domain {

std::optional<std::string> parse_booking_code(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (booking_code_alphabet.find(c) == std::string_view::npos ||
        code.size() == booking_code_length)
      return std::nullopt;
    code += c;
  }
  if (code.size() != booking_code_length) return std::nullopt;
  return code;
}

}  // namespace motcua::domain
