// The clerk's queue panel: the current ticket large, the eight actions with their F-keys
// (disabled when the state forbids them, never hidden), the transfer dialog, the waiting list
// with priority marks (an appointment's with its slot: "Hẹn 08:15"), waits and over-target
// colour, and the clerk's figures.
#include "counter/screens.hpp"

#include <GLFW/glfw3.h>
#include <imgui_stdlib.h>

#include "counter/model/format.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::counter {
namespace {

const domain::text action_names[] = {
    {"Gọi số tiếp", "Call next"}, {"Gọi lại", "Recall"},    {"Công dân đã đến", "Citizen arrived"},
    {"Vắng mặt", "No-show"},      {"Chuyển…", "Transfer…"}, {"Hoàn thành", "Finish"},
    {"Tạm nghỉ", "Pause"},        {"Tiếp tục", "Resume"}};

// What the citizen was texted (when the centre sends texts and the ticket has a phone).
void ticket_texts(app_model& app, const view& v) {
  app.follow_ticket_texts();
  const auto& texts = app.ticket_texts.texts();
  if (texts.empty()) return;
  ImGui::TextUnformatted(v(domain::glossary::text_messages));
  ImGui::SameLine();
  if (ImGui::SmallButton(v({"Xem lại", "Refresh"}))) app.ticket_texts.refresh();
  text_list(v, texts);
}

void current_ticket(app_model& app, const view& v) {
  const auto* t = app.queue.current();
  const auto* c = app.queue.counter();
  ImGui::PushFont(v.heading);
  ImGui::Text("%s — %s", c ? c->name.c_str() : "", c ? counter_state_label(v, c->state) : "");
  ImGui::PopFont();
  ImGui::PushFont(v.huge);
  ImGui::PushStyleColor(ImGuiCol_Text, t ? v.colours.highlight : v.colours.disabled);
  ImGui::TextUnformatted(t ? t->number.c_str() : "---");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (t) {
    ImGui::Text("%s", state_label(v, t->state));
    if (domain::is_priority(t->priority)) {
      ImGui::SameLine();
      ImGui::TextColored(v.colours.warning, "%s", priority_label(v, t->priority));
    }
    ImGui::Text("%s %s", v({"Thời gian:", "Time:"}), clock_text(app.queue.serving_time()).c_str());
    if (t->dossier) {  // taken at the kiosk for a dossier: its page is one click away
      ImGui::Text("%s %s", v({"Hồ sơ:", "Dossier:"}), t->dossier->c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton(v({"Mở hồ sơ", "Open"}))) app.open_dossier(*t->dossier);
    }
    ticket_texts(app, v);
  } else {
    ImGui::TextUnformatted(v({"Chưa có công dân tại quầy.", "Nobody at the counter."}));
    ImGui::NewLine();
  }
}

void action_buttons(app_model& app, const view& v, screen_state& d) {
  float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  int i = 0;
  for (auto a : all_queue_actions) {
    std::string label = std::string(shortcut(a)) + "  " + action_names[static_cast<int>(a)](v.lang);
    ImGui::PushID(i);
    ImGui::BeginDisabled(!app.queue.enabled(a));
    bool pressed = ImGui::Button(label.c_str(), ImVec2(w, 52 * v.scale));
    ImGui::EndDisabled();
    ImGui::PopID();
    bool key = !ImGui::GetIO().WantTextInput &&
               ImGui::IsKeyPressed(GLFW_KEY_F1 + function_key(a) - 1, false);
    if ((pressed || key) && app.queue.enabled(a)) {
      if (a == queue_action::transfer)
        d.transfer_open = true;
      else
        app.queue.act(a);
    }
    if (++i % 2) ImGui::SameLine();
  }
}

void transfer_dialog(app_model& app, const view& v, screen_state& d) {
  if (d.transfer_open) {
    ImGui::OpenPopup("transfer");
    d.transfer_open = false;
  }
  ImGui::SetNextWindowSize(ImVec2(560 * v.scale, 0));
  if (!ImGui::BeginPopupModal("transfer", nullptr, ImGuiWindowFlags_NoTitleBar)) return;
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v({"Chuyển công dân", "Transfer the citizen"}));
  ImGui::PopFont();
  const auto& services = app.centre.services();
  const auto& counters = app.centre.counters();
  d.transfer_service =
      std::clamp(d.transfer_service, 0, std::max(0, static_cast<int>(services.size()) - 1));
  ImGui::TextUnformatted(v({"Sang lĩnh vực", "To service"}));
  ImGui::SetNextItemWidth(-1);
  if (!services.empty() &&
      ImGui::BeginCombo("##service", domain::pick(v.lang, services[d.transfer_service].name,
                                                  services[d.transfer_service].name_en)
                                         .c_str())) {
    for (int i = 0; i < static_cast<int>(services.size()); ++i)
      if (ImGui::Selectable(domain::pick(v.lang, services[i].name, services[i].name_en).c_str(),
                            i == d.transfer_service))
        d.transfer_service = i;
    ImGui::EndCombo();
  }
  ImGui::TextUnformatted(v({"Quầy (không bắt buộc)", "Counter (optional)"}));
  ImGui::SetNextItemWidth(-1);
  const char* any = v({"Quầy bất kỳ", "Any counter"});
  if (ImGui::BeginCombo("##counter", d.transfer_counter == 0
                                         ? any
                                         : counters[d.transfer_counter - 1].name.c_str())) {
    if (ImGui::Selectable(any, d.transfer_counter == 0)) d.transfer_counter = 0;
    for (int i = 0; i < static_cast<int>(counters.size()); ++i)
      if (ImGui::Selectable(counters[i].name.c_str(), d.transfer_counter == i + 1))
        d.transfer_counter = i + 1;
    ImGui::EndCombo();
  }
  ImGui::TextUnformatted(v({"Lý do", "Reason"}));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##reason", &d.transfer_reason);
  bool can = !services.empty() && !d.transfer_reason.empty();
  ImGui::BeginDisabled(!can);
  if (ImGui::Button(v({"Chuyển", "Transfer"}))) {
    std::optional<protocol::counter_id> to;
    if (d.transfer_counter > 0) to = counters[d.transfer_counter - 1].id;
    app.queue.transfer(services[d.transfer_service].id, to, d.transfer_reason);
    d.transfer_reason.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(v({"Huỷ", "Cancel"})) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void call_dialog(app_model& app, const view& v, screen_state& d) {
  if (!d.call_ticket) return;
  switch (
      reason_dialog(v, "call",
                    v({"Gọi số này trước lượt cần ghi lý do (ghi vào nhật ký):",
                       "Calling this number out of turn needs a reason (kept in the audit log):"}),
                    d.call_reason, v({"Gọi", "Call"}), v({"Huỷ", "Cancel"}))) {
    case reason_answer::given:
      app.queue.call(*d.call_ticket, d.call_reason);
      d.call_reason.clear();
      d.call_ticket.reset();
      break;
    case reason_answer::closed:
      d.call_ticket.reset();
      break;
    case reason_answer::waiting:
      break;
  }
}

void waiting_list(app_model& app, const view& v, screen_state& d) {
  auto rows = app.queue.waiting();
  ImGui::PushFont(v.heading);
  ImGui::Text("%s (%zu)", v(domain::glossary::ticket_state_name(domain::ticket_state::waiting)),
              rows.size());
  ImGui::PopFont();
  if (!ImGui::BeginTable("waiting", 5,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(v({"Số", "Number"}));
  ImGui::TableSetupColumn(v({"Lĩnh vực", "Service"}), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(v(domain::glossary::priority_mark));
  ImGui::TableSetupColumn(v({"Đã chờ", "Waited"}));
  ImGui::TableSetupColumn("");
  ImGui::TableHeadersRow();
  for (const auto& r : rows) {
    ImGui::PushID(static_cast<int>(r.ticket.id));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.ticket.number.c_str());
    ImGui::TableNextColumn();
    if (const auto* s = app.centre.service(r.ticket.service))
      ImGui::TextUnformatted(domain::pick(v.lang, s->name, s->name_en).c_str());
    ImGui::TableNextColumn();
    if (auto slot = app.bookings.slot_of(r.ticket.id))  // an appointment: its slot's start
      ImGui::TextColored(v.colours.warning, "%s %s", v({"Hẹn", "Appt."}), slot->c_str());
    else if (domain::is_priority(r.ticket.priority))
      ImGui::TextColored(v.colours.warning, "%s", priority_label(v, r.ticket.priority));
    ImGui::TableNextColumn();
    ImGui::TextColored(r.over_target ? v.colours.danger : v.colours.text, "%s",
                       clock_text(r.waited).c_str());
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(!app.queue.can_call(r.ticket.id));
    if (ImGui::SmallButton(v({"Gọi", "Call"}))) {
      if (app.queue.needs_reason_to_call(r.ticket.id))
        d.call_ticket = r.ticket.id;
      else
        app.queue.call(r.ticket.id, std::nullopt);
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void draw_queue(app_model& app, const view& v, screen_state& st) {
  float left = ImGui::GetContentRegionAvail().x * 0.48f;
  ImGui::BeginChild("current", ImVec2(left, 0), true);
  current_ticket(app, v);
  ImGui::Spacing();
  action_buttons(app, v, st);
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Text("%s %d    %s %s", v({"Đã phục vụ hôm nay:", "Served today:"}),
              app.queue.served_today(), v({"Trung bình:", "Average:"}),
              clock_text(app.queue.average_service()).c_str());
  problem_line(v, app.queue.problem());
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("list", ImVec2(0, 0), true);
  waiting_list(app, v, st);
  ImGui::EndChild();
  transfer_dialog(app, v, st);
  call_dialog(app, v, st);
}

}  // namespace motcua::counter
