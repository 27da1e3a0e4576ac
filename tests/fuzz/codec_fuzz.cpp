// libFuzzer target for the protocol codec: any bytes fed to decode_request and
// decode_server_message must neither crash nor throw, and whatever decodes must survive
// encode -> decode unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "shared/protocol/codec.hpp"
#include "tests/fuzz/round_trip.hpp"

namespace {

using motcua::fuzz::round_trip_failed;

using namespace motcua::protocol;

void check_failure(const error& e) {
  if (e.code != error_code::bad_request || e.message.empty() || e.message_en.empty()) std::abort();
}

void check_request(std::string_view input) {
  auto first = decode_request(input);
  if (auto* failure = std::get_if<decode_failure>(&first)) {
    check_failure(failure->error);
    return;
  }
  const request& decoded = std::get<request>(first);
  std::string encoded = encode(decoded);
  auto second = decode_request(encoded);
  auto* again = std::get_if<request>(&second);
  if (!again || !(*again == decoded)) round_trip_failed("request", input, encoded);
}

void check_server_message(std::string_view input) {
  auto first = decode_server_message(input);
  if (auto* failure = std::get_if<error>(&first)) {
    check_failure(*failure);
    return;
  }
  const server_message& decoded = std::get<server_message>(first);
  std::string encoded = std::visit([](const auto& m) { return encode(m); }, decoded);
  auto second = decode_server_message(encoded);
  auto* again = std::get_if<server_message>(&second);
  if (!again || !(*again == decoded)) round_trip_failed("server message", input, encoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  check_request(input);
  check_server_message(input);
  return 0;
}
