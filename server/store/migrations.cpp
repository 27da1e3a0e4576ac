#include "server/store/migrations.hpp"

#include <sqlite3.h>

#include <array>
#include <exception>
#include <string>
#include <string_view>

#include "server/store/search_terms.hpp"

namespace motcua::store {
namespace {

// Append new migrations at the end; never edit one that has shipped.
constexpr std::array<std::string_view, 16> migrations{
    // 1: the queue, counters, sessions, events seq and the audit chain.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('last_seq', 0);

-- Times are milliseconds since the Unix epoch (UTC); `day` is the business
-- day (YYYY-MM-DD in the business time zone).
CREATE TABLE tickets (
  id             INTEGER PRIMARY KEY,
  day            TEXT    NOT NULL,
  number         TEXT    NOT NULL,
  issued_service INTEGER NOT NULL,
  sequence       INTEGER NOT NULL,
  service        INTEGER NOT NULL,
  priority       TEXT    NOT NULL,
  state          TEXT    NOT NULL,
  request_key    TEXT    NOT NULL,
  device         TEXT    NOT NULL,
  lang           TEXT    NOT NULL,
  issued_at      INTEGER NOT NULL,
  target_counter INTEGER,
  UNIQUE (day, issued_service, sequence),
  UNIQUE (day, request_key)
) STRICT;
CREATE INDEX tickets_open ON tickets (day, state);

-- One row per call of a ticket at a counter: waits, walking time and service
-- time are derived from these.
CREATE TABLE visits (
  id          INTEGER PRIMARY KEY,
  ticket      INTEGER NOT NULL REFERENCES tickets (id),
  service     INTEGER NOT NULL,
  counter     INTEGER NOT NULL,
  clerk       TEXT    NOT NULL,
  called_at   INTEGER NOT NULL,
  recalls     INTEGER NOT NULL DEFAULT 0,
  started_at  INTEGER,
  ended_at    INTEGER,
  end_state   TEXT,
  outcome     TEXT
) STRICT;
CREATE INDEX visits_ticket ON visits (ticket);
CREATE INDEX visits_called ON visits (called_at);

CREATE TABLE counter_state (
  counter  INTEGER PRIMARY KEY,
  state    TEXT    NOT NULL,
  clerk    TEXT,
  services TEXT    NOT NULL DEFAULT '',
  ticket   INTEGER REFERENCES tickets (id),
  since    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT    PRIMARY KEY,
  username   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  entity    TEXT    NOT NULL,
  before    TEXT    NOT NULL,
  after     TEXT    NOT NULL,
  reason    TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL,
  hash      TEXT    NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // 2: dossiers, their history (the control sheet) and the folded search index.
    R"sql(
INSERT INTO meta (key, value) VALUES ('book_lines', 0);

CREATE TABLE dossiers (
  id              INTEGER PRIMARY KEY,
  code            TEXT    NOT NULL UNIQUE,
  day             TEXT    NOT NULL,
  sequence        INTEGER NOT NULL,
  request_key     TEXT    NOT NULL,
  procedure       INTEGER NOT NULL,
  version_from    TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  received_at     INTEGER NOT NULL,
  due_at          INTEGER NOT NULL,
  original_due_at INTEGER,
  finished_at     INTEGER,
  paused_at       INTEGER,
  supplements     INTEGER NOT NULL DEFAULT 0,
  flagged         INTEGER NOT NULL DEFAULT 0,
  step            INTEGER NOT NULL DEFAULT 0,
  step_started_at INTEGER NOT NULL,
  department      TEXT,
  full_name       TEXT    NOT NULL,
  id_number       TEXT,
  passport        TEXT,
  phone           TEXT    NOT NULL,
  address         TEXT    NOT NULL,
  email           TEXT,
  documents       TEXT    NOT NULL,
  ticket          INTEGER,
  note            TEXT,
  book_volume     INTEGER NOT NULL,
  book_line       INTEGER NOT NULL,
  UNIQUE (day, request_key),
  UNIQUE (day, sequence)
) STRICT;
CREATE INDEX dossiers_status ON dossiers (status, due_at);
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_id_number ON dossiers (id_number);
CREATE INDEX dossiers_phone ON dossiers (phone);

CREATE TABLE dossier_history (
  id        INTEGER PRIMARY KEY,
  dossier   INTEGER NOT NULL REFERENCES dossiers (id),
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  from_dept TEXT,
  to_dept   TEXT,
  note      TEXT,
  result    TEXT
) STRICT;
CREATE INDEX dossier_history_dossier ON dossier_history (dossier);

-- Accent-folded name and address ("nguyen van an"), substring search by trigrams.
CREATE VIRTUAL TABLE dossier_search USING fts5 (folded, content = '', tokenize = 'trigram');
)sql",
    // 3: citizens' satisfaction ratings from the counter-side screens.
    R"sql(
CREATE TABLE ratings (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  day         TEXT    NOT NULL,
  request_key TEXT    NOT NULL,
  counter     INTEGER NOT NULL,
  clerk       TEXT,
  ticket      INTEGER,
  dossier     TEXT,
  level       INTEGER NOT NULL,
  scale       INTEGER NOT NULL,
  UNIQUE (day, request_key)
) STRICT;
CREATE INDEX ratings_at ON ratings (at);
)sql",
    // 4: a ticket taken for a dossier, or the dossier registered while serving it.
    R"sql(
ALTER TABLE tickets ADD COLUMN dossier TEXT;
)sql",
    // 5: search by words instead of trigrams: the full name and the address each in a word
    // index (their folded words and pairs of neighbouring words, see store/search_terms.hpp;
    // prefixes of 2 and 3 letters indexed), filled from the dossiers; indexes for passports
    // and for status pages, newest first.
    R"sql(
DROP TABLE dossier_search;
CREATE VIRTUAL TABLE dossier_names USING fts5 (terms, content = '', columnsize = 0,
  tokenize = "unicode61 tokenchars '_'", prefix = '2 3');
CREATE VIRTUAL TABLE dossier_addresses USING fts5 (terms, content = '', columnsize = 0,
  tokenize = "unicode61 tokenchars '_'", prefix = '2 3');
INSERT INTO dossier_names (rowid, terms) SELECT id, search_terms(full_name) FROM dossiers;
INSERT INTO dossier_addresses (rowid, terms) SELECT id, search_terms(address) FROM dossiers;
CREATE INDEX dossiers_passport ON dossiers (passport) WHERE passport IS NOT NULL;
CREATE INDEX dossiers_status_received ON dossiers (status, received_at);
)sql",
    // 6: no index of tickets by state: every ticket written was a page of it to write (one in
    // six of a ticket's). The open tickets of earlier days are found day by day instead
    // (queue_store::open_tickets_before).
    R"sql(
