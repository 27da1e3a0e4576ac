// Per-address budgets for what anyone on the network may ask without an account: every public
// HTTP request draws on one token bucket per client address, and dossier lookups (HTTP
// /api/v1/dossiers/{code}, /tra-cuu/{code} and the WebSocket `lookup_dossier`) on a second,
// stricter one where a code that is not found costs more than one that is. Dossier codes are
// sequential per day (UNITCODE-YYMMDD-XXXX), so a walker probing codes runs out at once, while
// a citizen checking their own dossier never notices. A booking looked up by its code and token
// draws on that lookup budget too; a booking made or cancelled on a third one, for writes.
//
// The table of addresses is bounded: past `max_addresses` the least recently seen address is
// forgotten (it starts again with full buckets, which an idle address has anyway). IPv6
// addresses count by their /64 network, since one host may use all of it; IPv4-mapped IPv6
// addresses count as the IPv4 address. Time is passed in, so tests are deterministic.
//
// Thread-safe: one mutex, constant time per call.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <unordered_map>

#include <boost/asio/ip/address.hpp>

#include "server/config/config.hpp"
#include "server/metrics/metrics.hpp"
#include "server/transport/admission.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::net {

// A token bucket: `per_second` tokens come back each second, up to `burst`.
struct bucket_rule {
  double per_second = 1;
  double burst = 1;
};

struct address_rules {
  bucket_rule requests;  // every public HTTP request costs 1
  bucket_rule lookups;   // a found dossier (or booking) costs 1,
  double miss_cost = 1;  // an unknown code this much in all
  bucket_rule writes;    // a booking made or cancelled costs 1
  std::size_t max_addresses = 1;
};
address_rules rules_of(const config::limits& limits);

struct verdict {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // when refused: until one more is allowed (at least 1 s)
};

class address_limits {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  // `figures`, when given, counts the refusals by route and shows the table's size.
  explicit address_limits(address_rules rules, metrics::registry* figures = nullptr);

  // One public HTTP request for `route` from `from` at `now`.
  verdict request(const boost::asio::ip::address& from, metrics::route route, time_point now);
  // One dossier lookup, charged as if the code is found; refused unless a whole token is left.
  verdict lookup(const boost::asio::ip::address& from, metrics::route route, time_point now);
  // That lookup found nothing: charges the rest of `miss_cost`. The balance may go below zero,
  // a debt that the refill pays first.
  void missed(const boost::asio::ip::address& from, time_point now);
  // One booking made or cancelled through the public route.
  verdict write(const boost::asio::ip::address& from, metrics::route route, time_point now);

  // Addresses remembered now (at most max_addresses).
  std::size_t size() const { return size_.load(std::memory_order_relaxed); }

 private:
  using key = std::array<unsigned char, 16>;
  struct key_hash {
    std::size_t operator()(const key& k) const noexcept;
  };
  struct bucket {
    double tokens = 0;
    time_point refilled;
  };
  struct entry {
    key from;
    bucket requests;
    bucket lookups;
    bucket writes;
  };

  // The entry of `from`, made (with full buckets) or moved to the front; needs mutex_.
  entry& touch(const boost::asio::ip::address& from, time_point now);
  // Takes one token unless less than one is left.
  verdict take(bucket& b, const bucket_rule& rule, metrics::route route, time_point now);

  const address_rules rules_;
  metrics::registry* const figures_;
  std::mutex mutex_;
  std::list<entry> recent_;  // most recently seen first; guarded by mutex_
  std::unordered_map<key, std::list<entry>::iterator, key_hash> index_;  // guarded by mutex_
  std::atomic<std::size_t> size_{0};
};

// The `limit` error for a refusal: "try again in N seconds", in Vietnamese and English, with
// `retry_after` = N.
protocol::error limit_error(std::chrono::seconds retry_after, bool english);

}  // namespace motcua::net
