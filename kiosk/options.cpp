#include "kiosk/options.hpp"

#include <fstream>
#include <limits>

#include "shared/os/command_line.hpp"

namespace motcua::kiosk {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// A config file's lines "name = value" (the flags without "--"; "mute = true" for a switch;
// '#' starts a comment) as flags.
std::variant<std::vector<std::string>, std::string> read_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "cannot read the config file " + path;
  std::vector<std::string> args;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    const auto equals = line.find('=');
    if (equals == std::string::npos)
      return path + ":" + std::to_string(number) + ": expected name = value";
    const std::string name = trim(line.substr(0, equals));
    const std::string value = trim(line.substr(equals + 1));
    args.push_back("--" + name);
    if (name != "mute" && name != "fullscreen")
      args.push_back(value);
    else if (value != "true")
      args.pop_back();
  }
  return args;
}

}  // namespace

std::variant<options, int> parse_options(const std::vector<std::string>& given) {
  CLI::App app{
      "motcua-kiosk: the hall screens of Một Cửa (ticket kiosk, display board, rating "
      "screen).",
      "motcua-kiosk"};
  os::standard_flags(app);
  // The file's flags go first, so the command line's win; its errors are usage errors too.
  std::vector<std::string> args;
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (given[i] != "--config") continue;
    if (i + 1 >= given.size()) return os::usage_error(app, "--config needs a value");
    auto config = read_config(given[i + 1]);
    if (auto* error = std::get_if<std::string>(&config))
      return os::usage_error(app, "--config: " + *error);
    const auto& from_file = std::get<std::vector<std::string>>(config);
    args.insert(args.end(), from_file.begin(), from_file.end());
  }
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (given[i] == "--config")
      ++i;
    else
      args.push_back(given[i]);
  }
  options o;
  std::string config_file;  // read above; listed here for --help
  app.add_option("--config", config_file,
                 "flags from a file, one \"name = value\" a line (token = ...); flags given on "
                 "the command line win")
      ->type_name("FILE");
  app.add_option("--server", o.server, "the server (wss://... for TLS)")
      ->type_name("URL")
      ->capture_default_str();
  app.add_option("--ca", o.ca,
                 "wss://: the centre's CA certificate (PEM) that the server's certificate must "
                 "come from (default: the system's trust store)")
      ->type_name("FILE");
  app.add_option("--token", o.token, "the device token (demo: demo-kiosk, demo-display)")
      ->type_name("TOKEN");
  std::string mode_name = "ticket";
  app.add_option("--mode", mode_name, "the ticket kiosk, the display board or the rating screen")
      ->check(CLI::IsMember({"ticket", "display", "rating"}))
      ->capture_default_str();
  app.add_option("--counter", o.counter, "rating: the counter this screen stands at")
      ->type_name("ID")
      ->check(CLI::Range(1, std::numeric_limits<int>::max()));
  app.add_option("--printer", o.printer,
                 "ticket: ESC/POS slips to a device (/dev/usb/lp0) or a file")
      ->type_name("PATH");
  std::string lang = "vi";
  app.add_option("--lang", lang, "the starting language")
      ->check(CLI::IsMember({"vi", "en"}))
      ->capture_default_str();
  app.add_flag("--mute", o.mute, "display: no announcements");
  app.add_option("--notice", o.notice, "display: the scrolling notice line")->type_name("TEXT");
  app.add_option("--centre", o.centre, "the centre's name on screens and slips")->type_name("NAME");
  app.add_flag("--fullscreen", o.fullscreen, "full screen on the primary monitor");
  os::window_flags(app, o.window, "1920x1080; rating 1280x800");
  app.add_option("--screenshot", o.screenshot, "draw the screen once ready, save it as PNG, exit")
      ->type_name("FILE");
  app.add_option("--fake-state", o.fake_state, "show a canned state (JSON) instead of connecting")
      ->type_name("FILE");
  app.add_option("--tap", o.taps,
                 "a scripted tap once connected (repeatable): service:ID, priority:NAME, "
                 "lookup, check_in, keys:TEXT, enter, offer, language, home, rate:LEVEL")
      ->type_name("TAP")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  if (auto done = os::parse_command_line(app, args)) return *done;
  o.mode = mode_name == "display"  ? mode::display
           : mode_name == "rating" ? mode::rating
                                   : mode::ticket;
  o.lang = *domain::parse_lang(lang);
  if (o.mode == mode::rating && !o.counter)
    return os::usage_error(app, "--mode rating needs --counter ID");
  if (o.token.empty() && !o.fake_state)
    return os::usage_error(app, "--token is required (or --fake-state FILE)");
  if (o.window.width == 0) {
    o.window.width = o.mode == mode::rating ? 1280 : 1920;
    o.window.height = o.mode == mode::rating ? 800 : 1080;
  }
  return o;
}

}  // namespace motcua::kiosk
