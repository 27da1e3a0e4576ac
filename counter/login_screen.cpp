// The login form and the clerk's choice of counter and services.
#include "counter/screens.hpp"

#include <imgui_stdlib.h>

namespace motcua::counter {
namespace {

// A centred card `width` wide; returns after Begin of the child (caller ends it).
void begin_card(const char* id, float width, float height) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (avail.x - width) / 2,
                             ImGui::GetCursorPosY() + std::max(0.0f, (avail.y - height) / 3)));
  ImGui::BeginChild(id, ImVec2(width, height), true);
}

}  // namespace

void draw_login(app_model& app, const view& v, intents& out) {
  auto& s = app.session;
  begin_card("login", 520 * v.scale, 430 * v.scale);
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v({"Đăng nhập quầy Một Cửa", "Một Cửa counter login"}));
  ImGui::PopFont();
  ImGui::Spacing();
  bool connecting = s.current() == stage::connecting;
  ImGui::BeginDisabled(connecting);
  ImGui::TextUnformatted(v({"Tên đăng nhập", "Username"}));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputText("##user", &s.username);
  ImGui::TextUnformatted(v({"Mật khẩu", "Password"}));
  ImGui::SetNextItemWidth(-1);
  bool enter =
      ImGui::InputText("##password", &s.password,
                       ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::Spacing();
  if (ImGui::Button(v({"Đăng nhập", "Log in"}), ImVec2(-1, 0)) || enter) out.login = s.submit();
  ImGui::EndDisabled();
  if (connecting) ImGui::TextUnformatted(v({"Đang kết nối…", "Connecting…"}));
  problem_line(v, s.problem());
  ImGui::EndChild();
}

void draw_counter_choice(app_model& app, const view& v) {
  auto& s = app.session;
  begin_card("counter", 640 * v.scale, 560 * v.scale);
  ImGui::PushFont(v.heading);
  ImGui::Text("%s, %s", v({"Xin chào", "Hello"}), s.display_name().c_str());
  ImGui::PopFont();
  ImGui::TextUnformatted(v(
      {"Chọn quầy và các lĩnh vực phục vụ hôm nay:", "Choose your counter and today's services:"}));
  ImGui::Spacing();
  for (const auto& c : app.centre.counters()) {
    ImGui::PushID(static_cast<int>(c.id));
    bool taken = c.state != protocol::counter_state::closed;
    std::string label =
        c.name + (taken ? " (" + c.clerk_name.value_or(c.clerk.value_or("")) + ")" : "");
    if (ImGui::RadioButton(label.c_str(), s.chosen_counter == c.id))
      s.choose_counter(c.id, app.centre);
    ImGui::SameLine();
    ImGui::PopID();
    if (ImGui::GetContentRegionAvail().x < 160 * v.scale) ImGui::NewLine();
  }
  ImGui::NewLine();
  ImGui::Separator();
  for (const auto& svc : app.centre.services()) {
    ImGui::PushID(static_cast<int>(svc.id) + 1000);
    bool on = std::find(s.chosen_services.begin(), s.chosen_services.end(), svc.id) !=
              s.chosen_services.end();
    std::string label = svc.prefix + " — " + domain::pick(v.lang, svc.name, svc.name_en);
    if (ImGui::Checkbox(label.c_str(), &on)) s.toggle_service(svc.id);
    ImGui::PopID();
  }
  ImGui::Spacing();
  ImGui::BeginDisabled(!s.can_open() || !app.online());
  if (ImGui::Button(v({"Mở quầy", "Open the counter"}), ImVec2(-1, 0))) app.open_counter();
  ImGui::EndDisabled();
  problem_line(v, s.problem());
  ImGui::EndChild();
}

}  // namespace motcua::counter
