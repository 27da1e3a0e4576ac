#include "kiosk/options.hpp"

#include <charconv>
#include <fstream>

namespace motcua::kiosk {
namespace {

bool parse_int(const std::string& s, int& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool parse_size(const std::string& s, int& width, int& height) {
  const auto x = s.find('x');
  return x != std::string::npos && parse_int(s.substr(0, x), width) &&
         parse_int(s.substr(x + 1), height) && width >= 320 && height >= 240;
}

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

const char* usage() {
  return R"(motcua-kiosk: the hall screens of Một Cửa
  --server ws://HOST:PORT/ws   the server (default ws://127.0.0.1:8080/ws; wss://... for TLS)
  --ca FILE                    wss://: the centre's CA certificate (PEM) that the server's
                               certificate must come from (default: the system's trust store)
  --token TOKEN                the device token (demo: demo-kiosk, demo-display)
  --config FILE                flags from a file, one "name = value" a line (token = ...);
                               flags given on the command line win
  --mode ticket|display|rating the ticket kiosk (default), the display board, the rating screen
  --counter ID                 rating: the counter this screen stands at
  --printer PATH               ticket: ESC/POS slips to a device (/dev/usb/lp0) or a file
  --lang vi|en                 the starting language (default vi)
  --mute                       display: no announcements
  --notice TEXT                display: the scrolling notice line
  --centre NAME                the centre's name on screens and slips
  --fullscreen                 full screen on the primary monitor
  --size WxH                   window size (default 1920x1080; rating 1280x800)
  --screenshot FILE            draw the screen once ready, save it as PNG, exit
  --fake-state FILE            show a canned state (JSON) instead of connecting
  --tap TAP                    a scripted tap once connected (repeatable): service:ID,
                               priority:NAME, lookup, keys:TEXT, enter, offer, language, home,
                               rate:LEVEL
)";
}

std::variant<options, std::string> parse_options(const std::vector<std::string>& given) {
  std::vector<std::string> args;
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (given[i] != "--config") continue;
    if (i + 1 >= given.size()) return std::string("--config needs a value");
    auto config = read_config(given[i + 1]);
    if (auto* error = std::get_if<std::string>(&config)) return *error;
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
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    std::optional<std::string> v;
    const bool flag = a == "--mute" || a == "--fullscreen" || a == "--help";
    if (!flag && !(v = value())) return a + " needs a value";
    if (a == "--help") return std::string(usage());
    if (a == "--mute") {
      o.mute = true;
    } else if (a == "--fullscreen") {
      o.fullscreen = true;
    } else if (a == "--server") {
      o.server = *v;
    } else if (a == "--token") {
      o.token = *v;
    } else if (a == "--ca") {
      o.ca = *v;
    } else if (a == "--mode") {
      if (*v == "ticket")
        o.mode = mode::ticket;
      else if (*v == "display")
        o.mode = mode::display;
      else if (*v == "rating")
        o.mode = mode::rating;
      else
        return "--mode must be ticket, display or rating";
    } else if (a == "--counter") {
      int id = 0;
      if (!parse_int(*v, id) || id <= 0) return "--counter needs a counter id";
      o.counter = id;
    } else if (a == "--printer") {
      o.printer = *v;
    } else if (a == "--lang") {
      auto l = domain::parse_lang(*v);
      if (!l) return "--lang must be vi or en";
      o.lang = *l;
    } else if (a == "--notice") {
      o.notice = *v;
    } else if (a == "--centre") {
      o.centre = *v;
    } else if (a == "--size") {
      if (!parse_size(*v, o.width, o.height)) return "--size needs WxH, at least 320x240";
    } else if (a == "--screenshot") {
      o.screenshot = *v;
    } else if (a == "--fake-state") {
      o.fake_state = *v;
    } else if (a == "--tap") {
      o.taps.push_back(*v);
    } else {
      return "unknown option " + a;
    }
  }
  if (o.mode == mode::rating && !o.counter) return "--mode rating needs --counter ID";
  if (o.token.empty() && !o.fake_state) return "--token is required (or --fake-state FILE)";
  if (o.width == 0) {
    o.width = o.mode == mode::rating ? 1280 : 1920;
    o.height = o.mode == mode::rating ? 800 : 1080;
  }
  return o;
}

}  // namespace motcua::kiosk
