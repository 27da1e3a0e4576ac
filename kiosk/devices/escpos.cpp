#include "kiosk/devices/escpos.hpp"

#include <stdexcept>

#include "kiosk/devices/slip_image.hpp"

namespace motcua::devices {

namespace {

constexpr char esc = 0x1b;
constexpr char gs = 0x1d;
constexpr int cut_margin_dots = 24;  // paper fed past the cutter after the footer (3 mm)

void append_u16(std::string& out, int value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}

}  // namespace

std::string raster_commands(const bitmap& image, int rows_per_band) {
  if (rows_per_band < 1 || rows_per_band > 255)
    throw std::invalid_argument("raster band must hold 1 to 255 rows");
  std::string out;
  for (int top = 0; top < image.height(); top += rows_per_band) {
    const bitmap band = image.rows(top, rows_per_band);
    out += gs;
    out += "v0";
    out += '\0';  // m = 0: normal density
    append_u16(out, band.row_bytes());
    append_u16(out, band.height());
    out.append(band.bytes().begin(), band.bytes().end());
  }
  return out;
}

std::string render_slip(const slip& s, int width_dots) {
  const slip_picture picture = draw_slip(s, width_dots);
  std::string out{esc, '@'};
  out += raster_commands(picture.image);
  out += {gs, 'V', 66, static_cast<char>(cut_margin_dots)};
  return out;
}

}  // namespace motcua::devices
