// Draws the rating screen from a rating_panel: idle (a welcome), asking (a face and a word per
// level, tappable), thanks. Faces are drawn with shapes, from a frown (red) to a smile (green).
#pragma once

#include "kiosk/model/rating_panel.hpp"
#include "kiosk/views/view_kit.hpp"

namespace motcua::kiosk {

void draw_rating(const rating_panel& panel, const view_context& v);

}  // namespace motcua::kiosk
