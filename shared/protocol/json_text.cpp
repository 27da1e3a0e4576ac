#include "shared/protocol/json_text.hpp"

#include <array>
#include <boost/json.hpp>
#include <charconv>

namespace motcua::protocol {

void json_text::value_starts() {
  if (comma_) out_ += ',';
  comma_ = true;
}

void json_text::open(char bracket) {
  value_starts();
  out_ += bracket;
  comma_ = false;
}

void json_text::close(char bracket) {
  out_ += bracket;
  comma_ = true;
}

void json_text::begin_object() { open('{'); }
void json_text::end_object() { close('}'); }
void json_text::begin_array() { open('['); }
void json_text::end_array() { close(']'); }

void json_text::key(std::string_view name) {
  string(name);
  out_ += ':';
  comma_ = false;
}

void json_text::string(std::string_view s) {
  value_starts();
  // Boost.JSON's escapes: the quote and the backslash, and every control character, the usual
  // ones by letter and the others as \u00xx; all else (UTF-8 included) as it is.
  static constexpr char hex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t plain = 0;  // start of the run of characters copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.substr(plain, i - plain));
    plain = i + 1;
    out_ += '\\';
    switch (c) {
      case '"':
        out_ += '"';
        break;
      case '\\':
        out_ += '\\';
        break;
      case '\b':
        out_ += 'b';
        break;
      case '\t':
        out_ += 't';
        break;
      case '\n':
        out_ += 'n';
        break;
      case '\f':
        out_ += 'f';
        break;
      case '\r':
        out_ += 'r';
        break;
      default:
        out_ += "u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 0xf];
    }
  }
  out_.append(s.substr(plain));
  out_ += '"';
}

void json_text::integer(std::int64_t n) {
  value_starts();
  std::array<char, 24> digits;
  auto end = std::to_chars(digits.begin(), digits.end(), n).ptr;
  out_.append(digits.begin(), end);
}

void json_text::number(double d) {
  value_starts();
  out_ += boost::json::serialize(boost::json::value(d));  // Boost.JSON's form: 5E-1
}

void json_text::boolean(bool b) {
  value_starts();
  out_ += b ? "true" : "false";
}

void json_text::null() {
  value_starts();
  out_ += "null";
}

}  // namespace motcua::protocol
