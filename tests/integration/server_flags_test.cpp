// motcua-server's command line as a newcomer meets it (CLI11): --help and --version exit 0; a
// bad value or an unknown flag is one line naming the flag and exit 2, nothing started; a
// failure at start (the port taken) names the address and exits 1.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/integration/server_test.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/server_process.hpp"

namespace motcua::testing {
namespace {

run_result server_with(const std::vector<std::string>& args) {
  run_options options;
  options.timeout = std::chrono::seconds{20};
  return run_server(args, options);
}

TEST(server_flags_test, HelpAndVersionExitZero) {
  const auto help = server_with({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--listen", "--db", "--config", "--demo", "--threads", "--log-level",
                           "--tls-cert", "--verify-audit", "--version"})
    EXPECT_NE(help.output.find(flag), std::string::npos) << flag;
  const auto version = server_with({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output, std::string(MOTCUA_VERSION) + "\n");
}

TEST(server_flags_test, ABadValueIsOneLineNamingItsFlagAndExitsTwo) {
  struct bad {
    std::vector<std::string> args;
    std::string named;  // what the one line must say
  };
  const std::vector<bad> cases{
      {{"--listen", "127.0.0.1:99999"}, "--listen: '99999' is not a port"},
      {{"--listen", "127.0.0.1:abc"}, "--listen: 'abc' is not a port"},
      {{"--listen", "localhost:8080"}, "--listen: 'localhost' is not an IP address"},
      {{"--listen", "8080"}, "--listen: give HOST:PORT"},
      {{"--threads", "x"}, "--threads"},
      {{"--threads", "0"}, "--threads"},
      {{"--log-level", "loud"}, "--log-level"},
      {{"--frobnicate"}, "--frobnicate"},
      {{"--db"}, "--db"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{"--demo"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = server_with(args);
    EXPECT_EQ(r.exit_code, 2) << c.args.front();
    EXPECT_TRUE(r.errors.starts_with("motcua-server: ")) << r.errors;
    EXPECT_NE(r.errors.find(c.named), std::string::npos) << r.errors;
    EXPECT_EQ(r.errors.find("Boost"), std::string::npos) << r.errors;
    EXPECT_TRUE(r.output.empty()) << r.output;  // nothing started, no "listening on"
  }
}

class server_start_test : public server_test {};

TEST_F(server_start_test, APortInUseNamesTheAddressExitsOneAndCreatesNothing) {
  const auto taken = server().host() + ":" + server().port();
  const auto db = dir_.file("new/second.db");
  const auto r = server_with({"--demo", "--listen", taken, "--db", db});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.errors.find("motcua-server: cannot listen on " + taken + ": "), std::string::npos)
      << r.errors;
  EXPECT_EQ(r.errors.find("usage"), std::string::npos) << r.errors;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("new")));  // neither the database nor its folder
}

TEST(server_flags_test, ABrokenConfigFileIsNamedWithItsLineAndColumn) {
  temp_dir dir;
  const auto file = dir.file("centre.json");
  std::ofstream(file) << "{\n  \"rating_levels\": 3,\n  \"unit\": {\"name\": \"Sở\" \"x\"}\n}\n";
  const auto r = server_with({"--config", file, "--db", dir.file("motcua.db")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.errors, "motcua-server: " + file + ":3:25: not valid JSON: syntax error\n");
  EXPECT_FALSE(std::filesystem::exists(dir.file("motcua.db")));

  std::ofstream(file) << R"({"rating_levels": 4})";
  const auto demo = server_with({"--demo", "--config", file, "--db", dir.file("motcua.db")});
  EXPECT_EQ(demo.exit_code, 1);
  EXPECT_EQ(demo.errors,
            "motcua-server: " + file + ": config (top): rating_levels: expected 3 or 5\n");
}

}  // namespace
}  // namespace motcua::testing
