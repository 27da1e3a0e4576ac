#include "hub/store/province_stats.hpp"

#include <map>

#include "hub/store/sql_time.hpp"

namespace motcua::hub::store {
namespace {

// Every statement starts with `q`, the question's values typed once: from_day, to_day,
// month_day, today (dates), now (timestamptz) and centre (the drill-down's, or NULL).
const std::string with_q =
    "WITH q AS (SELECT $1::date AS from_day, $2::date AS to_day, $3::date AS month_day, "
    "$4::date AS today, $5::timestamptz AS now, $6::bigint AS centre) ";

std::vector<pg::param> params(const stats_query& q) {
  return {q.from, q.to, q.month_from, q.today, q.now, pg::to_param(q.centre)};
}

// The queue's figures grouped by `key` (with `extra_sets`: further GROUPING SETS), over the
// tickets of the period and of today that `where` keeps.
std::string queue_sql(const std::string& key, const std::string& extra_sets,
                      const std::string& where) {
  const std::string waiting = "t.state = 'waiting' AND t.day = q.today";
  const std::string period = "t.day >= q.from_day AND t.day < q.to_day";
  return "SELECT " + key + ", count(*) FILTER (WHERE " + waiting +
         "), COALESCE(max(extract(epoch FROM q.now - t.issued_at)) FILTER (WHERE " + waiting +
         "), 0)::bigint, count(*) FILTER (WHERE " + period +
         "), count(*) FILTER (WHERE t.state = 'done' AND " + period +
         "), COALESCE(percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.called_at "
         "- t.issued_at)) FILTER (WHERE t.called_at IS NOT NULL AND " +
         period + "), 0)::bigint FROM tickets t, q WHERE ((" + period +
         ") OR t.day = q.today) AND " + where + " GROUP BY GROUPING SETS ((" + key + ")" +
         extra_sets + ")";
}

// The dossiers' figures grouped by `key`, as queue_sql: received in the month, on time, late now.
std::string dossier_sql(const std::string& key, const std::string& extra_sets,
                        const std::string& where) {
  const std::string month = "d.received_at >= " + day_start("q.month_day") +
                            " AND d.received_at < " + day_start("q.to_day");
  const std::string late = "d.finished_at IS NULL AND d.due_at < q.now";
  return "SELECT " + key + ", count(*) FILTER (WHERE " + month + "), count(*) FILTER (WHERE " +
         month + " AND COALESCE(d.finished_at, q.now) <= d.due_at), count(*) FILTER (WHERE " +
         late + ") FROM dossiers d, q WHERE ((" + month + ") OR (" + late + ")) AND " + where +
         " GROUP BY GROUPING SETS ((" + key + ")" + extra_sets + ")";
}

// Rows of the drill-down's centre only, when there is one.
std::string of_centre(const std::string& alias) {
  return "(q.centre IS NULL OR " + alias + ".centre = q.centre)";
}

int as_int(const pg::result& r, int row, int column) {
  return static_cast<int>(r.int64(row, column));
}

struct queue_figures {
  int waiting = 0, longest = 0, issued = 0, served = 0, p90 = 0;
};
queue_figures read_queue(const pg::result& r, int row, int first) {
  return {as_int(r, row, first), as_int(r, row, first + 1), as_int(r, row, first + 2),
          as_int(r, row, first + 3), as_int(r, row, first + 4)};
}

struct dossier_figures {
  int dossiers = 0, on_time = 0, late = 0;
  double rate() const { return dossiers ? static_cast<double>(on_time) / dossiers : 1.0; }
};
dossier_figures read_dossiers(const pg::result& r, int row, int first) {
  return {as_int(r, row, first), as_int(r, row, first + 1), as_int(r, row, first + 2)};
}

void fill(protocol::centre_figures& c, const queue_figures& q) {
  c.waiting = q.waiting;
  c.longest_wait_seconds = q.longest;
  c.issued = q.issued;
  c.served = q.served;
  c.p90_wait_seconds = q.p90;
}
void fill(protocol::centre_figures& c, const dossier_figures& d) {
  c.dossiers = d.dossiers;
  c.on_time = d.on_time;
  c.on_time_rate = d.rate();
  c.late_open = d.late;
}

}  // namespace

protocol::province_stats_result province_stats(pg::connection& db, const stats_query& q) {
  const auto p = params(q);
  protocol::province_stats_result out;
  out.period_from = q.from;
  out.period_to = q.to;
  out.month_from = q.month_from;
  out.generated_at = q.now;

