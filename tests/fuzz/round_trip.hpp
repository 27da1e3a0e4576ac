// What the codec fuzz targets do when a decoded value does not survive encode -> decode: say
// which, with the input and its encoding, and abort (libFuzzer keeps the input as a crash).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace motcua::fuzz {

[[noreturn]] inline void round_trip_failed(std::string_view what, std::string_view input,
                                           const std::string& encoded) {
  std::fprintf(stderr, "%.*s round trip differs\n  input:   %.*s\n  encoded: %s\n",
               static_cast<int>(what.size()), what.data(), static_cast<int>(input.size()),
               input.data(), encoded.c_str());
  std::abort();
}

}  // namespace motcua::fuzz
