// Talking to the server under test with real clients: typed results (a request that fails
// where it should succeed throws, naming the error), logins, tickets, and waiting for events.
// Helpers throw std::runtime_error rather than assert, so that they work in any function;
// GoogleTest reports the exception as the test's failure.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "shared/client/blocking_client.hpp"
#include "shared/protocol/messages.hpp"
#include "shared/tls/context.hpp"
#include "tests/support/server_process.hpp"

namespace motcua::testing {

using client_ptr = std::unique_ptr<client::blocking_client>;
using event_predicate = std::function<bool(const protocol::event&)>;
constexpr std::chrono::milliseconds wait_timeout{5000};

// "ok" or "error forbidden: <message>"; for failure messages.
std::string describe(const protocol::reply& r);

// The result of type T that `r` carries; throws when it is an error or another result.
template <class T>
T result_of(const protocol::reply& r) {
  if (const auto* result = std::get_if<T>(&r.body)) return *result;
  throw std::runtime_error("unexpected reply: " + describe(r));
}
// The error that `r` carries; throws when the request succeeded.
protocol::error error_of(const protocol::reply& r);

// A client connected to `server` (the handshake accepted the sub-protocol motcua.v1), over
// wss:// trusting `trust` when given, from `local_address` when given (e.g. "127.0.0.2": another
// client address); throws when it could not connect.
client_ptr connect_to(const server_process& server, tls::context_ptr trust = nullptr,
                      const std::string& local_address = {});
// The same from `local_address`, plain ws://.
inline client_ptr connect_to(const server_process& server, const std::string& local_address) {
  return connect_to(server, nullptr, local_address);
}

protocol::hello_result hello_device(client::blocking_client& c, const std::string& token,
                                    std::optional<std::int64_t> since = {},
                                    std::optional<std::vector<std::string>> topics = {});
protocol::hello_result hello_staff(client::blocking_client& c, const std::string& username,
                                   const std::string& password = "demo");

// take_ticket as a kiosk (with the citizen's `phone` for texts); the whole result (ticket, ahead,
// eta).
protocol::ticket_result take(client::blocking_client& c, domain::service_id service,
                             const std::string& request_key,
                             domain::priority priority = domain::priority::none,
                             std::optional<std::string> phone = std::nullopt);
// A clerk verb whose result is a ticket (call_next, recall, start_service, finish...).
protocol::ticket clerk_do(client::blocking_client& c, protocol::request_params verb);
protocol::counter_view open_counter(client::blocking_client& c, domain::counter_id counter,
                                    std::vector<domain::service_id> services);
std::vector<protocol::service_view> list_services(client::blocking_client& c);

// The events that arrive up to and including the first one `last` accepts, in arrival order;
// throws when it has not come within `timeout` (or the connection closed first).
std::vector<protocol::event> events_until(client::blocking_client& c, const event_predicate& last,
                                          std::chrono::milliseconds timeout = wait_timeout);

// The event's body as T, or null.
template <class T>
const T* body_as(const protocol::event& e) {
  return std::get_if<T>(&e.body);
}
// Accepts the ticket_issued event of ticket `number`.
event_predicate issued(const std::string& number);
// Accepts the queue_changed event of `service`.
event_predicate queue_changed(domain::service_id service);

// The bodies of type T among `events`, in order.
template <class T>
std::vector<T> bodies_of(const std::vector<protocol::event>& events) {
  std::vector<T> out;
  for (const auto& e : events)
    if (const auto* body = body_as<T>(e)) out.push_back(*body);
  return out;
}

// Dossier verbs (a staff or kiosk connection, as the verb requires); each throws unless it
// succeeds.
protocol::dossier_view register_dossier(client::blocking_client& c,
                                        protocol::register_dossier request);
protocol::dossier_view get_dossier(client::blocking_client& c, const std::string& code);
protocol::dossier_view advance_dossier(client::blocking_client& c,
                                       protocol::advance_dossier request);
protocol::dossiers_result search_dossiers(client::blocking_client& c,
                                          protocol::search_dossiers query);
protocol::public_dossier lookup_dossier(client::blocking_client& c, const std::string& code);
// Accepts the dossier_changed event of dossier `code`.
event_predicate dossier_changed(const std::string& code);

// Every reply that arrives until the connection closes (or `timeout` passes), in order.
std::vector<protocol::reply> replies_until_closed(client::blocking_client& c,
                                                  std::chrono::milliseconds timeout = wait_timeout);

using message_predicate = std::function<bool(const protocol::server_message&)>;

// A connection that keeps the text of every frame it receives exactly as the server sent it,
// for checks that the decoded types would hide (unknown fields are dropped by the codec), such
// as "no personal data is on the wire". Thread-safe like blocking_client.
class raw_client {
 public:
  // Connects to `server`; throws when it cannot.
  explicit raw_client(const server_process& server);
  ~raw_client();
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  // Sends `params` and returns the text of the reply with its id.
  std::string call(protocol::request_params params,
                   std::chrono::milliseconds timeout = wait_timeout);
  // The text of the oldest frame not yet taken that decodes to a message `accept` accepts,
  // waiting up to `timeout` for it; throws when it does not come.
  std::string frame_until(const message_predicate& accept,
                          std::chrono::milliseconds timeout = wait_timeout);

 private:
  // Applies `change` under the lock, then wakes every waiter.
  void update(const std::function<void()>& change);

  client::net::io_context ioc_;
  client::net::executor_work_guard<client::net::io_context::executor_type> work_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> frames_;  // guarded by mutex_, as are opened_ and closed_
  bool opened_ = false;
  bool closed_ = false;
  std::shared_ptr<client::connection> connection_;
  std::thread thread_;  // runs ioc_
};

}  // namespace motcua::testing
