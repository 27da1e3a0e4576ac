// The catalogue as clients see it (list_procedures): each procedure with the
// rules in force on a given day.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "server/config/catalogue.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::engine {

// Procedures in force on `day` (optionally of one service), in catalogue order.
std::vector<protocol::procedure_view> procedure_views(const config::catalogue& catalogue,
                                                      std::optional<domain::service_id> service,
                                                      std::chrono::year_month_day day);

}  // namespace motcua::engine
