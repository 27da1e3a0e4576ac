#include "server/net/admission.hpp"

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
  (metrics_.*held_)(+1);
  return place(this, address);
}

void admission::give_back(const boost::asio::ip::address& address) {
  std::lock_guard lock(mutex_);
  --total_;
  (metrics_.*held_)(-1);
  if (auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0)
    per_address_.erase(it);
}

}  // namespace motcua::net
