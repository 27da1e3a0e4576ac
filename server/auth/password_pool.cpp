#include "auth/password_pool.hpp"

#include <boost/asio/post.hpp>

#include "auth/crypto.hpp"

namespace motcua::auth {

password_pool::password_pool(const config::settings& settings)
    : settings_(settings),
      pool_(static_cast<std::size_t>(settings.limits.concurrent_password_hashes)),
      dummy_hash_(hash_password(random_token())) {}

password_pool::~password_pool() { stop(); }

void password_pool::stop() {
  pool_.stop();
  pool_.join();
}

bool password_pool::verify(std::string username, std::string password,
                           std::function<void(bool)> done) {
  if (pending_.fetch_add(1) >= settings_.limits.pending_password_hashes) {
    pending_.fetch_sub(1);
    return false;
  }
  boost::asio::post(pool_, [this, username = std::move(username), password = std::move(password),
                            done = std::move(done)] {
    const auto* account = settings_.find_account(username);
    bool ok = verify_password(password, account ? account->password_hash : dummy_hash_) && account;
    pending_.fetch_sub(1);
    done(ok);
  });
  return true;
}

}  // namespace motcua::auth
