// Vietnamese-first user-facing text with an English alternative. Every screen string is a
// `text` pair chosen at draw time by the current `lang`, so the language toggle needs no
// reload. Strings are UTF-8 (NFC) literals.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::ui {

enum class lang { vi, en };

// "vi" / "en" (the --lang flag); nullopt otherwise.
std::optional<lang> parse_lang(std::string_view s);
// The protocol's `lang` value: "vi" or "en".
std::string_view code_of(lang l);
lang other(lang l);

struct text {
  const char* vi;
  const char* en;
  const char* operator()(lang l) const { return l == lang::en ? en : vi; }
};

// The one of two runtime strings (names from the server: name / name_en) for `l`; falls back
// to Vietnamese when the English one is empty.
const std::string& pick(lang l, const std::string& vi, const std::string& en);

}  // namespace motcua::ui
