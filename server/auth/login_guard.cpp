#include "server/auth/login_guard.hpp"

#include <algorithm>

#include "shared/protocol/errors.hpp"

namespace motcua::auth {

std::string_view to_string(lock_kind k) {
  return k == lock_kind::username ? "username" : "address";
}

login_guard::login_guard(const config::limits& limits, const domain::clock& clock)
    : limits_(limits), clock_(clock) {}

void login_guard::on_lockout(std::function<void(const login_lock&)> report) {
  on_lockout_ = std::move(report);
}

std::optional<int> login_guard::remaining(const table& t, const std::string& key,
                                          domain::time_point now) {
  auto it = t.find(key);
  if (it == t.end() || it->second.held_until <= now) return std::nullopt;
  auto left = it->second.held_until - now;
  return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count());
}

std::optional<int> login_guard::held_back(const std::string& username,
                                          const std::string& address) const {
  auto now = clock_.now();
  std::lock_guard lock(mutex_);
  auto by_user =
      known_here(username, address) ? std::nullopt : remaining(usernames_, username, now);
  auto by_address = remaining(addresses_, address, now);
  if (by_user && by_address) return std::max(*by_user, *by_address);
  return by_user ? by_user : by_address;
}

login_lock login_guard::lock_of(lock_kind kind, const std::string& key, const entry& e,
                                domain::time_point now) {
  auto left = std::chrono::ceil<std::chrono::seconds>(e.held_until - now).count();
  return {kind, key, e.failures, e.held_until, static_cast<int>(std::max<std::int64_t>(left, 0))};
}

void login_guard::make_room(table& t, domain::time_point now) {
  if (static_cast<int>(t.size()) < limits_.login_tracked_entries) return;
  // The least recently failed key not held back; if every key is held, the one freed soonest.
  auto victim = t.begin();
  for (auto it = t.begin(); it != t.end(); ++it) {
    bool held = it->second.held_until > now;
    bool victim_held = victim->second.held_until > now;
    if (held != victim_held ? !held
                            : (held ? it->second.held_until < victim->second.held_until
                                    : it->second.last_failure < victim->second.last_failure))
      victim = it;
  }
  t.erase(victim);
}

std::optional<login_lock> login_guard::count_failure(table& t, lock_kind kind,
                                                     const std::string& key, int free_failures,
                                                     domain::time_point now) {
  if (!t.contains(key)) make_room(t, now);
  auto& e = t[key];
  ++e.failures;
  e.last_failure = now;
  if (e.failures < free_failures) return std::nullopt;
  int doublings = std::min(e.failures - free_failures, 30);
  auto seconds = std::min<std::int64_t>(
      static_cast<std::int64_t>(limits_.login_backoff_base_seconds) << doublings,
      limits_.login_backoff_max_seconds);
  e.held_until = now + std::chrono::seconds(seconds);
  return lock_of(kind, key, e, now);
}

void login_guard::failed(const std::string& username, const std::string& address) {
  count(&username, address);
}

void login_guard::failed_token(const std::string& address) { count(nullptr, address); }

void login_guard::count(const std::string* username, const std::string& address) {
  auto now = clock_.now();
  std::vector<login_lock> started;
  {
    std::lock_guard lock(mutex_);
    if (username)
      if (auto l = count_failure(usernames_, lock_kind::username, *username,
                                 limits_.login_free_failures, now))
        started.push_back(std::move(*l));
    if (auto l = count_failure(addresses_, lock_kind::address, address,
                               limits_.login_address_free_failures, now))
      started.push_back(std::move(*l));
  }
  if (on_lockout_)
    for (const auto& l : started) on_lockout_(l);
}

std::optional<int> login_guard::held_back(const std::string& address) const {
  auto now = clock_.now();
  std::lock_guard lock(mutex_);
  return remaining(addresses_, address, now);
}

void login_guard::succeeded_token(const std::string& address) {
  std::lock_guard lock(mutex_);
  addresses_.erase(address);
}

void login_guard::succeeded(const std::string& username, const std::string& address) {
  std::lock_guard lock(mutex_);
  usernames_.erase(username);
  addresses_.erase(address);
  // Only a right password gets here, so the table is as small as the list of accounts.
  auto& known = known_[username];
  std::erase(known, address);
  known.insert(known.begin(), address);
  if (known.size() > max_known_addresses) known.pop_back();
}

bool login_guard::known_here(const std::string& username, const std::string& address) const {
  auto it = known_.find(username);
  return it != known_.end() &&
         std::find(it->second.begin(), it->second.end(), address) != it->second.end();
}

std::vector<login_lock> login_guard::unlock(const std::optional<std::string>& username,
                                            const std::optional<std::string>& address) {
  auto now = clock_.now();
  std::vector<login_lock> lifted;
  std::lock_guard lock(mutex_);
  auto lift = [&](table& t, lock_kind kind, const std::optional<std::string>& key) {
    if (!key) return;
    auto it = t.find(*key);
    if (it == t.end()) return;
    lifted.push_back(lock_of(kind, *key, it->second, now));
    t.erase(it);
  };
  lift(usernames_, lock_kind::username, username);
  lift(addresses_, lock_kind::address, address);
  return lifted;
}

std::vector<login_lock> login_guard::locks() const {
  auto now = clock_.now();
  std::vector<login_lock> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, e] : usernames_)
      if (e.held_until > now) out.push_back(lock_of(lock_kind::username, key, e, now));
    for (const auto& [key, e] : addresses_)
      if (e.held_until > now) out.push_back(lock_of(lock_kind::address, key, e, now));
  }
  std::ranges::sort(out, [](const login_lock& a, const login_lock& b) {
    return std::tie(a.kind, a.key) < std::tie(b.kind, b.key);
  });
  return out;
}

protocol::error held_back_error(int retry_after_seconds, bool english) {
  return protocol::retry_later("Đăng nhập sai nhiều lần. Vui lòng thử lại sau",
                               "Too many failed logins. Try again in", retry_after_seconds,
                               english);
}

}  // namespace motcua::auth
