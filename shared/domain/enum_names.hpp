// Wire names of enums: a table of (value, name) pairs and the two lookups.
// Internal to shared/domain.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace motcua::domain {

template <class Enum, std::size_t N>
using name_table = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
std::string_view name_of(const name_table<Enum, N>& table, Enum e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const name_table<Enum, N>& table, std::string_view s) {
  for (const auto& [value, name] : table)
    if (name == s) return value;
  return std::nullopt;
}

}  // namespace motcua::domain
