#include "server/log/log.hpp"

#include <map>
#include <mutex>
#include <stdexcept>

#include <spdlog/sinks/stdout_sinks.h>

namespace motcua::log {

void init(std::string_view level) {
  auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off")
    throw std::runtime_error("unknown log level '" + std::string(level) + "'");
  auto logger = spdlog::stderr_logger_mt("motcua-server");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger->set_level(parsed);
  spdlog::set_default_logger(std::move(logger));
}

namespace {

struct throttle {
  std::chrono::steady_clock::time_point last{};
  long held_back = 0;
};

}  // namespace

void throttled(spdlog::level::level_enum level, std::string_view key, std::string_view message,
               std::chrono::steady_clock::duration interval) {
  static std::mutex mutex;
  static std::map<std::string, throttle, std::less<>> keys;
  auto now = std::chrono::steady_clock::now();
  long held_back = 0;
  {
    std::lock_guard lock(mutex);
    auto it = keys.find(key);
    if (it == keys.end()) it = keys.emplace(std::string(key), throttle{}).first;
    auto& t = it->second;
    if (t.last != std::chrono::steady_clock::time_point{} && now - t.last < interval) {
      ++t.held_back;
      return;
    }
    held_back = t.held_back;
    t = {now, 0};
  }
  if (held_back > 0)
    spdlog::log(level, "{} ({} more like it held back)", message, held_back);
  else
    spdlog::log(level, "{}", message);
}

}  // namespace motcua::log
