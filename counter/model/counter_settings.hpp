// The clerk's choice of counter and services, remembered between runs in a small text file:
// $XDG_CONFIG_HOME/motcua/counter.conf, or ~/.config/motcua/counter.conf. Lines `key=value`:
// `counter=3`, `services=1,2`, `lang=vi`; unknown lines are ignored.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "shared/protocol/messages.hpp"

namespace motcua::counter {

struct counter_settings {
  std::optional<protocol::counter_id> counter;
  std::vector<protocol::service_id> services;
  std::string lang = "vi";

  bool operator==(const counter_settings&) const = default;

  // The defaults when the file is missing or unreadable.
  static counter_settings load(const std::filesystem::path& file);
  // Creates the folder when needed; false when the file cannot be written.
  bool save(const std::filesystem::path& file) const;
};

// Where the settings live, from the environment (XDG_CONFIG_HOME, then HOME); nothing when
// neither is set.
std::optional<std::filesystem::path> default_settings_path();

}  // namespace motcua::counter
