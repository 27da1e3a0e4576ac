// Operational figures for GET /metrics (Prometheus text exposition format).
// All counters are atomics: any thread may update them.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shared/domain/wait_estimate.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::metrics {

using eta_accuracy = domain::eta_accuracy;

// What the engine last published for public readers (HTTP): immutable.
struct public_state {
  std::vector<protocol::service_view> services;
  std::map<std::string, int> dossiers;  // by status
  int login_locks = 0;                  // usernames and addresses held back after failed logins
  // Today's, by service code (the engine works them out with the stats, every
  // stats_interval_seconds).
  std::map<std::string, eta_accuracy> eta;
};

// Why the server closed (or refused) a connection. `capacity`: max_connections reached (1013);
// `unauthenticated`, `per_address`: refused at accept by the unauthenticated caps;
// `hello_timeout`: no successful hello in time.
enum class drop_reason {
  overflow,
  rate_limit,
  too_big,
  idle,
  capacity,
  hello_timeout,
  unauthenticated,
  per_address
};

// What a request refused by the per-address limits asked for: an HTTP route, or the
// WebSocket's dossier lookup. `slots`: GET /api/v1/slots; `booking`: /api/v1/bookings and
// /api/v1/bookings/{code}.
enum class route {
  metrics,
  services,
  dossier,
  page,
  form,
  other,
  lookup_dossier,
  slots,
  booking,
  ticket
};
std::string_view name_of(route r);  // "dossier"

// What the connection layer (server/transport) counts for the server it runs in: the centre's
// registry below, the province hub's own figures.
class connection_counters {
 public:
  // An accept that failed (the one connection's, or for want of a resource).
  virtual void accept_failed() = 0;
  // A connection closed, or refused at accept, and why.
  virtual void dropped(drop_reason r) = 0;

 protected:
  connection_counters() = default;
  connection_counters(const connection_counters&) = default;
  connection_counters& operator=(const connection_counters&) = default;
  ~connection_counters() = default;
};

class registry final : public connection_counters {
 public:
  // `role` is nullopt for a connection that has not said hello yet.
  void connected(std::optional<protocol::role> role, int delta);
  void dropped(drop_reason r) override;
  // Accepted TCP connections whose WebSocket hello has not succeeded (HTTP ones included).
  void unauthenticated(int delta) { unauthenticated_.fetch_add(delta, std::memory_order_relaxed); }
  void ticket_followers(int delta) {
    ticket_followers_.fetch_add(delta, std::memory_order_relaxed);
  }
  void accept_failed() override { accept_errors_.fetch_add(1, std::memory_order_relaxed); }
  void ticket_issued() { tickets_issued_.fetch_add(1, std::memory_order_relaxed); }
  // One password hashed and checked; a failed login unless `accepted`.
  void password_checked(bool accepted);
  // A login attempt refused unhashed because its username or address is held back.
  void login_held_back() { logins_held_back_.fetch_add(1, std::memory_order_relaxed); }
  void request_served(std::chrono::nanoseconds latency);
  // One transaction of the engine holding `requests` requests.
  void committed(std::size_t requests);
  // One fdatasync that made the engine's commits durable (several, under load).
  void wal_synced() { wal_syncs_.fetch_add(1, std::memory_order_relaxed); }
  // A request refused by the per-address limits (HTTP 429, WebSocket `limit`).
  void limited(route r);
  // The per-address limits now remember `addresses` client addresses.
  void addresses_tracked(std::size_t addresses);
  // An HTTP request whose handling failed, answered 500.
  void http_failed() { http_failures_.fetch_add(1, std::memory_order_relaxed); }
  // The text messages' outbox: how many rows are in each state (the sender counts them).
  void texts(const std::vector<std::pair<std::string, int>>& by_state);
  // The province hub's outbox (issue 15): records waiting, the age of the oldest in seconds
  // (0 when none waits), the last seq the hub holds, the records it refused (set aside), and each
  // push by its result.
  void hub_outbox(std::int64_t records, std::int64_t lag_seconds, std::int64_t acked,
                  std::int64_t refused) {
    hub_records_.store(records, std::memory_order_relaxed);
    hub_lag_seconds_.store(lag_seconds, std::memory_order_relaxed);
    hub_acked_.store(acked, std::memory_order_relaxed);
    hub_refused_.store(refused, std::memory_order_relaxed);
  }
  void hub_pushed(bool ok) { (ok ? hub_pushes_ : hub_failures_).fetch_add(1); }
  static constexpr std::array<std::string_view, 6> text_states{"queued",    "sending", "sent",
                                                               "delivered", "failed",  "skipped"};

  std::string render(const public_state& state) const;

 private:
  static constexpr std::array<double, 12> bounds_seconds{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0};
  std::array<std::atomic<std::int64_t>, 6> connected_{};  // by role, index 5: not logged in
  std::array<std::atomic<std::int64_t>, 8> dropped_{};
  std::atomic<std::int64_t> unauthenticated_{0};
  std::atomic<std::int64_t> ticket_followers_{0};
  std::atomic<std::int64_t> accept_errors_{0};
  std::atomic<std::int64_t> tickets_issued_{0};
  std::atomic<std::int64_t> passwords_checked_{0};
  std::atomic<std::int64_t> logins_failed_{0};
  std::atomic<std::int64_t> logins_held_back_{0};
  std::atomic<std::int64_t> commits_{0};
  std::atomic<std::int64_t> committed_requests_{0};
  std::atomic<std::int64_t> wal_syncs_{0};
  std::array<std::atomic<std::int64_t>, 9> limited_{};  // by route
  std::atomic<std::int64_t> addresses_{0};
  std::atomic<std::int64_t> http_failures_{0};
  std::array<std::atomic<std::int64_t>, text_states.size()> texts_{};
  std::atomic<std::int64_t> hub_records_{0};
  std::atomic<std::int64_t> hub_lag_seconds_{0};
  std::atomic<std::int64_t> hub_acked_{0};
  std::atomic<std::int64_t> hub_pushes_{0};
  std::atomic<std::int64_t> hub_failures_{0};
  std::atomic<std::int64_t> hub_refused_{0};
  std::array<std::atomic<std::int64_t>, bounds_seconds.size() + 1> latency_buckets_{};
  std::atomic<std::int64_t> latency_count_{0};
  std::atomic<std::int64_t> latency_sum_ns_{0};
};

}  // namespace motcua::metrics
