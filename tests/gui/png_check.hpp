// What a smoke test can tell from a screenshot without reading it: that it is a real picture
// (its pixels vary), how many pixels have a given colour (the offline banner's red, the ticket
// number's colour) and what its QR code holds. And a copy for a person to look at.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/devices/bitmap.hpp"

namespace motcua::testing {

struct png_image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // 3 bytes a pixel, rows top down

  // Loads a PNG; throws std::runtime_error when it cannot.
  static png_image load(const std::string& path);
  // Variance of the pixels' luminance (0 for a blank picture).
  double luminance_variance() const;
  // Pixels within `tolerance` of `colour` in every channel.
  int count(std::array<int, 3> colour, int tolerance = 12) const;
};

// Writes a printer's 1-bit image as a black-on-white PNG; throws std::runtime_error when it
// cannot.
void save_png(const devices::bitmap& image, const std::string& path);

// What the QR code in the picture at `path` holds, as `zbarimg --raw` reads it ("" when it finds
// none); nullopt when zbarimg is not installed (package zbar-tools).
std::optional<std::string> read_qr(const std::string& path);

// With MOTCUA_SCREENSHOT_DIR set, copies the PNG at `path` there as `name`.png (the README's
// pictures in docs/screenshots are refreshed so, after looking at them).
void keep_screenshot(const std::string& path, const std::string& name);

}  // namespace motcua::testing
