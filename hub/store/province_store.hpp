// What the hub keeps of the province's centres (issue 15), in PostgreSQL: each centre as
// registered (its unit, name and the SHA-256 of its bearer token), and the records it sends
// (protocol/province.hpp), applied exactly once. apply() takes the centre's row FOR UPDATE, so
// two pushes of one centre apply one after the other; records at or below the centre's
// `applied_through` are skipped, the others applied in increasing seq, each an upsert (a ticket,
// dossier, service or rating replaces the row it names; a history step is inserted once per
// (centre, id): a snapshot that sends it again adds nothing), and `applied_through` moved to the
// last one, all in one transaction: a record the database refuses (a time PostgreSQL cannot read,
// say) throws and leaves nothing of the batch behind. So a centre may send the same records any
// number of times.
//
// Times are written as given (ISO 8601 with offset) into timestamptz columns and read back as
// ISO 8601 in Hà Nội's time, "2025-03-04T08:15:00+07:00": whole seconds, the same string as
// written for times written with +07:00 and whole seconds.
//
// The statements are prepared once per connection when the store is made: the schema must be
// migrated (migrate()) before. One store, like its connection, belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/store/pg.hpp"
#include "shared/protocol/province.hpp"

namespace motcua::hub::store {

struct centre {
  std::int64_t id = 0;
  std::string unit;
  std::string name;
  std::int64_t applied_through = 0;  // as read; apply() reads it again under its lock
  bool operator==(const centre&) const = default;
};

// A province manager's account (the hub's own staff).
struct staff_account {
  std::string username;
  std::string display_name;
  std::string password_hash;  // Argon2id, as motcua-server --hash-password writes it
};

class province_store {
 public:
  explicit province_store(pg::connection& db);

  // Adds the centre of `unit`, or changes the name and token of the one registered: returns its
  // id. Throws pg::error when the token's hash is another unit's.
  std::int64_t register_centre(std::string_view unit, std::string_view name,
                               std::string_view token_sha256);
  std::optional<centre> centre_by_token_hash(std::string_view token_sha256);

  // Applies the records above the centre's applied_through (see above) and returns the new
  // applied_through (unchanged when there was nothing new). Throws pg::error, with nothing
  // applied, when a record is refused or the centre is unknown. `after`: what the centre believes
  // the hub holds; when the hub holds less (restored from a backup), nothing is applied and the
  // lower applied_through returned.
  std::int64_t apply(const centre& c, const std::vector<protocol::province::record>& records,
                     std::optional<std::int64_t> after = std::nullopt);
  // Throws pg::error for an unknown centre.
  std::int64_t applied_through(std::int64_t centre_id);
  // The centre has just pushed (records or not): the dashboard's `heard_at`.
  void heard(std::int64_t centre_id);
  // Every registered centre, by unit.
  std::vector<centre> centres();

  // Adds the province manager `username`, or changes the name and password of the one there.
  void register_staff(const staff_account& a);
  // Removes the province managers not in `keep` (those taken out of the configuration).
  void keep_only_staff(const std::vector<std::string>& keep);
  std::optional<staff_account> staff(std::string_view username);

  std::optional<protocol::province::dossier_row> find_dossier(std::string_view code);
  // The dossier's steps from every centre, by time, then seq.
  std::vector<protocol::province::history_row> history(std::string_view code);

 private:
  void apply_one(std::int64_t centre_id, const protocol::province::record& r);

  pg::connection& db_;
};

}  // namespace motcua::hub::store
