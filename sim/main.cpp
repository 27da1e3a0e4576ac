// motcua-sim: a day in the hall, simulated with the engine's call rule (sim/model).
// - Days: --profile (who comes when, their visits) and --plan (which counters open when, for
//   which services): prints per day, service and hour the waits, the line, the counters' use and
//   how good the estimates told were, as CSV; or with --summary, per service over the days.
// - A recorded day: --db and --day play a day of a server's database again with its own
//   arrivals, visit times and staffing, and print it beside the day as recorded.
// - Advice: --db and --advise find the fewest counters per service and hour for a coming day,
//   from the same weekdays before it.
// - A history: --write-history writes simulated days into a server database (the demo's).
// - The check against queueing theory: one service, Poisson arrivals, exponential service, C
//   counters, first come first served; prints the simulated waits beside Erlang C's.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/store/history_store.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/os/command_line.hpp"
#include "sim/files.hpp"
#include "sim/history.hpp"
#include "sim/model/erlang.hpp"
#include "sim/model/figures.hpp"
#include "sim/model/staffing.hpp"

namespace {

using namespace motcua;

struct options {
  std::string profile, plan;
  std::string history;  // --write-history DB
  std::string from;     // its first day
  std::string db, day;  // --db DB --day DAY: a recorded day played again (--plan: another plan)
  std::string advise;   // --db DB --advise DAY: staffing advice from the same weekdays before
  int weeks = 8;
  int advice_days = 8;  // --days with --advise: the days drawn to check each staffing on
  double target_wait_minutes = 30;
  double arrivals_per_hour = 0;
  double mean_service_minutes = 0;
  int counters = 1;
  double hours = 8;
  std::uint64_t seed = 1;
  int days = 1;
  bool summary = false;
  sim::hall_rules rules;
};

// The day mode's days: one per seed from `o.seed`.
template <typename Each>
void each_day(const options& o, const sim::hall_profile& profile,
              const std::vector<sim::counter_plan>& plan, Each each) {
  for (int d = 0; d < o.days; ++d)
    each(sim::simulate(sim::draw_day(profile, o.seed + static_cast<std::uint64_t>(d)), plan,
                       o.rules));
}

// Per service and hour of each day (a `day` column from 1).
void print_hours(const options& o, const sim::hall_profile& profile,
                 const std::vector<sim::counter_plan>& plan) {
  std::map<domain::service_id, sim::minutes> targets;
  for (const auto& s : profile.services) targets[s.id] = s.target_wait_minutes;
  std::printf(
      "day,service,hour,joined,unserved,called,p50_wait_minutes,p90_wait_minutes,"
      "max_wait_minutes,over_target,mean_waiting,utilisation,eta_mean_abs_error_minutes,"
      "eta_within_5_share\n");
  int n = 0;
  each_day(o, profile, plan, [&](const sim::day_result& day) {
    ++n;
    for (const auto& f : sim::by_service_and_hour(day, plan, targets))
      std::printf("%d,%lld,%02d,%d,%d,%zu,%.1f,%.1f,%.1f,%d,%.2f,%.2f,%.1f,%.2f\n", n,
                  static_cast<long long>(f.service), f.hour, f.joined, f.unserved, f.waits.count,
                  f.waits.p50, f.waits.p90, f.waits.max, f.over_target, f.mean_waiting,
                  f.utilisation, f.eta.mean_abs, f.eta.within_5);
  });
}

// Per service over all the days: the waits and how good the estimates told were.
void print_summary(const options& o, const sim::hall_profile& profile,
                   const std::vector<sim::counter_plan>& plan) {
  std::map<domain::service_id, std::vector<double>> waits, errors;
  each_day(o, profile, plan, [&](const sim::day_result& day) {
    for (const auto& v : day.visits) waits[v.service].push_back(v.wait());
    for (auto& [service, e] : sim::eta_errors(day))
      errors[service].insert(errors[service].end(), e.begin(), e.end());
  });
  std::printf(
      "service,days,called,mean_wait_minutes,p90_wait_minutes,eta_mean_abs_error_minutes,"
      "eta_p90_abs_error_minutes,eta_within_5_share,eta_bias_minutes\n");
  for (const auto& s : profile.services) {
    const auto w = sim::summarize(waits[s.id]);
    const auto e = domain::accuracy_of(errors[s.id]);
    std::printf("%lld,%d,%zu,%.1f,%.1f,%.2f,%.2f,%.3f,%.2f\n", static_cast<long long>(s.id), o.days,
                w.count, w.mean, w.p90, e.mean_abs, e.p90_abs, e.within_5, e.bias);
  }
}

int simulate_days(const options& o) {
  const auto profile = sim::read_profile(o.profile);
  const auto plan = sim::read_plan(o.plan);
  auto with_expected = o;
  for (const auto& s : profile.services)
    with_expected.rules.expected_service_minutes[s.id] = s.mean_service_minutes;
  if (o.summary)
    print_summary(with_expected, profile, plan);
  else
    print_hours(with_expected, profile, plan);
  return 0;
}

int write_history(const options& o) {
  auto from = domain::parse_date(o.from);
  if (!from) throw std::runtime_error("--from: not a date (YYYY-MM-DD): " + o.from);
  sim::history_request r;
  r.db = o.history;
  r.from = *from;
  r.days = o.days;
  r.seed = o.seed;
  r.profile = sim::read_profile(o.profile);
  r.plan = sim::read_plan(o.plan);
  r.rules = o.rules;
  std::printf("days_written %d\n", sim::write_history(r));
  return 0;
}

std::chrono::year_month_day date_of(const std::string& flag, const std::string& text) {
  auto date = domain::parse_date(text);
  if (!date) throw std::runtime_error(flag + ": not a date (YYYY-MM-DD): " + text);
  return *date;
}

// A server's database, read only; never created.
std::unique_ptr<store::database> open_database(const std::string& path) {
  if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no such database");
  return std::make_unique<store::database>(path, store::durability::normal);
}

// A recorded day, read in one transaction (a server may be writing the database).
sim::replay recorded(store::database& db, std::chrono::year_month_day date) {
  db.exec("BEGIN");
  auto day = store::read_recorded_day(db, domain::format_iso_date(date),
                                      domain::business_zone{}.at(date, std::chrono::minutes{0}));
  db.exec("COMMIT");
  return sim::replay_of(day);
}

// Staffing advice for a coming day from the same weekdays before it (those with tickets).
int advise(const options& o) {
  const auto date = date_of("--advise", o.advise);
  auto db = open_database(o.db);
  std::vector<sim::replay> days;
  for (auto d : sim::same_weekdays_before(date, o.weeks))
    if (auto r = recorded(*db, d); !r.arrivals.empty()) days.push_back(std::move(r));
  if (days.empty())
    throw std::runtime_error("no recorded " + o.advise + " weekday in the " +
                             std::to_string(o.weeks) + " weeks before: nothing to advise from");
  std::map<domain::service_id, sim::minutes> targets;
  for (const auto& day : days)
    for (const auto& a : day.arrivals) targets[a.service] = o.target_wait_minutes;
  const auto profile = sim::profile_of_days(days, targets);
  const auto advice = sim::advise(profile, o.rules, o.advice_days, o.seed);
  std::printf(
      "service,hour,counters,joined,p50_wait_minutes,p90_wait_minutes,max_wait_minutes,"
      "utilisation\n");
  for (const auto& f : advice.expected.figures)
    std::printf("%lld,%02d,%d,%d,%.1f,%.1f,%.1f,%.2f\n", static_cast<long long>(f.service), f.hour,
                advice.counters.at(f.service, f.hour), f.joined, f.waits.p50, f.waits.p90,
                f.waits.max, f.utilisation);
  if (!advice.expected.met)
    std::fprintf(stderr,
                 "motcua-sim: even 30 counters an hour do not keep every wait within %g "
                 "minutes\n",
                 o.target_wait_minutes);
  return 0;
}

// A recorded day beside the same day simulated with its arrivals, visits and staffing (or the
// staffing of --plan: what if).
int replay_day(const options& o) {
  auto db = open_database(o.db);
  const auto day = recorded(*db, date_of("--day", o.day));
  const auto plan = o.plan.empty() ? day.plan : sim::read_plan(o.plan);
  const auto simulated = sim::simulate(day.arrivals, plan, day.rules);
  if (o.summary) {
    std::printf(
        "service,called,recorded_mean_wait_minutes,simulated_mean_wait_minutes,"
        "recorded_p90_wait_minutes,simulated_p90_wait_minutes\n");
    // By service id, then "all" (0).
    auto by_service = [](const sim::day_result& d) {
      std::map<domain::service_id, std::vector<double>> out;
      for (const auto& v : d.visits) {
        out[v.service].push_back(v.wait());
        out[0].push_back(v.wait());
      }
      return out;
    };
    auto recorded = by_service(day.recorded);
    auto again = by_service(simulated);
    auto row = [&](const std::string& name, domain::service_id service) {
      const auto r = sim::summarize(recorded[service]);
      const auto s = sim::summarize(again[service]);
      std::printf("%s,%zu,%.1f,%.1f,%.1f,%.1f\n", name.c_str(), r.count, r.mean, s.mean, r.p90,
                  s.p90);
    };
    for (const auto& [service, waits] : recorded)
      if (service != 0) row(std::to_string(service), service);
    if (recorded.count(0)) row("all", 0);
    return 0;
  }
  std::printf(
      "source,service,hour,joined,called,p50_wait_minutes,p90_wait_minutes,max_wait_minutes,"
      "utilisation\n");
  for (const auto& [source, result] :
       {std::pair{"recorded", &day.recorded}, std::pair{"simulated", &simulated}})
    for (const auto& f : sim::by_service_and_hour(*result, plan, {}))
      std::printf("%s,%lld,%02d,%d,%zu,%.1f,%.1f,%.1f,%.2f\n", source,
                  static_cast<long long>(f.service), f.hour, f.joined, f.waits.count, f.waits.p50,
                  f.waits.p90, f.waits.max, f.utilisation);
  return 0;
}

int against_erlang_c(const options& o) {
  const sim::mmc q{o.arrivals_per_hour, o.mean_service_minutes, o.counters};
  const auto day =
      sim::simulate(sim::poisson_arrivals(q, o.hours, o.seed), sim::always_open(o.counters));
  const auto waits = sim::summarize(sim::waits_of(day));
  std::printf("tickets %zu\n", waits.count);
  std::printf("mean_wait_minutes %.3f\n", waits.mean);
  std::printf("p90_wait_minutes %.3f\n", waits.p90);
  std::printf("max_wait_minutes %.3f\n", waits.max);
  std::printf("erlang_c_mean_wait_minutes %.3f\n", sim::erlang_c_mean_wait(q));
  std::printf("erlang_c_p90_wait_minutes %.3f\n", sim::erlang_c_wait_quantile(q, 0.9));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  CLI::App app{"Một Cửa simulation: a day in the hall with the engine's call rule.", "motcua-sim"};
  os::standard_flags(app);
  auto* profile = app.add_option("--profile", o.profile, "who comes when, per service (JSON)")
                      ->type_name("PATH");
  auto* plan = app.add_option("--plan", o.plan,
                              "which counters open when, for which services "
                              "(JSON)")
                   ->type_name("PATH");
  auto* arrivals =
      app.add_option("--arrivals-per-hour", o.arrivals_per_hour,
                     "Erlang C check: citizens arriving per hour (Poisson), one service")
          ->type_name("L")
          ->check(CLI::Range(0.001, 100000.0));
  auto* service = app.add_option("--mean-service-minutes", o.mean_service_minutes,
                                 "Erlang C check: mean minutes at the counter (exponential)")
                      ->type_name("S")
                      ->check(CLI::Range(0.001, 1440.0));
  app.add_option("--counters", o.counters, "Erlang C check: counters, all open")
      ->type_name("C")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  app.add_option("--hours", o.hours, "Erlang C check: hours of arrivals")
      ->type_name("H")
      ->check(CLI::Range(0.01, 1000000.0))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "the random draws' seed (a day's; the next days' are the next)")
      ->type_name("N")
      ->capture_default_str();
  auto* days = app.add_option("--days", o.days,
                              "days to simulate, each with the next seed (with --advise: to check "
                              "each staffing on, 8)")
                   ->type_name("N")
                   ->check(CLI::Range(1, 10000))
                   ->capture_default_str();
  auto* summary =
      app.add_flag("--summary", o.summary,
                   "per service over all the days instead of per hour: waits and estimates");
  app.add_option("--no-show-minutes", o.rules.no_show_minutes,
                 "a counter's minutes calling a citizen who never comes")
      ->type_name("M")
      ->check(CLI::Range(0.0, 60.0))
      ->capture_default_str();
  app.add_option("--appointments-in-a-row", o.rules.appointments_in_a_row,
                 "appointments a counter calls in a row while walk-ins wait")
      ->type_name("K")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  summary->excludes(arrivals);
  auto* history = app.add_option("--write-history", o.history,
                                 "write --days of history from --from into a server database, "
                                 "simulated from --profile and --plan")
                      ->type_name("DB");
  auto* from = app.add_option("--from", o.from, "the history's first day")->type_name("YYYY-MM-DD");
  auto* db = app.add_option("--db", o.db, "a server database: play --day again")->type_name("DB");
  auto* day = app.add_option("--day", o.day,
                             "the recorded day to play again (with --plan: with that staffing)")
                  ->type_name("YYYY-MM-DD");
  auto* advise_day =
      app.add_option("--advise", o.advise,
                     "the fewest counters per service and hour for that coming day, from the "
                     "same weekdays before it in --db")
          ->type_name("YYYY-MM-DD");
  auto* weeks = app.add_option("--weeks", o.weeks, "with --advise: weeks of history")
                    ->type_name("N")
                    ->check(CLI::Range(1, 52))
                    ->capture_default_str();
  auto* target = app.add_option("--target-wait-minutes", o.target_wait_minutes,
                                "with --advise: each service's p90 wait at most")
                     ->type_name("M")
                     ->check(CLI::Range(0.0, 1440.0))
                     ->capture_default_str();
  std::string opening_hours;
  app.add_option(
         "--opening-hours", opening_hours,
         "the centre's opening hours, as its configuration's (\"07:00-11:30,13:30-17:00\"): "
         "the estimates told put a call due in a closed spell after it; none: always "
         "open, as the demo centre")
      ->type_name("HOURS");
  history->needs(from)->needs(profile)->excludes(db);
  from->needs(history);
  db->excludes(profile)->excludes(arrivals);
  day->needs(db)->excludes(advise_day);
  advise_day->needs(db);
  weeks->needs(advise_day);
  target->needs(advise_day);
  profile->needs(plan);
  arrivals->needs(service)->excludes(profile);
  service->needs(arrivals)->excludes(plan);
  if (auto done = os::parse_command_line(app, argc, argv)) return *done;
  if (!opening_hours.empty()) {
    o.rules.opening_hours = domain::parse_office_hours(opening_hours);
    if (!o.rules.opening_hours)
      return os::usage_error(app,
                             "--opening-hours: expected \"07:00-11:30,13:30-17:00\" "
                             "(HH:MM-HH:MM, in order)");
  }
  if (days->count() > 0 && o.profile.empty() && o.advise.empty())
    return os::usage_error(app, "--days needs --profile (days) or --advise (a coming day)");
  if (days->count() > 0) o.advice_days = o.days;
  if (!o.db.empty() && o.day.empty() && o.advise.empty())
    return os::usage_error(app, "--db needs --day (a recorded day) or --advise (a coming day)");
  if (!o.plan.empty() && o.profile.empty() && o.day.empty())
    return os::usage_error(app, "--plan needs --profile, or --db and --day");
  if (o.profile.empty() && arrivals->count() == 0 && o.db.empty())
    return os::usage_error(app,
                           "give --profile and --plan (days), --db and --day (a recorded day), "
                           "or --arrivals-per-hour and --mean-service-minutes (the Erlang C "
                           "check)");
  try {
    if (!o.history.empty()) return write_history(o);
    if (!o.advise.empty()) return advise(o);
    if (!o.db.empty()) return replay_day(o);
    return o.profile.empty() ? against_erlang_c(o) : simulate_days(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "motcua-sim: %s\n", e.what());
    return 1;
  }
}
