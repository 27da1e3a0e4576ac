#include "kiosk/model/scripted_taps.hpp"

#include <charconv>

namespace motcua::kiosk {
namespace {

// Splits "verb:argument".
std::pair<std::string_view, std::string_view> split(std::string_view tap) {
  const auto colon = tap.find(':');
  if (colon == std::string_view::npos) return {tap, {}};
  return {tap.substr(0, colon), tap.substr(colon + 1)};
}

std::optional<int> number(std::string_view s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

bool apply_tap(ticket_kiosk& kiosk, std::string_view tap) {
  const auto [verb, argument] = split(tap);
  if (verb == "service") {
    const auto id = number(argument);
    if (!id) return false;
    kiosk.choose_service(*id);
  } else if (verb == "priority") {
    const auto p = domain::parse_priority(argument);
    if (!p) return false;
    kiosk.choose_priority(*p);
  } else if (verb == "lookup") {
    kiosk.open_lookup();
  } else if (verb == "check_in") {
    kiosk.open_check_in();
  } else if (verb == "keys") {
    for (char c : argument) kiosk.press_key(c);
  } else if (verb == "enter") {
    kiosk.press_key('\n');
  } else if (verb == "skip_phone") {
    kiosk.skip_phone();
  } else if (verb == "phone") {
    kiosk.confirm_phone();
  } else if (verb == "offer") {
    kiosk.take_offered_ticket();
  } else if (verb == "language") {
    kiosk.toggle_language();
  } else if (verb == "home") {
    kiosk.go_home();
  } else {
    return false;
  }
  return true;
}

bool apply_tap(rating_panel& panel, std::string_view tap) {
  const auto [verb, argument] = split(tap);
  if (verb == "language") {
    panel.toggle_language();
    return true;
  }
  const auto level = number(argument);
  if (verb != "rate" || !level) return false;
  panel.rate(*level);
  return true;
}

}  // namespace motcua::kiosk
