#include "kiosk/views/view_kit.hpp"

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

}  // namespace motcua::kiosk
