// Prints ticket slips off the UI thread: ESC/POS bytes (devices/escpos.hpp) written to the
// configured printer device or file by a worker, so that a stalled printer never freezes the
// screen. The last error, if any, is picked up by the UI with take_error().
// Threading: print() and take_error() on the UI thread; the destructor waits for the writes.
#pragma once

#include <future>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/devices/slip.hpp"

namespace motcua::kiosk {

class slip_printer {
 public:
  explicit slip_printer(std::string path) : path_(std::move(path)) {}

  void print(const devices::slip& s);
  // The error text (Vietnamese) of a finished write that failed, once.
  std::optional<std::string> take_error();

 private:
  std::string path_;
  std::vector<std::future<std::optional<std::string>>> writes_;
};

}  // namespace motcua::kiosk
