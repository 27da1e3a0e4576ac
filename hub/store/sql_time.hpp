// Times in the hub's SQL: a timestamptz column read as ISO 8601 in Hà Nội's time
// ("2025-03-04T08:15:00+07:00", whole seconds; NULL stays NULL), and a business day's start.
#pragma once

#include <string>
#include <string_view>

namespace motcua::hub::store {

inline std::string iso(std::string_view column) {
  return "to_char(" + std::string(column) +
         R"( AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS') || '+07:00')";
}

// The instant a day (a date expression, "$1::date") starts in Hà Nội.
inline std::string day_start(std::string_view date) {
  return "((" + std::string(date) + ")::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')";
}

}  // namespace motcua::hub::store
