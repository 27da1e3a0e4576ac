// What the slip of an issued ticket says (devices/slip.hpp), in Vietnamese as printed: the
// centre, the service, the number, when it was taken, the people ahead and the wait, and the QR
// code of the ticket's page for the citizen's phone when the server gave its address. Pure.
#pragma once

#include <string>

#include "kiosk/devices/slip.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::kiosk {

// `service` is the ticket's service as the kiosk knows it (null: the line is left out).
devices::slip ticket_slip(const protocol::ticket_result& issued,
                          const protocol::service_view* service, const std::string& centre);

}  // namespace motcua::kiosk
