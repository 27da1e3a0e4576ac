// A 1-bit image in the layout ESC/POS raster commands (GS v 0) and PBM (P4) use: rows top to
// bottom, each row packed 8 pixels a byte, most significant bit first, 1 = black (ink), the
// last byte of a row padded with 0 bits. Plain value type; not thread-safe to mutate.
#pragma once

#include <cstdint>
#include <vector>

namespace motcua::devices {

class bitmap {
 public:
  bitmap() = default;
  // A white image; width and height must be >= 0.
  bitmap(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }
  int row_bytes() const { return (width_ + 7) / 8; }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

  // Out-of-range reads give white; out-of-range writes are ignored.
  bool black(int x, int y) const;
  void set_black(int x, int y);
  bool row_blank(int y) const;

  // Draws `other` with its top-left corner at (x, y), OR-ing its black pixels (clipped).
  void blit(const bitmap& other, int x, int y);

  // Rows [top, top + count) as their own image (clipped to this image).
  bitmap rows(int top, int count) const;

  // Wraps packed rows; throws std::invalid_argument when the size does not match.
  static bitmap from_bytes(int width, int height, std::vector<std::uint8_t> bytes);

  friend bool operator==(const bitmap&, const bitmap&) = default;

 private:
  int width_ = 0;
  int height_ = 0;
  std::vector<std::uint8_t> bytes_;
};

}  // namespace motcua::devices
