#include "shared/domain/glossary.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace motcua::domain::glossary {
namespace {

using status = dossier_status;

constexpr std::array<std::pair<std::string_view, text>, 3> step_results{{
    {"early", early},
    {"on_time", on_time},
    {"late", late},
}};

// "register" and the actions, in the order of dossier_action.
constexpr std::array<std::pair<std::string_view, text>, 10> steps{{
    {"register", {"Tiếp nhận hồ sơ", "Dossier received"}},
    {"forward", {"Chuyển xử lý", "Passed on for processing"}},
    {"request_supplement", {"Yêu cầu bổ sung hồ sơ", "Missing papers requested"}},
    {"supplement_received", {"Nhận hồ sơ bổ sung", "Missing papers received"}},
    {"result_ready", {"Đã có kết quả", "Result ready"}},
    {"return_result", {"Trả kết quả", "Result handed over"}},
    {"refuse", {"Từ chối tiếp nhận, giải quyết", "Refused"}},
    {"withdraw", {"Rút hồ sơ", "Withdrawn"}},
    {"stop", {"Dừng giải quyết", "Processing stopped"}},
    {"extend", {"Gia hạn, hẹn lại ngày trả kết quả", "Extended, with a new due date"}},
}};

// A text message's kind and state (issue 14), as on the wire.
constexpr std::array<std::pair<std::string_view, text>, 6> text_kinds{{
    {"ahead", {"Sắp đến lượt", "Turn coming up"}},
    {"called", {"Mời đến quầy", "Called to the counter"}},
    {"received", {"Đã tiếp nhận hồ sơ", "Dossier received"}},
    {"supplement", {"Yêu cầu bổ sung", "Missing papers requested"}},
    {"result", {"Đã có kết quả", "Result ready"}},
    {"late", {"Xin lỗi, hẹn lại ngày", "Apology, new date"}},
}};
constexpr std::array<std::pair<std::string_view, text>, 6> text_states{{
    {"queued", {"chờ gửi", "waiting to be sent"}},
    {"sending", {"đang gửi", "sending"}},
    {"sent", {"đã gửi", "sent"}},
    {"delivered", {"đã đến máy", "delivered"}},
    {"failed", {"không gửi được", "failed"}},
    {"skipped", {"không gửi", "not sent"}},
}};
constexpr std::array<std::pair<std::string_view, text>, 6> text_reasons{{
    {"cap", {"quá số tin trong ngày", "daily limit reached"}},
    {"quiet", {"ngoài giờ nhắn tin", "quiet hours"}},
    {"near", {"công dân đã ở gần quầy", "already near the front"}},
    {"landline", {"số máy bàn", "landline number"}},
    {"refused", {"cổng tin nhắn từ chối", "refused by the gateway"}},
    {"report", {"nhà mạng báo không đến máy", "reported not delivered"}},
}};

template <std::size_t N>
const text* find(const std::array<std::pair<std::string_view, text>, N>& table,
                 std::string_view key) {
  const auto it = std::find_if(table.begin(), table.end(),
                               [&](const auto& entry) { return entry.first == key; });
  return it == table.end() ? nullptr : &it->second;
}

}  // namespace

text status_name(dossier_status s) {
  switch (s) {
    case status::received:
      return {"Đã tiếp nhận", "Received"};
    case status::processing:
      return {"Đang giải quyết", "Being processed"};
    case status::supplement_requested:
      return {"Cần bổ sung hồ sơ", "Documents missing"};
    case status::result_ready:
      return {"Đã có kết quả – mời đến nhận", "Result ready – please collect it"};
    case status::returned:
      return {"Đã trả kết quả", "Result handed over"};
    case status::refused:
      return {"Từ chối tiếp nhận", "Refused"};
    case status::withdrawn:
      return {"Đã rút hồ sơ", "Withdrawn"};
    case status::stopped:
      return {"Dừng giải quyết", "Processing stopped"};
  }
  return {"", ""};
}

