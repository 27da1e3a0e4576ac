// Test support: reads an ESC/POS byte stream back. Accepts only the commands Một Cửa sends
// (ESC @, ESC d n, GS v 0, GS V m [n]); anything else is an error naming its offset. The
// GS v 0 bands are stacked into one bitmap (all bands must have the same width).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/devices/bitmap.hpp"

namespace motcua::devices::testing {

struct escpos_command {
  std::string name;         // "ESC @", "ESC d", "GS v 0", "GS V"
  std::size_t offset = 0;   // of its first byte
  int width_bytes = 0;      // GS v 0: bytes per row
  int rows = 0;             // GS v 0: rows in the band
  std::vector<int> params;  // ESC d: n; GS V: m [n]
};

struct escpos_document {
  std::vector<escpos_command> commands;
  bitmap raster;  // every GS v 0 band, top to bottom
};

// Throws std::runtime_error on an unknown command, a truncated one or bands of unequal width.
escpos_document decode_escpos(std::string_view bytes);

// The names of the commands, space-separated per command and joined by " | ".
std::string command_names(const escpos_document& document);

// The image as a binary PBM (P4) file: the same packed rows, 1 = black.
std::string to_pbm(const bitmap& image);

}  // namespace motcua::devices::testing
