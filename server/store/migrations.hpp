// Versioned schema migrations. Each migration runs once, in order, inside a
// transaction, and is recorded in `schema_migrations`.
#pragma once

#include "store/database.hpp"

namespace motcua::store {

// Brings the schema to the newest version; returns that version.
int migrate(database& db);

}  // namespace motcua::store
