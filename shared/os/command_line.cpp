#include "shared/os/command_line.hpp"

#include <iostream>
#include <string>

namespace motcua::os {

void standard_flags(CLI::App& app) {
  app.set_version_flag("--version", std::string(MOTCUA_VERSION));
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << app.get_name() << ": " << e.what() << "\n(" << app.get_name()
              << " --help lists the options)\n";
    return 2;
  }
}

}  // namespace motcua::os
