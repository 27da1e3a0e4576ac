// How times are stored: INTEGER columns of milliseconds since the Unix epoch (UTC), NULL for
// no time. The conversions between those columns and domain::time_point, for every store.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "shared/domain/clock.hpp"

namespace motcua::store {

inline std::int64_t ms(domain::time_point t) { return t.time_since_epoch().count(); }

inline std::optional<std::int64_t> ms(const std::optional<domain::time_point>& t) {
  if (!t) return std::nullopt;
  return ms(*t);
}

inline domain::time_point at_ms(std::int64_t v) {
  return domain::time_point{std::chrono::milliseconds{v}};
}

inline std::optional<domain::time_point> at_ms(const std::optional<std::int64_t>& v) {
  if (!v) return std::nullopt;
  return at_ms(*v);
}

}  // namespace motcua::store
