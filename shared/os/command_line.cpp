#include "shared/os/command_line.hpp"

#include <algorithm>
#include <iostream>
#include <string>

namespace motcua::os {

void standard_flags(CLI::App& app) {
  app.set_version_flag("--version", std::string(MOTCUA_VERSION));
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

namespace {

template <class Parse>
std::optional<int> parsed(CLI::App& app, Parse parse) {
  try {
    parse();
    return std::nullopt;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(app, e.what());
  }
}

}  // namespace

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  return parsed(app, [&] { app.parse(argc, argv); });
}

std::optional<int> parse_command_line(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  return parsed(app, [&] { app.parse(args); });
}

int usage_error(const CLI::App& app, const std::string& what) {
  std::cerr << app.get_name() << ": " << what << "\n(" << app.get_name()
            << " --help lists the options)\n";
  return 2;
}

}  // namespace motcua::os
