#include "ui/widgets.hpp"

namespace motcua::ui {

void begin_fullscreen(const char* name) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void end_fullscreen() { ImGui::End(); }

bool big_button(const char* id, const std::string& label, ImVec2 size, const button_style& style,
                ImFont* label_font, bool enabled, const std::string& detail,
                ImFont* detail_font) {
  ImGui::PushID(id);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton("##button", size) && enabled;
  const bool held = enabled && ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec4 fill = held ? ImVec4(style.fill.x * 0.8f, style.fill.y * 0.8f, style.fill.z * 0.8f, 1)
                           : style.fill;
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), packed(fill), rounding);

  const ImVec2 label_size = label_font->CalcTextSizeA(label_font->FontSize, size.x, size.x * 0.95f,
                                                      label.c_str());
  ImVec2 detail_size(0, 0);
  if (!detail.empty() && detail_font)
    detail_size = detail_font->CalcTextSizeA(detail_font->FontSize, size.x, size.x * 0.95f,
                                             detail.c_str());
  const float gap = detail_size.y > 0 ? label_font->FontSize * 0.2f : 0;
  float y = at.y + (size.y - label_size.y - gap - detail_size.y) / 2;
  draw->AddText(label_font, label_font->FontSize,
                ImVec2(at.x + (size.x - label_size.x) / 2, y), packed(style.label), label.c_str(),
                nullptr, size.x * 0.95f);
  if (detail_size.y > 0) {
    y += label_size.y + gap;
    draw->AddText(detail_font, detail_font->FontSize,
                  ImVec2(at.x + (size.x - detail_size.x) / 2, y), packed(style.label),
                  detail.c_str(), nullptr, size.x * 0.95f);
  }
  ImGui::PopID();
  return tapped;
}

void offline_banner(lang l, ImFont* font, float height, const palette& p) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), packed(p.danger),
                      ImGui::GetStyle().FrameRounding);
  const char* message = offline_text(l);
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, width, 0, message);
  draw->AddText(font, font->FontSize,
                ImVec2(at.x + (width - size.x) / 2, at.y + (height - size.y) / 2),
                IM_COL32(255, 255, 255, 255), message);
  ImGui::Dummy(ImVec2(width, height));
}

bool language_toggle(lang& l, ImFont* font, ImVec2 size, const palette& p) {
  const std::string label = l == lang::vi ? "English" : "Tiếng Việt";
  if (!big_button("language", label, size, {p.surface, p.accent}, font)) return false;
  l = other(l);
  return true;
}

void centred_text(const std::string& s, ImFont* font, const ImVec4& colour) {
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, width, width, s.c_str());
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - size.x) / 2);
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x + 1);
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace motcua::ui
