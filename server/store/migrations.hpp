// Versioned schema migrations. Each migration runs once, in order, inside a
// transaction, and is recorded in `schema_migrations`. Registers the SQL
// function search_terms(text) (store/search_terms.hpp) on the connection
// first, for the migrations that fill the word indexes from existing rows.
#pragma once

#include <optional>
#include <string>

#include "server/store/database.hpp"

namespace motcua::store {

// Brings the schema to the newest version (or only up to `up_to`, for tests
// of a migration); returns the newest version. Throws database_error, changing nothing, for a
// database written by a newer release (a version this build does not know).
int migrate(database& db, std::optional<int> up_to = std::nullopt);

// The same refusal, for the database file at `path` if there is one, read without any write
// (opened read-only, before the server opens it in WAL mode): an older release never touches
// a newer release's database.
void refuse_if_newer(const std::string& path);

}  // namespace motcua::store
