// The slip drawn as one 1-bit image, `width` dots wide (576 for 80 mm paper, 384 for 58 mm,
// at 203 dpi); sizes scale with the width. Top to bottom: centre name, a rule, service, the
// "số thứ tự" label, the number huge, issue time, people ahead, estimated wait, the QR code of
// `qr_payload` with a line saying what it is for, a footer line. Thread-safe (see text_raster.hpp).
#pragma once

#include <vector>

#include "kiosk/devices/bitmap.hpp"
#include "kiosk/devices/slip.hpp"

namespace motcua::devices {

enum class slip_part_kind {
  centre,
  rule,
  service,
  number_label,
  number,
  issued_at,
  ahead,
  eta,
  qr,
  qr_caption,
  footer
};

// Where a part landed: rows [top, top + height) of the image, and its own image (text parts are
// as wide as the paper minus margins, the QR part the code with a 4-module quiet zone, each
// module a whole number of dots), drawn with its left edge at column `left`.
struct slip_part {
  slip_part_kind kind;
  int top = 0;
  int left = 0;
  bitmap image;
};

struct slip_picture {
  bitmap image;
  std::vector<slip_part> parts;
};

// Throws std::invalid_argument when width < 128 or the QR payload is too long for a QR code,
// std::runtime_error when Cairo fails.
slip_picture draw_slip(const slip& s, int width);

}  // namespace motcua::devices
