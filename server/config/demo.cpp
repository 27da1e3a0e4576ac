// The built-in demo centre: the one-stop desk of a Department of Labour,
// Invalids and Social Affairs (PROTOCOL.md "Demo mode", DOMAIN.md 2 and 11).
// The accounts' password is "demo"; the hashes are Argon2id as in real use.
#include "config/config.hpp"

namespace motcua::config {

const std::string& demo_json() {
  static const std::string text = R"json({
  "time_zone": "Asia/Ho_Chi_Minh",
  "always_open": true,
  "hours": [
    {"weekdays": [1, 2, 3, 4, 5], "from": "07:00", "to": "11:30"},
    {"weekdays": [1, 2, 3, 4, 5], "from": "13:30", "to": "17:00"}
  ],
  "closed_dates": [],
  "max_recalls": 3,
  "eta_samples": 20,
  "session_hours": 12,
  "services": [
    {"id": 1, "code": "NCC", "prefix": "A", "name": "Người có công",
     "name_en": "People with meritorious services",
     "daily_limit": 300, "max_wait_minutes": 30, "max_service_minutes": 20,
     "expected_service_minutes": 12},
    {"id": 2, "code": "BTXH", "prefix": "B", "name": "Bảo trợ xã hội",
     "name_en": "Social protection",
     "daily_limit": 300, "max_wait_minutes": 30, "max_service_minutes": 15,
     "expected_service_minutes": 10},
    {"id": 3, "code": "LDVL", "prefix": "C", "name": "Lao động – Việc làm",
     "name_en": "Labour and employment",
     "daily_limit": 300, "max_wait_minutes": 30, "max_service_minutes": 20,
     "expected_service_minutes": 12},
    {"id": 4, "code": "TKQ", "prefix": "D", "name": "Trả kết quả",
     "name_en": "Results return",
     "daily_limit": 500, "max_wait_minutes": 15, "max_service_minutes": 5,
     "expected_service_minutes": 4}
  ],
  "counters": [
    {"id": 1, "name": "Quầy 1", "name_en": "Counter 1", "services": [1]},
    {"id": 2, "name": "Quầy 2", "name_en": "Counter 2", "services": [1, 2]},
    {"id": 3, "name": "Quầy 3", "name_en": "Counter 3", "services": [2]},
    {"id": 4, "name": "Quầy 4", "name_en": "Counter 4", "services": [3]},
    {"id": 5, "name": "Quầy 5", "name_en": "Counter 5", "services": [3, 1]},
    {"id": 6, "name": "Quầy 6", "name_en": "Counter 6", "services": [4]}
  ],
  "accounts": [
    {"username": "clerk1", "display_name": "Nguyễn Thị Lan", "role": "clerk",
     "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$PBnmrzEP+eFBSCGijB67+A$d6yaBTUKT/RIoQ6o9QywiX+lywVRf67isEvWJdbDlUY"},
    {"username": "clerk2", "display_name": "Trần Văn Minh", "role": "clerk",
     "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$PBnmrzEP+eFBSCGijB67+A$d6yaBTUKT/RIoQ6o9QywiX+lywVRf67isEvWJdbDlUY"},
    {"username": "clerk3", "display_name": "Lê Thị Hoa", "role": "clerk",
     "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$PBnmrzEP+eFBSCGijB67+A$d6yaBTUKT/RIoQ6o9QywiX+lywVRf67isEvWJdbDlUY"},
    {"username": "manager", "display_name": "Phạm Quốc Hùng", "role": "manager",
     "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$PBnmrzEP+eFBSCGijB67+A$d6yaBTUKT/RIoQ6o9QywiX+lywVRf67isEvWJdbDlUY"}
  ],
  "devices": [
    {"name": "demo-kiosk", "role": "kiosk",
     "token_sha256": "49d6cc27f1e3b72fb829ac8ec864fc2045e8684b5bfb2b46b0a922330c84d6ea"},
    {"name": "demo-display", "role": "display",
     "token_sha256": "6cc97a80c30d86eb42c2a012c44ef05cbf494dfbee0c6f18b471ecd83fc041f2"}
  ],
  "limits": {
    "max_connections": 4096,
    "messages_per_second": 20,
    "message_burst": 40,
    "strikes_before_disconnect": 20,
    "outgoing_queue_messages": 1024,
    "idle_timeout_seconds": 60,
    "concurrent_password_hashes": 2,
    "pending_password_hashes": 64
  }
})json";
  return text;
}

}  // namespace motcua::config