DROP INDEX tickets_open;
)sql",
    // 7: bookings (issue 13): a citizen's appointment in a slot of a service, from `booked` to
    // `checked_in` (with its ticket), `cancelled` or `missed`. The manage token and the
    // request_key are kept only as SHA-256 (`token_hash`, `request_hash`); `sealed_token` is the
    // token XOR the SHA-256 of the request_key (auth::seal_token), so that the same request sent
    // again gets the same token back while the database alone gives none (README "Booking
    // rules"). The places a slot holds are counted per service and start.
    R"sql(
CREATE TABLE bookings (
  id            INTEGER PRIMARY KEY,
  code          TEXT    NOT NULL UNIQUE,
  token_hash    TEXT    NOT NULL,
  sealed_token  TEXT    NOT NULL,
  request_hash  TEXT    NOT NULL UNIQUE,
  service       INTEGER NOT NULL,
  procedure     INTEGER,
  start_at      INTEGER NOT NULL,
  end_at        INTEGER NOT NULL,
  full_name     TEXT    NOT NULL,
  phone         TEXT    NOT NULL,
  id_number     TEXT,
  lang          TEXT    NOT NULL,
  status        TEXT    NOT NULL,
  booked_by     TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  changed_at    INTEGER NOT NULL,
  cancel_reason TEXT,
  ticket        INTEGER REFERENCES tickets (id)
) STRICT;
CREATE INDEX bookings_slot ON bookings (service, start_at);
CREATE INDEX bookings_start ON bookings (start_at);
CREATE INDEX bookings_phone ON bookings (phone, start_at);
CREATE INDEX bookings_waiting ON bookings (start_at) WHERE status = 'booked';
)sql",
    // 8: the ticket on the citizen's phone (issue 14): each ticket's public token, the capability
    // its page /ve/{token} is read and cancelled with (no personal data behind it). No index: a
    // page follows a ticket of today, which the engine holds in memory, and an index would be one
    // more page to write with every ticket. Tickets issued before have none.
    R"sql(
