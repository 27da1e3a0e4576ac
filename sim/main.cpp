// motcua-sim: a day in the hall, simulated with the engine's call rule (sim/model).
// - A day: --profile (who comes when, their visits) and --plan (which counters open when, for
//   which services): prints per service and hour the waits, the line and the counters' use, as
//   CSV.
// - The check against queueing theory: one service, Poisson arrivals, exponential service, C
//   counters, first come first served; prints the simulated waits beside Erlang C's.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "shared/os/command_line.hpp"
#include "sim/files.hpp"
#include "sim/model/erlang.hpp"
#include "sim/model/figures.hpp"

namespace {

using namespace motcua;

struct options {
  std::string profile, plan;
  double arrivals_per_hour = 0;
  double mean_service_minutes = 0;
  int counters = 1;
  double hours = 8;
  std::uint64_t seed = 1;
  sim::hall_rules rules;
};

int simulate_day(const options& o) {
  const auto profile = sim::read_profile(o.profile);
  const auto plan = sim::read_plan(o.plan);
  const auto day = sim::simulate(sim::draw_day(profile, o.seed), plan, o.rules);
  std::map<domain::service_id, sim::minutes> targets;
  for (const auto& s : profile.services) targets[s.id] = s.target_wait_minutes;
  std::printf(
      "service,hour,joined,unserved,called,p50_wait_minutes,p90_wait_minutes,max_wait_minutes,"
      "over_target,mean_waiting,utilisation\n");
  for (const auto& f : sim::by_service_and_hour(day, plan, targets))
    std::printf("%lld,%02d,%d,%d,%zu,%.1f,%.1f,%.1f,%d,%.2f,%.2f\n",
                static_cast<long long>(f.service), f.hour, f.joined, f.unserved, f.waits.count,
                f.waits.p50, f.waits.p90, f.waits.max, f.over_target, f.mean_waiting,
                f.utilisation);
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
  app.add_option("--seed", o.seed, "the random draws' seed")->type_name("N")->capture_default_str();
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
  profile->needs(plan);
  plan->needs(profile);
  arrivals->needs(service)->excludes(profile);
  service->needs(arrivals)->excludes(plan);
  if (auto done = os::parse_command_line(app, argc, argv)) return *done;
  if (o.profile.empty() && arrivals->count() == 0)
    return os::usage_error(app,
                           "give --profile and --plan (a day), or --arrivals-per-hour and "
                           "--mean-service-minutes (the Erlang C check)");
  try {
    return o.profile.empty() ? against_erlang_c(o) : simulate_day(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "motcua-sim: %s\n", e.what());
    return 1;
  }
}
