#include "kiosk/views/view_kit.hpp"

#include "kiosk/model/wording.hpp"
#include "shared/ui/widgets.hpp"

namespace motcua::kiosk {

std::vector<ui::font_spec> hall_fonts() {
  return {{font_size::body},          {font_size::small},
          {font_size::heading, true}, {font_size::title, true},
          {font_size::large, true},   {font_size::huge, true, ui::glyphs::numbers}};
}

void text_line(const std::string& s, ImFont* font, const ImVec4& colour) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void link_banner(const client::hall_mirror& hall, domain::lang l, const view_context& v,
                 float design_height) {
  if (hall.online()) return;
  if (hall.refused())
    ui::offline_banner(l, v.heading(), v.px(design_height), v.colours,
                       device_refused_detail(l, hall.offline_detail()), v.body(), device_refused);
  else
    ui::offline_banner(l, v.heading(), v.px(design_height), v.colours, hall.offline_detail(),
                       v.body());
}

}  // namespace motcua::kiosk
