#include "server/auth/sessions.hpp"

#include "server/auth/crypto.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::auth {

sessions::sessions(const config::settings& settings, store::queue_store& store)
    : settings_(settings), store_(store) {}

std::variant<login, protocol::error> sessions::hello(const protocol::hello& h, password_check check,
                                                     domain::time_point now, bool english) {
  auto unauthorized = [&](std::string_view vi, std::string_view en) {
    return protocol::make_error(protocol::error_code::unauthorized, vi, en, english);
  };
  if (h.device_token) {
    const auto* d = settings_.find_device_by_token_hash(sha256_hex(*h.device_token));
    if (!d) return unauthorized("Mã thiết bị không hợp lệ.", "Unknown device token.");
    return login{d->role, d->name, d->name, std::nullopt, std::nullopt, false};
  }
  login out;
  std::string username;
  if (h.session_token) {
    auto s = store_.find_session(sha256_hex(*h.session_token), now);
    if (!s)
      return unauthorized("Phiên đăng nhập đã hết hạn, hãy đăng nhập lại.",
                          "The session has expired; log in again.");
    username = s->username;
    out.session_token = h.session_token;
    out.session_expires_at = s->expires_at;
  } else {
    if (check != password_check::accepted)
      return unauthorized("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password.");
    username = h.username.value_or("");
  }
  const auto* account = settings_.find_account(username);
  if (!account)
    return unauthorized("Tài khoản không còn tồn tại.", "The account no longer exists.");
  out.role = account->role;
  out.name = account->username;
  out.display_name = account->display_name;
  if (!h.session_token) {
    auto token = random_token();
    auto expires = now + std::chrono::hours{settings_.session_hours};
    store_.insert_session(sha256_hex(token), username, now, expires);
    out.session_token = std::move(token);
    out.session_expires_at = expires;
    out.new_session = true;
  }
  return out;
}

const config::account* sessions::account_of(std::string_view session_token,
                                            domain::time_point now) {
  if (session_token.empty()) return nullptr;
  auto s = store_.find_session(sha256_hex(session_token), now);
  return s ? settings_.find_account(s->username) : nullptr;
}

}  // namespace motcua::auth
