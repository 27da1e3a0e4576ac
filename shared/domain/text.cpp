#include "shared/domain/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace motcua::domain {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](utf8proc_int32_t code_point, std::string_view bytes) {
    out += code_point < 0 ? replacement_character : bytes;
  });
  return out;
}

// Applies utf8proc's transformations to `text` after repairing it; `custom`
// maps single code points first.
std::string map_utf8(std::string_view text, utf8proc_option_t options,
                     utf8proc_custom_func custom = nullptr) {
  const std::string valid = repair_utf8(text);
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map_custom(
      reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
      static_cast<utf8proc_ssize_t>(valid.size()), &mapped, options, custom, nullptr);
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  // The input is valid, so only running out of memory (or size) can fail here.
  if (length < 0) throw std::runtime_error(utf8proc_errmsg(length));
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

bool is_whitespace(utf8proc_int32_t code_point) {
  switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      return (code_point >= '\t' && code_point <= '\r') || code_point == 0x85;
  }
}

// Valid UTF-8 with every whitespace run replaced by one ASCII space, trimmed.
std::string collapse_whitespace(std::string_view valid) {
  std::string out;
  out.reserve(valid.size());
  bool space_pending = false;
  for_each_code_point(valid, [&](utf8proc_int32_t code_point, std::string_view bytes) {
    if (is_whitespace(code_point)) {
      space_pending = !out.empty();
      return;
    }
    if (space_pending) out += ' ';
    space_pending = false;
    out += bytes;
  });
  return out;
}

// Đ and đ have no canonical decomposition, so stripping marks leaves them
// alone; Ð (U+00D0, Icelandic eth) looks the same and turns up in text
// mis-converted from legacy Vietnamese encodings.
utf8proc_int32_t fold_d_with_stroke(utf8proc_int32_t code_point, void*) {
  return code_point == 0x0110 || code_point == 0x0111 || code_point == 0x00D0 ? 'd' : code_point;
}

// The same for text that keeps its case: Đ -> D, đ -> d.
utf8proc_int32_t unstroke_d(utf8proc_int32_t code_point, void*) {
  if (code_point == 0x0110 || code_point == 0x00D0) return 'D';
  return code_point == 0x0111 ? 'd' : code_point;
}

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

void for_each_code_point(std::string_view text,
                         const std::function<void(std::int32_t, std::string_view)>& visit) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t code_point = -1;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, text.size() - pos, &code_point);
    if (length <= 0) {
      length = 1;
      code_point = -1;
    }
    visit(code_point, text.substr(pos, length));
    pos += length;
  }
}

bool is_valid_utf8(std::string_view text) {
  // Every frame a client sends is checked: ASCII, most of one, is passed over byte by byte.
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (std::size_t pos = 0; pos < text.size();) {
    if (bytes[pos] < 0x80) {
      ++pos;
      continue;
    }
    utf8proc_int32_t code_point = -1;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, text.size() - pos, &code_point);
    if (length <= 0 || code_point < 0) return false;
    pos += static_cast<std::size_t>(length);
  }
  return true;
}

std::string to_nfc(std::string_view utf8) {
  return map_utf8(utf8, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
}

std::string fold(std::string_view utf8) {
  constexpr auto options =
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  return collapse_whitespace(map_utf8(utf8, options, fold_d_with_stroke));
}

std::string normalise_name(std::string_view utf8) { return collapse_whitespace(to_nfc(utf8)); }

std::string_view trim_ascii(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string group_thousands(std::int64_t n) {
  // Through the unsigned magnitude: -INT64_MIN does not fit.
  const auto magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  const auto digits = std::to_string(magnitude);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool is_ascii_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string strip_marks(std::string_view utf8) {
  return map_utf8(
      utf8, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK),
      unstroke_d);
}

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace motcua::domain
