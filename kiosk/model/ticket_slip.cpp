#include "kiosk/model/ticket_slip.hpp"

#include "kiosk/model/wording.hpp"

namespace motcua::kiosk {

namespace {

// What follows the slip's "Thời gian chờ dự kiến: " (the screen's eta_text says "Chờ" itself).
std::string slip_eta(int minutes) {
  return minutes > 0 ? "khoảng " + std::to_string(minutes) + " phút" : "không phải chờ";
}

}  // namespace

devices::slip ticket_slip(const protocol::ticket_result& issued,
                          const protocol::service_view* service, const std::string& centre) {
  const protocol::ticket& t = issued.ticket;
  return devices::slip{centre,
                       service ? service->name : "",
                       t.number,
                       hh_mm_text(t.issued_at) + " " + ddmmyyyy_text(t.issued_at),
                       std::to_string(issued.ahead.value_or(0)),
                       slip_eta(issued.eta_minutes.value_or(0)),
                       t.public_url.value_or("")};
}

}  // namespace motcua::kiosk
