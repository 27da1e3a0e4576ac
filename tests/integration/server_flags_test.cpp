// motcua-server's command line as a newcomer meets it (CLI11): --help and --version exit 0; a
// bad value or an unknown flag is one line naming the flag and exit 2, nothing started; a
// failure at start (the port taken) names the address and exits 1. --check-config says whether a
// configuration would start, in one line, without opening the database or a port.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/integration/server_test.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

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
                           "--tls-cert", "--verify-audit", "--check-config", "--version"})
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

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(server_flags_test, CheckConfigSaysWhatAValidConfigurationHoldsAndOpensNothing) {
  temp_dir dir;
  const auto config = dir.file("centre.json");
  write_file(config, server_with({"--print-demo-config"}).output);
  const auto db = dir.file("never.db");
  const auto r = server_with({"--check-config", "--config", config, "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(r.output, "configuration " + config + " is valid: 4 services, 6 counters\n");
  EXPECT_TRUE(r.errors.empty()) << r.errors;
  EXPECT_FALSE(std::filesystem::exists(db));
  const auto demo = server_with({"--check-config", "--demo", "--db", db});
  EXPECT_EQ(demo.output, "configuration (demo) is valid: 4 services, 6 counters\n");
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(server_flags_test, CheckConfigNamesTheFileAndWhatIsWrongInOneLineAndExitsOne) {
  temp_dir dir;
  const auto valid = server_with({"--print-demo-config"}).output;
  struct bad {
    std::string name;
    std::string text;                // none: the file is not written
    std::vector<std::string> flags;  // *.pem: missing files in the temporary directory
    std::string says;
  };
  const std::vector<bad> cases{
      {"missing.json", "", {}, "cannot read config file"},
      {"truncated.json", "{\"services\": [", {}, "not valid JSON"},
      {"no-code.json", R"({"services": [{"id": 1}]})", {}, "services[0].code"},
      {"no-key.json", valid, {"--tls-cert", "cert.pem", "--tls-key", "key.pem"}, "TLS"},
  };
  for (const auto& c : cases) {
    const auto config = dir.file(c.name);
    if (!c.text.empty()) write_file(config, c.text);
    std::vector<std::string> args{"--check-config", "--config", config};
    for (const auto& flag : c.flags) args.push_back(flag.ends_with(".pem") ? dir.file(flag) : flag);
    const auto r = server_with(args);
    EXPECT_EQ(r.exit_code, 1) << c.name;
    EXPECT_TRUE(r.output.empty()) << r.output;
    EXPECT_TRUE(r.errors.starts_with("motcua-server: configuration " + config + " is invalid: "))
        << r.errors;
    EXPECT_NE(r.errors.find(c.says), std::string::npos) << r.errors;
    EXPECT_EQ(r.errors.find('\n'), r.errors.size() - 1) << r.errors;  // one line
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
