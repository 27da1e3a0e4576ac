// The command line of motcua-kiosk (motcua-kiosk --help).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "shared/domain/language.hpp"
#include "shared/os/command_line.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::kiosk {

enum class mode { ticket, display, rating };

struct options {
  kiosk::mode mode = mode::ticket;
  std::string server = "ws://127.0.0.1:8080/ws";
  std::string token;  // device token (required with a server)
  std::string ca;     // wss://: the CA file to trust (empty: the system's)
  std::optional<protocol::counter_id> counter;  // rating mode
  std::optional<std::string> printer;           // device or file for ESC/POS slips
  domain::lang lang = domain::lang::vi;
  bool mute = false;
  std::string notice;  // display board's scrolling line
  std::string centre = "Trung tâm Phục vụ hành chính công";
  bool fullscreen = false;
  os::window_geometry window;  // after parsing, the size is set (the mode's default)
  std::optional<std::string> screenshot;
  std::optional<std::string> fake_state;
  std::vector<std::string> taps;  // scripted taps (model/scripted_taps.hpp)
};

// The options (CLI11; --config's file first, so the command line wins), or the exit code once
// it is all said: 0 after --help or --version, 2 after a usage error (one line naming the flag).
std::variant<options, int> parse_options(const std::vector<std::string>& args);

}  // namespace motcua::kiosk
