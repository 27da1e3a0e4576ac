// The fonts of a GUI program: DejaVu Sans (regular and bold) with every Vietnamese glyph, loaded
// into ImGui's atlas at the sizes the program asks for, up front (ImGui 1.86 rasterises each
// size separately). Sizes are given in design pixels and scaled with the window.
//
// Not thread-safe: use on the UI thread, after ImGui::CreateContext and before the first frame.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

struct ImFont;

namespace motcua::ui {

// Which characters a size needs: huge sizes (ticket numbers, clocks) keep the atlas small with
// `numbers`: ASCII space to 'Z' (digits, capitals, punctuation) and the arrow →.
enum class glyphs { vietnamese, numbers };

struct font_spec {
  float size = 24;
  bool bold = false;
  ui::glyphs glyphs = glyphs::vietnamese;
};

constexpr const char* dejavu_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* dejavu_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

class font_set {
 public:
  // Adds every spec to the current ImGui context's atlas at `size * scale`; the first spec is
  // the default font. Throws std::runtime_error when a TTF file is missing.
  void load(const std::vector<font_spec>& specs, float scale);

  // The font loaded for design size `size` (and weight); the default font when that size was
  // not loaded.
  ImFont* get(float size, bool bold = false) const;

 private:
  std::map<std::pair<float, bool>, ImFont*> fonts_;
};

}  // namespace motcua::ui
