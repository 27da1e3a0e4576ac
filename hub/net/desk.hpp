// The hub's WebSocket verbs (issue 15; `motcua.v1` frames on /ws, docs/protocol.md "Province
// hub"), a plain function of one frame, testable without a socket:
// - `hello` with a province manager's username and password (the hub's own staff, registered
//   from its --config): role `province_manager`; a device token or a centre's account is
//   refused (`unauthorized`). The centre's login guard (server/auth/login_guard.hpp) holds
//   guessing back per username and per address before any hashing; after max_failed_logins
//   refusals the connection is closed.
// - `get_province_stats` (province_manager): store/province_stats.hpp; `from`/`to` as in
//   get_stats (at most max_period_days days), `unit` one registered centre (`not_found`
//   otherwise).
// - every other verb of the contract: `forbidden` (it is a centre's); a malformed frame:
//   `bad_request`, as at a centre.
// A connection may send `burst` requests in any `window`; past that it gets `limit`, and is
// closed past twice that. Errors are in the request's language, with the English text always.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "hub/net/store_pool.hpp"
#include "server/auth/login_guard.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::hub::net {

inline constexpr int max_failed_logins = 5;
inline constexpr int max_period_days = 366;
inline constexpr int burst = 30;
inline constexpr std::chrono::seconds window{10};

// What every connection's desk shares.
struct desk_services {
  store_pool& stores;
  auth::login_guard& logins;
};

// One WebSocket connection, as the desk knows it.
struct desk_session {
  std::string address;                      // the client's, for the login guard
  std::optional<store::staff_account> who;  // after a hello
  int failed_logins = 0;
  domain::time_point window_start{};
  int in_window = 0;
};

struct desk_answer {
  std::string frame;   // the reply
  bool close = false;  // then close the connection (too many failed logins or requests)
};

desk_answer answer_frame(std::string_view frame, desk_session& session, desk_services& services,
                         domain::time_point now);

}  // namespace motcua::hub::net
