#include "server/transport/admission.hpp"

#include <algorithm>
#include <utility>

namespace motcua::net {

admission::place::place(place&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), address_(other.address_) {}

admission::place& admission::place::operator=(place&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = std::exchange(other.owner_, nullptr);
    address_ = other.address_;
  }
  return *this;
}

void admission::place::release() {
  if (auto* owner = std::exchange(owner_, nullptr)) owner->give_back(address_);
}

std::variant<admission::place, metrics::drop_reason> admission::admit(
    const boost::asio::ip::address& address) {
  std::lock_guard lock(mutex_);
  if (total_ >= limits_.total) return metrics::drop_reason::unauthenticated;
  auto it = per_address_.find(address);
  if (it != per_address_.end() && it->second >= limits_.per_address)
    return metrics::drop_reason::per_address;
  if (it == per_address_.end()) it = per_address_.emplace(address, 0).first;
  ++it->second;
  ++total_;
  held_(+1);
  return place(this, address);
}

void admission::give_back(const boost::asio::ip::address& address) {
  std::lock_guard lock(mutex_);
  --total_;
  held_(-1);
  if (auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0)
    per_address_.erase(it);
}

boost::asio::ip::address client_of(const boost::asio::ip::address& from) {
  if (from.is_v4()) return from;
  auto v6 = from.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6);
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);  // its /64 network
  return boost::asio::ip::address_v6(bytes);
}

}  // namespace motcua::net
