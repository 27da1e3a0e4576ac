#include "shared/os/command_line.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>

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

namespace {

// "AsepB" as two whole numbers within [low, high]; false when it is not.
bool parse_pair(std::string_view text, char separator, int low, int high, int& a, int& b) {
  const auto at = text.find(separator);
  if (at == std::string_view::npos) return false;
  auto number = [low, high](std::string_view s, int& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= low && out <= high;
  };
  return number(text.substr(0, at), a) && number(text.substr(at + 1), b);
}

constexpr int min_width = 320, min_height = 240, max_side = 16384, max_coordinate = 32767;

}  // namespace

std::optional<std::pair<std::string, std::string>> split_listen(const std::string& value) {
  auto colon = value.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  auto host = value.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::pair{host, value.substr(colon + 1)};
}

void listen_flag(CLI::App& app, std::string& into) {
  // Empty when `value` is HOST:PORT, else what is wrong.
  auto check = [](const std::string& value) -> std::string {
    auto parts = split_listen(value);
    if (!parts) return "give HOST:PORT, e.g. 127.0.0.1:8080";
    const auto& [host, port] = *parts;
    boost::system::error_code ec;
    boost::asio::ip::make_address(host, ec);
    if (ec) return "'" + host + "' is not an IP address (e.g. 127.0.0.1, 0.0.0.0 or [::1])";
    int number = 0;
    const auto [end, failed] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (port.empty() || port.size() > 5 || failed != std::errc() ||
        end != port.data() + port.size() || number < 0 || number > 65535)
      return "'" + port + "' is not a port (0-65535; 0 picks a free one)";
    return "";
  };
  app.add_option("--listen", into, "address to serve, HOST:PORT (port 0 picks a free one)")
      ->type_name("HOST:PORT")
      ->check(CLI::Validator(check, "", "listen"))
      ->capture_default_str();
}

void window_flags(CLI::App& app, window_geometry& into, const std::string& default_size) {
  app.add_option_function<std::string>(
         "--size",
         [&into](const std::string& v) {
           parse_pair(v, 'x', 0, max_side, into.width, into.height);
         },
         "window size (default " + default_size + ")")
      ->type_name("WxH")
      ->check(CLI::Validator(
          [](const std::string& v) {
            int width = 0, height = 0;
            return parse_pair(v, 'x', 0, max_side, width, height) && width >= min_width &&
                           height >= min_height
                       ? std::string()
                       : "'" + v + "' is not WxH, from 320x240 to 16384x16384";
          },
          "", "size"));
  app.add_option_function<std::string>(
         "--position",
         [&into](const std::string& v) {
           window_geometry::point p;
           parse_pair(v, ',', 0, max_coordinate, p.x, p.y);
           into.position = p;
         },
         "the window's top-left corner on the screen (default: where the window manager puts it)")
      ->type_name("X,Y")
      ->check(CLI::Validator(
          [](const std::string& v) {
            int x = 0, y = 0;
            return parse_pair(v, ',', 0, max_coordinate, x, y)
                       ? std::string()
                       : "'" + v + "' is not X,Y, two whole numbers from 0 to 32767";
          },
          "", "position"));
}

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
