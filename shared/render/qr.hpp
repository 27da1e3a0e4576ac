// QR codes for the printed forms (libqrencode): the module matrix only; docs/page.hpp draws
// it as vector squares.
#pragma once

#include <string_view>
#include <vector>

namespace motcua::render {

struct qr_matrix {
  int size = 0;                     // modules per side, without the quiet zone
  std::vector<unsigned char> dark;  // size * size, row by row; 1 = dark

  bool at(int row, int column) const { return dark[row * size + column] != 0; }
};

// The QR code of `text` (taken as bytes; letters keep their case), error correction level M,
// the smallest version that holds it. Throws std::invalid_argument when `text` is empty or too
// long for a QR code, std::bad_alloc when memory runs out.
qr_matrix encode_qr(std::string_view text);

}  // namespace motcua::render
