#include "counter/model/counter_settings.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace motcua::counter {
namespace {

std::optional<std::int64_t> number(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace

counter_settings counter_settings::load(const std::filesystem::path& file) {
  counter_settings out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "counter") {
      out.counter = number(value);
    } else if (key == "services") {
      std::stringstream items(value);
      std::string item;
      while (std::getline(items, item, ','))
        if (auto id = number(item)) out.services.push_back(*id);
    } else if (key == "lang" && (value == "vi" || value == "en")) {
      out.lang = value;
    }
  }
  return out;
}

bool counter_settings::save(const std::filesystem::path& file) const {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::ofstream out(file, std::ios::trunc);
  if (counter) out << "counter=" << *counter << "\n";
  out << "services=";
  for (std::size_t i = 0; i < services.size(); ++i) out << (i ? "," : "") << services[i];
  out << "\nlang=" << lang << "\n";
  return static_cast<bool>(out.flush());
}

std::optional<std::filesystem::path> default_settings_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "motcua" / "counter.conf";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".config" / "motcua" / "counter.conf";
  return std::nullopt;
}

}  // namespace motcua::counter
