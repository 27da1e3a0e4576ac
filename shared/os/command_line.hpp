// The programs' command lines, one way (CLI11): --version, the last of a repeated flag counts,
// --help and --version print and give 0, a usage error is one line naming the flag and gives 2.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace motcua::os {

// What every program's command line has: --version (the project's), and a flag given twice
// taken from its last occurrence (a script may override what it passed before). Call before
// adding the program's own options.
void standard_flags(CLI::App& app);

// A window's size and place on the screen, from --size WxH and --position X,Y.
struct window_geometry {
  int width = 0;  // 0: the program's default size
  int height = 0;
  struct point {
    int x = 0;
    int y = 0;
  };
  std::optional<point> position;  // none: where the window manager puts it
};

// Adds --size WxH (320x240 to 16384x16384; `default_size` for --help) and --position X,Y (the
// top-left corner, 0 to 32767 each) to `app`, both checked while parsing, written into `into`.
void window_flags(CLI::App& app, window_geometry& into, const std::string& default_size);

// Adds --listen HOST:PORT (HOST an IP address, v4 or v6 in brackets; PORT 0-65535, 0 picking a
// free one), checked while parsing, written into `into` (whose value is the default).
void listen_flag(CLI::App& app, std::string& into);
// --listen's value as host and port (a v6 host without its brackets); none without a colon.
std::optional<std::pair<std::string, std::string>> split_listen(const std::string& value);

// Parses argv. None: go on. Else the exit code, the output written: 0 after --help or
// --version; 2 after a usage error, told on standard error as "<name>: <what>" and a pointer to
// --help.
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv);
// The same for arguments already gathered (without the program's name), in order.
std::optional<int> parse_command_line(CLI::App& app, std::vector<std::string> args);
// A usage error found after parsing (two flags that go together): told as above; gives 2.
int usage_error(const CLI::App& app, const std::string& what);

}  // namespace motcua::os
