#include "server/net/address_limits.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

#include "shared/protocol/errors.hpp"

namespace motcua::net {
namespace {

constexpr double epsilon = 1e-9;  // a whole token is a whole token despite rounding

// Tokens come back for the time since the last refill, up to the burst.
void refill(double& tokens, address_limits::time_point& refilled, const bucket_rule& rule,
            address_limits::time_point now) {
  if (now <= refilled) return;
  double seconds = std::chrono::duration<double>(now - refilled).count();
  tokens = std::min(rule.burst, tokens + seconds * rule.per_second);
  refilled = now;
}

}  // namespace

address_rules rules_of(const config::limits& limits) {
  return {
      {limits.http_requests_per_second, static_cast<double>(limits.http_burst)},
      {limits.lookups_per_minute / 60.0, static_cast<double>(limits.lookup_burst)},
      static_cast<double>(limits.lookup_miss_cost),
      {limits.booking_writes_per_minute / 60.0, static_cast<double>(limits.booking_write_burst)},
      static_cast<std::size_t>(limits.rate_limit_addresses)};
}

address_limits::address_limits(address_rules rules, metrics::registry* figures)
    : rules_(rules), figures_(figures) {
  for (const auto& rule : {rules_.requests, rules_.lookups, rules_.writes})
    if (!(rule.per_second > 0) || !(rule.burst >= 1))
      throw std::invalid_argument("address_limits: a bucket needs a refill and room for one");
  if (!(rules_.miss_cost >= 1) || rules_.max_addresses == 0)
    throw std::invalid_argument("address_limits: a miss costs at least 1, room for an address");
}

std::size_t address_limits::key_hash::operator()(const key& k) const noexcept {
  return std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(k.data()), k.size()));
}

address_limits::entry& address_limits::touch(const boost::asio::ip::address& from, time_point now) {
  auto client = client_of(from);
  key k =
      client.is_v4()
          ? boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, client.to_v4()).to_bytes()
          : client.to_v6().to_bytes();
  if (auto it = index_.find(k); it != index_.end()) {
    recent_.splice(recent_.begin(), recent_, it->second);
    return *it->second;
  }
  if (index_.size() >= rules_.max_addresses) {
    index_.erase(recent_.back().from);
    recent_.pop_back();
  }
  recent_.push_front(
      {k, {rules_.requests.burst, now}, {rules_.lookups.burst, now}, {rules_.writes.burst, now}});
  index_.emplace(k, recent_.begin());
  size_.store(index_.size(), std::memory_order_relaxed);
  if (figures_) figures_->addresses_tracked(index_.size());
  return recent_.front();
}

verdict address_limits::take(bucket& b, const bucket_rule& rule, metrics::route route,
                             time_point now) {
  refill(b.tokens, b.refilled, rule, now);
  if (b.tokens + epsilon >= 1) {
    b.tokens -= 1;
    return {};
  }
  if (figures_) figures_->limited(route);
  double wait = std::ceil((1 - b.tokens) / rule.per_second - epsilon);
  return {false, std::chrono::seconds(std::max(1L, static_cast<long>(wait)))};
}

verdict address_limits::request(const boost::asio::ip::address& from, metrics::route route,
                                time_point now) {
  std::lock_guard lock(mutex_);
  return take(touch(from, now).requests, rules_.requests, route, now);
}

verdict address_limits::lookup(const boost::asio::ip::address& from, metrics::route route,
                               time_point now) {
  std::lock_guard lock(mutex_);
  return take(touch(from, now).lookups, rules_.lookups, route, now);
}

verdict address_limits::write(const boost::asio::ip::address& from, metrics::route route,
                              time_point now) {
  std::lock_guard lock(mutex_);
  return take(touch(from, now).writes, rules_.writes, route, now);
}

void address_limits::missed(const boost::asio::ip::address& from, time_point now) {
  std::lock_guard lock(mutex_);
  auto& b = touch(from, now).lookups;
  refill(b.tokens, b.refilled, rules_.lookups, now);
  b.tokens -= rules_.miss_cost - 1;
}

protocol::error limit_error(std::chrono::seconds retry_after, bool english) {
  return protocol::retry_later("Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau",
                               "Too many requests from this address; please try again in",
                               static_cast<int>(retry_after.count()), english);
}

}  // namespace motcua::net
