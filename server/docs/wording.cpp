#include "server/docs/wording.hpp"

#include <cstdio>
#include <iterator>

#include "shared/domain/glossary.hpp"

namespace motcua::docs {

using namespace std::chrono;

namespace {

struct form_entry {
  int number_2018;  // 0: not in the set
  int number_2025;
  std::string_view title_2018;
  std::string_view title_2025;
};

// Indexed by form_kind. 2025 titles from the list of forms annexed to Circular 03/2025; where
// the printed title was not found, the 2018 one is kept.
constexpr form_entry entries[] = {
    {1, 1, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"},
    {2, 2, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"},
    {3, 3, "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
     "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ"},
    {4, 4, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
     "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"},
    {0, 5, "", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"},
    {5, 6, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
     "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"},
    {6, 7, "SỔ THEO DÕI HỒ SƠ", "SỔ THEO DÕI HỒ SƠ"},
};
static_assert(std::size(entries) == static_cast<std::size_t>(form_kind::tracking_book) + 1);

}  // namespace

std::optional<form_heading> heading_of(form_kind kind, form_set set) {
  const form_entry& e = entries[static_cast<std::size_t>(kind)];
  if (set == form_set::y2018) {
    if (e.number_2018 == 0) return std::nullopt;
    return form_heading{e.number_2018, e.title_2018};
  }
  return form_heading{e.number_2025, e.title_2025};
}

std::string form_label(int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "Mẫu số %02d", number);
  return buf;
}

std::string format_form_time(time_point t, const domain::business_zone& zone) {
  const year_month_day day = zone.day_of(t);
  const minutes tod = zone.time_of_day(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02d giờ %02d phút, ngày %s", static_cast<int>(tod.count() / 60),
                static_cast<int>(tod.count() % 60), domain::format_ddmmyyyy(day).c_str());
  return buf;
}

std::string format_place_date(std::string_view place, year_month_day day) {
  const unsigned d = static_cast<unsigned>(day.day());
  const unsigned m = static_cast<unsigned>(day.month());
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02u tháng %s%u năm %d", d, m <= 2 ? "0" : "", m,
                static_cast<int>(day.year()));
  if (place.empty()) return std::string("Ngày ") + buf;
  return std::string(place) + ", ngày " + buf;
}

std::string_view step_result_label(step_result result) {
  switch (result) {
    case step_result::early:
      return domain::glossary::early.vi;
    case step_result::on_time:
      return domain::glossary::on_time.vi;
    case step_result::late:
      return domain::glossary::late.vi;
  }
  return "";
}

}  // namespace motcua::docs
