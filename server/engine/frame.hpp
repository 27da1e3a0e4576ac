// One message as it goes on the wire: the bytes of an unmasked WebSocket text frame (server to
// client, RFC 6455 section 5.2: header, then the JSON), made once and shared, immutable, by
// every connection it is sent to. An event goes to many connections; sending it to each one
// copies and allocates nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace motcua::engine {

class frame {
 public:
  frame() = default;
  explicit frame(std::string_view json);

  std::string_view bytes() const { return *bytes_; }                 // header and payload
  std::string_view json() const { return bytes().substr(header_); }  // the payload

 private:
  std::shared_ptr<const std::string> bytes_;
  std::uint8_t header_ = 0;  // its length: 2, 4 or 10 bytes
};

}  // namespace motcua::engine
