// What every network session needs, shared by all of them: the engine
// thread to hand requests to, the province hub for other units' dossiers, the password pool,
// metrics and limits (also per client address),
// and the connection counts the limits apply to.
#pragma once

#include <atomic>
#include <cstdint>

#include "server/auth/crypto.hpp"
#include "server/auth/password_pool.hpp"
#include "server/config/config.hpp"
#include "server/engine/runner.hpp"
#include "server/metrics/metrics.hpp"
#include "server/net/address_limits.hpp"
#include "server/province/lookup.hpp"
#include "server/transport/admission.hpp"

namespace motcua::net {

struct shared_state {
  const config::settings& settings;
  engine::runner& runner;
  auth::password_pool& passwords;
  auth::login_guard& logins;  // also counts failed device and session tokens, per address
  metrics::registry& metrics;
  // Another unit's dossier, asked of the province hub (issue 15).
  province::hub_lookup& hub;
  std::atomic<std::uint64_t> next_connection{1};
  // Connections whose hello succeeded: at most limits.max_connections.
  std::atomic<int> authenticated_connections{0};
  // Places for the connections that have not logged in yet.
  admission unauthenticated{
      {settings.limits.max_unauthenticated, settings.limits.max_unauthenticated_per_address},
      [this](int delta) { metrics.unauthenticated(delta); }};
  // Places for the phones following their ticket (net/ticket_stream.hpp).
  admission ticket_followers{
      {settings.limits.max_ticket_followers, settings.limits.max_ticket_followers_per_address},
      [this](int delta) { metrics.ticket_followers(delta); }};
  address_limits addresses{rules_of(settings.limits), &metrics};
  // Signs the booking pages' form tokens (net/booking_pages.hpp); a form rendered before a
  // restart is refused, and shown again.
  const std::string form_key = auth::random_token();
};

}  // namespace motcua::net