  // Every centre, then its figures and the province's (the row whose key is NULL).
  std::map<std::int64_t, std::size_t> index;
  const auto centres =
      db.exec("SELECT id, unit, name, " + iso("heard_at") + " FROM centres ORDER BY unit");
  for (int i = 0; i < centres.rows(); ++i) {
    index[centres.int64(i, 0)] = out.centres.size();
    protocol::centre_figures c;
    c.unit = centres.text(i, 1);
    c.name = centres.text(i, 2);
    c.heard_at = centres.get(i, 3);
    if (q.centre && *q.centre == centres.int64(i, 0)) out.unit = c.unit;
    out.centres.push_back(std::move(c));
  }
  auto row_of = [&](const pg::result& r, int i) -> protocol::centre_figures* {
    if (!r.get(i, 0)) return &out.province;
    auto at = index.find(r.int64(i, 0));
    return at == index.end() ? nullptr : &out.centres[at->second];
  };
  const auto queue = db.exec_params(with_q + queue_sql("t.centre", ", ()", "true"), p);
  for (int i = 0; i < queue.rows(); ++i)
    if (auto* c = row_of(queue, i)) fill(*c, read_queue(queue, i, 1));
  const auto dossiers = db.exec_params(with_q + dossier_sql("d.centre", ", ()", "true"), p);
  for (int i = 0; i < dossiers.rows(); ++i)
    if (auto* c = row_of(dossiers, i)) fill(*c, read_dossiers(dossiers, i, 1));

  const auto procedures = db.exec_params(
      with_q + "SELECT f.*, n.name, n.name_en FROM (" +
          dossier_sql("d.procedure_code", "", of_centre("d")) +
          ") f JOIN LATERAL (SELECT procedure_name AS name, procedure_name_en AS name_en FROM "
          "dossiers x, q WHERE x.procedure_code = f.procedure_code AND " +
          of_centre("x") + " ORDER BY x.received_at DESC LIMIT 1) n ON true ORDER BY 1",
      p);
  for (int i = 0; i < procedures.rows(); ++i) {
    const auto d = read_dossiers(procedures, i, 1);
    out.procedures.push_back({procedures.text(i, 0), procedures.text(i, 4), procedures.text(i, 5),
                              d.dossiers, d.on_time, d.rate(), d.late});
  }

  if (q.centre) {
    const auto services = db.exec_params(
        with_q + "SELECT f.*, COALESCE(s.name, ''), COALESCE(s.name_en, '') FROM (" +
            queue_sql("t.service", "", "t.centre = q.centre") +
            ") f LEFT JOIN services s ON s.centre = $6::bigint AND s.id = f.service ORDER BY 1",
        p);
    for (int i = 0; i < services.rows(); ++i) {
      const auto f = read_queue(services, i, 1);
      out.services.push_back({services.int64(i, 0), services.text(i, 6), services.text(i, 7),
                              f.waiting, f.longest, f.issued, f.served, f.p90});
    }
  }

  const auto late = db.exec_params(
      with_q + "SELECT code, unit, procedure_name, procedure_name_en, status, " +
          iso("received_at") + ", " + iso("due_at") +
          ", department FROM dossiers d, q WHERE finished_at IS NULL AND due_at < q.now AND " +
          of_centre("d") + " ORDER BY due_at, code LIMIT " + std::to_string(late_listed),
      p);
  for (int i = 0; i < late.rows(); ++i)
    out.late.push_back({late.text(i, 0), late.text(i, 1), late.text(i, 2), late.text(i, 3),
                        late.text(i, 4), late.text(i, 5), late.text(i, 6), late.get(i, 7)});
  out.late_total = out.unit ? out.centres[index.at(*q.centre)].late_open : out.province.late_open;
  return out;
}

}  // namespace motcua::hub::store
