#include "server/engine/frame.hpp"

namespace motcua::engine {

frame::frame(std::string_view json) {
  constexpr unsigned char fin_text = 0x81;  // FIN, no RSV bits (no compression), opcode 1
  auto size = static_cast<std::uint64_t>(json.size());
  std::string out;
  out.reserve(json.size() + 10);
  out.push_back(static_cast<char>(fin_text));
  if (size < 126) {
    out.push_back(static_cast<char>(size));  // mask bit 0: a server never masks
  } else if (size <= 0xFFFF) {
    out.push_back(static_cast<char>(126));
    for (int shift = 8; shift >= 0; shift -= 8) out.push_back(static_cast<char>(size >> shift));
  } else {
    out.push_back(static_cast<char>(127));
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(size >> shift));
  }
  header_ = static_cast<std::uint8_t>(out.size());
  out.append(json);
  bytes_ = std::make_shared<const std::string>(std::move(out));
}

}  // namespace motcua::engine