ALTER TABLE tickets ADD COLUMN public_token TEXT;
)sql",
    // 9: text messages (issue 14): the phone a ticket's texts go to, normalised (a booking's own
    // for its appointment ticket; tickets issued before have none), and the outbox the engine
    // writes each text to in the transaction of the event that causes it, one per ticket and
    // kind, for the sender to post to Kannel (server/store/sms_store.hpp).
    R"sql(
ALTER TABLE tickets ADD COLUMN phone TEXT;
CREATE TABLE sms_outbox (
  id              INTEGER PRIMARY KEY,
  ticket          INTEGER NOT NULL REFERENCES tickets (id),
  kind            TEXT    NOT NULL,
  phone           TEXT    NOT NULL,
  text            TEXT    NOT NULL,
  day             TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  reason          TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  answer          TEXT,
  created_at      INTEGER NOT NULL,
  changed_at      INTEGER NOT NULL,
  UNIQUE (ticket, kind)
) STRICT;
CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX sms_outbox_phone ON sms_outbox (phone, day);
)sql",
    // 10: texts about dossiers (received, supplement, result, late): an outbox row is about a
    // ticket or a dossier, exactly one. SQLite cannot drop a NOT NULL, so the table is rebuilt
    // with its rows and ids (the delivery reports Kannel still holds name those ids).
    R"sql(
CREATE TABLE sms_outbox_10 (
  id              INTEGER PRIMARY KEY,
  ticket          INTEGER REFERENCES tickets (id),
  dossier         INTEGER REFERENCES dossiers (id),
  kind            TEXT    NOT NULL,
  phone           TEXT    NOT NULL,
  text            TEXT    NOT NULL,
  day             TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  reason          TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  answer          TEXT,
  created_at      INTEGER NOT NULL,
  changed_at      INTEGER NOT NULL,
  UNIQUE (ticket, kind),
  CHECK ((ticket IS NULL) <> (dossier IS NULL))
) STRICT;
INSERT INTO sms_outbox_10 (id, ticket, kind, phone, text, day, state, reason, attempts,
                           next_attempt_at, answer, created_at, changed_at)
  SELECT id, ticket, kind, phone, text, day, state, reason, attempts, next_attempt_at, answer,
         created_at, changed_at FROM sms_outbox;
DROP TABLE sms_outbox;
ALTER TABLE sms_outbox_10 RENAME TO sms_outbox;
CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX sms_outbox_phone ON sms_outbox (phone, day);
CREATE INDEX sms_outbox_dossier ON sms_outbox (dossier) WHERE dossier IS NOT NULL;
CREATE INDEX sms_outbox_day ON sms_outbox (day, state);
)sql",
    // 11: the wait a ticket's citizen was told when it was issued (issue 16: how good the
    // estimates are), in minutes; written with the ticket, so no page more. Tickets issued
    // before have none.
    R"sql(
ALTER TABLE tickets ADD COLUMN eta_minutes INTEGER;
)sql",
    // 12: the counters' openings, pauses and closings in the audit log by time, for a recorded
    // day's staffing (issue 16: the simulation plays recorded days again). Partial: only those
    // entries (a few a day, and the tickets closed with a day) are in it, so a ticket's own
    // entries and the ratings cost no page more.
    R"sql(
CREATE INDEX audit_counter_at ON audit (at)
  WHERE action IN ('open_counter', 'pause_counter', 'resume_counter', 'close_counter',
                   'day_closed');
)sql",
    // 13: the province hub's outbox (issue 15): each change the hub needs, written in the
    // transaction of the change, numbered by `seq` (AUTOINCREMENT: never reused, also after the
    // rows the hub acknowledged are deleted). `hub_acked` is the last seq the hub said it holds;
    // `hub_snapshot` is the part of a snapshot still to write (0: none; engine/province_feed.hpp)
    // and `hub_snapshot_after` the last id it wrote of that part.
    R"sql(
