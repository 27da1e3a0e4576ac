// Password hashing (Argon2id, libsodium), token generation and SHA-256.
// All functions are thread-safe. Hashing and verifying a password are slow on
// purpose (tens of milliseconds, 64 MiB): never call them on a network or
// engine thread — see auth/password_pool.hpp.
#pragma once

#include <string>
#include <string_view>

namespace motcua::auth {

// Must run once before any other function here (idempotent).
void init_crypto();

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

// 32 random bytes as 64 hex digits.
std::string random_token();
std::string sha256_hex(std::string_view data);

}  // namespace motcua::auth
