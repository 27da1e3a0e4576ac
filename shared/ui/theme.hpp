// High-contrast looks for the public screens and the staff app. `light` (dark text on white,
// strong blue actions) for the kiosk and the counter app; `dark` (white and yellow on near
// black) for the hall display board, readable from across the hall.
//
// apply() sets ImGui's style for the current context, scaled for the window (touch padding and
// rounding grow with it). The palette gives the colours draw code uses for its own shapes.
#pragma once

#include <imgui.h>

namespace motcua::ui {

enum class theme { light, dark };

struct palette {
  ImVec4 background;
  ImVec4 surface;  // cards, panels
  ImVec4 text;
  ImVec4 muted;        // secondary text
  ImVec4 accent;       // primary buttons
  ImVec4 accent_text;  // text on accent
  ImVec4 highlight;    // the latest call, the ticket number
  ImVec4 danger;       // offline banner, late
  ImVec4 ok;           // on time, done
  ImVec4 warning;      // due soon, priority
  ImVec4 disabled;     // closed services
};

const palette& colours(theme t);

void apply(theme t, float scale);

// ImGui's packed colour from a palette entry.
inline ImU32 packed(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

}  // namespace motcua::ui
