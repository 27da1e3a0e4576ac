// Topics and subscriptions (docs/protocol.md "Events"). Every event belongs to one topic, named
// on the wire with the event: `queue/<service>` (queue_changed), `calls` (ticket_called, the
// whole hall in call order), `tickets/<service>` (ticket_issued, ticket_changed),
// `counter/<counter>` (counter_changed), `dossiers` (dossier_changed), `bookings`
// (booking_changed, staff only: it names the citizen) and `stats`. Each topic
// numbers its events 1, 2, 3... (`topic_seq`), so a connection that receives only some topics
// still sees a gapless stream in each. A connection subscribes at `hello` to the topics its
// screen shows: its role's default, or the `topics` it names (patterns such as `queue/*`,
// `tickets/3`, `calls`) within what its role may see.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shared/protocol/messages.hpp"

namespace motcua::protocol {

enum class topic_kind { queue, calls, tickets, counter, dossiers, stats, bookings };
inline constexpr std::size_t topic_kinds = 7;

struct topic {
  topic_kind kind = topic_kind::queue;
  std::int64_t scope = 0;  // the service (queue, tickets) or counter (counter); else 0

  auto operator<=>(const topic&) const = default;
};

// The topic an event belongs to.
topic topic_of(const event_body& e);
// Its wire name: "queue/3", "calls".
std::string to_string(const topic& t);

// A set of topics: per kind, none, all of them, or some services or counters.
class subscription {
 public:
  // What a role's screen shows when its hello names no topics: kiosks and displays the services'
  // counts, the calls and the counters (the contract promises devices "queue and call events");
  // staff everything they may see.
  static const subscription& default_for(role r);
  // What a role may subscribe to: kiosks and displays every topic of public data (a board may
  // list the results ready); clerks the bookings too (their events name the citizen); managers
  // and admins the stats as well.
  static const subscription& allowed_for(role r);
  // The patterns of a hello's `topics` (at most max_topics): "calls", "dossiers", "bookings",
  // "stats", "queue/*", "queue/3", "tickets/*", "tickets/3", "counter/*", "counter/2". None when
  // one is not such a name (`bad` is set to it, cut to 40 bytes) or there are too many. An empty
  // list subscribes to nothing (a client that only sends requests).
  static std::optional<subscription> parse(const std::vector<std::string>& patterns,
                                           std::string& bad);
  // Every service and counter it names is one the centre has; else false, and `bad` names the
  // first that is not.
  bool within(const std::function<bool(std::int64_t)>& service_known,
              const std::function<bool(std::int64_t)>& counter_known, std::string& bad) const;

  bool has(const topic& t) const;
  // Every topic of `other` is in this one.
  bool covers(const subscription& other) const;

  bool operator==(const subscription&) const = default;

 private:
  struct kind_filter {
    bool all = false;
    std::set<std::int64_t> some;  // when not all

    bool operator==(const kind_filter&) const = default;
  };
  subscription& add(topic_kind k);  // all of that kind
  std::array<kind_filter, topic_kinds> kinds_{};
};

}  // namespace motcua::protocol
