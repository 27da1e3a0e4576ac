// The kiosk's dossier lookup: the code typed on the on-screen keypad or by a barcode/QR scanner
// (which types keystrokes ending with Enter, possibly the whole status-page address
// ".../tra-cuu/CODE"), the lookup_dossier request, and the public view it returns.
//
// Not thread-safe: the UI thread owns it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "shared/client/request_slot.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::kiosk {

class dossier_lookup {
 public:
  static constexpr std::size_t max_code_length = 64;

  explicit dossier_lookup(client::sender send) : send_(std::move(send)) {}

  // Back to an empty keypad.
  void reset();
  // A key: letters are upper-cased, '\b' deletes the last character, '\n' or '\r' submits,
  // anything but letters, digits, '.', '-', '/' and ':' is ignored.
  void press(char key);
  void clear() { code_.clear(); }
  // Sends lookup_dossier for the code typed (the part after the last '/' of an address);
  // false when there is nothing to send, a lookup is pending or the link is offline.
  bool submit();

  // A reply: true when it answered this lookup.
  bool on_reply(const protocol::reply& r);
  // The connection ended: the pending lookup will get no reply.
  void on_offline() { slot_.offline(); }

  const std::string& code() const { return code_; }
  bool busy() const { return slot_.busy(); }
  const std::optional<protocol::public_dossier>& found() const { return found_; }
  // Why the last lookup failed (not_found: "no such dossier").
  const std::optional<protocol::error>& failure() const { return failure_; }

 private:
  client::sender send_;
  std::string code_;
  client::request_slot slot_;
  std::optional<protocol::public_dossier> found_;
  std::optional<protocol::error> failure_;
};

}  // namespace motcua::kiosk
