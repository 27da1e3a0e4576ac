#include "shared/domain/dossier_code.hpp"

#include <charconv>
#include <cstdio>

#include "shared/domain/text.hpp"

namespace motcua::domain {
namespace {

using namespace std::chrono;

bool is_unit_code(std::string_view unit) {
  bool group_open = false;  // at least one character since the last dot
  for (char c : unit) {
    if (c == '.') {
      if (!group_open) return false;
      group_open = false;
    } else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
      group_open = true;
    } else {
      return false;
    }
  }
  return group_open;
}

// `digits` must be all digits, at most nine of them.
int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

}  // namespace

std::string format_dossier_code(std::string_view unit_code, year_month_day received, int sequence) {
  char rest[32];
  std::snprintf(rest, sizeof rest, "-%02d%02u%02u-%04d", static_cast<int>(received.year()) % 100,
                static_cast<unsigned>(received.month()), static_cast<unsigned>(received.day()),
                sequence);
  return std::string(unit_code) + rest;
}

std::optional<dossier_code_parts> parse_dossier_code(std::string_view code) {
  const std::string upper = to_upper_ascii(code);
  const std::string_view text = upper;
  const auto first_dash = text.find('-');
  if (first_dash == std::string_view::npos) return std::nullopt;
  const auto second_dash = text.find('-', first_dash + 1);
  if (second_dash == std::string_view::npos) return std::nullopt;

  const std::string_view unit = text.substr(0, first_dash);
  const std::string_view date = text.substr(first_dash + 1, second_dash - first_dash - 1);
  const std::string_view sequence = text.substr(second_dash + 1);
  if (!is_unit_code(unit) || date.size() != 6 || !is_ascii_digits(date) || sequence.size() < 4 ||
      sequence.size() > 9 || !is_ascii_digits(sequence))
    return std::nullopt;

  const year_month_day received{year{2000 + to_int(date.substr(0, 2))},
                                month{static_cast<unsigned>(to_int(date.substr(2, 2)))},
                                day{static_cast<unsigned>(to_int(date.substr(4, 2)))}};
  const int number = to_int(sequence);
  if (!received.ok() || number == 0) return std::nullopt;
  return dossier_code_parts{std::string(unit), received, number};
}

}  // namespace motcua::domain
