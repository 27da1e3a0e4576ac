// Words for the states, statuses and actions the screens show, Vietnamese and English.
#include "counter/screens.hpp"

namespace motcua::counter {

void problem_line(const view& v, const std::optional<protocol::error>& e) {
  if (!e) return;
  ImGui::PushStyleColor(ImGuiCol_Text, v.colours.danger);
  ImGui::TextWrapped("%s", v.say(*e).c_str());
  ImGui::PopStyleColor();
}

const char* state_label(const view& v, domain::ticket_state s) {
  using t = domain::ticket_state;
  switch (s) {
    case t::waiting: return v({"Đang chờ", "Waiting"});
    case t::called: return v({"Đã gọi — chờ công dân đến", "Called — waiting for the citizen"});
    case t::serving: return v({"Đang phục vụ", "Serving"});
    case t::done: return v({"Đã xong", "Done"});
    case t::no_show: return v({"Vắng mặt", "No-show"});
    case t::cancelled: return v({"Đã huỷ", "Cancelled"});
  }
  return "";
}

const char* counter_state_label(const view& v, protocol::counter_state s) {
  switch (s) {
    case protocol::counter_state::open: return v({"Đang mở", "Open"});
    case protocol::counter_state::paused: return v({"Tạm nghỉ", "On a break"});
    case protocol::counter_state::closed: return v({"Đóng", "Closed"});
  }
  return "";
}

const char* dossier_status_label(const view& v, std::string_view status) {
  auto s = domain::parse_dossier_status(status);
  if (!s) return "?";
  // status_label views string literals: NUL-terminated.
  return domain::status_label(*s, v.lang == ui::lang::en).data();
}

const char* dossier_action_label(const view& v, domain::dossier_action a) {
  using d = domain::dossier_action;
  switch (a) {
    case d::forward: return v({"Chuyển xử lý", "Forward"});
    case d::request_supplement: return v({"Yêu cầu bổ sung (Mẫu 02)", "Request supplement (Form 02)"});
    case d::supplement_received: return v({"Đã nhận bổ sung", "Supplement received"});
    case d::result_ready: return v({"Đã có kết quả", "Result ready"});
    case d::return_result: return v({"Trả kết quả", "Return the result"});
    case d::refuse: return v({"Từ chối (Mẫu 03)", "Refuse (Form 03)"});
    case d::withdraw: return v({"Rút hồ sơ", "Withdraw"});
    case d::stop: return v({"Dừng xử lý", "Stop processing"});
    case d::extend: return v({"Gia hạn, xin lỗi (Mẫu 04)", "Extend with apology (Form 04)"});
  }
  return "";
}

const char* history_label(const view& v, std::string_view action) {
  if (action == "register") return v({"Tiếp nhận hồ sơ", "Registered"});
  if (auto a = domain::parse_dossier_action(action)) return dossier_action_label(v, *a);
  return "?";
}

const char* step_result_label(const view& v, std::string_view result) {
  if (result == "early") return v({"trước hạn", "early"});
  if (result == "on_time") return v({"đúng hạn", "on time"});
  if (result == "late") return v({"quá hạn", "late"});
  return "";
}

const char* priority_label(const view& v, domain::priority p) {
  using pr = domain::priority;
  switch (p) {
    case pr::none: return "";
    case pr::merit: return v({"Người có công", "Merit"});
    case pr::elderly: return v({"Người cao tuổi", "Elderly"});
    case pr::disabled: return v({"Người khuyết tật", "Disabled"});
    case pr::pregnant: return v({"Phụ nữ mang thai", "Pregnant"});
    case pr::child: return v({"Trẻ em", "Child"});
  }
  return "";
}

}  // namespace motcua::counter
