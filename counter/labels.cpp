// Words for the states, statuses and actions the screens show, Vietnamese and English: the
// domain's words from domain/glossary.hpp, the counter's own (counter states, action buttons) here.
#include "counter/screens.hpp"

#include <imgui_stdlib.h>
#include <cstdio>

#include "shared/domain/glossary.hpp"

namespace motcua::counter {

namespace glossary = domain::glossary;

void problem_line(const view& v, const std::optional<protocol::error>& e) {
  if (!e) return;
  ImGui::PushStyleColor(ImGuiCol_Text, v.colours.danger);
  ImGui::TextWrapped("%s", v.say(*e).c_str());
  ImGui::PopStyleColor();
}

std::string percent(double r) {
  char out[16];
  std::snprintf(out, sizeof out, "%.0f%%", r * 100);
  return out;
}

void card(const view& v, const char* id, const std::string& value, const char* label, bool alert,
          float width) {
  ImGui::BeginChild(id, ImVec2(width, 96 * v.scale), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushFont(v.figure);
  ImGui::TextColored(alert ? v.colours.danger : v.colours.text, "%s", value.c_str());
  ImGui::PopFont();
  ImGui::PushFont(v.small);
  ImGui::TextColored(v.colours.muted, "%s", label);
  ImGui::PopFont();
  ImGui::EndChild();
}

reason_answer reason_dialog(const view& v, const char* id, const std::string& prompt,
                            std::string& reason, const char* action, const char* dismiss) {
  ImGui::OpenPopup(id);
  ImGui::SetNextWindowSize(ImVec2(520 * v.scale, 0));
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar))
    return reason_answer::waiting;
  ImGui::TextWrapped("%s", prompt.c_str());
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##reason", &reason);
  auto answer = reason_answer::waiting;
  ImGui::BeginDisabled(reason.empty());
  if (ImGui::Button(action)) answer = reason_answer::given;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(dismiss)) answer = reason_answer::closed;
  if (answer != reason_answer::waiting) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return answer;
}

const char* state_label(const view& v, domain::ticket_state s) {
  return v(glossary::ticket_state_name(s));
}

const char* counter_state_label(const view& v, protocol::counter_state s) {
  switch (s) {
    case protocol::counter_state::open:
      return v({"Đang mở", "Open"});
    case protocol::counter_state::paused:
      return v({"Tạm nghỉ", "On a break"});
    case protocol::counter_state::closed:
      return v({"Đóng", "Closed"});
  }
  return "";
}

const char* dossier_status_label(const view& v, std::string_view status) {
  auto s = domain::parse_dossier_status(status);
  return s ? v(glossary::status_name(*s)) : "?";
}

const char* dossier_action_label(const view& v, domain::dossier_action a) {
  using d = domain::dossier_action;
  switch (a) {
    case d::forward:
      return v({"Chuyển xử lý", "Forward"});
    case d::request_supplement:
      return v({"Yêu cầu bổ sung (Mẫu 02)", "Request supplement (Form 02)"});
    case d::supplement_received:
      return v({"Đã nhận bổ sung", "Supplement received"});
    case d::result_ready:
      return v({"Đã có kết quả", "Result ready"});
    case d::return_result:
      return v({"Trả kết quả", "Return the result"});
    case d::refuse:
      return v({"Từ chối (Mẫu 03)", "Refuse (Form 03)"});
    case d::withdraw:
      return v({"Rút hồ sơ", "Withdraw"});
    case d::stop:
      return v({"Dừng giải quyết", "Stop processing"});
    case d::extend:
      return v({"Gia hạn, xin lỗi (Mẫu 04)", "Extend with apology (Form 04)"});
  }
  return "";
}

const char* history_label(const view& v, std::string_view action) {
  const domain::text* name = glossary::step_name(action);
  return name ? v(*name) : "?";
}

const char* step_result_label(const view& v, std::string_view result) {
  const domain::text* word = glossary::step_result_word(result);
  return word ? v(*word) : "";
}

const char* priority_label(const view& v, domain::priority p) {
  return domain::is_priority(p) ? v(glossary::priority_name(p)) : "";
}

const char* booking_status_label(const view& v, domain::booking_status s) {
  switch (s) {
    case domain::booking_status::booked:
      return v({"Chờ đến", "Booked"});
    case domain::booking_status::checked_in:
      return v({"Đã đến", "Checked in"});
    case domain::booking_status::missed:
      return v({"Vắng", "Missed"});
    case domain::booking_status::cancelled:
      return v({"Đã huỷ", "Cancelled"});
  }
  return "";
}

}  // namespace motcua::counter
