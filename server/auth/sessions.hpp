// Who a hello logs in as (docs/protocol.md "hello"): a device by its token; staff by a
// session token, or by username and password (verified beforehand off the engine thread,
// auth/password_pool.hpp), a password login opening a new session of `session_hours`. And the
// staff account behind an HTTP "Authorization: Bearer <session_token>".
//
// Sessions are rows of the queue store, kept by the SHA-256 of their token. Single-threaded:
// the engine only (one thread at a time), inside the engine's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "server/config/config.hpp"
#include "server/store/queue_store.hpp"
#include "shared/domain/clock.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::auth {

// The outcome of a password check done off the engine thread.
enum class password_check { not_needed, accepted, rejected };

// An accepted hello.
struct login {
  protocol::role role = protocol::role::kiosk;
  std::string name;  // username or device name
  std::string display_name;
  // Staff: the session's token and end, for the hello result.
  std::optional<std::string> session_token;
  std::optional<domain::time_point> session_expires_at;
  bool new_session = false;  // opened by this (password) login
};

class sessions {
 public:
  sessions(const config::settings& settings, store::queue_store& store);

  // The login the hello's credential gives at `now`, or its refusal (unauthorized) in the
  // request's language. A password login opens a session.
  std::variant<login, protocol::error> hello(const protocol::hello& h, password_check check,
                                             domain::time_point now, bool english);

  // The staff account behind a session token while the session lasts, else none.
  const config::account* account_of(std::string_view session_token, domain::time_point now);

 private:
  const config::settings& settings_;
  store::queue_store& store_;
};

}  // namespace motcua::auth
