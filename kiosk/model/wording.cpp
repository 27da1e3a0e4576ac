#include "kiosk/model/wording.hpp"

#include <algorithm>
#include <array>

#include "shared/domain/dossier.hpp"

namespace motcua::kiosk {
namespace {

struct status_hint {
  std::string_view code;
  ui::text hint;
};

const std::array<status_hint, 8> status_hints{{
    {"received",
     {"Hồ sơ đang chờ chuyển đến bộ phận giải quyết.", "Waiting to be passed on for processing."}},
    {"processing",
     {"Chưa cần làm gì thêm. Mời quay lại vào ngày hẹn trả.",
      "Nothing to do yet. Please come back on the due date."}},
    {"supplement_requested",
     {"Mời lấy số để nộp bổ sung tại quầy tiếp nhận.",
      "Take a number to hand in the missing papers."}},
    {"result_ready",
     {"Mời lấy số để nhận kết quả tại quầy trả kết quả.", "Take a number to collect your result."}},
    {"returned", {"Hồ sơ đã hoàn thành.", "This dossier is complete."}},
    {"refused", {"Lý do ghi trong phiếu từ chối.", "The reasons are on the refusal notice."}},
    {"withdrawn", {"Hồ sơ đã được rút theo đề nghị.", "Withdrawn at the applicant's request."}},
    {"stopped", {"Lý do ghi trong thông báo dừng xử lý.", "The reasons are on the notice."}},
}};

}  // namespace

std::string ddmmyyyy_text(domain::time_point t, const domain::business_zone& zone) {
  return domain::format_ddmmyyyy(zone.day_of(t));
}

std::string ddmmyyyy_text(std::string_view iso, const domain::business_zone& zone) {
  const auto t = domain::parse_iso8601(iso);
  return t ? ddmmyyyy_text(*t, zone) : "";
}

std::string hh_mm_text(domain::time_point t, const domain::business_zone& zone) {
  return domain::format_hh_mm(zone.time_of_day(t));
}

std::string hh_mm_text(std::string_view iso, const domain::business_zone& zone) {
  const auto t = domain::parse_iso8601(iso);
  return t ? hh_mm_text(*t, zone) : "";
}

std::string waiting_text(ui::lang l, int waiting) {
  const std::string n = std::to_string(waiting);
  return l == ui::lang::en ? n + " waiting" : n + " người đang chờ";
}

std::string eta_text(ui::lang l, int minutes) {
  if (minutes <= 0) return l == ui::lang::en ? "No wait" : "Không phải chờ";
  const std::string n = std::to_string(minutes);
  return l == ui::lang::en ? "About " + n + " min wait" : "Chờ khoảng " + n + " phút";
}

std::string ahead_text(ui::lang l, int ahead) {
  const std::string n = std::to_string(ahead);
  if (l == ui::lang::en) return ahead == 1 ? "1 person ahead of you" : n + " people ahead of you";
  return "Trước quý vị: " + n + " người";
}

ui::text priority_name(domain::priority p) {
  switch (p) {
    case domain::priority::merit:
      return {"Người có công với cách mạng", "Person of merit (war veterans, families)"};
    case domain::priority::elderly:
      return {"Người cao tuổi", "Elderly person"};
    case domain::priority::disabled:
      return {"Người khuyết tật", "Person with a disability"};
    case domain::priority::pregnant:
      return {"Phụ nữ có thai", "Pregnant woman"};
    case domain::priority::child:
      return {"Người đi cùng con nhỏ", "With a small child"};
    case domain::priority::none:
      break;
  }
  return {"Không thuộc diện ưu tiên", "No priority"};
}

std::string dossier_status_label(ui::lang l, std::string_view status) {
  const auto s = domain::parse_dossier_status(status);
  return std::string(s ? domain::status_label(*s, l == ui::lang::en) : status);
}

ui::text dossier_status_hint(std::string_view status) {
  for (const auto& entry : status_hints)
    if (entry.code == status) return entry.hint;
  return {"", ""};
}

ui::text rating_word(int levels, int level) {
  static const ui::text five[] = {{"Rất không hài lòng", "Very dissatisfied"},
                                  {"Không hài lòng", "Dissatisfied"},
                                  {"Bình thường", "Neutral"},
                                  {"Hài lòng", "Satisfied"},
                                  {"Rất hài lòng", "Very satisfied"}};
  // Three levels: dissatisfied, neutral, satisfied (the middle three of five).
  if (levels == 3) return five[std::clamp(level, 1, 3)];
  return five[std::clamp(level, 1, 5) - 1];
}

std::string counter_label(ui::lang l, const std::string& name, int id) {
  if (l == ui::lang::en) return "Counter " + std::to_string(id);
  return name.empty() ? "Quầy " + std::to_string(id) : name;
}

}  // namespace motcua::kiosk