CREATE TABLE hub_outbox (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  at   INTEGER NOT NULL,
  kind TEXT    NOT NULL,
  body TEXT    NOT NULL
) STRICT;
CREATE INDEX hub_outbox_kind ON hub_outbox (kind, seq);
INSERT INTO meta (key, value) VALUES ('hub_acked', 0), ('hub_snapshot', 1),
                                     ('hub_snapshot_after', 0);
)sql",
    // 14: the unit where a dossier's step was taken, when it is another unit's department (a
    // city department deciding a dossier received at a commune, issue 15); NULL: this centre.
    R"sql(
ALTER TABLE dossier_history ADD COLUMN unit TEXT;
)sql",
    // 15: audit_counter_at again, its WHERE written as equalities joined by OR instead of
    // `action IN (...)` (issue 12): SQLite tests a partial index's WHERE at every insert into the
    // table, and a list after IN is built into a temporary b-tree each time, a page cache made
    // and thrown away for every audit entry (every ticket writes one). The same index otherwise;
    // the query that uses it repeats this WHERE (store/history_store.cpp).
    R"sql(
DROP INDEX audit_counter_at;
CREATE INDEX audit_counter_at ON audit (at)
  WHERE action = 'open_counter' OR action = 'pause_counter' OR action = 'resume_counter'
     OR action = 'close_counter' OR action = 'day_closed';
)sql",
    // 16: the hub outbox's records the hub refused on their own (province::sender::set_aside),
    // kept with the hub's reason: out of the way of the records after them, never lost. Once the
    // hub takes them, `motcua-server --resend-hub-refused` sends their rows again as they are
    // then, in a snapshot (hub_outbox_store::resend_refused).
    R"sql(
CREATE TABLE hub_refused (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  kind       TEXT    NOT NULL,
  body       TEXT    NOT NULL,
  refused_at INTEGER NOT NULL,
  reason     TEXT    NOT NULL
) STRICT;
)sql",
};

// search_terms(text) as an SQL function, for migrations that fill the word indexes.
void search_terms_function(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
  if (!text) return sqlite3_result_null(context);
  try {  // no exception may cross SQLite's C frames; it throws only when memory runs out
    const std::string terms = search_terms(
        std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(args[0]))));
    sqlite3_result_text(context, terms.data(), static_cast<int>(terms.size()), SQLITE_TRANSIENT);
  } catch (const std::exception&) {
    sqlite3_result_error_nomem(context);
  }
}

// The schema version recorded in `db` (0 for a new database).
int recorded_version(sqlite3* db) {
  sqlite3_stmt* q = nullptr;
  int version = 0;
  if (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1, &q,
                         nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    version = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);  // no such table: a new database
  return version;
}

void refuse_newer(const std::string& path, int version) {
  if (version <= static_cast<int>(migrations.size())) return;
  throw database_error("database " + path + " was written by a newer release (schema version " +
                       std::to_string(version) + "; this release knows up to " +
                       std::to_string(migrations.size()) +
                       "): not opened, not changed. Run that release, or restore a backup made "
                       "by this one");
}

}  // namespace

void refuse_if_newer(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return;  // no database there yet (or unreadable: opening it says why)
  }
  const int version = recorded_version(db);
  sqlite3_close(db);
  refuse_newer(path, version);
}

int migrate(database& db, std::optional<int> up_to) {
  if (sqlite3_create_function_v2(db.handle(), "search_terms", 1,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 search_terms_function, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw database_error(std::string("cannot register search_terms(): ") +
                         sqlite3_errmsg(db.handle()));
  const int version = recorded_version(db.handle());
  refuse_newer(sqlite3_db_filename(db.handle(), "main"), version);
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
  const int last = up_to.value_or(static_cast<int>(migrations.size()));
  for (int next = version + 1; next <= last; ++next) {
    transaction tx(db);
    db.exec(migrations[static_cast<std::size_t>(next - 1)]);
    db.prepare("INSERT INTO schema_migrations (version) VALUES (?)").bind(1, next).run();
    tx.commit();
  }
  return static_cast<int>(migrations.size());
}

}  // namespace motcua::store
