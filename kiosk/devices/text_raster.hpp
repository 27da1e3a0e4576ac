// Text to 1-bit images with Pango and Cairo (DejaVu Sans), for printers that cannot print
// Vietnamese diacritics from their own fonts. Glyphs are drawn anti-aliased on an 8-bit
// coverage surface and thresholded at half coverage. Thread-safe: each thread uses its own
// Pango font map.
#pragma once

#include <string_view>

#include "kiosk/devices/bitmap.hpp"

namespace motcua::devices {

struct text_style {
  double pixels = 24;  // font size: the em height in dots
  bool bold = false;
  bool wrap = true;  // wrap at word boundaries; when false, shrink the font until it fits
};

// `text` (UTF-8) centred in an image exactly `width` dots wide, as tall as the laid-out lines.
// Any bytes are drawn: what is not displayable (domain::displayable) as U+FFFD.
// An empty text gives a 0-row image. Throws std::runtime_error when Cairo fails.
bitmap render_text(std::string_view text, const text_style& style, int width);

}  // namespace motcua::devices
