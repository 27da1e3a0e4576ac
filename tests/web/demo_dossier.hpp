// The demo dossier the web tests render: a monthly social allowance whose
// result is ready, with a three-step history, all in Vietnamese with
// diacritics. Times are in Vietnam (UTC+7).
#pragma once

#include "server/web/status_page.hpp"

namespace motcua::web::test_data {

inline public_dossier demo_dossier() {
  using namespace std::chrono;
  const business_zone vietnam{};
  public_dossier d;
  d.code = "000.00.00.H99-261127-0003";
  d.procedure = "Trợ cấp xã hội hằng tháng";
  d.procedure_en = "Monthly social allowance";
  d.status = "result_ready";
  d.received_at = vietnam.at(2026y / November / 27d, 8h + 5min);
  d.due_at = vietnam.at(2026y / December / 11d, 17h);
  d.history = {
      {"Tiếp nhận hồ sơ", d.received_at},
      {"Phòng Bảo trợ xã hội thẩm định", vietnam.at(2026y / November / 30d, 9h + 30min)},
      {"Có kết quả, chuyển Bộ phận Một cửa", vietnam.at(2026y / December / 9d, 15h + 45min)},
  };
  return d;
}

}  // namespace motcua::web::test_data
