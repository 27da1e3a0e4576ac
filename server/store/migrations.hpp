// Versioned schema migrations. Each migration runs once, in order, inside a
// transaction, and is recorded in `schema_migrations`. Registers the SQL
// function search_terms(text) (store/search_terms.hpp) on the connection
// first, for the migrations that fill the word indexes from existing rows.
#pragma once

#include <optional>

#include "server/store/database.hpp"

namespace motcua::store {

// Brings the schema to the newest version (or only up to `up_to`, for tests
// of a migration); returns the newest version.
int migrate(database& db, std::optional<int> up_to = std::nullopt);

}  // namespace motcua::store
