// One request of a screen in flight at a time: the screen sends through a `sender` (the live
// link's send, or a test's recorder) and recognises its reply by id. Plain C++; UI thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "protocol/messages.hpp"

namespace motcua::counter {

// Sends a request; returns its id, or nothing while offline.
using sender = std::function<std::optional<std::int64_t>(protocol::request_params)>;

class request_slot {
 public:
  // Sends `p` unless a request of this slot is in flight; false when busy or offline.
  bool send(const sender& send, protocol::request_params p);
  bool busy() const { return id_.has_value(); }
  // True when `r` answers this slot's request; the slot is free again.
  bool take(const protocol::reply& r);
  // Forget the request in flight (its answer will not come: the link went offline).
  void drop() { id_.reset(); }

 private:
  std::optional<std::int64_t> id_;
};

// The error of a failed reply, or nothing.
const protocol::error* error_of(const protocol::reply& r);

}  // namespace motcua::counter
