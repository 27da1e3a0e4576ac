// libFuzzer target for the records a centre sends its province hub: any bytes fed to
// decode_push, decode_push_ack and decode_body (as each kind, and as an unknown one) must neither
// crash nor throw, a failure must say what is wrong, and whatever decodes must survive
// encode -> decode unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "shared/protocol/province.hpp"
#include "tests/fuzz/round_trip.hpp"

namespace {

using motcua::fuzz::round_trip_failed;

using namespace motcua::protocol::province;

// A decoding that failed says why; one that succeeded decodes again, from its own encoding, to
// the same value.
template <class T>
void check(std::string_view what, std::string_view input, const std::variant<T, std::string>& first,
           auto encode_it, auto decode_it) {
  if (auto* failure = std::get_if<std::string>(&first)) {
    if (failure->empty()) std::abort();
    return;
  }
  const T& decoded = std::get<T>(first);
  std::string encoded = encode_it(decoded);
  auto second = decode_it(decoded, encoded);
  auto* again = std::get_if<T>(&second);
  if (!again || !(*again == decoded)) round_trip_failed(what, input, encoded);
}

void check_push(std::string_view input) {
  check<push>(
      "push", input, decode_push(input), [](const push& p) { return encode(p); },
      [](const push&, std::string_view text) { return decode_push(text); });
}

void check_push_ack(std::string_view input) {
  check<push_ack>(
      "push_ack", input, decode_push_ack(input), [](const push_ack& a) { return encode(a); },
      [](const push_ack&, std::string_view text) { return decode_push_ack(text); });
}

void check_body(std::string_view kind, std::string_view input) {
  auto first = decode_body(kind, input);
  if (auto* body = std::get_if<record_body>(&first))
    if (kind_of(*body) != kind) std::abort();
  check<record_body>(
      kind, input, first, [](const record_body& b) { return encode_body(b); },
      [](const record_body& b, std::string_view text) { return decode_body(kind_of(b), text); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  check_push(input);
  check_push_ack(input);
  for (std::string_view kind : {"ticket", "dossier", "history", "rating", "service", "unknown"})
    check_body(kind, input);
  return 0;
}
