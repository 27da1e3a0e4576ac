// Helpers for the hall screens' unit tests: a recording client::sender (online or not), a test
// clock, and builders for the server's replies and events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/client/live_link.hpp"
#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::kiosk::testing {

using namespace std::chrono_literals;

// Records what the screens send; refuses (as the live link does) while `online` is false.
struct recorder {
  bool online = true;
  std::int64_t next_id = 1;
  std::vector<std::pair<std::int64_t, protocol::request_params>> sent;

  client::sender fn() {
    return [this](protocol::request_params p) -> std::optional<std::int64_t> {
      if (!online) return std::nullopt;
      sent.emplace_back(next_id, std::move(p));
      return next_id++;
    };
  }
  template <class T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const auto& [id, p] : sent)
      if (const auto* t = std::get_if<T>(&p)) out.push_back(*t);
    return out;
  }
  std::int64_t last_id() const { return sent.back().first; }
};

inline domain::time_point at(const char* iso) { return *domain::parse_iso8601(iso); }

inline protocol::service_view service(protocol::service_id id, std::string name, std::string prefix,
                                      bool open = true, int waiting = 0, int eta = 0) {
  protocol::service_view s;
  s.id = id;
  s.code = prefix;
  s.name = std::move(name);
  s.name_en = "Service " + std::to_string(id);
  s.prefix = std::move(prefix);
  s.open = open;
  s.waiting = waiting;
  s.eta_minutes = eta;
  if (!open)
    s.closure = protocol::service_closure{protocol::error_code::closed, "Ngoài giờ làm việc",
                                          "Outside opening hours"};
  return s;
}

inline protocol::ticket ticket(protocol::ticket_id id, std::string number,
                               protocol::service_id service) {
  protocol::ticket t;
  t.id = id;
  t.number = std::move(number);
  t.service = service;
  t.issued_at = "2026-11-28T09:00:00+07:00";
  return t;
}

// `texts`: the centre sends text messages (the kiosk's phone step).
inline client::inbox_item hello(std::vector<protocol::service_view> services, int rating_levels = 5,
                                std::vector<protocol::call_view> calls = {}, bool texts = false) {
  protocol::hello_result h;
  h.seq = 1;
  h.snapshot = protocol::snapshot{};
  h.snapshot->services = std::move(services);
  h.snapshot->recent_calls = std::move(calls);
  h.snapshot->rating_levels = rating_levels;
  if (texts) h.snapshot->texts = true;
  return protocol::reply{1000, h};
}

inline client::inbox_item status(client::link_state s) { return client::link_status{s, {}, {}}; }

inline client::inbox_item reply(std::int64_t id, protocol::reply_body body) {
  return protocol::reply{id, std::move(body)};
}

inline client::inbox_item event(std::int64_t seq, protocol::event_body body) {
  return protocol::event{seq, std::move(body), 0};
}

inline protocol::ticket_called call(std::int64_t id, std::string number,
                                    protocol::counter_id counter, const char* at,
                                    bool recall = false) {
  protocol::ticket_called c;
  c.ticket = ticket(id, std::move(number), 1);
  c.ticket.state = domain::ticket_state::called;
  c.ticket.called_at = at;
  c.ticket.counter = counter;
  c.counter = counter;
  c.counter_name = "Quầy " + std::to_string(counter);
  c.recall = recall;
  return c;
}

}  // namespace motcua::kiosk::testing
