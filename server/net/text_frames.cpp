#include "server/net/text_frames.hpp"

#include <algorithm>

namespace motcua::net {
namespace {

constexpr unsigned char opcode_mask = 0x0F, text = 1, binary = 2;
// Messages begun but not yet asked about. Beast asks as it hands each message on and reads only
// a few KiB ahead, so a handful at most are pending while a session reads; while Beast drains a
// connection that is closing, nobody asks, and the record must not grow with what the client
// sends. Past the bound a message is recorded as binary (answered "only text frames").
constexpr std::size_t max_pending_messages = 4096;

}  // namespace

void frame_headers::scan(unsigned char* bytes, std::size_t size) {
  while (size > 0) {
    if (payload_left_ > 0) {
      auto skip = static_cast<std::size_t>(std::min<std::uint64_t>(payload_left_, size));
      bytes += skip;
      size -= skip;
      payload_left_ -= skip;
      continue;
    }
    if (have_ == 0) {  // FIN, RSV1-3, opcode
      auto opcode = *bytes & opcode_mask;
      if (opcode == text) *bytes = static_cast<unsigned char>((*bytes & ~opcode_mask) | binary);
      if ((opcode == text || opcode == binary) && messages_.size() < max_pending_messages)
        messages_.push_back(opcode == text);
    }
    header_[have_++] = *bytes++;
    --size;
    if (have_ < 2) continue;
    unsigned length7 = header_[1] & 0x7F;
    std::size_t extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    std::size_t mask = (header_[1] & 0x80) ? 4 : 0;
    if (have_ < 2 + extended + mask) continue;
    std::uint64_t length = length7;
    if (extended > 0) {
      length = 0;
      for (std::size_t i = 0; i < extended; ++i) length = (length << 8) | header_[2 + i];
    }
    payload_left_ = length;
    have_ = 0;
  }
}

bool frame_headers::was_text() {
  if (messages_.empty()) return false;
  bool text_message = messages_.front();
  messages_.pop_front();
  return text_message;
}

}  // namespace motcua::net
