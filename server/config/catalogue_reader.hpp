// Reads the catalogue part of the configuration file (see catalogue.hpp and
// the README's configuration table). Internal to server/config.
#pragma once

#include "server/config/catalogue.hpp"
#include "server/config/json_node.hpp"

namespace motcua::config {

// Reads "unit", "office_hours", "calendar", "rating_levels" and "procedures";
// absent keys keep their defaults. Throws std::runtime_error naming the place.
catalogue read_catalogue(const node& top);

}  // namespace motcua::config
