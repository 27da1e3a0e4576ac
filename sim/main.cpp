// motcua-sim: a day in the hall, simulated with the engine's call rule (sim/model). This first
// form checks the model against queueing theory: one service, Poisson arrivals, exponential
// service, C counters, first come first served; it prints the simulated waits beside Erlang C's.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>

#include "shared/os/command_line.hpp"
#include "sim/model/erlang.hpp"
#include "sim/model/figures.hpp"

namespace {

struct options {
  double arrivals_per_hour = 0;
  double mean_service_minutes = 0;
  int counters = 1;
  double hours = 8;
  std::uint64_t seed = 1;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace motcua;
  options o;
  CLI::App app{"Một Cửa simulation: a day in the hall with the engine's call rule.", "motcua-sim"};
  os::standard_flags(app);
  app.add_option("--arrivals-per-hour", o.arrivals_per_hour, "citizens arriving per hour")
      ->type_name("L")
      ->required()
      ->check(CLI::Range(0.001, 100000.0));
  app.add_option("--mean-service-minutes", o.mean_service_minutes, "mean minutes at the counter")
      ->type_name("S")
      ->required()
      ->check(CLI::Range(0.001, 1440.0));
  app.add_option("--counters", o.counters, "counters, all open")
      ->type_name("C")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  app.add_option("--hours", o.hours, "hours of arrivals")
      ->type_name("H")
      ->check(CLI::Range(0.01, 1000000.0))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "the random draws' seed")->type_name("N")->capture_default_str();
  if (auto done = os::parse_command_line(app, argc, argv)) return *done;

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
