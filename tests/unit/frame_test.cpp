// engine::frame: a message as the bytes of an unmasked WebSocket text frame, with each length
// form of RFC 6455 (7 bits, 16 bits, 64 bits), checked byte by byte.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "server/engine/frame.hpp"

namespace motcua::engine {
namespace {

std::vector<std::uint8_t> header_of(const frame& f) {
  auto bytes = f.bytes();
  auto header = bytes.substr(0, bytes.size() - f.json().size());
  return {header.begin(), header.end()};
}

TEST(frame, ShortPayloadHasATwoByteHeader) {
  frame f(R"({"event":"x"})");
  EXPECT_EQ(f.json(), R"({"event":"x"})");
  EXPECT_EQ(header_of(f), (std::vector<std::uint8_t>{0x81, 13}));
}

TEST(frame, EmptyAnd125ByteFramesKeepTheShortForm) {
  EXPECT_EQ(header_of(frame("")), (std::vector<std::uint8_t>{0x81, 0}));
  EXPECT_EQ(header_of(frame(std::string(125, 'a'))), (std::vector<std::uint8_t>{0x81, 125}));
}

TEST(frame, From126BytesTheLengthTakesSixteenBits) {
  EXPECT_EQ(header_of(frame(std::string(126, 'a'))),
            (std::vector<std::uint8_t>{0x81, 126, 0x00, 126}));
  EXPECT_EQ(header_of(frame(std::string(65535, 'a'))),
            (std::vector<std::uint8_t>{0x81, 126, 0xFF, 0xFF}));
}

TEST(frame, From65536BytesTheLengthTakesSixtyFourBits) {
  frame f(std::string(65536, 'a'));
  EXPECT_EQ(header_of(f), (std::vector<std::uint8_t>{0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(f.json().size(), 65536u);
  EXPECT_EQ(f.bytes().size(), 65546u);
}

TEST(frame, CopiesShareTheSameBytes) {
  frame f(R"({"seq":1})");
  frame copy = f;
  EXPECT_EQ(copy.bytes().data(), f.bytes().data());
}

}  // namespace
}  // namespace motcua::engine
