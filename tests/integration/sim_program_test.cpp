// motcua-sim as a manager runs it: the example Monday (sim/examples) from its files, the Erlang C
// check, and clear refusals of wrong command lines and files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace motcua {
namespace {

using testing::run_program;

const std::string sim = MOTCUA_SIM_PATH;
const std::string data = MOTCUA_SIM_DATA;
const std::string server = MOTCUA_SERVER_PATH;

testing::run_result monday(const std::string& seed) {
  return run_program({sim, "--profile", data + "/monday-profile.json", "--plan",
                      data + "/monday-plan.json", "--seed", seed});
}

TEST(SimProgram, TheExampleMondayPerServiceAndHourTheSameForASeed) {
  const auto day = monday("1");
  ASSERT_EQ(day.exit_code, 0) << day.errors;
  EXPECT_EQ(day.output.substr(0, day.output.find('\n')),
            "day,service,hour,joined,unserved,called,p50_wait_minutes,p90_wait_minutes,"
            "max_wait_minutes,over_target,mean_waiting,utilisation,eta_mean_abs_error_minutes,"
            "eta_within_5_share");
  EXPECT_NE(day.output.find("\n1,1,08,"), std::string::npos);  // service 1 at 8 o'clock
  EXPECT_NE(day.output.find("\n1,4,16,"), std::string::npos);
  EXPECT_EQ(monday("1").output, day.output);
  EXPECT_NE(monday("2").output, day.output);
}

TEST(SimProgram, TheErlangCCheckPrintsBothFigures) {
  const auto r = run_program({sim, "--arrivals-per-hour", "42", "--mean-service-minutes", "10",
                              "--counters", "10", "--hours", "100", "--seed", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  for (const char* name : {"tickets ", "mean_wait_minutes ", "p90_wait_minutes ",
                           "erlang_c_mean_wait_minutes 0.739", "erlang_c_p90_wait_minutes 2.654"})
    EXPECT_NE(r.output.find(name), std::string::npos) << name;
}

TEST(SimProgram, AWrongCommandLineIsAUsageError) {
  auto r = run_program({sim, "--profile", data + "/monday-profile.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.errors.find("--plan"), std::string::npos) << r.errors;
  r = run_program({sim});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.errors.find("--arrivals-per-hour"), std::string::npos) << r.errors;
  r = run_program({sim, "--arrivals-per-hour", "-3", "--mean-service-minutes", "10"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(SimProgram, AWrongFileNamesTheFieldAndSimulatesNothing) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("motcua-sim-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  const auto plan = data + "/monday-plan.json";
  auto refused = [&](const std::string& profile, const std::string& plan_path,
                     const std::string& says) {
    auto r = run_program({sim, "--profile", profile, "--plan", plan_path});
    EXPECT_EQ(r.exit_code, 1) << says;
    EXPECT_EQ(r.output, "") << says;
    EXPECT_NE(r.errors.find(says), std::string::npos) << r.errors;
  };
  refused(write("a.json", R"({"services": [{"id": 1, "arrivals_per_hour": {"8": 3}}]})"), plan,
          "a.json.services[0]: has no \"mean_service_minutes\"");
  refused(write("b.json", R"({"services": [{"id": 1, "arrivals_per_hour": {"25": 3},
          "mean_service_minutes": 5}]})"),
          plan, "b.json.services[0].arrivals_per_hour.25: is not an hour of the day");
  refused(write("c.json", "{"), plan, "c.json: not JSON");
  refused((dir / "none.json").string(), plan, "none.json: cannot be read");
  refused(data + "/monday-profile.json",
          write("d.json",
                R"({"counters": [{"id": 1, "services": [1], "shifts": [["7:30", "11:00"]]}]})"),
          "d.json.counters[0].shifts[0][0]: should be a time of day, \"HH:MM\"");
  refused(data + "/monday-profile.json",
          write("e.json",
                R"({"counters": [{"id": 1, "services": [1], "shifts": [["11:00", "07:30"]]}]})"),
          "e.json.counters[0].shifts[0]: ends before it starts");
  refused(write("f.json", R"({"services": [{"id": 1, "arrivals_per_hour": {"8": 3},
          "mean_service_minutes": 5, "transfer": {"to": 9, "share": 0.1, "mean_minutes": 4}}]})"),
          plan, "f.json.services[0].transfer.to: is no service of the profile");
  std::string crowd = R"({"services": [)";
  for (int i = 1; i <= 30; ++i) {
    if (i > 1) crowd += ",";
    crowd += R"({"id": )";
    crowd += std::to_string(i);
    crowd += R"(, "mean_service_minutes": 5, "arrivals_per_hour": {"8": 9000}})";
  }
  refused(write("g.json", crowd + "]}"), plan, "citizens a day in all");
  refused(data + "/monday-profile.json", write("h.json", R"({"counters": [{"id": 1, "services": [1],
          "shifts": [["07:30", "11:00"], ["10:00", "12:00"]]}]})"),
          "h.json.counters[0].shifts[1]: overlaps another shift");
  refused(write("j.json", R"({"services": [{"id": 1, "arrivals_per_hour": {"8": 3},
          "mean_service_minutes": 5, "prefix": "a1"}]})"),
          plan, "j.json.services[0].prefix: should be one to three capital letters");
  refused(write("k.json", R"({"services": [], "calendar": {"weekday_factors": [1, 1]}})"), plan,
          "k.json.calendar.weekday_factors: should list 7 factors, Monday first");
  refused(data + "/monday-profile.json",
          write("i.json", R"({"counters": [{"id": 1, "services": [1], "shifts": []},
          {"id": 1, "services": [2], "shifts": []}]})"),
          "i.json.counters[1].id: is the id of another counter too");
  std::filesystem::remove_all(dir);
}

