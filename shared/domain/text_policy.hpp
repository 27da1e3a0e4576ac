// The one text policy for free text a person types (names, addresses, notes, reasons,
// outcomes): what is refused, how accepted text is stored, and how any stored bytes are made
// safe to draw, print or speak. Pure functions: no I/O, no locale.
//
// Refused, with the field named and the character's code point: text that is not UTF-8;
// C0 and C1 control characters (tab included), except a line break in a multi-line field;
// a line break (LF, CR, U+2028, U+2029) in a one-line field; text-direction controls
// (U+202A-202E embeddings and overrides, U+2066-2069 isolates, and the marks LRM U+200E,
// RLM U+200F, ALM U+061C: plain names and notes need none, the renderer orders mixed scripts
// itself, and each is an invisible way to make stored text read differently from what it
// is); every other format or default-ignorable character (zero-width space, joiners, word
// joiner, BOM U+FEFF, soft hyphen, variation selectors, Hangul fillers, tags); Unicode
// non-characters (U+FDD0-FDEF and the last two code points of every plane, U+xFFFE and
// U+xFFFF); a combining mark at the very start; more characters (code points, after NFC)
// than the field's maximum.
//
// Stored: NFC. One-line fields: every run of spaces (any Unicode space) is one ASCII space,
// trimmed. Multi-line fields (notes: Forms 02 and 03 print one item per line): the same on
// each line, line breaks stored as LF, blank lines at either end dropped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

// Why a form field was refused, in Vietnamese and English.
struct field_problem {
  std::string field;  // the wire name, e.g. "applicant.full_name"
  std::string vi;
  std::string en;

  bool operator==(const field_problem&) const = default;
};

enum class line_breaks { refused, allowed };

// A free-text field: its wire name, what the person filling it in calls it, its limit.
struct text_field {
  std::string_view name;      // "applicant.full_name"
  std::string_view label_vi;  // "Họ và tên"
  std::string_view label_en;  // "Full name"
  std::size_t max_characters;
  line_breaks breaks = line_breaks::refused;
};

// Every free-text field of the protocol. The limits are in characters (code points of the
// NFC text) and no lower than the byte limits before them, so nothing accepted then is
// refused now.
namespace text_fields {
inline constexpr text_field full_name{"applicant.full_name", "Họ và tên", "Full name", 500};
inline constexpr text_field address{"applicant.address", "Địa chỉ", "Address", 500};
inline constexpr text_field email{"applicant.email", "Email", "Email", 254};
inline constexpr text_field document{"documents", "Tên giấy tờ", "Document name", 500};
inline constexpr text_field dossier_note{"note", "Ghi chú", "Note", 2000, line_breaks::allowed};
inline constexpr text_field department{"to", "Bộ phận nhận", "Receiving department", 200};
inline constexpr text_field reason{"reason", "Lý do", "Reason", 500};
inline constexpr text_field outcome{"outcome", "Kết quả", "Outcome", 500, line_breaks::allowed};
inline constexpr text_field search_text{"text", "Nội dung tìm", "Search text", 200};
inline constexpr text_field booking_name{"full_name", "Họ và tên", "Full name", 500};
}  // namespace text_fields

// `utf8` as stored in a field with `breaks` (see above); any bytes (bad ones become U+FFFD).
std::string normalise_text(std::string_view utf8, line_breaks breaks);

// The policy applied to `value`: its stored form (normalise_text), or the first problem
// found. Empty or blank text passes (as ""): whether a field is required is the caller's rule.
struct checked_text {
  std::string text;
  std::optional<field_problem> problem;
};
checked_text check_text(const text_field& field, std::string_view value);

// Any bytes (an old row, a restored backup) made safe for a renderer (Pango, HTML, a printer,
// a speech program's argument): valid UTF-8 in which every byte that does not begin a
// well-formed sequence and every character the policy refuses becomes U+FFFD, a tab becomes
// a space, and line breaks become LF (`allowed`) or a space (`refused`). Never throws except
// when memory runs out.
std::string displayable(std::string_view bytes, line_breaks breaks = line_breaks::allowed);

}  // namespace motcua::domain
