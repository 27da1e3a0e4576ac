#include "hub/net/store_pool.hpp"

namespace motcua::hub::net {

store_pool::store_pool(const std::string& conninfo, int size) : conninfo_(conninfo), places_(size) {
  for (int i = 0; i < size; ++i) members_.push_back(std::make_unique<member>(conninfo));
}

store_pool::lease store_pool::borrow() {
  std::unique_ptr<member> m;
  {
    std::unique_lock lock(mutex_);
    free_.wait(lock, [this] { return places_ > 0; });
    --places_;
    if (!members_.empty()) {
      m = std::move(members_.back());
      members_.pop_back();
    }
  }
  // A place whose connection failed earlier connects again now (throwing while PostgreSQL is
  // down: the place goes back empty).
  try {
    if (!m) m = std::make_unique<member>(conninfo_);
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      ++places_;
    }
    free_.notify_one();
    throw;
  }
  return lease(*this, std::move(m));
}

store_pool::lease::~lease() {
  {
    std::lock_guard lock(pool_.mutex_);
    if (member_ && !broken_) pool_.members_.push_back(std::move(member_));
    ++pool_.places_;
  }
  pool_.free_.notify_one();
}

}  // namespace motcua::hub::net
