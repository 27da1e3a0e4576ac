// What a GUI program writes to standard error about its link to the server, for the device's
// log (journalctl, a terminal): one line each time the link's state or its reason changes, never
// one per retry. A person at the screen sees the same states (the offline banner, a refused
// token, the login screen's message); whoever reads the log learns them from these lines.
//
//   motcua-kiosk: cannot reach ws://127.0.0.1:8080/ws (Connection refused); retrying
//   motcua-kiosk: connected to ws://127.0.0.1:8080/ws
//   motcua-kiosk: ws://127.0.0.1:8080/ws refused the credentials (Mã thiết bị không hợp lệ.); not
//   retrying
//
// `connecting` says nothing (it comes before every attempt). Plain C++; not thread-safe: the
// UI thread owns it.
#pragma once

#include <optional>
#include <string>

#include "shared/client/live_link.hpp"

namespace motcua::client {

class link_report {
 public:
  // `program` starts each line ("motcua-kiosk"); `address` is the server as given.
  link_report(std::string program, std::string address);

  // The line `item` calls for (without a newline), or none: not a status, `connecting`, or the
  // state and reason last told.
  std::optional<std::string> line(const inbox_item& item);
  // line(), written to standard error.
  void write(const inbox_item& item);

 private:
  const std::string program_;
  const std::string address_;
  std::optional<link_status> told_;  // the last status a line was written for (retry_in 0)
};

}  // namespace motcua::client
