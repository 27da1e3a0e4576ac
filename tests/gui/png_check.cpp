#include "tests/gui/png_check.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include "shared/os/process.hpp"
#include "tests/support/child_process.hpp"

namespace motcua::testing {

png_image png_image::load(const std::string& path) {
  png_image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  if (!data) throw std::runtime_error("cannot read PNG " + path);
  image.rgb.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
  stbi_image_free(data);
  return image;
}

double png_image::luminance_variance() const {
  const std::size_t pixels = rgb.size() / 3;
  if (pixels == 0) return 0;
  double sum = 0, sum_squares = 0;
  for (std::size_t i = 0; i < pixels; ++i) {
    const double y = 0.2126 * rgb[3 * i] + 0.7152 * rgb[3 * i + 1] + 0.0722 * rgb[3 * i + 2];
    sum += y;
    sum_squares += y * y;
  }
  const double mean = sum / static_cast<double>(pixels);
  return sum_squares / static_cast<double>(pixels) - mean * mean;
}

int png_image::count(std::array<int, 3> colour, int tolerance) const {
  int n = 0;
  for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) {
    if (std::abs(rgb[i] - colour[0]) <= tolerance &&
        std::abs(rgb[i + 1] - colour[1]) <= tolerance &&
        std::abs(rgb[i + 2] - colour[2]) <= tolerance)
      ++n;
  }
  return n;
}

void save_png(const devices::bitmap& image, const std::string& path) {
  std::vector<std::uint8_t> grey(static_cast<std::size_t>(image.width()) * image.height());
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      grey[static_cast<std::size_t>(y) * image.width() + x] = image.black(x, y) ? 0 : 255;
  if (!stbi_write_png(path.c_str(), image.width(), image.height(), 1, grey.data(), image.width()))
    throw std::runtime_error("cannot write PNG " + path);
}

std::optional<std::string> read_qr(const std::string& path) {
  const auto zbarimg = os::find_program("zbarimg");
  if (!zbarimg) return std::nullopt;
  std::string text = run_program({*zbarimg, "--raw", "-q", path}).output;
  if (text.ends_with('\n')) text.pop_back();
  return text;
}

void keep_screenshot(const std::string& path, const std::string& name) {
  if (const char* dir = std::getenv("MOTCUA_SCREENSHOT_DIR"))
    std::filesystem::copy_file(path, std::filesystem::path(dir) / (name + ".png"),
                               std::filesystem::copy_options::overwrite_existing);
}

}  // namespace motcua::testing
