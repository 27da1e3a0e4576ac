#include "kiosk/model/appointment_check_in.hpp"

#include "kiosk/model/keypad_input.hpp"
#include "shared/domain/booking_code.hpp"

namespace motcua::kiosk {
namespace {

// A code, a phone number ("+84 905 …") or a page's address.
bool is_typed_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '+' || c == ' ' || c == '-' ||
         c == '.' || c == '/' || c == ':' || c == '?' || c == '=' || c == '&' || c == '_';
}

}  // namespace

check_in_refusal refusal_of(const protocol::error& e) {
  switch (e.code) {
    case protocol::error_code::not_found:
      return check_in_refusal::unknown;
    case protocol::error_code::conflict:
      return e.retry_at ? check_in_refusal::too_early : check_in_refusal::too_late;
    default:
      return check_in_refusal::invalid;
  }
}

bool appointment_check_in::is_booking(std::string_view typed) {
  return typed.find("/DAT-LICH/") != std::string_view::npos ||
         domain::parse_booking_code(typed).has_value();
}

void appointment_check_in::reset() {
  typed_.clear();
  slot_.drop();
  failure_.reset();
}

void appointment_check_in::press(char key) {
  if (type_key(typed_, key, max_length, is_typed_char)) submit();
}

bool appointment_check_in::submit() {
  if (slot_.busy()) return false;
  const std::string typed(code_in(typed_));
  if (typed.find_first_not_of(' ') == std::string::npos) return false;
  // A code has 8 symbols (spaces and dashes aside), a phone number 9 digits or more: what
  // reads as a code is one.
  protocol::check_in request;
  if (domain::parse_booking_code(typed))
    request.code = typed;
  else
    request.phone = typed;
  slot_.keep_sending(send_, std::move(request));
  typed_ = typed;
  failure_.reset();
  return true;
}

bool appointment_check_in::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  if (const auto* e = std::get_if<protocol::error>(&r.body)) failure_ = *e;
  return true;
}

}  // namespace motcua::kiosk
