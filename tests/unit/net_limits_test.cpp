// The network layer's small parts without a socket: the frame-header scanner that lets the
// session see text frames that are not UTF-8 (net/text_frames.hpp), and the caps on
// unauthenticated connections (server/transport/admission.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/config/config.hpp"
#include "server/metrics/metrics.hpp"
#include "server/net/text_frames.hpp"
#include "server/transport/admission.hpp"

namespace motcua::net {
namespace {

// A client frame: FIN, `opcode`, masked, `payload` (masking key 1 2 3 4).
std::vector<unsigned char> frame(unsigned char opcode, const std::string& payload,
                                 bool fin = true) {
  std::vector<unsigned char> out{static_cast<unsigned char>((fin ? 0x80 : 0) | opcode)};
  if (payload.size() < 126) {
    out.push_back(static_cast<unsigned char>(0x80 | payload.size()));
  } else if (payload.size() < 65536) {
    out.push_back(0x80 | 126);
    out.push_back(static_cast<unsigned char>(payload.size() >> 8));
    out.push_back(static_cast<unsigned char>(payload.size() & 0xFF));
  } else {
    out.push_back(0x80 | 127);
    for (int shift = 56; shift >= 0; shift -= 8)
      out.push_back(static_cast<unsigned char>((payload.size() >> shift) & 0xFF));
  }
  const unsigned char key[4] = {1, 2, 3, 4};
  out.insert(out.end(), key, key + 4);
  for (std::size_t i = 0; i < payload.size(); ++i)
    out.push_back(static_cast<unsigned char>(payload[i]) ^ key[i % 4]);
  return out;
}

TEST(text_frames, TextBecomesBinaryAndEachMessageRemembersItsKindWhateverTheChunks) {
  std::vector<std::vector<unsigned char>> frames{
      frame(1, "{\"type\":\"list_services\"}"),  // text
      frame(9, "ping"),                          // control: untouched, no message
      frame(2, std::string(300, '\xff')),        // binary, 16-bit length
      frame(1, std::string(70000, 'x'), false),  // text, 64-bit length, continued...
      frame(0, "\xff\xfe"),                      // ...by a continuation
  };
  std::vector<unsigned char> wire;
  for (const auto& f : frames) wire.insert(wire.end(), f.begin(), f.end());
  const auto sent = wire;
  for (std::size_t chunk : {std::size_t(1), std::size_t(7), wire.size()}) {
    auto bytes = sent;
    frame_headers headers;
    for (std::size_t at = 0; at < bytes.size(); at += chunk)
      headers.scan(bytes.data() + at, std::min(chunk, bytes.size() - at));
    std::size_t at = 0;
    for (const auto& f : frames) {
      unsigned char expected_first = (f[0] & 0x0F) == 1 ? (f[0] & 0xF0) | 2 : f[0];
      EXPECT_EQ(bytes[at], expected_first) << "chunk " << chunk << " at " << at;
      EXPECT_TRUE(std::equal(f.begin() + 1, f.end(), bytes.begin() + at + 1));  // rest as sent
      at += f.size();
    }
    EXPECT_TRUE(headers.was_text());
    EXPECT_FALSE(headers.was_text());
    EXPECT_TRUE(headers.was_text());
  }
}

TEST(text_frames, WhatNobodyAsksAboutIsRememberedOnlyUpToABound) {
  // A closing connection is drained without anyone asking was_text(): a million tiny text
  // frames must not make a million records. The first ones are remembered as text, the rest not.
  const auto one = frame(1, "");
  std::vector<unsigned char> wire;
  for (int i = 0; i < 1'000'000; ++i) wire.insert(wire.end(), one.begin(), one.end());
  frame_headers headers;
  headers.scan(wire.data(), wire.size());
  int remembered = 0;
  while (headers.was_text()) ++remembered;
  EXPECT_GT(remembered, 100);
  EXPECT_LT(remembered, 100'000);
}

TEST(admission, CapsPerAddressAndInTotalAndGivesPlacesBack) {
  metrics::registry metrics;
  admission rooms({.total = 3, .per_address = 2},
                  [&metrics](int delta) { metrics.unauthenticated(delta); });
  const auto a = boost::asio::ip::make_address("127.0.0.2");
  const auto b = boost::asio::ip::make_address("127.0.0.3");
  auto first = std::get<admission::place>(rooms.admit(a));
  auto second = std::get<admission::place>(rooms.admit(a));
  EXPECT_EQ(std::get<metrics::drop_reason>(rooms.admit(a)), metrics::drop_reason::per_address);
  auto third = std::get<admission::place>(rooms.admit(b));
  EXPECT_EQ(std::get<metrics::drop_reason>(rooms.admit(b)), metrics::drop_reason::unauthenticated);
  first.release();  // e.g. its hello succeeded
  EXPECT_FALSE(first.held());
  auto again = std::get<admission::place>(rooms.admit(a));
  EXPECT_TRUE(again.held());
  admission::place moved = std::move(second);
  EXPECT_EQ(std::get<metrics::drop_reason>(rooms.admit(b)), metrics::drop_reason::unauthenticated);
}

TEST(config_limits, NewLimitsAndAllowedOriginsAreRead) {
  auto s =
      config::demo(R"({"limits": {"max_unauthenticated": 7, "max_unauthenticated_per_address": 3,
                                      "hello_timeout_seconds": 4, "close_timeout_seconds": 2},
                            "allowed_origins": ["https://quay.example"]})");
  EXPECT_EQ(s.limits.max_unauthenticated, 7);
  EXPECT_EQ(s.limits.max_unauthenticated_per_address, 3);
  EXPECT_EQ(s.limits.hello_timeout_seconds, 4);
  EXPECT_EQ(s.limits.close_timeout_seconds, 2);
  EXPECT_EQ(s.allowed_origins, std::vector<std::string>{"https://quay.example"});
  EXPECT_TRUE(config::demo().allowed_origins.empty());
  EXPECT_THROW(config::demo(R"({"allowed_origins": "https://quay.example"})"), std::runtime_error);
}

}  // namespace
}  // namespace motcua::net
