// The random codes and sealed tokens of auth/crypto.hpp: a booking's code drawn from its
// alphabet, and a manage token that only its request_key unseals.
#include "server/auth/crypto.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "shared/domain/booking_code.hpp"

namespace motcua::auth {
namespace {

TEST(crypto, RandomCodesAreOfTheAlphabetAndDiffer) {
  init_crypto();
  std::set<std::string> codes;
  for (int i = 0; i < 200; ++i) {
    auto code = random_code(domain::booking_code_alphabet, domain::booking_code_length);
    EXPECT_EQ(domain::parse_booking_code(code), code);
    codes.insert(std::move(code));
  }
  EXPECT_EQ(codes.size(), 200u);  // 30^8 codes: a repeat among 200 would be a broken generator
}

TEST(crypto, ASealedTokenOpensOnlyWithItsKey) {
  init_crypto();
  const auto token = random_token();
  const auto sealed = seal_token(token, "request-key-1");
  EXPECT_EQ(sealed.size(), token.size());
  EXPECT_NE(sealed, token);
  EXPECT_EQ(seal_token(sealed, "request-key-1"), token);
  EXPECT_NE(seal_token(sealed, "request-key-2"), token);
  // The request_key's own hash is stored beside it: it is not the pad.
  EXPECT_NE(seal_token(sealed, sha256_hex("request-key-1")), token);
  EXPECT_THROW(seal_token("not a token", "k"), std::invalid_argument);
}

}  // namespace
}  // namespace motcua::auth
