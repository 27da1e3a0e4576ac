// The server's log: spdlog to standard error, one line per event with its level. Never a name,
// ID number, phone number, password or token in a line: log what happened, to which connection
// (its number and address), and at which step.
//
// Network failures come in floods (a scan, a storm of resets, running out of descriptors), so
// they go through `throttled`: each key is written at most once per interval, and the next line
// of that key says how many were held back, so that no flood can fill a disk.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace motcua::log {

// Sets up the default logger ("motcua-server", standard error) at `level`: "trace", "debug",
// "info" (default), "warn", "error", "critical" or "off". Throws std::runtime_error for any
// other word.
void init(std::string_view level = "info");

// Writes `message` at `level` unless a line with the same `key` was written less than
// `interval` ago; then only counts it. Thread-safe.
void throttled(spdlog::level::level_enum level, std::string_view key, std::string_view message,
               std::chrono::steady_clock::duration interval = std::chrono::seconds(10));

}  // namespace motcua::log
