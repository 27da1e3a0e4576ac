// Verifies staff passwords on a small worker pool, never on a network or the
// engine thread, with a bound on concurrent and pending hashes so that a
// flood of logins cannot exhaust memory (each Argon2id check uses 64 MiB).
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include <boost/asio/thread_pool.hpp>

#include "config/config.hpp"

namespace motcua::auth {

class password_pool {
 public:
  password_pool(const config::settings& settings);
  ~password_pool();

  // Queues a check; `done(accepted)` runs on a pool thread. Returns false
  // (and never calls `done`) when too many checks are pending.
  bool verify(std::string username, std::string password, std::function<void(bool)> done);
  // Drops the checks not started yet and waits for the running ones.
  void stop();

 private:
  const config::settings& settings_;
  boost::asio::thread_pool pool_;
  std::atomic<int> pending_{0};
  std::string dummy_hash_;  // checked for unknown users, so timing does not reveal them
};

}  // namespace motcua::auth
