// The kiosk's check-in of a booking (issue 13): the booking's code or the phone number it was
// made with, typed on the on-screen keypad or by the QR scanner (which types the code, or the
// address of the booking's page ".../dat-lich/CODE?token=...", then Enter), the check_in
// request, and why the server refused it.
//
// check_in is idempotent (a booking gives one ticket, the same one again), so the request is
// kept until its reply and sent again after a reconnect, like a take_ticket.
//
// Not thread-safe: the UI thread owns it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "shared/client/request_slot.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::kiosk {

// Why a check-in gave no ticket, as the screen tells it.
enum class check_in_refusal {
  unknown,    // no such booking today: check the code or type the phone number
  too_early,  // before the window: the time to come back (the error's retry_at)
  too_late,   // the window has closed (or the booking was cancelled): a walk-in ticket instead
  invalid,    // not a phone number that can be: the server names what is wrong
};
check_in_refusal refusal_of(const protocol::error& e);

class appointment_check_in {
 public:
  // Enough for the address of a booking's page with its 64-character token.
  static constexpr std::size_t max_length = 160;

  explicit appointment_check_in(client::sender send) : send_(std::move(send)) {}

  // Whether what was typed (as typed() keeps it) is a booking's: the address of its page, or its
  // code alone. A dossier's code (with its dots) or the address of its status page never is.
  static bool is_booking(std::string_view typed);

  // Back to an empty field; a check-in in flight is forgotten (its reply is not this one's:
  // checking in again gives the same ticket).
  void reset();
  // A key (keypad_input.hpp); Enter submits.
  void press(char key);
  // Sends check_in: `code` when what was typed is a booking code, else `phone`. False when
  // there is nothing to send or a check-in is pending.
  bool submit();

  // A reply: true when it answered this check-in (a ticket_result, or the refusal kept).
  bool on_reply(const protocol::reply& r);
  void on_offline() { slot_.offline(); }
  void on_online() { slot_.online(send_); }

  const std::string& typed() const { return typed_; }
  bool busy() const { return slot_.busy(); }
  bool in_flight() const { return slot_.in_flight(); }
  const std::optional<protocol::error>& failure() const { return failure_; }

 private:
  client::sender send_;
  std::string typed_;
  client::request_slot slot_;
  std::optional<protocol::error> failure_;
};

}  // namespace motcua::kiosk
