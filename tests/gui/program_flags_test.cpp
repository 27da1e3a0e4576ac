// The GUI programs' command lines (CLI11), read before any window: --help and --version exit 0;
// a bad value is one line naming the flag and exits 2, never a crash (the counter's "--counter
// abc" aborted it before). No display needed; without one, good flags give one line and exit 1
// (the counter aborted with "cannot initialise GLFW" before).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace motcua::testing {
namespace {

run_result program_with(const std::string& program, const std::vector<std::string>& args) {
  std::vector<std::string> argv{program};
  argv.insert(argv.end(), args.begin(), args.end());
  run_options options;
  options.timeout = std::chrono::seconds{20};
  options.environment = {"DISPLAY=", "WAYLAND_DISPLAY=", without_leak_reports()};
  return run_program(argv, options);
}

run_result counter_with(const std::vector<std::string>& args) {
  return program_with(MOTCUA_COUNTER_PATH, args);
}

run_result kiosk_with(const std::vector<std::string>& args) {
  return program_with(MOTCUA_KIOSK_PATH, args);
}

// Each of `cases` exits 2 with one line that names the case's first word (its flag).
void expect_refused(const std::vector<std::vector<std::string>>& cases,
                    run_result (*run)(const std::vector<std::string>&), const std::string& name) {
  for (const auto& args : cases) {
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 2) << args.front() << ": " << r.errors;
    EXPECT_TRUE(r.errors.starts_with(name + ": ")) << r.errors;
    EXPECT_NE(r.errors.find(args.front()), std::string::npos) << r.errors;
  }
}

// --help lists each of `flags` and exits 0; --version prints the project's version and exits 0.
void expect_help_and_version(run_result (*run)(const std::vector<std::string>&),
                             const std::vector<std::string>& flags) {
  const auto help = run({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const auto& flag : flags) EXPECT_NE(help.output.find(flag), std::string::npos) << flag;
  const auto version = run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output, std::string(MOTCUA_VERSION) + "\n");
}

TEST(counter_flags_test, HelpAndVersionExitZero) {
  expect_help_and_version(counter_with,
                          {"--server", "--user", "--counter", "--screen", "--do", "--lang",
                           "--screenshot", "--size", "--position", "--version"});
}

TEST(counter_flags_test, ABadValueIsOneLineNamingItsFlagAndExitsTwo) {
  expect_refused({{"--counter", "abc"},
                  {"--counter", "-3"},
                  {"--screen", "nope"},
                  {"--do", "call_next,dance"},
                  {"--fill", "procedure"},
                  {"--lang", "fr"},
                  {"--server", "http://x"},
                  {"--size", "100x100"},
                  {"--size", "wide"},
                  {"--position", "10"},
                  {"--position", "-5,0"},
                  {"--position", "0,40000"},
                  {"--bogus", "1"},
                  {"--user"}},
                 counter_with, "motcua-counter");
}

TEST(kiosk_flags_test, HelpAndVersionExitZero) {
  expect_help_and_version(kiosk_with, {"--server", "--token", "--config", "--mode", "--counter",
                                       "--size", "--position", "--tap", "--version"});
}

TEST(kiosk_flags_test, ABadValueIsOneLineNamingItsFlagAndExitsTwo) {
  expect_refused({{"--mode", "sideways"},
                  {"--counter", "abc", "--token", "t"},
                  {"--size", "10x10", "--token", "t"},
                  {"--size", "1920x99999", "--token", "t"},
                  {"--position", "x,y", "--token", "t"},
                  {"--position", "0;0", "--token", "t"},
                  {"--lang", "fr", "--token", "t"},
                  {"--bogus", "--token", "t"},
                  {"--mode", "rating", "--token", "t"},  // "needs --counter": names --mode
                  {"--config", "/nonexistent/kiosk.conf"}},
                 kiosk_with, "motcua-kiosk");
  const auto no_token = kiosk_with({});
  EXPECT_EQ(no_token.exit_code, 2);
  EXPECT_NE(no_token.errors.find("--token is required"), std::string::npos) << no_token.errors;
}

// Good flags, no display: one line saying so, exit 1 (not an abort).
TEST(gui_programs_test, WithoutADisplayTheySaySoInOneLineAndExitOne) {
  const std::string no_display = ": no display: cannot open a window (is $DISPLAY set?)";
  const auto counter = counter_with(
      {"--server", "ws://127.0.0.1:9/ws", "--size", "690x540", "--position", "540,540"});
  EXPECT_EQ(counter.exit_code, 1) << counter.errors;
  EXPECT_TRUE(counter.errors.starts_with("motcua-counter" + no_display)) << counter.errors;
  EXPECT_EQ(std::count(counter.errors.begin(), counter.errors.end(), '\n'), 1) << counter.errors;
  const auto kiosk = kiosk_with({"--token", "t", "--position", "0,0"});
  EXPECT_EQ(kiosk.exit_code, 1) << kiosk.errors;
  EXPECT_TRUE(kiosk.errors.starts_with("motcua-kiosk" + no_display)) << kiosk.errors;
  EXPECT_EQ(std::count(kiosk.errors.begin(), kiosk.errors.end(), '\n'), 1) << kiosk.errors;
}

}  // namespace
}  // namespace motcua::testing
