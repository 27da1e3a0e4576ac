#include "shared/render/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <new>
#include <stdexcept>

namespace motcua::render {

qr_matrix encode_qr(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("QR code of an empty text");
  constexpr std::size_t max_bytes = 2953;  // version 40 at level L; level M holds less
  if (text.size() > max_bytes) throw std::invalid_argument("text too long for a QR code");
  errno = 0;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) {
    if (errno == ENOMEM) throw std::bad_alloc();
    throw std::invalid_argument("text too long for a QR code");
  }
  qr_matrix m;
  m.size = code->width;
  m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  return m;
}

}  // namespace motcua::render
