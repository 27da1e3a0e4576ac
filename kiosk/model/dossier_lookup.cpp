#include "kiosk/model/dossier_lookup.hpp"

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
  if (key == '\n' || key == '\r') {
    submit();
    return;
  }
  if (key == '\b') {
    if (!code_.empty()) code_.pop_back();
    return;
  }
  if (key >= 'a' && key <= 'z') key = static_cast<char>(key - 'a' + 'A');
  if (is_code_char(key) && code_.size() < max_code_length) code_.push_back(key);
}

bool dossier_lookup::submit() {
  if (slot_.busy()) return false;
  std::string code = code_;
  if (const auto slash = code.rfind('/'); slash != std::string::npos) code.erase(0, slash + 1);
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
