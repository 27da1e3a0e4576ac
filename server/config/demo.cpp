// The built-in demo centre: the one-stop desk of a Department of Labour,
// Invalids and Social Affairs (docs/protocol.md "Demo mode", docs/domain.md "Demo catalogue").
// The accounts' password is "demo"; the hashes are Argon2id as in real use.
#include "server/config/config.hpp"

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
     "expected_service_minutes": 12,
     "booking": {"slot_minutes": 15, "walk_in_share": 0.5, "days_ahead": 10, "cutoff": "16:00",
                 "check_in_from_minutes": 30, "check_in_until_minutes": 10,
                 "max_active_per_phone": 1}},
    {"id": 2, "code": "BTXH", "prefix": "B", "name": "Bảo trợ xã hội",
     "name_en": "Social protection",
     "daily_limit": 300, "max_wait_minutes": 30, "max_service_minutes": 15,
     "expected_service_minutes": 10},
    {"id": 3, "code": "LDVL", "prefix": "C", "name": "Lao động – Việc làm",
     "name_en": "Labour and employment",
     "daily_limit": 300, "max_wait_minutes": 30, "max_service_minutes": 20,
     "expected_service_minutes": 12,
     "booking": {"slot_minutes": 20, "places_per_slot": 2, "walk_in_share": 0.5,
                 "hours": "07:30-11:00,13:30-16:30"}},
    {"id": 4, "code": "TKQ", "prefix": "D", "name": "Trả kết quả",
     "name_en": "Results return",
     "daily_limit": 500, "max_wait_minutes": 15, "max_service_minutes": 5,
     "expected_service_minutes": 4}
  ],
  "results_service": 4,
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
  "unit": {
    "code": "000.00.00.H99",
    "name": "Bộ phận Một cửa – Sở Nội vụ (dữ liệu mẫu)",
    "place": "Đà Nẵng",
    "form_set": "2025",
    "public_url": "http://127.0.0.1:8080/tra-cuu/"
  },
  "office_hours": "07:00-11:30,13:30-17:00",
  "calendar": {
    "weekly_days_off": [6, 7],
    "days_before_tet": 1,
    "days_from_tet": 4,
    "entries": [
      {"date": "2026-01-02", "kind": "compensatory_day_off"},
      {"date": "2026-01-10", "kind": "make_up_working_day"}
    ]
  },
  "rating_levels": 3,
  "procedures": [
    {"id": 1, "code": "DEMO.LD.01", "service": 3,
     "name": "Cấp giấy phép lao động cho người lao động nước ngoài",
     "name_en": "Work permit for a foreign worker",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 10, "unit": "working_days", "cutoff": "15:00"},
       "fee": 600000,
       "documents": [
         {"name": "Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động"},
         {"name": "Văn bản giải trình nhu cầu sử dụng người lao động nước ngoài"},
         {"name": "Giấy chứng nhận sức khỏe"},
         {"name": "Bản sao hộ chiếu có chứng thực"},
         {"name": "Phiếu lý lịch tư pháp"},
         {"name": "Văn bằng hoặc giấy tờ chứng minh kinh nghiệm"},
         {"name": "02 ảnh màu 4x6"}],
       "steps": [
         {"name": "Tiếp nhận hồ sơ", "name_en": "Reception", "department": "Bộ phận Một cửa", "amount": 4, "unit": "hours"},
         {"name": "Thẩm định hồ sơ", "name_en": "Review", "department": "Phòng Lao động – Việc làm", "amount": 7, "unit": "working_days"},
         {"name": "Ký duyệt", "name_en": "Signature", "department": "Lãnh đạo Sở", "amount": 2, "unit": "working_days"},
         {"name": "Trả kết quả", "name_en": "Results return", "department": "Bộ phận Một cửa", "amount": 4, "unit": "hours"}],
       "result_options": ["Tại Bộ phận Một cửa", "Qua dịch vụ bưu chính"]}]},
    {"id": 2, "code": "DEMO.LD.02", "service": 3,
     "name": "Đăng ký nội quy lao động",
     "name_en": "Registering internal labour regulations",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 7, "unit": "working_days"},
       "documents": [
         {"name": "Văn bản đề nghị đăng ký nội quy lao động"},
         {"name": "Nội quy lao động"},
         {"name": "Biên bản góp ý của tổ chức đại diện người lao động"}],
       "steps": [
         {"name": "Tiếp nhận hồ sơ", "name_en": "Reception", "department": "Bộ phận Một cửa", "amount": 4, "unit": "hours"},
         {"name": "Thẩm định hồ sơ", "name_en": "Review", "department": "Phòng Lao động – Việc làm", "amount": 5, "unit": "working_days"},
         {"name": "Ký duyệt", "name_en": "Signature", "department": "Lãnh đạo Sở", "amount": 1, "unit": "working_days"},
         {"name": "Trả kết quả", "name_en": "Results return", "department": "Bộ phận Một cửa", "amount": 4, "unit": "hours"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]},
    {"id": 3, "code": "DEMO.LD.03", "service": 3,
     "name": "Giải quyết hưởng trợ cấp thất nghiệp",
     "name_en": "Unemployment benefit",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 20, "unit": "working_days"},
       "documents": [
         {"name": "Đề nghị hưởng trợ cấp thất nghiệp"},
         {"name": "Bản sao quyết định chấm dứt hợp đồng lao động"},
         {"name": "Sổ bảo hiểm xã hội"}],
       "steps": [
         {"name": "Tiếp nhận hồ sơ", "name_en": "Reception", "department": "Bộ phận Một cửa", "amount": 1, "unit": "working_days"},
         {"name": "Thẩm định hồ sơ", "name_en": "Review", "department": "Trung tâm Dịch vụ việc làm", "amount": 15, "unit": "working_days"},
         {"name": "Ký duyệt", "name_en": "Signature", "department": "Lãnh đạo Sở", "amount": 3, "unit": "working_days"},
         {"name": "Trả kết quả", "name_en": "Results return", "department": "Bộ phận Một cửa", "amount": 1, "unit": "working_days"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]},
    {"id": 4, "code": "DEMO.BTXH.01", "service": 2,
     "name": "Trợ cấp xã hội hằng tháng",
     "name_en": "Monthly social allowance",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 17, "unit": "calendar_days"},
       "documents": [
         {"name": "Tờ khai đề nghị trợ giúp xã hội"},
         {"name": "Bản sao giấy tờ tùy thân"},
         {"name": "Giấy khai sinh hoặc giấy xác nhận khuyết tật", "required": false}],
       "steps": [
         {"name": "Tiếp nhận và niêm yết", "name_en": "Reception and posting", "department": "UBND xã", "amount": 7, "unit": "calendar_days"},
         {"name": "Thẩm định và quyết định", "name_en": "Review and decision", "department": "Phòng Bảo trợ xã hội", "amount": 10, "unit": "calendar_days"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]},
    {"id": 5, "code": "DEMO.BTXH.02", "service": 2,
     "name": "Trợ cấp xã hội khi thay đổi nơi cư trú",
     "name_en": "Social allowance after moving residence",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 6, "unit": "working_days"},
       "documents": [{"name": "Văn bản đề nghị"}],
       "steps": [
         {"name": "Tiếp nhận hồ sơ", "name_en": "Reception", "department": "Bộ phận Một cửa", "amount": 1, "unit": "working_days"},
         {"name": "Thẩm định hồ sơ", "name_en": "Review", "department": "Phòng Bảo trợ xã hội", "amount": 3, "unit": "working_days"},
         {"name": "Ký duyệt", "name_en": "Signature", "department": "Lãnh đạo Sở", "amount": 1, "unit": "working_days"},
         {"name": "Trả kết quả", "name_en": "Results return", "department": "Bộ phận Một cửa", "amount": 1, "unit": "working_days"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]},
    {"id": 6, "code": "DEMO.NCC.01", "service": 1,
     "name": "Trợ cấp thờ cúng liệt sĩ",
     "name_en": "Martyr-worship allowance",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 18, "unit": "calendar_days"},
       "documents": [
         {"name": "Đơn đề nghị"},
         {"name": "Văn bản ủy quyền của thân nhân liệt sĩ"},
         {"name": "Bản sao Bằng “Tổ quốc ghi công”"}],
       "steps": [
         {"name": "Xác nhận của UBND xã", "name_en": "Commune confirmation", "department": "UBND xã", "amount": 3, "unit": "calendar_days"},
         {"name": "Thẩm định hồ sơ", "name_en": "Review", "department": "Phòng Người có công", "amount": 5, "unit": "calendar_days"},
         {"name": "Quyết định", "name_en": "Decision", "department": "Lãnh đạo Sở", "amount": 10, "unit": "calendar_days"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]},
    {"id": 7, "code": "DEMO.NCC.02", "service": 1,
     "name": "Trợ cấp ưu đãi đối với thân nhân liệt sĩ",
     "name_en": "Preferential allowance for martyrs' relatives",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 20, "unit": "calendar_days"},
       "documents": [
         {"name": "Bản khai có xác nhận của UBND xã"},
         {"name": "Bản sao Bằng “Tổ quốc ghi công”"}],
       "steps": [
         {"name": "Xác nhận của UBND xã", "name_en": "Commune confirmation", "department": "UBND xã", "amount": 5, "unit": "calendar_days"},
         {"name": "Thẩm định hồ sơ", "name_en": "Review", "department": "Phòng Người có công", "amount": 10, "unit": "calendar_days"},
         {"name": "Quyết định", "name_en": "Decision", "department": "Lãnh đạo Sở", "amount": 5, "unit": "calendar_days"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]},
    {"id": 8, "code": "DEMO.NCC.03", "service": 1,
     "name": "Thay đổi người thờ cúng liệt sĩ",
     "name_en": "Change of the person who worships a martyr",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 12, "unit": "calendar_days"},
       "documents": [
         {"name": "Đơn đề nghị"},
         {"name": "Văn bản ủy quyền"},
         {"name": "Bản sao Bằng “Tổ quốc ghi công”"}],
       "steps": [
         {"name": "Xác nhận của UBND xã", "name_en": "Commune confirmation", "department": "UBND xã", "amount": 5, "unit": "calendar_days"},
         {"name": "Thẩm định và quyết định", "name_en": "Review and decision", "department": "Phòng Người có công", "amount": 7, "unit": "calendar_days"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]},
    {"id": 9, "code": "DEMO.NCC.04", "service": 1,
     "name": "Hỗ trợ thăm viếng mộ liệt sĩ",
     "name_en": "Support for visiting a martyr's grave",
     "versions": [{"effective_from": "2025-07-01",
       "legal_time": {"amount": 5, "unit": "working_days"},
       "documents": [{"name": "Đơn đề nghị"}],
       "steps": [
         {"name": "Xác nhận của UBND xã", "name_en": "Commune confirmation", "department": "UBND xã", "amount": 3, "unit": "working_days"},
         {"name": "Quyết định hỗ trợ", "name_en": "Decision", "department": "Phòng Người có công", "amount": 2, "unit": "working_days"}],
       "result_options": ["Tại Bộ phận Một cửa"]}]}
  ],
  "limits": {
    "max_connections": 4096,
    "max_unauthenticated": 512,
    "max_unauthenticated_per_address": 64,
    "max_ticket_followers": 5000,
    "max_ticket_followers_per_address": 256,
    "hello_timeout_seconds": 10,
    "close_timeout_seconds": 5,
    "messages_per_second": 20,
    "message_burst": 40,
    "strikes_before_disconnect": 20,
    "outgoing_queue_messages": 1024,
    "idle_timeout_seconds": 60,
    "concurrent_password_hashes": 2,
    "pending_password_hashes": 64,
    "http_requests_per_second": 10,
    "http_burst": 100,
    "lookups_per_minute": 12,
    "lookup_burst": 30,
    "lookup_miss_cost": 5,
    "rate_limit_addresses": 10000,
    "booking_writes_per_minute": 2,
    "booking_write_burst": 10,
    "bookings_per_phone_per_day": 4,
    "pending_password_hashes_per_address": 2,
    "login_free_failures": 5,
    "login_address_free_failures": 20,
    "login_backoff_base_seconds": 30,
    "login_backoff_max_seconds": 900,
    "login_tracked_entries": 4096
  },
  "allowed_origins": []
})json";
  return text;
}

}  // namespace motcua::config
