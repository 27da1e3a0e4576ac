#include "shared/ui/widgets.hpp"

#include <algorithm>

namespace motcua::ui {

void begin_fullscreen(const char* name) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void end_fullscreen() { ImGui::End(); }

float centred_lines(ImDrawList* draw, ImFont* font, const std::string& text, ImVec2 top_left,
                    float width, ImU32 colour) {
  const float size = font->FontSize;
  const char* line = text.c_str();
  const char* const end = line + text.size();
  float y = top_left.y;
  while (line < end) {
    const char* newline = std::find(line, end, '\n');
    const char* wrap = font->CalcWordWrapPositionA(1.0f, line, newline, width);
    if (wrap == line) wrap = line + 1;  // a word longer than the width: cut it
    if (draw) {
      const float w = font->CalcTextSizeA(size, 1e6f, 0, line, wrap).x;
      draw->AddText(font, size, ImVec2(top_left.x + (width - w) / 2, y), colour, line, wrap);
    }
    y += size;
    line = wrap;
    while (line < end && (*line == ' ' || *line == '\n')) {
      const bool hard = *line == '\n';
      ++line;
      if (hard) break;
    }
  }
  return y - top_left.y;
}

bool big_button(const char* id, const std::string& label, ImVec2 size, const button_style& style,
                ImFont* label_font, bool enabled, const std::string& detail, ImFont* detail_font) {
  ImGui::PushID(id);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton("##button", size) && enabled;
  const bool held = enabled && ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec4 fill =
      held ? ImVec4(style.fill.x * 0.8f, style.fill.y * 0.8f, style.fill.z * 0.8f, 1) : style.fill;
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), packed(fill), rounding);

  const float inner = size.x * 0.92f;
  const float left = at.x + (size.x - inner) / 2;
  const bool has_detail = !detail.empty() && detail_font;
  const float label_height = centred_lines(nullptr, label_font, label, at, inner, 0);
  const float detail_height =
      has_detail ? centred_lines(nullptr, detail_font, detail, at, inner, 0) : 0;
  const float gap = has_detail ? label_font->FontSize * 0.25f : 0;
  const float y = at.y + (size.y - label_height - gap - detail_height) / 2;
  centred_lines(draw, label_font, label, ImVec2(left, y), inner, packed(style.label));
  if (has_detail)
    centred_lines(draw, detail_font, detail, ImVec2(left, y + label_height + gap), inner,
                  packed(style.label));
  ImGui::PopID();
  return tapped;
}

void offline_banner(domain::lang l, ImFont* font, float height, const palette& p,
                    const std::string& detail, ImFont* detail_font,
                    const domain::text& message_text) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float inner = width * 0.94f;
  const float left = at.x + (width - inner) / 2;
  const ImU32 white = IM_COL32(255, 255, 255, 255);
  const char* message = message_text(l);
  const float message_height = centred_lines(nullptr, font, message, at, inner, 0);
  const bool has_detail = !detail.empty() && detail_font;
  const float detail_height =
      has_detail ? centred_lines(nullptr, detail_font, detail, at, inner, 0) : 0;
  const float gap = has_detail ? font->FontSize * 0.25f : 0;
  const float content = message_height + gap + detail_height;
  height = std::max(height, content + font->FontSize * 0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), packed(p.danger),
                      ImGui::GetStyle().FrameRounding);
  const float y = at.y + (height - content) / 2;
  centred_lines(draw, font, message, ImVec2(left, y), inner, white);
  if (has_detail)
    centred_lines(draw, detail_font, detail, ImVec2(left, y + message_height + gap), inner, white);
  ImGui::Dummy(ImVec2(width, height));
}

bool language_toggle(domain::lang& l, ImFont* font, ImVec2 size, const palette& p) {
  const std::string label = l == domain::lang::vi ? "English" : "Tiếng Việt";
  if (!big_button("language", label, size, {p.surface, p.accent}, font)) return false;
  l = domain::other(l);
  return true;
}

void centred_text(const std::string& s, ImFont* font, const ImVec4& colour) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height =
      centred_lines(ImGui::GetWindowDrawList(), font, s, at, width, packed(colour));
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace motcua::ui
