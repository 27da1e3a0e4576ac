// Throttles password guessing: failure counters per username and per client address with
// exponential back-off. From the `login_free_failures`th consecutive failure of a username (or
// the `login_address_free_failures`th of an address, higher because a centre's staff may share
// one NAT address) each failure holds further attempts back for base, 2 x base, 4 x base ...
// up to `login_backoff_max_seconds`. A held-back attempt is refused before any hashing. A
// success resets the counters of its username and address; a manager may lift a lock.
//
// A username's hold does not apply at the addresses where that user last logged in
// successfully (up to `max_known_addresses`): whoever guesses a clerk's password from elsewhere
// cannot lock the clerk out at their own desk (the address's own counter still applies there).
//
// Memory is bounded: each table keeps at most `login_tracked_entries` keys and, when full,
// forgets the least recently failed key that is not held back (else the one freed soonest).
//
// Thread-safe (one mutex); time comes from the injected clock. Never sees a password.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/config/config.hpp"
#include "shared/domain/clock.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::auth {

enum class lock_kind { username, address };
std::string_view to_string(lock_kind k);

// A username or address that is held back (or has just become so).
struct login_lock {
  lock_kind kind = lock_kind::username;
  std::string key;   // the username as typed, or the address
  int failures = 0;  // consecutive failures so far
  domain::time_point until;
  int retry_after_seconds = 0;  // from now, rounded up
};

class login_guard {
 public:
  login_guard(const config::limits& limits, const domain::clock& clock);
  // Sets what is called (outside the lock, on the failing thread) each time a failure holds a
  // key back, e.g. to write the audit log. Call once, before the guard is in use.
  void on_lockout(std::function<void(const login_lock&)> report);

  // Seconds to wait before `username` may try again from `address`; nullopt when it may now.
  std::optional<int> held_back(const std::string& username, const std::string& address) const;
  // The outcome of a check that was hashed.
  void failed(const std::string& username, const std::string& address);
  void succeeded(const std::string& username, const std::string& address);
  // A device or session token: only the address is counted (a token names no username), so
  // token guessing is held back like password guessing from the same address.
  std::optional<int> held_back(const std::string& address) const;
  void failed_token(const std::string& address);
  void succeeded_token(const std::string& address);

  // Lifts the locks and forgets the failures of `username` and/or `address`; returns what it
  // forgot (retry_after_seconds 0 for a key with failures but no hold now).
  std::vector<login_lock> unlock(const std::optional<std::string>& username,
                                 const std::optional<std::string>& address);
  // Every key held back now, usernames first, then by key.
  std::vector<login_lock> locks() const;

 private:
  struct entry {
    int failures = 0;
    domain::time_point held_until{};
    domain::time_point last_failure{};
  };
  using table = std::unordered_map<std::string, entry>;

  // Counts a failure of `key`; returns the lock it starts, if any.
  std::optional<login_lock> count_failure(table& t, lock_kind kind, const std::string& key,
                                          int free_failures, domain::time_point now);
  void make_room(table& t, domain::time_point now);
  static login_lock lock_of(lock_kind kind, const std::string& key, const entry& e,
                            domain::time_point now);
  static std::optional<int> remaining(const table& t, const std::string& key,
                                      domain::time_point now);

  const config::limits& limits_;
  const domain::clock& clock_;
  std::function<void(const login_lock&)> on_lockout_;
  mutable std::mutex mutex_;
  // Counts a failure of `address` and, unless null, of `username`; reports the locks started.
  void count(const std::string* username, const std::string& address);
  // Whether `username` last logged in successfully from `address`. Call with mutex_ held.
  bool known_here(const std::string& username, const std::string& address) const;

  static constexpr std::size_t max_known_addresses = 4;
  table usernames_;  // guarded by mutex_
  table addresses_;  // guarded by mutex_
  // Per username, the addresses of its latest successful logins, newest first (guarded).
  std::unordered_map<std::string, std::vector<std::string>> known_;
};

// The refusal of a held-back attempt: `limit`, "try again in N seconds", retry_after N.
protocol::error held_back_error(int retry_after_seconds, bool english);

}  // namespace motcua::auth
