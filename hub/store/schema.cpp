#include "hub/store/schema.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace motcua::hub::store {
namespace {

// The advisory lock every migration takes ("motcua" in ASCII): any constant all hubs share.
constexpr std::int64_t migration_lock = 0x6d6f74637561;

struct migration {
  int version;
  std::vector<std::string_view> statements;  // one statement each (extended protocol)
};

const std::vector<migration>& migrations() {
  static const std::vector<migration> all = {
      {1,
       {
           R"(CREATE TABLE centres (
                id bigserial PRIMARY KEY,
                unit text UNIQUE NOT NULL,
                name text NOT NULL,
                token_sha256 text UNIQUE NOT NULL,
                applied_through bigint NOT NULL DEFAULT 0,
                applied_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now()))",
           R"(CREATE TABLE tickets (
                centre bigint NOT NULL REFERENCES centres (id),
                id bigint NOT NULL,
                day date NOT NULL,
                number text NOT NULL,
                service bigint NOT NULL,
                state text NOT NULL,
                priority text NOT NULL,
                issued_at timestamptz NOT NULL,
                called_at timestamptz,
                started_at timestamptz,
                ended_at timestamptz,
                counter bigint,
                eta_minutes integer,
                PRIMARY KEY (centre, id)))",
           "CREATE INDEX tickets_centre_day ON tickets (centre, day)",
           R"(CREATE TABLE services (
                centre bigint NOT NULL REFERENCES centres (id),
                id bigint NOT NULL,
                name text NOT NULL,
                name_en text NOT NULL,
                max_wait_minutes integer,
                PRIMARY KEY (centre, id)))",
           R"(CREATE TABLE dossiers (
                code text PRIMARY KEY,
                centre bigint NOT NULL REFERENCES centres (id),
                unit text NOT NULL,
                procedure_code text NOT NULL,
                procedure_name text NOT NULL,
                procedure_name_en text NOT NULL,
                status text NOT NULL,
                received_at timestamptz NOT NULL,
                due_at timestamptz NOT NULL,
                original_due_at timestamptz,
                finished_at timestamptz,
                department text,
                full_name text NOT NULL,
                id_number text,
                passport text,
                updated_seq bigint NOT NULL))",
           "CREATE INDEX dossiers_centre_received ON dossiers (centre, received_at)",
           "CREATE INDEX dossiers_status ON dossiers (status)",
           R"(CREATE TABLE dossier_history (
                centre bigint NOT NULL REFERENCES centres (id),
                id bigint NOT NULL,
                code text NOT NULL,
                unit text NOT NULL,
                at timestamptz NOT NULL,
                actor text NOT NULL,
                action text NOT NULL,
                from_department text,
                to_department text,
                note text,
                result text,
                PRIMARY KEY (centre, id)))",
           "CREATE INDEX dossier_history_code_at ON dossier_history (code, at)",
           R"(CREATE TABLE ratings (
                centre bigint NOT NULL REFERENCES centres (id),
                id bigint NOT NULL,
                at timestamptz NOT NULL,
                day date NOT NULL,
                counter bigint NOT NULL,
                level integer NOT NULL,
                scale integer NOT NULL,
                ticket bigint,
                dossier text,
                PRIMARY KEY (centre, id)))",
           R"(CREATE TABLE staff (
                username text PRIMARY KEY,
                display_name text NOT NULL,
                password_hash text NOT NULL,
                role text NOT NULL CHECK (role IN ('province_manager'))))",
       }},
      // The province dashboard (get_province_stats): a period's tickets, the month's dossiers,
      // the open ones and a procedure's; when the hub last heard from each centre (every push,
      // the empty ones too).
      {2,
       {
           "CREATE INDEX tickets_day ON tickets (day)",
           "CREATE INDEX dossiers_received ON dossiers (received_at)",
           "CREATE INDEX dossiers_open_due ON dossiers (due_at) WHERE finished_at IS NULL",
           "CREATE INDEX dossiers_procedure ON dossiers (procedure_code, received_at)",
           "ALTER TABLE centres ADD COLUMN heard_at timestamptz",
       }},
      // The queue's figures per centre, day, hour and service (the hour a ticket was issued, in
      // the business zone: one for all of Việt Nam), for reports and the province's own
      // tools: computed from the tickets the hub holds, so always as fresh as the last push.
      {3,
       {
           R"(CREATE VIEW queue_hours AS
                SELECT c.unit, t.centre, t.day,
                       extract(hour FROM t.issued_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer
                         AS hour,
                       t.service,
                       count(*) AS issued,
                       count(*) FILTER (WHERE t.state = 'done') AS served,
                       count(*) FILTER (WHERE t.state = 'no_show') AS no_shows,
                       COALESCE(percentile_disc(0.9) WITHIN GROUP (
                         ORDER BY extract(epoch FROM t.called_at - t.issued_at))
                         FILTER (WHERE t.called_at IS NOT NULL), 0)::bigint AS p90_wait_seconds,
                       COALESCE(avg(extract(epoch FROM t.ended_at - t.started_at))
                         FILTER (WHERE t.state = 'done' AND t.started_at IS NOT NULL
                                 AND t.ended_at IS NOT NULL), 0)::bigint
                         AS mean_service_seconds
                FROM tickets t JOIN centres c ON c.id = t.centre
                GROUP BY c.unit, t.centre, t.day, 4, t.service)",
       }},
  };
  return all;
}

void lock(pg::connection& db) {
  db.exec("SELECT pg_advisory_xact_lock($1::bigint)", migration_lock);
}

bool applied(pg::connection& db, int version) {
  return db.exec("SELECT 1 FROM schema_migrations WHERE version = $1::integer", version).rows() > 0;
}

}  // namespace

int schema_version() { return migrations().back().version; }

int migrate(pg::connection& db) {
  {
    // Under the lock, so that two hubs do not both try to create it.
    pg::transaction tx(db);
    lock(db);
    db.exec(R"(CREATE TABLE IF NOT EXISTS schema_migrations (
                 version integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now()))");
    tx.commit();
  }
  int count = 0;
  for (const auto& m : migrations()) {
    pg::transaction tx(db);
    lock(db);
    if (applied(db, m.version)) continue;  // by us earlier, or by another hub meanwhile
    for (auto sql : m.statements) db.exec(std::string(sql));
    db.exec("INSERT INTO schema_migrations (version) VALUES ($1::integer)", m.version);
    tx.commit();
    ++count;
  }
  return count;
}

}  // namespace motcua::hub::store
