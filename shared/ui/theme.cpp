#include "shared/ui/theme.hpp"

namespace motcua::ui {
namespace {

ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                static_cast<float>(b) / 255.0f, a);
}

const palette light_palette{
    .background = rgb(244, 246, 250),
    .surface = rgb(255, 255, 255),
    .text = rgb(16, 24, 40),
    .muted = rgb(71, 84, 103),
    .accent = rgb(0, 82, 204),
    .accent_text = rgb(255, 255, 255),
    .highlight = rgb(200, 16, 46),
    .danger = rgb(180, 20, 20),
    .ok = rgb(12, 120, 60),
    .warning = rgb(176, 96, 0),
    .disabled = rgb(208, 213, 221),
};

const palette dark_palette{
    .background = rgb(10, 14, 26),
    .surface = rgb(28, 36, 56),
    .text = rgb(255, 255, 255),
    .muted = rgb(190, 200, 215),
    .accent = rgb(0, 102, 230),
    .accent_text = rgb(255, 255, 255),
    .highlight = rgb(255, 214, 0),
    .danger = rgb(220, 38, 38),
    .ok = rgb(52, 199, 89),
    .warning = rgb(255, 159, 10),
    .disabled = rgb(70, 78, 96),
};

}  // namespace

const palette& colours(theme t) { return t == theme::dark ? dark_palette : light_palette; }

void apply(theme t, float scale) {
  const palette& p = colours(t);
  ImGuiStyle style;
  if (t == theme::dark)
    ImGui::StyleColorsDark(&style);
  else
    ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(24, 24);
  style.FramePadding = ImVec2(16, 12);
  style.ItemSpacing = ImVec2(16, 16);
  style.ItemInnerSpacing = ImVec2(12, 12);
  style.TouchExtraPadding = ImVec2(4, 4);
  style.ScrollbarSize = 28;
  style.GrabMinSize = 28;
  style.WindowRounding = 0;
  style.FrameRounding = 12;
  style.ChildRounding = 12;
  style.PopupRounding = 12;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 0;
  style.ScaleAllSizes(scale);

  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = p.surface;
  c[ImGuiCol_PopupBg] = p.surface;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.muted;
  c[ImGuiCol_Button] = p.accent;
  c[ImGuiCol_ButtonHovered] = ImVec4(p.accent.x * 0.85f, p.accent.y * 0.85f, p.accent.z * 0.85f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(p.accent.x * 0.7f, p.accent.y * 0.7f, p.accent.z * 0.7f, 1);
  c[ImGuiCol_Border] = p.muted;
  c[ImGuiCol_Separator] = p.muted;
  c[ImGuiCol_FrameBg] = p.surface;
  ImGui::GetStyle() = style;
}

}  // namespace motcua::ui
