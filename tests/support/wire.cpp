#include "support/wire.hpp"

#include <utility>

namespace motcua::testing {

using std::chrono::steady_clock;

std::string describe(const protocol::reply& r) {
  const auto* e = std::get_if<protocol::error>(&r.body);
  if (!e) return "ok (result #" + std::to_string(r.body.index()) + ")";
  return "error " + std::string(protocol::to_string(e->code)) + ": " + e->message_en;
}

protocol::error error_of(const protocol::reply& r) {
  if (const auto* e = std::get_if<protocol::error>(&r.body)) return *e;
  throw std::runtime_error("expected an error, got " + describe(r));
}

client_ptr connect_to(const server_process& server) {
  auto c = std::make_unique<client::blocking_client>(server.host(), server.port());
  if (!c->connect())
    throw std::runtime_error("cannot connect to " + server.host() + ":" + server.port() + ": " +
                             c->close_error().message());
  return c;
}

protocol::hello_result hello_device(client::blocking_client& c, const std::string& token,
                                    std::optional<std::int64_t> since) {
  return result_of<protocol::hello_result>(c.call(protocol::hello{token, {}, {}, {}, since}));
}

protocol::hello_result hello_staff(client::blocking_client& c, const std::string& username,
                                   const std::string& password) {
  return result_of<protocol::hello_result>(c.call(protocol::hello{{}, username, password, {}, {}}));
}

protocol::ticket_result take(client::blocking_client& c, domain::service_id service,
                             const std::string& request_key, domain::priority priority) {
  return result_of<protocol::ticket_result>(
      c.call(protocol::take_ticket{service, request_key, priority, "vi"}));
}

protocol::ticket clerk_do(client::blocking_client& c, protocol::request_params verb) {
  return result_of<protocol::ticket_result>(c.call(std::move(verb))).ticket;
}

protocol::counter_view open_counter(client::blocking_client& c, domain::counter_id counter,
                                    std::vector<domain::service_id> services) {
  return result_of<protocol::counter_result>(
             c.call(protocol::open_counter{counter, std::move(services)}))
      .counter;
}

std::vector<protocol::service_view> list_services(client::blocking_client& c) {
  return result_of<protocol::services_result>(c.call(protocol::list_services{})).services;
}

std::vector<protocol::event> events_until(client::blocking_client& c, const event_predicate& last,
                                          std::chrono::milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  std::vector<protocol::event> out;
  for (;;) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady_clock::now());
    auto e = c.next_event(std::max(left, std::chrono::milliseconds(0)));
    if (!e)
      throw std::runtime_error("the awaited event did not come (" + std::to_string(out.size()) +
                               " other events came)");
    out.push_back(std::move(*e));
    if (last(out.back())) return out;
  }
}

event_predicate issued(const std::string& number) {
  return [number](const protocol::event& e) {
    const auto* body = body_as<protocol::ticket_issued>(e);
    return body && body->ticket.number == number;
  };
}

event_predicate queue_changed(domain::service_id service) {
  return [service](const protocol::event& e) {
    const auto* body = body_as<protocol::queue_changed>(e);
    return body && body->service == service;
  };
}

std::vector<protocol::reply> replies_until_closed(client::blocking_client& c,
                                                  std::chrono::milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  std::vector<protocol::reply> out;
  while (auto r = c.next_reply(std::max(
             std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady_clock::now()),
             std::chrono::milliseconds(0))))
    out.push_back(std::move(*r));
  return out;
}

}  // namespace motcua::testing
