// Widgets shared by the GUI programs, drawn with ImGui in the current window. Sizes are in
// window pixels (callers multiply design sizes by app_shell::scale()).
#pragma once

#include <string>

#include <imgui.h>

#include "shared/domain/language.hpp"
#include "shared/ui/theme.hpp"

namespace motcua::ui {

// The banner text while the server cannot be reached.
constexpr domain::text offline_text{"Mất kết nối máy chủ — đang kết nối lại…",
                                    "No connection to the server — reconnecting…"};

struct button_style {
  ImVec4 fill;
  ImVec4 label;
};

// A window covering the whole main viewport, without decoration (kiosk screens). Always pair
// with end_fullscreen().
void begin_fullscreen(const char* name);
void end_fullscreen();

// A large touch button: `label` centred (may hold several lines), optional `detail` lines in a
// smaller font under it. Returns true when tapped and `enabled`; a disabled button is drawn
// greyed and ignores taps. `id` keeps the ImGui id stable when the label changes language.
bool big_button(const char* id, const std::string& label, ImVec2 size, const button_style& style,
                ImFont* label_font, bool enabled = true, const std::string& detail = {},
                ImFont* detail_font = nullptr);

// A full-width red banner at the cursor saying `message` (offline_text unless told);
// `height` in window pixels. With a `detail` (why: the network's error, a refused certificate)
// and its font, that goes below the message and the banner grows to hold it.
void offline_banner(domain::lang l, ImFont* font, float height, const palette& p,
                    const std::string& detail = {}, ImFont* detail_font = nullptr,
                    const domain::text& message = offline_text);

// A button showing the other language's name ("English" / "Tiếng Việt"); switches `l` when
// tapped. Returns true when it switched.
bool language_toggle(domain::lang& l, ImFont* font, ImVec2 size, const palette& p);

// Draws `text` wrapped to `width`, each line centred, from `top_left`; returns the height used.
// With `draw` null it only measures.
float centred_lines(ImDrawList* draw, ImFont* font, const std::string& text, ImVec2 top_left,
                    float width, ImU32 colour);

// Text centred horizontally in the current window's content region, in `colour`.
void centred_text(const std::string& s, ImFont* font, const ImVec4& colour);

}  // namespace motcua::ui