// The `all` row of a replay's --summary.
struct all_row {
  double called = 0, recorded_mean = 0, simulated_mean = 0, recorded_p90 = 0, simulated_p90 = 0;
};
all_row all_of(const std::string& summary) {
  all_row r;
  const auto at = summary.find("\nall,");
  if (at == std::string::npos) return r;
  std::istringstream line(summary.substr(at + 5));
  char comma = 0;
  line >> r.called >> comma >> r.recorded_mean >> comma >> r.simulated_mean >> comma >>
      r.recorded_p90 >> comma >> r.simulated_p90;
  return r;
}

// The demo's history: weeks of the example profile written into a server database, each day then
// played again from what the database holds (its arrivals, visit times and counters' spells)
// comes to its recorded p90 wait within 15 %.
TEST(SimProgram, AWrittenHistoryIsPlayedAgainWithinFifteenPercentOfItsP90) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("motcua-sim-history-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto db = (dir / "motcua.db").string();
  auto history = [&] {
    return run_program({sim, "--write-history", db, "--from", "2026-11-02", "--days", "14",
                        "--profile", data + "/monday-profile.json", "--plan",
                        data + "/monday-plan.json", "--seed", "7"});
  };
  auto written = history();
  ASSERT_EQ(written.exit_code, 0) << written.errors;
  EXPECT_EQ(written.output, "days_written 10\n");   // two weeks, weekends off
  EXPECT_EQ(history().output, "days_written 0\n");  // the days are there: nothing added
  // The counters' audit entries are the server's own: the chain and its recorded length verify.
  const auto verified = run_program({server, "--verify-audit", "--db", db});
  EXPECT_EQ(verified.exit_code, 0) << verified.output << verified.errors;
  EXPECT_NE(verified.output.find("audit chain intact"), std::string::npos) << verified.output;
  EXPECT_EQ(verified.output.find("intact: 0 entries"), std::string::npos) << verified.output;

  for (const char* day : {"2026-11-02", "2026-11-06", "2026-11-09", "2026-11-13"}) {
    const auto r = run_program({sim, "--db", db, "--day", day, "--summary"});
    ASSERT_EQ(r.exit_code, 0) << r.errors;
    ASSERT_NE(r.output.find("\nall,"), std::string::npos) << r.output;
    const auto all = all_of(r.output);
    EXPECT_GT(all.called, 80) << day;
    EXPECT_GT(all.recorded_p90, 1) << day;
    EXPECT_NEAR(all.simulated_p90, all.recorded_p90, 0.15 * all.recorded_p90) << day << "\n"
                                                                              << r.output;
  }
  const auto none = run_program({sim, "--db", (dir / "none.db").string(), "--day", "2026-11-02"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.errors.find("no such database"), std::string::npos) << none.errors;
  std::filesystem::remove_all(dir);
}

// What if a recorded day had fewer counters, and how many a coming Monday needs, from the
// Mondays of a written history.
TEST(SimProgram, ARecordedDayWithAnotherPlanAndAdviceForAComingDay) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("motcua-sim-advice-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto db = (dir / "motcua.db").string();
  ASSERT_EQ(
      run_program({sim, "--write-history", db, "--from", "2026-10-26", "--days", "36", "--profile",
                   data + "/ordinary-profile.json", "--plan", data + "/monday-plan.json"})
          .exit_code,
      0);
  // Monday 30 November (the month's end too) with two counters instead of six: one for the
  // three services of counters 1 to 5, one for returning results.
  std::ofstream(dir / "two.json") << R"({"counters": [
      {"id": 1, "services": [1, 2, 3], "shifts": [["07:00", "11:30"], ["13:30", "17:00"]]},
      {"id": 6, "services": [4], "shifts": [["07:00", "11:30"], ["13:30", "17:00"]]}]})";
  const auto fewer = run_program(
      {sim, "--db", db, "--day", "2026-11-30", "--plan", (dir / "two.json").string(), "--summary"});
  ASSERT_EQ(fewer.exit_code, 0) << fewer.errors;
  const auto all = all_of(fewer.output);
  EXPECT_GT(all.simulated_p90, 2 * all.recorded_p90) << fewer.output;

  const auto advice = run_program(
      {sim, "--db", db, "--advise", "2026-12-07", "--target-wait-minutes", "20", "--days", "4"});
  ASSERT_EQ(advice.exit_code, 0) << advice.errors;
  EXPECT_EQ(advice.errors, "");
  std::istringstream rows(advice.output);
  std::string row;
  std::getline(rows, row);
  EXPECT_EQ(row,
            "service,hour,counters,joined,p50_wait_minutes,p90_wait_minutes,max_wait_minutes,"
            "utilisation");
  int lines = 0;
  while (std::getline(rows, row)) {
    ++lines;
    std::istringstream cells(row);
    std::vector<std::string> cell;
    for (std::string c; std::getline(cells, c, ',');) cell.push_back(c);
    ASSERT_EQ(cell.size(), 8u) << row;
    EXPECT_LE(std::stod(cell[5]), 20) << row;  // every hour's p90 within the target
  }
  EXPECT_GT(lines, 20);
  const auto nothing = run_program({sim, "--db", db, "--advise", "2026-10-01"});
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.errors.find("nothing to advise from"), std::string::npos) << nothing.errors;
  EXPECT_EQ(run_program({sim, "--db", db}).exit_code, 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace motcua
