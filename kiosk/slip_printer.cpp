#include "kiosk/slip_printer.hpp"

#include "kiosk/devices/escpos.hpp"

namespace motcua::kiosk {

void slip_printer::print(const devices::slip& s) {
  writes_.push_back(std::async(std::launch::async, [path = path_, s] {
    try {
      return devices::write_to_printer(path, devices::render_slip(s));
    } catch (const std::exception& e) {
      return std::optional<std::string>(std::string("Không in được phiếu: ") + e.what());
    }
  }));
}

std::optional<std::string> slip_printer::take_error() {
  std::optional<std::string> error;
  std::erase_if(writes_, [&](auto& w) {
    if (w.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    if (auto e = w.get()) error = std::move(e);
    return true;
  });
  return error;
}

}  // namespace motcua::kiosk
