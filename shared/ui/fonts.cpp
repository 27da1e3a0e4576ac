#include "shared/ui/fonts.hpp"

#include <filesystem>
#include <stdexcept>

#include <imgui.h>

namespace motcua::ui {
namespace {

// Vietnamese (Latin + Latin Extended Additional) and the punctuation the screens use:
// dashes, ellipsis, arrows, bullets, the middle dot.
const ImWchar* vietnamese_ranges() {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesVietnamese());
    static const ImWchar extra[] = {0x2010, 0x2027, 0x2190, 0x2193, 0x25CF,
                                    0x25CF, 0x2713, 0x2713, 0};
    builder.AddRanges(extra);
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}

const ImWchar* numbers_ranges() {
  static const ImWchar ranges[] = {0x0020, 0x005A, 0x2192, 0x2192, 0};
  return ranges;
}

}  // namespace

void font_set::load(const std::vector<font_spec>& specs, float scale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  for (const auto& spec : specs) {
    const char* file = spec.bold ? dejavu_bold : dejavu_regular;
    if (!std::filesystem::exists(file))
      throw std::runtime_error(std::string("font not found: ") + file +
                               " (install fonts-dejavu-core)");
    ImFontConfig config;
    config.OversampleH = 1;  // large sizes need no horizontal oversampling; keeps the atlas small
    config.PixelSnapH = true;
    ImFont* font = atlas->AddFontFromFileTTF(
        file, spec.size * scale, &config,
        spec.glyphs == glyphs::numbers ? numbers_ranges() : vietnamese_ranges());
    if (!font) throw std::runtime_error(std::string("cannot load font ") + file);
    fonts_.emplace(std::pair(spec.size, spec.bold), font);
  }
}

ImFont* font_set::get(float size, bool bold) const {
  auto found = fonts_.find({size, bold});
  return found != fonts_.end() ? found->second : ImGui::GetIO().Fonts->Fonts[0];
}

}  // namespace motcua::ui
