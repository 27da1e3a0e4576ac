// The hub's PostgreSQL schema, as numbered migrations. migrate() applies those not yet recorded
// in `schema_migrations`, each in its own transaction together with its row there, so a
// migration is either wholly applied and recorded or not at all. Each transaction first takes
// one transaction-level advisory lock (pg_advisory_xact_lock), so two hubs starting at once on
// the same database wait for each other instead of racing to create the same tables; the second
// finds the migration recorded and skips it. Running migrate() again is a no-op.
//
// The tables hold what the centres send (protocol/province.hpp): tickets, services, ratings and
// history steps keyed by (centre, the centre's id or seq), dossiers by their code (unique in the
// province: it begins with the receiving unit's code); `centres` holds each centre's unit, the
// SHA-256 of its bearer token and `applied_through`, the last seq applied; `staff` the
// province's managers (no logic here yet).
#pragma once

#include "hub/store/pg.hpp"

namespace motcua::hub::store {

// The newest migration's number: what a migrated database records as its highest version.
int schema_version();

// Applies the pending migrations; returns how many it applied (0 when up to date). Throws
// pg::error when one fails (that one and the later ones are then not applied).
int migrate(pg::connection& db);

}  // namespace motcua::hub::store
