// What every network session needs, shared by all of them: the engine
// thread to hand requests to, the password pool, metrics and limits.
#pragma once

#include <atomic>
#include <cstdint>

#include "auth/password_pool.hpp"
#include "config/config.hpp"
#include "engine/runner.hpp"
#include "metrics/metrics.hpp"

namespace motcua::net {

struct shared_state {
  const config::settings& settings;
  engine::runner& runner;
  auth::password_pool& passwords;
  metrics::registry& metrics;
  std::atomic<std::uint64_t> next_connection{1};
  std::atomic<int> websocket_connections{0};
};

}  // namespace motcua::net
