#include "kiosk/model/dossier_lookup.hpp"

#include "kiosk/model/keypad_input.hpp"

namespace motcua::kiosk {
namespace {

bool is_code_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '/' ||
         c == ':';
}

}  // namespace

void dossier_lookup::reset() {
  code_.clear();
  slot_.drop();
  found_.reset();
  failure_.reset();
}

void dossier_lookup::press(char key) {
  if (type_key(code_, key, max_code_length, is_code_char)) submit();
}

bool dossier_lookup::submit() {
  if (slot_.busy()) return false;
  std::string code(code_in(code_));
  if (code.empty()) return false;
  if (!slot_.send(send_, protocol::lookup_dossier{code})) return false;
  code_ = code;
  failure_.reset();
  return true;
}

bool dossier_lookup::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  if (const auto* result = std::get_if<protocol::lookup_result>(&r.body)) {
    found_ = result->dossier;
  } else if (const auto* e = std::get_if<protocol::error>(&r.body)) {
    failure_ = *e;
  }
  return true;
}

}  // namespace motcua::kiosk
