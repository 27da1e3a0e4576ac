#include "server/auth/crypto.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>

namespace motcua::auth {

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(std::string_view password) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out.data();
}

bool verify_password(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {

constexpr std::size_t token_bytes = 32;
static_assert(token_bytes == crypto_hash_sha256_BYTES, "a sealed token is XORed with a digest");

// OpenSSL's SHA-256, not libsodium's: the same digest, but OpenSSL uses the CPU's SHA
// instructions where it has them (every audit entry is hashed: 17,000 instructions per ticket
// with libsodium's portable code, issue 12). The algorithm is fetched once and each thread
// keeps its context: OpenSSL 3's one-shot SHA256() looks the algorithm up on every call.
std::array<unsigned char, crypto_hash_sha256_BYTES> sha256(std::string_view data) {
  static_assert(crypto_hash_sha256_BYTES == SHA256_DIGEST_LENGTH);
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> algorithm{
      EVP_MD_fetch(nullptr, "SHA2-256", nullptr), &EVP_MD_free};
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context{
      EVP_MD_CTX_new(), &EVP_MD_CTX_free};
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  if (!algorithm || !context || EVP_DigestInit_ex2(context.get(), algorithm.get(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), nullptr) != 1) {
    ERR_clear_error();  // not left for this thread's next TLS call to misread
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  }
  return digest;
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string random_token() {
  std::array<unsigned char, token_bytes> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  return to_hex(bytes.data(), bytes.size());
}

std::string random_code(std::string_view alphabet, std::size_t length) {
  std::string code;
  for (std::size_t i = 0; i < length; ++i)
    code += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  return code;
}

std::string sha256_hex(std::string_view data) {
  return to_hex(sha256(data).data(), crypto_hash_sha256_BYTES);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac;
  crypto_auth_hmacsha256_final(&state, mac.data());
  return to_hex(mac.data(), mac.size());
}

std::string seal_token(std::string_view token, std::string_view key) {
  std::array<unsigned char, token_bytes> bytes;
  if (token.size() != 2 * bytes.size() ||
      sodium_hex2bin(bytes.data(), bytes.size(), token.data(), token.size(), nullptr, nullptr,
                     nullptr) != 0)
    throw std::invalid_argument("seal_token: not a token");
  const auto pad = sha256(std::string("seal:").append(key));
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] ^= pad[i];
  return to_hex(bytes.data(), bytes.size());
}

}  // namespace motcua::auth
