// motcua-counter's command line (CLI11), read before any window: --help and --version exit 0;
// a bad value (a counter that is no number, an unknown screen, step or language, a --fill item
// without '=', an address that is not ws[s]://) is one line naming the flag and exits 2, never a
// crash. No display needed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace motcua::testing {
namespace {

run_result counter_with(const std::vector<std::string>& args) {
  std::vector<std::string> argv{MOTCUA_COUNTER_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  run_options options;
  options.timeout = std::chrono::seconds{20};
  options.environment = {"DISPLAY=", "WAYLAND_DISPLAY=", without_leak_reports()};
  return run_program(argv, options);
}

TEST(counter_flags_test, HelpAndVersionExitZero) {
  const auto help = counter_with({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--server", "--user", "--counter", "--screen", "--do", "--lang",
                           "--screenshot", "--version"})
    EXPECT_NE(help.output.find(flag), std::string::npos) << flag;
  const auto version = counter_with({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output, std::string(MOTCUA_VERSION) + "\n");
}

TEST(counter_flags_test, ABadValueIsOneLineNamingItsFlagAndExitsTwo) {
  const std::vector<std::vector<std::string>> cases{
      {"--counter", "abc"},        {"--counter", "-3"},     {"--screen", "nope"},
      {"--do", "call_next,dance"}, {"--fill", "procedure"}, {"--lang", "fr"},
      {"--server", "http://x"},    {"--bogus", "1"},        {"--user"},
  };
  for (const auto& args : cases) {
    const auto r = counter_with(args);
    EXPECT_EQ(r.exit_code, 2) << args.front() << ": " << r.errors;
    EXPECT_TRUE(r.errors.starts_with("motcua-counter: ")) << r.errors;
    EXPECT_NE(r.errors.find(args.front()), std::string::npos) << r.errors;
  }
}

}  // namespace
}  // namespace motcua::testing
