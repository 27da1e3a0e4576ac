// The clerk's bookings screen (issue 13): today's bookings with their status and a cancel button
// (the reason asked in a dialog), and the booking of a time for a citizen who phones in.
#include "counter/screens.hpp"

#include <imgui_stdlib.h>
#include <cstdio>

#include "counter/model/format.hpp"

namespace motcua::counter {
namespace {

const char* service_name(app_model& app, const view& v, protocol::service_id id) {
  const auto* s = app.centre.service(id);
  return s ? domain::pick(v.lang, s->name, s->name_en).c_str() : "";
}

void todays_bookings(app_model& app, const view& v, screen_state& st) {
  auto& m = app.bookings;
  ImGui::PushFont(v.heading);
  ImGui::Text("%s (%zu)", v({"Lịch hẹn hôm nay", "Today's bookings"}), m.today().size());
  ImGui::PopFont();
  const auto n = m.counts();
  ImGui::TextColored(v.colours.muted, "%s %d    %s %d    %s %d    %s %d",
                     booking_status_label(v, domain::booking_status::booked), n.booked,
                     booking_status_label(v, domain::booking_status::checked_in), n.checked_in,
                     booking_status_label(v, domain::booking_status::missed), n.missed,
                     booking_status_label(v, domain::booking_status::cancelled), n.cancelled);
  if (!ImGui::BeginTable("bookings", 7,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(v({"Giờ", "Time"}));
  ImGui::TableSetupColumn(v({"Mã", "Code"}));
  ImGui::TableSetupColumn(v({"Họ và tên", "Name"}), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(v({"Điện thoại", "Phone"}));
  ImGui::TableSetupColumn(v({"Lĩnh vực", "Service"}));
  ImGui::TableSetupColumn(v({"Trạng thái", "Status"}));
  ImGui::TableSetupColumn("");
  ImGui::TableHeadersRow();
  for (const auto& b : m.today()) {
    ImGui::PushID(b.code.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(local_hh_mm(b.start).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(b.code.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(b.full_name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(b.phone.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(service_name(app, v, b.service));
    ImGui::TableNextColumn();
    const bool gone =
        b.status == domain::booking_status::missed || b.status == domain::booking_status::cancelled;
    ImGui::TextColored(gone ? v.colours.muted : v.colours.text, "%s",
                       booking_status_label(v, b.status));
    if (b.ticket_number) {
      ImGui::SameLine();
      ImGui::TextColored(v.colours.ok, "%s", b.ticket_number->c_str());
    }
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(b.status != domain::booking_status::booked || m.busy());
    if (ImGui::SmallButton(v({"Huỷ", "Cancel"}))) st.cancel_code = b.code;
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void cancel_dialog(app_model& app, const view& v, screen_state& st) {
  if (!st.cancel_code) return;
  const auto prompt = std::string(v({"Lý do huỷ lịch hẹn ", "Why is the booking "})) +
                      *st.cancel_code +
                      v({" (ghi vào nhật ký):", " cancelled (kept in the audit log)?"});
  switch (reason_dialog(v, "cancel_booking", prompt, st.cancel_reason,
                        v({"Huỷ lịch hẹn", "Cancel the booking"}), v({"Đóng", "Close"}))) {
    case reason_answer::given:
      app.bookings.cancel(*st.cancel_code, st.cancel_reason);
      st.cancel_reason.clear();
      st.cancel_code.reset();
      break;
    case reason_answer::closed:
      st.cancel_code.reset();
      break;
    case reason_answer::waiting:
      break;
  }
}

void phone_booking_form(app_model& app, const view& v) {
  auto& m = app.bookings;
  auto& f = m.form;
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v({"Đặt lịch qua điện thoại", "Book for a caller"}));
  ImGui::PopFont();
  const auto& services = app.centre.services();
  if (f.service == 0 && !services.empty()) f.service = services.front().id;
  ImGui::TextUnformatted(v({"Lĩnh vực", "Service"}));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##service", service_name(app, v, f.service))) {
    for (const auto& s : services)
      if (ImGui::Selectable(domain::pick(v.lang, s.name, s.name_en).c_str(), s.id == f.service))
        f.service = s.id;
    ImGui::EndCombo();
  }
  ImGui::TextUnformatted(v({"Ngày (dd/mm/yyyy)", "Day (dd/mm/yyyy)"}));
  ImGui::SetNextItemWidth(160 * v.scale);
  ImGui::InputText("##day", &f.day);
  ImGui::SameLine();
  if (ImGui::Button(v({"Xem giờ trống", "Free times"}))) m.find_slots();
  const auto free = m.free_slots();
  int shown = 0;
  for (const auto& s : free) {
    char label[48];
    std::snprintf(label, sizeof label, "%s (%d)", local_hh_mm(s.start).c_str(), s.free);
    const bool chosen = s.start == f.start;
    if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, v.colours.accent);
    if (shown++ % 5) ImGui::SameLine();
    if (ImGui::Button(label, ImVec2(110 * v.scale, 0))) f.start = s.start;
    if (chosen) ImGui::PopStyleColor();
  }
  ImGui::TextUnformatted(v({"Họ và tên", "Full name"}));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##name", &f.full_name);
  ImGui::TextUnformatted(v({"Số điện thoại", "Phone number"}));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##phone", &f.phone);
  ImGui::TextUnformatted(v({"Số định danh cá nhân (không bắt buộc)", "Personal ID (optional)"}));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##id", &f.id_number);
  ImGui::BeginDisabled(!m.can_book());
  if (ImGui::Button(v({"Đặt lịch", "Book"}))) m.book();
  ImGui::EndDisabled();
  if (const auto& made = m.made())
    ImGui::TextColored(v.colours.ok, "%s %s — %s", v({"Đã đặt, mã", "Booked, code"}),
                       made->code.c_str(), local_time_date(made->start).c_str());
  problem_line(v, m.problem());
}

}  // namespace

void draw_bookings(app_model& app, const view& v, screen_state& st) {
  float left = ImGui::GetContentRegionAvail().x * 0.62f;
  ImGui::BeginChild("today", ImVec2(left, 0), true);
  todays_bookings(app, v, st);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("phone", ImVec2(0, 0), true);
  phone_booking_form(app, v);
  ImGui::EndChild();
  cancel_dialog(app, v, st);
}

}  // namespace motcua::counter
