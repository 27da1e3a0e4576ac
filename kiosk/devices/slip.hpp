// What a ticket slip says. Every field is display text prepared by the caller (Vietnamese,
// dates already written dd/mm/yyyy hh:mm); an empty field leaves its line out.
#pragma once

#include <string>

namespace motcua::devices {

struct slip {
  std::string centre;      // "Trung tâm Phục vụ hành chính công ..."
  std::string service;     // "Người có công"
  std::string number;      // "A012"
  std::string issued_at;   // "28/11/2026 09:15"
  std::string ahead;       // "5" (people ahead)
  std::string eta;         // "khoảng 15 phút"
  std::string qr_payload;  // what the QR code holds (the ticket's phone page); empty = no QR code
};

}  // namespace motcua::devices
