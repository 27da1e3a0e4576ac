#include "tests/unit/kiosk_devices_escpos_decoder.hpp"

#include <stdexcept>

namespace motcua::devices::testing {

namespace {

class reader {
 public:
  explicit reader(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return pos_ == bytes_.size(); }
  std::size_t pos() const { return pos_; }
  int byte() {
    if (pos_ >= bytes_.size()) fail("truncated command");
    return static_cast<unsigned char>(bytes_[pos_++]);
  }
  int u16() {
    const int low = byte();
    return low | (byte() << 8);
  }
  std::string_view take(std::size_t n) {
    if (bytes_.size() - pos_ < n) fail("truncated raster data");
    std::string_view part = bytes_.substr(pos_, n);
    pos_ += n;
    return part;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("ESC/POS at byte " + std::to_string(pos_) + ": " + what);
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

escpos_document decode_escpos(std::string_view bytes) {
  escpos_document document;
  std::vector<std::uint8_t> raster;
  int raster_width_bytes = -1;
  int raster_rows = 0;
  reader in(bytes);
  while (!in.done()) {
    escpos_command command;
    command.offset = in.pos();
    const int first = in.byte();
    const int second = in.byte();
    if (first == 0x1b && second == '@') {
      command.name = "ESC @";
    } else if (first == 0x1b && second == 'd') {
      command.name = "ESC d";
      command.params = {in.byte()};
    } else if (first == 0x1d && second == 'v') {
      if (in.byte() != '0') in.fail("GS v other than GS v 0");
      command.name = "GS v 0";
      const int mode = in.byte();
      if (mode < 0 || mode > 3) in.fail("GS v 0 with an unknown mode");
      command.width_bytes = in.u16();
      command.rows = in.u16();
      if (raster_width_bytes >= 0 && raster_width_bytes != command.width_bytes)
        in.fail("raster bands of different widths");
      raster_width_bytes = command.width_bytes;
      const std::string_view data =
          in.take(static_cast<std::size_t>(command.width_bytes) * command.rows);
      raster.insert(raster.end(), data.begin(), data.end());
      raster_rows += command.rows;
    } else if (first == 0x1d && second == 'V') {
      command.name = "GS V";
      const int m = in.byte();
      command.params = {m};
      if (m == 65 || m == 66)
        command.params.push_back(in.byte());
      else if (m != 0 && m != 1 && m != 48 && m != 49)
        in.fail("GS V with an unknown function");
    } else {
      in.fail("unknown command");
    }
    document.commands.push_back(std::move(command));
  }
  if (raster_width_bytes > 0)
    document.raster = bitmap::from_bytes(raster_width_bytes * 8, raster_rows, std::move(raster));
  return document;
}

std::string command_names(const escpos_document& document) {
  std::string out;
  for (const escpos_command& c : document.commands) {
    if (!out.empty()) out += " | ";
    out += c.name;
  }
  return out;
}

std::string to_pbm(const bitmap& image) {
  std::string out =
      "P4\n" + std::to_string(image.width()) + " " + std::to_string(image.height()) + "\n";
  out.append(image.bytes().begin(), image.bytes().end());
  return out;
}

}  // namespace motcua::devices::testing
