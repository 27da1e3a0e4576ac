#include "shared/domain/text_policy.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdio>

#include "shared/domain/text.hpp"

namespace motcua::domain {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD

enum class kind { ok, line_break, control, direction, non_character, invisible };

kind classify(std::int32_t c) {
  if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) return kind::line_break;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return kind::control;
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
      c == 0x061C)
    return kind::direction;
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) return kind::non_character;
  const utf8proc_property_t* property = utf8proc_get_property(c);
  if (property->category == UTF8PROC_CATEGORY_CF || property->ignorable) return kind::invisible;
  return kind::ok;
}

bool is_combining_mark(std::int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return true;
    default:
      return false;
  }
}

// " (U+200B)"
std::string code_point_label(std::int32_t c) {
  char text[16];
  std::snprintf(text, sizeof text, " (U+%04X)", static_cast<unsigned>(c));
  return text;
}

checked_text refuse(const text_field& field, std::string_view vi, std::string_view en,
                    const std::string& detail = "") {
  return {"", field_problem{std::string(field.name),
                            std::string(field.label_vi) + " " + std::string(vi) + detail + ".",
                            std::string(field.label_en) + " " + std::string(en) + detail + "."}};
}

// Why `c` (of class `k`, not ok) is refused.
checked_text refuse_character(const text_field& field, kind k, std::int32_t c) {
  const std::string at = code_point_label(c);
  switch (k) {
    case kind::line_break:
      return refuse(field, "chỉ được viết trên một dòng, không xuống dòng",
                    "must be on one line, without a line break", at);
    case kind::direction:
      return refuse(field, "chứa ký tự điều khiển hướng viết",
                    "contains a text-direction control character", at);
    case kind::non_character:
      return refuse(field, "chứa mã không phải là ký tự Unicode",
                    "contains a Unicode non-character", at);
    default:
      return refuse(field, "chứa ký tự điều khiển hoặc ký tự vô hình",
                    "contains a control or invisible character", at);
  }
}

}  // namespace

std::string normalise_text(std::string_view utf8, line_breaks breaks) {
  if (breaks == line_breaks::refused) return normalise_name(utf8);
  const std::string nfc = to_nfc(utf8);
  std::string out, line;
  bool after_cr = false;
  auto end_line = [&] {
    if (!out.empty() || !line.empty()) out += normalise_name(line) + '\n';
    line.clear();
  };
  for_each_code_point(nfc, [&](std::int32_t c, std::string_view bytes) {
    const bool lf_after_cr = after_cr && c == '\n';
    after_cr = c == '\r';
    if (lf_after_cr) return;
    if (classify(c) == kind::line_break)
      end_line();
    else
      line += bytes;
  });
  end_line();
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

checked_text check_text(const text_field& field, std::string_view value) {
  if (!is_valid_utf8(value))
    return refuse(field, "không phải văn bản UTF-8 hợp lệ", "is not valid UTF-8 text");
  std::optional<checked_text> refused;
  for_each_code_point(value, [&](std::int32_t c, std::string_view) {
    if (refused) return;
    const kind k = classify(c);
    if (k == kind::ok || (k == kind::line_break && field.breaks == line_breaks::allowed)) return;
    refused = refuse_character(field, k, c);
  });
  if (refused) return std::move(*refused);

  checked_text out{normalise_text(value, field.breaks), std::nullopt};
  std::size_t characters = 0;
  std::int32_t first = -1;
  for_each_code_point(out.text, [&](std::int32_t c, std::string_view) {
    if (characters++ == 0) first = c;
  });
  if (characters > 0 && is_combining_mark(first))
    return refuse(field, "bắt đầu bằng một dấu ghép đứng riêng, không có chữ cái trước nó",
                  "begins with a combining mark that has no letter before it",
                  code_point_label(first));
  if (characters > field.max_characters) {
    const std::string limit = std::to_string(field.max_characters);
    return refuse(field, "quá dài: tối đa " + limit + " ký tự",
                  "is too long: at most " + limit + " characters");
  }
  return out;
}

std::string displayable(std::string_view bytes, line_breaks breaks) {
  std::string out;
  out.reserve(bytes.size());
  bool after_cr = false;
  for_each_code_point(bytes, [&](std::int32_t c, std::string_view sequence) {
    const bool lf_after_cr = after_cr && c == '\n';
    after_cr = c == '\r';
    if (lf_after_cr) return;
    if (c < 0) {
      out += replacement_character;
      return;
    }
    if (c == '\t') {
      out += ' ';
      return;
    }
    switch (classify(c)) {
      case kind::ok:
        out += sequence;
        break;
      case kind::line_break:
        out += breaks == line_breaks::allowed ? '\n' : ' ';
        break;
      default:
        out += replacement_character;
    }
  });
  return out;
}

}  // namespace motcua::domain
