#include "kiosk/views/view_kit.hpp"

#include <algorithm>
#include <cmath>

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

void qr_code::draw(const std::string& text, float side) {
  if (text != text_) {
    matrix_ = render::encode_qr(text);
    text_ = text;
  }
  constexpr int quiet_zone = 4;
  const int modules = matrix_.size + 2 * quiet_zone;
  const float module = std::max(1.0f, std::floor(side / static_cast<float>(modules)));
  const float width = module * static_cast<float>(modules);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 origin(std::round(at.x + (side - width) / 2), std::round(at.y));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + width), IM_COL32_WHITE);
  // One rectangle per run of dark modules in a row: a few hundred, not a thousand squares.
  for (int row = 0; row < matrix_.size; ++row) {
    const float y = origin.y + module * static_cast<float>(row + quiet_zone);
    for (int column = 0; column < matrix_.size;) {
      if (!matrix_.at(row, column)) {
        ++column;
        continue;
      }
      const int start = column;
      while (column < matrix_.size && matrix_.at(row, column)) ++column;
      const float x = origin.x + module * static_cast<float>(start + quiet_zone);
      draw->AddRectFilled(ImVec2(x, y),
                          ImVec2(x + module * static_cast<float>(column - start), y + module),
                          IM_COL32_BLACK);
    }
  }
  ImGui::Dummy(ImVec2(side, width));
}

}  // namespace motcua::kiosk
