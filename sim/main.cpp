// motcua-sim: a day in the hall, simulated with the engine's call rule (sim/model).
// - Days: --profile (who comes when, their visits) and --plan (which counters open when, for
//   which services): prints per day, service and hour the waits, the line, the counters' use and
//   how good the estimates told were, as CSV; or with --summary, per service over the days.
// - A recorded day: --db and --day play a day of a server's database again with its own
//   arrivals, visit times and staffing, and print it beside the day as recorded.
// - A history: --write-history writes simulated days into a server database (the demo's).
// - The check against queueing theory: one service, Poisson arrivals, exponential service, C
//   counters, first come first served; prints the simulated waits beside Erlang C's.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/store/history_store.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/os/command_line.hpp"
#include "sim/files.hpp"
#include "sim/history.hpp"
#include "sim/model/erlang.hpp"
#include "sim/model/figures.hpp"

namespace {

using namespace motcua;

struct options {
  std::string profile, plan;
  std::string history;  // --write-history DB
  std::string from;     // its first day
  std::string db, day;  // --db DB --day DAY: a recorded day played again
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

// A recorded day beside the same day simulated with its arrivals, visits and staffing.
int replay_day(const options& o) {
  auto date = domain::parse_date(o.day);
  if (!date) throw std::runtime_error("--day: not a date (YYYY-MM-DD): " + o.day);
  if (!std::filesystem::exists(o.db)) throw std::runtime_error(o.db + ": no such database");
  store::database db(o.db, store::durability::normal);
  const auto day = sim::replay_of(store::read_recorded_day(
      db, o.day, domain::business_zone{}.at(*date, std::chrono::minutes{0})));
  const auto simulated = sim::simulate(day.arrivals, day.plan, day.rules);
  if (o.summary) {
    std::printf(
        "service,called,recorded_mean_wait_minutes,simulated_mean_wait_minutes,"
        "recorded_p90_wait_minutes,simulated_p90_wait_minutes\n");
    auto by_service = [](const sim::day_result& d) {
      std::map<std::string, std::vector<double>> out;
      for (const auto& v : d.visits) {
        out[std::to_string(v.service)].push_back(v.wait());
        out["all"].push_back(v.wait());
      }
      return out;
    };
    auto recorded = by_service(day.recorded);
    auto again = by_service(simulated);
    for (auto& [service, waits] : recorded) {
      const auto r = sim::summarize(waits);
      const auto s = sim::summarize(again[service]);
      std::printf("%s,%zu,%.1f,%.1f,%.1f,%.1f\n", service.c_str(), r.count, r.mean, s.mean, r.p90,
                  s.p90);
    }
    return 0;
  }
  std::printf(
      "source,service,hour,joined,called,p50_wait_minutes,p90_wait_minutes,max_wait_minutes,"
      "utilisation\n");
  for (const auto& [source, result] :
       {std::pair{"recorded", &day.recorded}, std::pair{"simulated", &simulated}})
    for (const auto& f : sim::by_service_and_hour(*result, day.plan, {}))
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
  auto* days = app.add_option("--days", o.days, "days to simulate, each with the next seed")
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
  days->needs(profile);
  summary->excludes(arrivals);
  auto* history = app.add_option("--write-history", o.history,
                                 "write --days of history from --from into a server database, "
                                 "simulated from --profile and --plan")
                      ->type_name("DB");
  auto* from = app.add_option("--from", o.from, "the history's first day")->type_name("YYYY-MM-DD");
  auto* db = app.add_option("--db", o.db, "a server database: play --day again")->type_name("DB");
  auto* day =
      app.add_option("--day", o.day, "the recorded day to play again")->type_name("YYYY-MM-DD");
  history->needs(from)->needs(profile)->excludes(db);
  from->needs(history);
  db->needs(day)->excludes(profile)->excludes(arrivals);
  day->needs(db);
  profile->needs(plan);
  plan->needs(profile);
  arrivals->needs(service)->excludes(profile);
  service->needs(arrivals)->excludes(plan);
  if (auto done = os::parse_command_line(app, argc, argv)) return *done;
  if (o.profile.empty() && arrivals->count() == 0 && o.db.empty())
    return os::usage_error(app,
                           "give --profile and --plan (days), --db and --day (a recorded day), "
                           "or --arrivals-per-hour and --mean-service-minutes (the Erlang C "
                           "check)");
  try {
    if (!o.history.empty()) return write_history(o);
    if (!o.db.empty()) return replay_day(o);
    return o.profile.empty() ? against_erlang_c(o) : simulate_days(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "motcua-sim: %s\n", e.what());
    return 1;
  }
}
