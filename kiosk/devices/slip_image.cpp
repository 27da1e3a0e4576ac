#include "kiosk/devices/slip_image.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "kiosk/devices/text_raster.hpp"
#include "shared/render/qr.hpp"

namespace motcua::devices {

namespace {

constexpr int reference_width = 576;  // sizes below are in dots on 80 mm paper
constexpr int quiet_zone = 4;         // modules, as the QR standard asks

// Stacks parts top to bottom, each after a gap, into the final image.
class slip_builder {
 public:
  explicit slip_builder(int width) : width_(width), scale_(double(width) / reference_width) {}

  int dots(double reference_dots) const {
    return std::max(1, static_cast<int>(std::lround(reference_dots * scale_)));
  }
  int inner_width() const { return width_ - 2 * dots(16); }

  void gap(double reference_dots) { y_ += dots(reference_dots); }

  void text(slip_part_kind kind, const std::string& text, double reference_pixels, bool bold,
            bool wrap = true) {
    if (text.empty()) return;
    bitmap image = render_text(text, {reference_pixels * scale_, bold, wrap}, inner_width());
    add(kind, dots(16), std::move(image));
  }

  void rule() {
    bitmap line(inner_width(), dots(2));
    for (int y = 0; y < line.height(); ++y)
      for (int x = 0; x < line.width(); ++x) line.set_black(x, y);
    add(slip_part_kind::rule, dots(16), std::move(line));
  }

  void add(slip_part_kind kind, int left, bitmap image) {
    const int height = image.height();
    picture_.parts.push_back({kind, y_, left, std::move(image)});
    y_ += height;
  }

  slip_picture finish() {
    picture_.image = bitmap(width_, y_);
    for (const slip_part& part : picture_.parts)
      picture_.image.blit(part.image, part.left, part.top);
    return std::move(picture_);
  }

 private:
  int width_;
  double scale_;
  int y_ = 0;
  slip_picture picture_;
};

std::string labelled(const char* label, const std::string& value) {
  return value.empty() ? std::string() : label + value;
}

// The code with a quiet zone, each module `module_dots` square.
bitmap qr_image(const render::qr_matrix& qr, int module_dots) {
  const int side = (qr.size + 2 * quiet_zone) * module_dots;
  bitmap image(side, side);
  for (int row = 0; row < qr.size; ++row)
    for (int column = 0; column < qr.size; ++column) {
      if (!qr.at(row, column)) continue;
      const int x0 = (column + quiet_zone) * module_dots;
      const int y0 = (row + quiet_zone) * module_dots;
      for (int y = y0; y < y0 + module_dots; ++y)
        for (int x = x0; x < x0 + module_dots; ++x) image.set_black(x, y);
    }
  return image;
}

}  // namespace

slip_picture draw_slip(const slip& s, int width) {
  if (width < 128) throw std::invalid_argument("slip narrower than 128 dots");
  slip_builder b(width);
  b.gap(16);
  b.text(slip_part_kind::centre, s.centre, 28, true);
  b.gap(10);
  b.rule();
  b.gap(12);
  b.text(slip_part_kind::service, s.service, 32, false);
  b.gap(14);
  b.text(slip_part_kind::number_label, "SỐ THỨ TỰ", 24, true);
  b.text(slip_part_kind::number, s.number, 170, true, false);
  b.gap(10);
  b.text(slip_part_kind::issued_at, labelled("Giờ lấy số: ", s.issued_at), 26, false);
  b.text(slip_part_kind::ahead, labelled("Số người chờ trước bạn: ", s.ahead), 26, false);
  b.text(slip_part_kind::eta, labelled("Thời gian chờ dự kiến: ", s.eta), 26, false);
  if (!s.qr_payload.empty()) {
    b.gap(16);
    // About 40% of the paper width, whole dots per module so that the code stays sharp.
    const render::qr_matrix matrix = render::encode_qr(s.qr_payload);
    const int modules = matrix.size + 2 * quiet_zone;
    const int module_dots = std::max(2, static_cast<int>(0.4 * width) / modules);
    bitmap qr = qr_image(matrix, module_dots);
    const int left = (width - qr.width()) / 2;
    b.add(slip_part_kind::qr, left, std::move(qr));
    b.text(slip_part_kind::qr_caption, "Quét mã để theo dõi lượt trên điện thoại", 24, false);
  }
  b.gap(8);
  b.text(slip_part_kind::footer, "Vui lòng chú ý màn hình và loa gọi số", 22, false);
  b.gap(16);
  return b.finish();
}

}  // namespace motcua::devices
