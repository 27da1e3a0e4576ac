// The two languages of every screen, page and message: Vietnamese first, English as the
// alternative (docs/protocol.md "Requests, replies and errors": `lang`). One `lang` type for
// the server, the kiosk and the counter, and a `text` pair of UTF-8 (NFC) literals chosen when
// drawn, so that a language toggle needs no reload. The domain's own words: domain/glossary.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

enum class lang { vi, en };

// "vi" / "en" (the --lang flag, the protocol's and the pages' `lang` value); nullopt otherwise.
std::optional<lang> parse_lang(std::string_view s);
// The protocol's `lang` value: "vi" or "en".
std::string_view code_of(lang l);
lang other(lang l);

// A fixed piece of text in both languages. NUL-terminated, so ImGui can draw it as it is.
struct text {
  const char* vi;
  const char* en;
  constexpr const char* operator()(lang l) const { return l == lang::en ? en : vi; }
};

// The one of two runtime strings (names from the server: name / name_en, message /
// message_en) for `l`; falls back to Vietnamese when the English one is empty.
const std::string& pick(lang l, const std::string& vi, const std::string& en);

}  // namespace motcua::domain