text status_hint(dossier_status s) {
  switch (s) {
    case status::received:
      return {"Hồ sơ đã được tiếp nhận và đang chờ chuyển đến bộ phận giải quyết.",
              "Your dossier has been received and will be passed on for processing."};
    case status::processing:
      return {
          "Hồ sơ đang được giải quyết. Chưa cần làm gì thêm: mời quay lại vào ngày hẹn trả "
          "kết quả.",
          "Your dossier is being processed. Nothing to do yet: please come back on the day "
          "the result is due."};
    case status::supplement_requested:
      return {
          "Mời nộp bổ sung các giấy tờ ghi trong phiếu yêu cầu bổ sung, hoàn thiện hồ sơ tại "
          "quầy tiếp nhận.",
          "Please hand in the papers listed in the request to supplement your dossier at the "
          "reception counter."};
    case status::result_ready:
      return {
          "Mời mang giấy tiếp nhận hồ sơ và hẹn trả kết quả, lấy số và nhận kết quả tại quầy "
          "trả kết quả.",
          "Please bring your receipt, take a number and collect your result at the results "
          "counter."};
    case status::returned:
      return {"Kết quả đã được trả. Hồ sơ đã hoàn thành.",
              "The result has been handed over. The dossier is complete."};
    case status::refused:
      return {"Lý do được ghi trong phiếu từ chối tiếp nhận, giải quyết hồ sơ.",
              "The reasons are given in the refusal notice."};
    case status::withdrawn:
      return {"Hồ sơ đã được rút theo đề nghị của người nộp.",
              "The dossier was withdrawn at the applicant's request."};
    case status::stopped:
      return {"Lý do được ghi trong thông báo dừng giải quyết hồ sơ.",
              "The reasons are given in the notice of stopping processing."};
  }
  return {"", ""};
}

const text* step_result_word(std::string_view result) { return find(step_results, result); }

const text* step_name(std::string_view action) { return find(steps, action); }

const text* text_kind_name(std::string_view kind) { return find(text_kinds, kind); }
const text* text_state_word(std::string_view state) { return find(text_states, state); }
const text* text_reason_word(std::string_view reason) { return find(text_reasons, reason); }

text ticket_state_name(ticket_state s) {
  switch (s) {
    case ticket_state::waiting:
      return {"Đang chờ", "Waiting"};
    case ticket_state::called:
      return {"Đã gọi — chờ công dân đến", "Called — waiting for the citizen"};
    case ticket_state::serving:
      return {"Đang phục vụ", "Serving"};
    case ticket_state::done:
      return {"Đã xong", "Done"};
    case ticket_state::no_show:
      return {"Vắng mặt", "No-show"};
    case ticket_state::cancelled:
      return {"Đã huỷ", "Cancelled"};
  }
  return {"", ""};
}

text priority_name(priority p) {
  switch (p) {
    case priority::merit:
      return {"Người có công với cách mạng", "Person of merit (war veterans, families)"};
    case priority::elderly:
      return {"Người cao tuổi", "Elderly person"};
    case priority::disabled:
      return {"Người khuyết tật", "Person with a disability"};
    case priority::pregnant:
      return {"Phụ nữ có thai", "Pregnant woman"};
    case priority::child:
      return {"Người đi cùng con nhỏ", "With a small child"};
    case priority::appointment:
      return {"Có lịch hẹn", "With an appointment"};
    case priority::none:
      break;
  }
  return {"Không thuộc diện ưu tiên", "No priority"};
}

text rating_word(int levels, int level) {
  static constexpr text five[] = {{"Rất không hài lòng", "Very dissatisfied"},
                                  {"Không hài lòng", "Dissatisfied"},
                                  {"Bình thường", "Neutral"},
                                  {"Hài lòng", "Satisfied"},
                                  {"Rất hài lòng", "Very satisfied"}};
  // Three levels: dissatisfied, satisfied, very satisfied, the scale common at counters; the
  // satisfied rate counts "Hài lòng" or better (server/engine/reports.cpp).
  static constexpr text three[] = {five[1], five[3], five[4]};
  if (levels == 3) return three[std::clamp(level, 1, 3) - 1];
  return five[std::clamp(level, 1, 5) - 1];
}

}  // namespace motcua::domain::glossary
