#include "kiosk/devices/call_sentence.hpp"

#include <array>

namespace motcua::devices {

namespace {

constexpr std::array<const char*, 10> vietnamese_digits = {"không", "một", "hai", "ba",  "bốn",
                                                           "năm",   "sáu", "bảy", "tám", "chín"};
constexpr std::array<const char*, 10> english_digits = {"zero", "one", "two",   "three", "four",
                                                        "five", "six", "seven", "eight", "nine"};

void append_word(std::string& out, std::string_view word) {
  if (!out.empty() && out.back() != ' ') out += ' ';
  out += word;
}

}  // namespace

std::string spoken_number(std::string_view number, bool english) {
  const auto& digits = english ? english_digits : vietnamese_digits;
  std::string letters, spoken_digits;
  for (char c : number) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
      append_word(letters, std::string(1, c));
    else if (c >= '0' && c <= '9')
      append_word(spoken_digits, digits[static_cast<std::size_t>(c - '0')]);
  }
  if (letters.empty()) return spoken_digits;
  if (spoken_digits.empty()) return letters;
  return letters + ", " + spoken_digits;
}

std::string call_sentence(std::string_view number, int counter_number, bool english) {
  const std::string counter = std::to_string(counter_number);
  if (english)
    return "Ticket number " + spoken_number(number, true) + ", please go to counter " + counter;
  return "Mời công dân có số thứ tự " + spoken_number(number, false) + ", đến quầy số " + counter;
}

}  // namespace motcua::devices
