// A booking's code (issue 13, README "Booking rules"): what the citizen types at the kiosk or
// reads out to a clerk, so short and unambiguous. 8 symbols from 30: the digits 2-9 and the
// capital letters but I, L, O and U (no 0/O or 1/I/L to mistake for each other, no U to spell
// words), so 30^8, about 6.6 × 10^11 codes, drawn at random by the server: one cannot walk
// from one booking's code to another's. The manage token, not the code, guards the booking's
// own page. Pure functions: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

inline constexpr std::string_view booking_code_alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t booking_code_length = 8;

// The code as stored ("K7M2Q9TX") from what someone typed: small letters, spaces and dashes
// ("k7m2-q9tx") are the same code. Nothing when it cannot be a code.
std::optional<std::string> parse_booking_code(std::string_view typed);

}  // namespace motcua::domain
