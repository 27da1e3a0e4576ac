// Vietnamese text: Unicode NFC, accent-folded search keys and name clean-up
// (docs/domain.md "People and their data"), plus the few ASCII helpers that codes and numbers
// need. Pure functions: no I/O, no locale.
//
// Every function takes any bytes. The Unicode ones first replace each byte
// that does not begin a well-formed UTF-8 sequence with U+FFFD, so bad input
// never makes them fail (they throw only when memory runs out); validate with
// is_valid_utf8 where bad input must be refused rather than repaired.
// "Whitespace" below means ASCII tab to carriage return and space, NEL
// (U+0085), and the Unicode space, line and paragraph separators (no-break
// space included).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace motcua::domain {

// Calls visit(code_point, bytes) for each well-formed UTF-8 sequence of `text`, and
// visit(-1, byte) for each byte that does not begin one.
void for_each_code_point(std::string_view text,
                         const std::function<void(std::int32_t, std::string_view)>& visit);

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF,
// no truncated sequence. The empty string is valid.
bool is_valid_utf8(std::string_view text);

// Unicode Normalisation Form C: "Nguye\u0302\u0303n" -> "Nguyễn". Store and
// compare only NFC text.
std::string to_nfc(std::string_view utf8);

// The search key: compatibility-normalised, case-folded, every mark stripped
// (tones, circumflex, breve, horn), đ/Đ (and its look-alike Ð) -> d,
// default-ignorable characters (soft hyphen, zero-width joiners...) removed,
// whitespace runs collapsed to one ASCII space and trimmed.
// "  Nguyễn   Văn An " -> "nguyen van an"; "hòa" and "hoà" (either tone
// placement) -> "hoa".
std::string fold(std::string_view utf8);

// Vietnamese without diacritics, case kept: tones and marks stripped, Đ/đ -> D/d ("Mời đến
// Quầy 3" -> "Moi den Quay 3"), for a text message of GSM-7 characters.
std::string strip_marks(std::string_view utf8);

// `text` with the characters special to HTML and XML markup (& < > " ')
// replaced by entities; valid in HTML and in Pango markup alike.
std::string escape_markup(std::string_view text);

// A name as it is stored: NFC, whitespace runs collapsed to one ASCII space,
// trimmed; letters keep the case they were typed in.
std::string normalise_name(std::string_view utf8);

// `text` without leading and trailing ASCII whitespace.
std::string_view trim_ascii(std::string_view text);
// `text` with a-z upper-cased; every other byte unchanged.
std::string to_upper_ascii(std::string_view text);
// A whole number written the Vietnamese way, a dot between thousands: 600000 -> "600.000",
// -1500 -> "-1.500".
std::string group_thousands(std::int64_t n);
// At least one character, all of them 0-9.
bool is_ascii_digits(std::string_view text);

// RFC 3986 percent-encoding: every byte but the unreserved characters (A-Z a-z 0-9 - . _ ~)
// becomes %XX (upper-case hex), so the result is safe in a URL path or query and in an HTTP
// header. "A B/ă~" -> "A%20B%2F%C4%83~".
std::string percent_encode(std::string_view text);

}  // namespace motcua::domain
