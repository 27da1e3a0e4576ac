#include "shared/domain/language.hpp"

namespace motcua::domain {

std::optional<lang> parse_lang(std::string_view s) {
  if (s == "vi") return lang::vi;
  if (s == "en") return lang::en;
  return std::nullopt;
}

std::string_view code_of(lang l) { return l == lang::en ? "en" : "vi"; }

lang other(lang l) { return l == lang::en ? lang::vi : lang::en; }

const std::string& pick(lang l, const std::string& vi, const std::string& en) {
  return l == lang::en && !en.empty() ? en : vi;
}

}  // namespace motcua::domain
