// One request of a screen in flight at a time, for the kiosk and the counter alike: the screen
// sends through a `sender` (the live link's send, or a test's recorder) and recognises its reply
// by id. An idempotent request (one with a request_key: take_ticket, rate_service) can be kept
// until its reply and sent again, the same request, after a reconnect, so that the server acts
// on it once. Plain C++ (no window library); not thread-safe: the UI thread owns it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "shared/protocol/messages.hpp"

namespace motcua::client {

// Sends a request; returns its id, or nothing while offline.
using sender = std::function<std::optional<std::int64_t>(protocol::request_params)>;

class request_slot {
 public:
  // Sends `p` unless the slot holds a request; false when busy or offline (nothing is kept).
  bool send(const sender& send, protocol::request_params p);
  // Holds `p` (an idempotent request) until its reply: sent now when the link is up, and again
  // by online() after the connection is lost. False when the slot already holds a request.
  bool keep_sending(const sender& send, protocol::request_params p);
  // A request is held: in flight, or kept and waiting for the link.
  bool busy() const { return id_.has_value() || kept_.has_value(); }
  // The held request went out on the current connection: its reply can still come.
  bool in_flight() const { return id_.has_value(); }
  // True when `r` answers this slot's request; the slot is free again.
  bool take(const protocol::reply& r);
  // The connection ended: no reply will come on it. A request sent with send() is forgotten; a
  // kept one waits for online().
  void offline();
  // The link is back: a kept request not sent on this connection yet goes out (same request).
  void online(const sender& send);
  // Forgets the held request; a late reply to it is then not this slot's.
  void drop();

 private:
  std::optional<std::int64_t> id_;                // on the current connection
  std::optional<protocol::request_params> kept_;  // keep_sending: sent again after reconnects
};

// The error of a failed reply, or nothing.
const protocol::error* error_of(const protocol::reply& r);

}  // namespace motcua::client
