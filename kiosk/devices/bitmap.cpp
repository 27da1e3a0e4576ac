#include "kiosk/devices/bitmap.hpp"

#include <algorithm>
#include <stdexcept>

namespace motcua::devices {

bitmap::bitmap(int width, int height) : width_(width), height_(height) {
  if (width < 0 || height < 0) throw std::invalid_argument("bitmap: negative size");
  bytes_.assign(static_cast<std::size_t>(row_bytes()) * static_cast<std::size_t>(height), 0);
}

bool bitmap::black(int x, int y) const {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return false;
  return (bytes_[static_cast<std::size_t>(y) * row_bytes() + x / 8] >> (7 - x % 8)) & 1;
}

void bitmap::set_black(int x, int y) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  bytes_[static_cast<std::size_t>(y) * row_bytes() + x / 8] |=
      static_cast<std::uint8_t>(0x80u >> (x % 8));
}

bool bitmap::row_blank(int y) const {
  if (y < 0 || y >= height_) return true;
  auto first = bytes_.begin() + static_cast<std::ptrdiff_t>(y) * row_bytes();
  return std::all_of(first, first + row_bytes(), [](std::uint8_t b) { return b == 0; });
}

void bitmap::blit(const bitmap& other, int x, int y) {
  for (int row = 0; row < other.height_; ++row) {
    if (y + row < 0 || y + row >= height_) continue;
    for (int column = 0; column < other.width_; ++column)
      if (other.black(column, row)) set_black(x + column, y + row);
  }
}

bitmap bitmap::rows(int top, int count) const {
  top = std::clamp(top, 0, height_);
  count = std::clamp(count, 0, height_ - top);
  bitmap part(width_, count);
  auto first = bytes_.begin() + static_cast<std::ptrdiff_t>(top) * row_bytes();
  std::copy(first, first + static_cast<std::ptrdiff_t>(count) * row_bytes(), part.bytes_.begin());
  return part;
}

bitmap bitmap::from_bytes(int width, int height, std::vector<std::uint8_t> bytes) {
  bitmap image(width, height);
  if (bytes.size() != image.bytes_.size())
    throw std::invalid_argument("bitmap: byte count does not match the size");
  image.bytes_ = std::move(bytes);
  return image;
}

}  // namespace motcua::devices
