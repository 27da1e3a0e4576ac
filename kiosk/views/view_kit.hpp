// What the hall screens' draw code shares: the fonts by role, design-pixel scaling and the
// list of taps a frame records (applied to the model after the frame, see scripted_taps.hpp).
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "shared/client/hall_mirror.hpp"
#include "shared/domain/language.hpp"
#include "shared/render/qr.hpp"
#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"

namespace motcua::kiosk {

// Design sizes of the fonts every mode loads (main.cpp loads exactly these).
namespace font_size {
constexpr float small = 30;
constexpr float body = 36;
constexpr float heading = 48;  // bold
constexpr float title = 64;    // bold
constexpr float large = 96;    // bold
constexpr float huge = 240;    // bold, numbers only
}  // namespace font_size

std::vector<ui::font_spec> hall_fonts();

struct view_context {
  const ui::font_set& fonts;
  float scale;
  const ui::palette& colours;
  std::vector<std::string>& taps;

  float px(float design) const { return design * scale; }
  ImVec2 px(float w, float h) const { return ImVec2(w * scale, h * scale); }
  ImFont* small() const { return fonts.get(font_size::small); }
  ImFont* body() const { return fonts.get(font_size::body); }
  ImFont* heading() const { return fonts.get(font_size::heading, true); }
  ImFont* title() const { return fonts.get(font_size::title, true); }
  ImFont* large() const { return fonts.get(font_size::large, true); }
  ImFont* huge() const { return fonts.get(font_size::huge, true); }
};

// Text in `font` and `colour` at the cursor, wrapped at the current wrap position (the
// window's right edge unless one is pushed).
void text_line(const std::string& s, ImFont* font, const ImVec4& colour);

// While `hall` is not online, the red banner at the cursor (`design_height` tall at least):
// "reconnecting" with the reason, or, once the server refused this device's token, that
// refusal in both languages with the server's words.
void link_banner(const client::hall_mirror& hall, domain::lang l, const view_context& v,
                 float design_height);

// A QR code drawn at the cursor as black squares on white with its 4-module quiet zone, centred
// in a square `side` pixels wide, each module a whole number of pixels so that a camera reads it
// off the screen (a phone's camera) or a screenshot (zbarimg). Its matrix is kept from frame to
// frame and encoded again only when the text changes. Throws as render::encode_qr does.
class qr_code {
 public:
  void draw(const std::string& text, float side);

 private:
  std::string text_;
  render::qr_matrix matrix_;
};

}  // namespace motcua::kiosk
