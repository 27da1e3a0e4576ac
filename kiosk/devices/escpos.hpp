// ESC/POS output for thermal receipt printers: the ticket slip as bytes, and writing bytes to
// the printer. All Vietnamese text is sent as a raster image (GS v 0), so that diacritics print
// right whatever code pages the printer has. Commands used: ESC @ (initialise), GS v 0 (raster
// bands of at most `band_rows` rows, since printers have small buffers) and GS V 66 n (feed to
// the cutter and cut partially). Stateless functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/devices/bitmap.hpp"
#include "kiosk/devices/slip.hpp"

namespace motcua::devices {

inline constexpr int paper_80mm_dots = 576;  // printable width at 203 dpi
inline constexpr int paper_58mm_dots = 384;
inline constexpr int band_rows = 128;  // rows per GS v 0 command (9 KB at 80 mm)

// The whole slip: initialise, the slip image (slip_image.hpp) in bands, feed and partial cut.
// Throws as draw_slip does (std::invalid_argument for a width under 128 dots or a QR payload
// too long for a QR code).
std::string render_slip(const slip& s, int width_dots = paper_80mm_dots);

// GS v 0 commands (normal density) printing `image`, `rows_per_band` rows (1..255) at most each.
std::string raster_commands(const bitmap& image, int rows_per_band = band_rows);

// Writes `bytes` to the printer at `path`; nullopt on success, else an error text in
// Vietnamese for the screen. Paths under /dev/ are devices (/dev/usb/lp0): opened for writing,
// never created, so a missing printer gives an error. Any other path is a file: created when
// missing and APPENDED to (it collects every slip, like a paper roll; `cat FILE > /dev/usb/lp0`
// prints them). Blocks until all bytes are accepted, or gives up when the device accepts
// nothing for `stall_timeout` (printer out of paper, cover open): call it off the UI thread.
std::optional<std::string> write_to_printer(
    const std::string& path, std::string_view bytes,
    std::chrono::milliseconds stall_timeout = std::chrono::seconds(5));

}  // namespace motcua::devices
