// Password hashing (Argon2id, libsodium), token generation and SHA-256.
// All functions are thread-safe. Hashing and verifying a password are slow on
// purpose (tens of milliseconds, 64 MiB): never call them on a network or
// engine thread — see auth/password_pool.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motcua::auth {

// Must run once before any other function here (idempotent).
void init_crypto();

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

// 32 random bytes as 64 hex digits.
std::string random_token();
// `length` symbols of `alphabet`, each drawn uniformly at random (a booking's code).
std::string random_code(std::string_view alphabet, std::size_t length);
std::string sha256_hex(std::string_view data);
// HMAC-SHA-256 of `data` under `key` (any length), as 64 hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// A random_token() sealed with `key`: XOR with the SHA-256 of "seal:" + `key`, as 64 hex digits
// (throws std::invalid_argument for anything else). Its own inverse: sealing the sealed token
// with the same key gives the token back. A booking keeps its manage token sealed with its
// request_key, and the request_key only as sha256_hex(request_key), which is no help to unseal
// it: the same request sent again gets the token back, the database alone gives none.
std::string seal_token(std::string_view token, std::string_view key);

}  // namespace motcua::auth
