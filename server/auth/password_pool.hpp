// Verifies staff passwords on a small worker pool, never on a network or the
// engine thread, with a bound on concurrent and pending hashes so that a
// flood of logins cannot exhaust memory (each Argon2id check uses 64 MiB),
// and a bound on pending hashes per client address so that one address
// cannot fill the pool: staff elsewhere always find a place. Attempts the
// login guard holds back are refused before any hashing.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/asio/thread_pool.hpp>

#include "server/auth/login_guard.hpp"
#include "server/config/config.hpp"
#include "server/metrics/metrics.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::auth {

// The end of a queued check: the verdict, or the refusal to send instead (the username or
// address became held back while the check waited, so it was not hashed).
struct check_result {
  bool accepted = false;
  std::optional<protocol::error> refusal;
};

class password_pool {
 public:
  password_pool(const config::settings& settings, login_guard& guard, metrics::registry& metrics);
  ~password_pool();

  // Queues a check of a login from `address`; `done` runs on a pool thread. Returns the refusal
  // to send now, without hashing (and never calls `done`), when the guard holds the attempt
  // back or too many checks are pending, in all or from `address`.
  std::optional<protocol::error> verify(std::string username, std::string password,
                                        std::string address, bool english,
                                        std::function<void(check_result)> done);
  // Drops the checks not started yet and waits for the running ones.
  void stop();

 private:
  // Takes a pending place for `address`; false when none is left.
  bool reserve(const std::string& address);
  void release(const std::string& address);

  const config::settings& settings_;
  login_guard& guard_;
  metrics::registry& metrics_;
  boost::asio::thread_pool pool_;
  std::mutex mutex_;
  int pending_ = 0;                                  // guarded by mutex_
  std::unordered_map<std::string, int> by_address_;  // guarded by mutex_; no zero entries
  std::string dummy_hash_;  // checked for unknown users, so timing does not reveal them
};

}  // namespace motcua::auth
