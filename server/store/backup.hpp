// A copy of a database that may be in use (the server writing it), made with SQLite's online
// backup API, checked, and written whole or not at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "server/store/database.hpp"

namespace motcua::store {

// Copies the database at `source` to `dest`, which must not exist, and returns the copy's size
// in bytes. The copy is one read transaction's snapshot (readers never block the server's
// writer in WAL mode), written to a temporary name next to `dest` (".NAME.partial-PID", mode
// 0600: a backup holds personal data), then PRAGMA integrity_check and `check` run on it
// (`check` throws to refuse it), it is synced, and only then linked to `dest` (never replacing
// a file that appeared meanwhile) and its folder synced. On any failure it throws a message
// naming the reason, and neither `dest` nor the temporary file is left.
std::uintmax_t copy_database(const std::string& source, const std::filesystem::path& dest,
                             const std::function<void(database& copy)>& check);

}  // namespace motcua::store
