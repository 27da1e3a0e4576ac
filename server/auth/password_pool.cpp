#include "server/auth/password_pool.hpp"

#include <boost/asio/post.hpp>

#include "server/auth/crypto.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::auth {

password_pool::password_pool(const config::settings& settings, login_guard& guard,
                             metrics::registry& metrics)
    : settings_(settings),
      guard_(guard),
      metrics_(metrics),
      pool_(static_cast<std::size_t>(settings.limits.concurrent_password_hashes)),
      dummy_hash_(hash_password(random_token())) {}

password_pool::~password_pool() { stop(); }

void password_pool::stop() {
  pool_.stop();
  pool_.join();
}

bool password_pool::reserve(const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto& limits = settings_.limits;
  auto it = by_address_.find(address);
  int from_address = it == by_address_.end() ? 0 : it->second;
  if (pending_ >= limits.pending_password_hashes ||
      from_address >= limits.pending_password_hashes_per_address)
    return false;
  ++pending_;
  ++by_address_[address];
  return true;
}

void password_pool::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --pending_;
  if (auto it = by_address_.find(address); it != by_address_.end() && --it->second == 0)
    by_address_.erase(it);
}

std::optional<protocol::error> password_pool::verify(std::string username, std::string password,
                                                     std::string address, bool english,
                                                     std::function<void(check_result)> done) {
  if (auto wait = guard_.held_back(username, address)) {
    metrics_.login_held_back();
    return held_back_error(*wait, english);
  }
  if (!reserve(address))
    return protocol::make_error(protocol::error_code::limit, "Máy chủ đang bận, thử lại sau.",
                                "The server is busy; try again shortly.", english);
  boost::asio::post(pool_, [this, username = std::move(username), password = std::move(password),
                            address = std::move(address), english, done = std::move(done)] {
    check_result result;
    if (auto wait = guard_.held_back(username, address)) {  // locked while this one waited
      metrics_.login_held_back();
      result.refusal = held_back_error(*wait, english);
    } else {
      const auto* account = settings_.find_account(username);
      result.accepted =
          verify_password(password, account ? account->password_hash : dummy_hash_) && account;
      metrics_.password_checked(result.accepted);
      if (result.accepted)
        guard_.succeeded(username, address);
      else
        guard_.failed(username, address);
    }
    release(address);
    done(std::move(result));
  });
  return std::nullopt;
}

}  // namespace motcua::auth
