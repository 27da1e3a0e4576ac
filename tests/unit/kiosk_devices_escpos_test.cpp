// The ticket slip read back from its ESC/POS bytes: only known commands, the image width of the
// paper, the number huge, the QR code readable (zbarimg), and writing to a printer or file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "kiosk/devices/escpos.hpp"
#include "kiosk/devices/slip_image.hpp"
#include "kiosk/devices/text_raster.hpp"
#include "shared/os/process.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/kiosk_devices_escpos_decoder.hpp"

namespace motcua::devices {
namespace {

using testing::decode_escpos;
using testing::escpos_document;

slip sample_slip() {
  return {.centre = "Trung tâm Phục vụ hành chính công tỉnh Thừa Thiên Huế",
          .service = "Người có công",
          .number = "A012",
          .issued_at = "28/11/2026 09:15",
          .ahead = "5",
          .eta = "khoảng 15 phút",
          .qr_payload = "https://motcua.example.vn/ve/0123456789abcdef0123456789abcdef"};
}

const slip_part& part(const slip_picture& picture, slip_part_kind kind) {
  for (const slip_part& p : picture.parts)
    if (p.kind == kind) return p;
  throw std::runtime_error("slip part missing");
}

int ink_rows(const bitmap& image) {
  int rows = 0;
  for (int y = 0; y < image.height(); ++y) rows += !image.row_blank(y);
  return rows;
}

// Runs of columns with ink separated by blank columns: one per glyph of a bold number.
int ink_column_runs(const bitmap& image) {
  int runs = 0;
  bool previous = false;
  for (int x = 0; x < image.width(); ++x) {
    bool any = false;
    for (int y = 0; y < image.height() && !any; ++y) any = image.black(x, y);
    runs += any && !previous;
    previous = any;
  }
  return runs;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(KioskDevicesEscpos, SlipUsesOnlyInitRasterAndCut) {
  const escpos_document doc = decode_escpos(render_slip(sample_slip()));
  ASSERT_GE(doc.commands.size(), 3u);
  EXPECT_EQ(doc.commands.front().name, "ESC @");
  EXPECT_EQ(doc.commands.back().name, "GS V");
  EXPECT_EQ(doc.commands.back().params, (std::vector<int>{66, 24}));  // feed, partial cut
  for (std::size_t i = 1; i + 1 < doc.commands.size(); ++i) {
    EXPECT_EQ(doc.commands[i].name, "GS v 0") << testing::command_names(doc);
    EXPECT_LE(doc.commands[i].rows, band_rows);
  }
}

TEST(KioskDevicesEscpos, RasterIsThePaperWidthAndTheDrawnSlip) {
  for (int width : {paper_80mm_dots, paper_58mm_dots}) {
    const escpos_document doc = decode_escpos(render_slip(sample_slip(), width));
    EXPECT_EQ(doc.raster.width(), width);
    EXPECT_EQ(doc.raster, draw_slip(sample_slip(), width).image) << width;
  }
}

TEST(KioskDevicesEscpos, NumberIsHugeAndHasOneGlyphPerCharacter) {
  const slip_picture picture = draw_slip(sample_slip(), paper_80mm_dots);
  const slip_part& number = part(picture, slip_part_kind::number);
  EXPECT_GE(ink_rows(number.image), 110);       // cap height of a 170-dot bold font
  EXPECT_EQ(ink_column_runs(number.image), 4);  // A 0 1 2
  // And it is in the printed image where the layout says.
  bitmap placed(picture.image.width(), number.image.height());
  placed.blit(number.image, number.left, 0);
  EXPECT_EQ(picture.image.rows(number.top, number.image.height()), placed);
}

TEST(KioskDevicesEscpos, NumberShrinksToFitNarrowPaper) {
  slip s = sample_slip();
  s.number = "ABC1234";
  const slip_picture picture = draw_slip(s, paper_58mm_dots);
  const slip_part& number = part(picture, slip_part_kind::number);
  EXPECT_EQ(ink_column_runs(number.image), 7);
  EXPECT_FALSE([&] {  // no ink touches the image edges: nothing was clipped
    for (int y = 0; y < number.image.height(); ++y)
      if (number.image.black(0, y) || number.image.black(number.image.width() - 1, y)) return true;
    return false;
  }());
}

TEST(KioskDevicesEscpos, EveryTextLineHasInkAndEmptyFieldsAreLeftOut) {
  slip s = sample_slip();
  const slip_picture full = draw_slip(s, paper_80mm_dots);
  for (const slip_part& p : full.parts) EXPECT_GT(ink_rows(p.image), 0) << int(p.kind);
  EXPECT_EQ(full.parts.size(), 11u);

  s.ahead.clear();
  s.eta.clear();
  s.qr_payload.clear();
  const slip_picture short_slip = draw_slip(s, paper_80mm_dots);
  EXPECT_EQ(short_slip.parts.size(), 7u);  // no QR code, no caption under it
  EXPECT_LT(short_slip.image.height(), full.image.height());
}

TEST(KioskDevicesEscpos, QrCodeDecodesWithZbarimg) {
  const auto zbarimg = os::find_program("zbarimg");
  if (!zbarimg) GTEST_SKIP() << "zbarimg not installed (package zbar-tools)";
  motcua::testing::temp_dir dir;
  const std::string pbm = dir.file("slip.pbm");
  std::ofstream(pbm, std::ios::binary)
      << testing::to_pbm(decode_escpos(render_slip(sample_slip())).raster);
  const auto r = motcua::testing::run_program({*zbarimg, "--quiet", "--raw", pbm});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(r.output, sample_slip().qr_payload + "\n");
}

// Slip text comes from the server (centre and service names, the number): any bytes draw, what
// cannot be shown as U+FFFD; a right-to-left override would otherwise reverse the line and a
// control would draw as a hex box.
TEST(KioskDevicesEscpos, HostileTextDrawsAsReplacementCharacters) {
  using namespace std::string_literals;
  const text_style style{26, false, true};
  EXPECT_EQ(render_text("Quầy\u202E 12\x1b[2J\0\uFFFF\xFF\u200B"s, style, paper_80mm_dots),
            render_text("Quầy\uFFFD 12\uFFFD[2J\uFFFD\uFFFD\uFFFD\uFFFD", style, paper_80mm_dots));
  slip s = sample_slip();
  s.centre = "Trung tâm\u202E\uFDD0\xC0\xAF";
  s.service = "\x1b[31mNgười có công\uFEFF"s;
  s.number = "A0\0\uFFFF12"s;
  const slip_picture picture = draw_slip(s, paper_80mm_dots);
  for (const slip_part& p : picture.parts) EXPECT_GT(ink_rows(p.image), 0) << int(p.kind);
  EXPECT_FALSE(render_slip(s).empty());
}

TEST(KioskDevicesEscpos, RasterBandsSplitTallImages) {
  bitmap image(64, 300);
  image.set_black(0, 299);
  const escpos_document doc = decode_escpos(raster_commands(image, 128));
  ASSERT_EQ(doc.commands.size(), 3u);
  EXPECT_EQ(doc.commands[0].rows, 128);
  EXPECT_EQ(doc.commands[2].rows, 44);
  EXPECT_EQ(doc.commands[0].width_bytes, 8);
  EXPECT_EQ(doc.raster, image);
  EXPECT_THROW(raster_commands(image, 256), std::invalid_argument);
}

TEST(KioskDevicesEscpos, DecoderRejectsUnknownCommands) {
  EXPECT_THROW(decode_escpos("\x1b@\x1b!\x08"), std::runtime_error);  // ESC ! (print mode)
  EXPECT_THROW(decode_escpos("A"), std::runtime_error);               // plain text
  EXPECT_THROW(decode_escpos(std::string("\x1dv0\0\x02\0\x02\0\xff", 9)), std::runtime_error);
}

TEST(KioskDevicesPrinter, FileIsCreatedThenAppendedTo) {
  motcua::testing::temp_dir dir;
  const std::string path = dir.file("printer.bin");
  const std::string first = render_slip(sample_slip());
  ASSERT_EQ(write_to_printer(path, first), std::nullopt);
  ASSERT_EQ(write_to_printer(path, "\x1b@"), std::nullopt);
  EXPECT_EQ(read_file(path), first + "\x1b@");
  EXPECT_EQ(decode_escpos(read_file(path)).raster, decode_escpos(first).raster);
}

TEST(KioskDevicesPrinter, MissingDeviceGivesAClearError) {
  const auto error = write_to_printer("/dev/usb/motcua-no-such-lp9", "\x1b@");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("Không tìm thấy máy in /dev/usb/motcua-no-such-lp9"), std::string::npos)
      << *error;
}

TEST(KioskDevicesPrinter, MissingFolderGivesAnError) {
  motcua::testing::temp_dir dir;
  const auto error = write_to_printer(dir.file("no-folder/printer.bin"), "\x1b@");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("máy in"), std::string::npos) << *error;
}

TEST(KioskDevicesPrinter, StalledPrinterTimesOut) {
  // A FIFO whose reader never reads stands for a printer that takes nothing (out of paper).
  motcua::testing::temp_dir dir;
  const std::string path = dir.file("stalled");
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const int reader = ::open(path.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  const std::string lots(1 << 20, '\0');  // more than a pipe holds
  const auto error = write_to_printer(path, lots, std::chrono::milliseconds(20));
  ::close(reader);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("không nhận dữ liệu"), std::string::npos) << *error;
}

}  // namespace
}  // namespace motcua::devices
