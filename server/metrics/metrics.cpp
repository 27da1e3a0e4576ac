#include "server/metrics/metrics.hpp"

#include <initializer_list>
#include <sstream>

namespace motcua::metrics {
namespace {

constexpr std::array<protocol::role, 5> roles{protocol::role::kiosk, protocol::role::display,
                                              protocol::role::clerk, protocol::role::manager,
                                              protocol::role::admin};
constexpr std::array<const char*, 8> drop_names{
    "overflow", "rate_limit",    "too_big",         "idle",
    "capacity", "hello_timeout", "unauthenticated", "per_address"};
constexpr std::array<const char*, 10> route_names{"metrics", "services", "dossier",        "page",
                                                  "form",    "other",    "lookup_dossier", "slots",
                                                  "booking", "ticket"};

}  // namespace

void registry::connected(std::optional<protocol::role> role, int delta) {
  std::size_t index = role ? static_cast<std::size_t>(*role) : roles.size();
  connected_[index].fetch_add(delta, std::memory_order_relaxed);
}

void registry::dropped(drop_reason r) {
  dropped_[static_cast<std::size_t>(r)].fetch_add(1, std::memory_order_relaxed);
}

void registry::password_checked(bool accepted) {
  passwords_checked_.fetch_add(1, std::memory_order_relaxed);
  if (!accepted) logins_failed_.fetch_add(1, std::memory_order_relaxed);
}

void registry::request_served(std::chrono::nanoseconds latency) {
  double seconds = std::chrono::duration<double>(latency).count();
  std::size_t bucket = 0;
  while (bucket < bounds_seconds.size() && seconds > bounds_seconds[bucket]) ++bucket;
  latency_buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
  latency_sum_ns_.fetch_add(latency.count(), std::memory_order_relaxed);
}

void registry::committed(std::size_t requests) {
  commits_.fetch_add(1, std::memory_order_relaxed);
  committed_requests_.fetch_add(static_cast<std::int64_t>(requests), std::memory_order_relaxed);
}

std::string_view name_of(route r) { return route_names[static_cast<std::size_t>(r)]; }

void registry::limited(route r) {
  limited_[static_cast<std::size_t>(r)].fetch_add(1, std::memory_order_relaxed);
}

void registry::addresses_tracked(std::size_t addresses) {
  addresses_.store(static_cast<std::int64_t>(addresses), std::memory_order_relaxed);
}

void registry::texts(const std::vector<std::pair<std::string, int>>& by_state) {
  for (std::size_t i = 0; i < text_states.size(); ++i) {
    std::int64_t n = 0;
    for (const auto& [state, count] : by_state)
      if (state == text_states[i]) n = count;
    texts_[i].store(n, std::memory_order_relaxed);
  }
}

std::string registry::render(const public_state& state) const {
  std::ostringstream out;
  out << "# HELP motcua_connected_clients WebSocket clients connected now, by role.\n"
         "# TYPE motcua_connected_clients gauge\n";
  for (std::size_t i = 0; i <= roles.size(); ++i)
    out << "motcua_connected_clients{role=\""
        << (i < roles.size() ? protocol::to_string(roles[i]) : "none") << "\"} "
        << connected_[i].load() << "\n";
  out << "# HELP motcua_tickets_issued_total Tickets issued since the server started.\n"
         "# TYPE motcua_tickets_issued_total counter\n"
         "motcua_tickets_issued_total "
      << tickets_issued_.load() << "\n";
  out << "# HELP motcua_commits_total The engine's database transactions (group commits).\n"
         "# TYPE motcua_commits_total counter\n"
         "motcua_commits_total "
      << commits_.load() << "\n"
      << "# HELP motcua_committed_requests_total Requests in those commits.\n"
         "# TYPE motcua_committed_requests_total counter\n"
         "motcua_committed_requests_total "
      << committed_requests_.load() << "\n"
      << "# HELP motcua_wal_syncs_total fdatasyncs that made those commits durable (one for "
         "every commit made meanwhile: pipelined group commit).\n"
         "# TYPE motcua_wal_syncs_total counter\n"
         "motcua_wal_syncs_total "
      << wal_syncs_.load() << "\n";
  out << "# HELP motcua_password_checks_total Passwords hashed and checked (Argon2id).\n"
         "# TYPE motcua_password_checks_total counter\n"
         "motcua_password_checks_total "
      << passwords_checked_.load() << "\n"
      << "# HELP motcua_logins_failed_total Password logins refused: wrong username or password.\n"
         "# TYPE motcua_logins_failed_total counter\n"
         "motcua_logins_failed_total "
      << logins_failed_.load() << "\n"
      << "# HELP motcua_logins_held_back_total Login attempts refused unhashed after failures.\n"
         "# TYPE motcua_logins_held_back_total counter\n"
         "motcua_logins_held_back_total "
      << logins_held_back_.load() << "\n"
      << "# HELP motcua_login_locks Usernames and addresses held back now.\n"
         "# TYPE motcua_login_locks gauge\n"
         "motcua_login_locks "
      << state.login_locks << "\n";
  out << "# HELP motcua_tickets_waiting Tickets waiting now, by service.\n"
         "# TYPE motcua_tickets_waiting gauge\n";
  for (const auto& s : state.services)
    out << "motcua_tickets_waiting{service=\"" << s.code << "\"} " << s.waiting << "\n";
  // How good today's wait estimates were (issue 16): gauges by service (and by `stat`).
  using figure_of = double (*)(const eta_accuracy&);
  auto eta_gauge = [&](std::string_view name, std::string_view help,
                       std::initializer_list<std::pair<std::string_view, figure_of>> figures) {
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n";
    for (const auto& [stat, figure] : figures)
      for (const auto& [code, a] : state.eta) {
        out << name << "{service=\"" << code << "\"";
        if (!stat.empty()) out << ",stat=\"" << stat << "\"";
        out << "} " << figure(a) << "\n";
      }
  };
  eta_gauge("motcua_eta_tickets",
            "Tickets called today whose wait is compared with the wait they were told at issue, "
            "by service.",
            {{"", [](const eta_accuracy& a) { return static_cast<double>(a.tickets); }}});
  eta_gauge("motcua_eta_abs_error_minutes",
            "How far today's wait estimates were from the waits: the mean and the 90th "
            "percentile of the errors' sizes, by service.",
            {{"mean", [](const eta_accuracy& a) { return a.mean_abs; }},
             {"p90", [](const eta_accuracy& a) { return a.p90_abs; }}});
  eta_gauge("motcua_eta_within_5_minutes_ratio",
            "Share of today's estimates within 5 minutes of the wait, by service.",
            {{"", [](const eta_accuracy& a) { return a.within_5; }}});
  eta_gauge("motcua_eta_bias_minutes",
            "Today's mean of wait minus estimate, by service (positive: the estimates were too "
            "optimistic).",
            {{"", [](const eta_accuracy& a) { return a.bias; }}});
  out << "# HELP motcua_dossiers Dossiers by status.\n"
         "# TYPE motcua_dossiers gauge\n";
  for (const auto& [status, count] : state.dossiers)
    out << "motcua_dossiers{status=\"" << status << "\"} " << count << "\n";
  out << "# HELP motcua_connections_dropped_total Connections the server closed, by reason.\n"
         "# TYPE motcua_connections_dropped_total counter\n";
  for (std::size_t i = 0; i < drop_names.size(); ++i)
    out << "motcua_connections_dropped_total{reason=\"" << drop_names[i] << "\"} "
        << dropped_[i].load() << "\n";
  out << "# HELP motcua_unauthenticated_connections Connections not logged in yet (HTTP "
         "included).\n"
         "# TYPE motcua_unauthenticated_connections gauge\n"
         "motcua_unauthenticated_connections "
      << unauthenticated_.load() << "\n"
      << "# HELP motcua_ticket_followers Phones following their ticket (Server-Sent Events).\n"
         "# TYPE motcua_ticket_followers gauge\n"
         "motcua_ticket_followers "
      << ticket_followers_.load() << "\n"
      << "# HELP motcua_accept_errors_total Failed accepts (out of descriptors...); each backs "
         "off.\n"
         "# TYPE motcua_accept_errors_total counter\n"
         "motcua_accept_errors_total "
      << accept_errors_.load() << "\n";
  out << "# HELP motcua_rate_limited_total Requests refused by the per-address limits (HTTP 429, "
         "WebSocket limit), by route.\n"
         "# TYPE motcua_rate_limited_total counter\n";
  for (std::size_t i = 0; i < route_names.size(); ++i)
    out << "motcua_rate_limited_total{route=\"" << route_names[i] << "\"} " << limited_[i].load()
        << "\n";
  out << "# HELP motcua_rate_limit_addresses Client addresses the per-address limits remember.\n"
         "# TYPE motcua_rate_limit_addresses gauge\n"
         "motcua_rate_limit_addresses "
      << addresses_.load() << "\n"
      << "# HELP motcua_http_failures_total HTTP requests whose handling failed (answered 500).\n"
         "# TYPE motcua_http_failures_total counter\n"
         "motcua_http_failures_total "
      << http_failures_.load() << "\n"
      << "# HELP motcua_sms_messages Text messages in the outbox, by state.\n"
         "# TYPE motcua_sms_messages gauge\n";
  for (std::size_t i = 0; i < text_states.size(); ++i)
    out << "motcua_sms_messages{state=\"" << text_states[i] << "\"} " << texts_[i].load() << "\n";
  out << "# HELP motcua_hub_outbox_records Records waiting for the province hub.\n"
         "# TYPE motcua_hub_outbox_records gauge\n"
         "motcua_hub_outbox_records "
      << hub_records_.load() << "\n"
      << "# HELP motcua_hub_lag_seconds Age of the oldest record waiting for the hub.\n"
         "# TYPE motcua_hub_lag_seconds gauge\n"
         "motcua_hub_lag_seconds "
      << hub_lag_seconds_.load() << "\n"
      << "# HELP motcua_hub_acked_seq The last record the province hub holds.\n"
         "# TYPE motcua_hub_acked_seq gauge\n"
         "motcua_hub_acked_seq "
      << hub_acked_.load() << "\n"
      << "# HELP motcua_hub_pushes_total Pushes to the province hub, by result.\n"
         "# TYPE motcua_hub_pushes_total counter\n"
         "motcua_hub_pushes_total{result=\"ok\"} "
      << hub_pushes_.load() << "\n"
      << "motcua_hub_pushes_total{result=\"failed\"} " << hub_failures_.load() << "\n"
      << "# HELP motcua_hub_refused_records Records the province hub refused on their own, kept "
         "in hub_refused.\n"
         "# TYPE motcua_hub_refused_records gauge\n"
         "motcua_hub_refused_records "
      << hub_refused_.load() << "\n";
  out << "# HELP motcua_request_duration_seconds WebSocket request to reply, in the server.\n"
         "# TYPE motcua_request_duration_seconds histogram\n";
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds_seconds.size(); ++i) {
    cumulative += latency_buckets_[i].load();
    out << "motcua_request_duration_seconds_bucket{le=\"" << bounds_seconds[i] << "\"} "
        << cumulative << "\n";
  }
  cumulative += latency_buckets_[bounds_seconds.size()].load();
  out << "motcua_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
      << "motcua_request_duration_seconds_sum " << latency_sum_ns_.load() / 1e9 << "\n"
      << "motcua_request_duration_seconds_count " << latency_count_.load() << "\n";
  return out.str();
}

}  // namespace motcua::metrics
