// What the counter models' tests (and the hall mirror's) share: a sender that records requests
// (ids 1, 2, ...) and can be switched offline, a test clock at Thursday 26/11/2026 09:00 in Hà
// Nội, and builders of tickets, replies, events and a staff snapshot of the hall.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::testing {

using namespace std::chrono_literals;

inline domain::time_point at_9am() {
  return domain::business_zone{}.at(std::chrono::year{2026} / 11 / 26, std::chrono::hours{9});
}

inline std::string iso(domain::time_point t) { return domain::business_zone{}.format(t); }

struct recorder {
  std::vector<protocol::request> sent;
  bool online = true;

  client::sender sender() {
    return [this](protocol::request_params p) -> std::optional<std::int64_t> {
      if (!online) return std::nullopt;
      sent.push_back({static_cast<std::int64_t>(sent.size() + 1), {}, std::move(p)});
      return sent.back().id;
    };
  }
  template <class T>
  const T& last() const {
    EXPECT_FALSE(sent.empty());
    return std::get<T>(sent.back().params);
  }
  std::int64_t last_id() const { return sent.empty() ? 0 : sent.back().id; }
};

inline protocol::reply ok(std::int64_t id, protocol::reply_body body) {
  return {id, std::move(body)};
}

inline protocol::reply failed(std::int64_t id, protocol::error_code code, std::string vi,
                              std::map<std::string, std::string> fields = {}) {
  return {id, protocol::error{code, std::move(vi), "english", std::move(fields)}};
}

inline protocol::ticket ticket(protocol::ticket_id id, std::string number,
                               protocol::service_id service, domain::time_point issued,
                               domain::priority p = domain::priority::none,
                               domain::ticket_state s = domain::ticket_state::waiting) {
  protocol::ticket t;
  t.id = id;
  t.number = std::move(number);
  t.service = service;
  t.issued_at = iso(issued);
  t.priority = p;
  t.state = s;
  return t;
}

inline protocol::event event(protocol::event_body b) {
  static std::int64_t seq = 0;
  return {++seq, std::move(b)};
}

// Two services (A: 10 min target wait, 15 min service; B) and three counters, counter 1 open
// for both services.
inline protocol::snapshot hall() {
  protocol::snapshot s;
  protocol::service_view a;
  a.id = 1;
  a.name = "Người có công";
  a.name_en = "People with merit";
  a.prefix = "A";
  a.max_wait_minutes = 10;
  a.max_service_minutes = 15;
  protocol::service_view b;
  b.id = 2;
  b.name = "Bảo trợ xã hội";
  b.name_en = "Social protection";
  b.prefix = "B";
  b.max_wait_minutes = 20;
  s.services = {a, b};
  s.counters = {
      {1, "Quầy 1", protocol::counter_state::open, {1, 2}, {}, "clerk1", "Lan", 0, 0, 0, 2},
      {2, "Quầy 2", protocol::counter_state::closed, {2}, {}, {}, {}, 0, 0, 0, 2},
      {3, "Quầy 3", protocol::counter_state::closed, {1}, {}, {}, {}, 0, 0, 0, 2}};
  return s;
}

}  // namespace motcua::testing
