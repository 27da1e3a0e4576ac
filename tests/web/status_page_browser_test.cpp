// The rendered pages in a real browser: headless Chromium (Debian's `chromium`
// package, see scripts/deps.sh) at phone size, 390 x 844 CSS pixels. Each page
// is written to a temporary .html file and opened twice, once to dump the DOM
// (the text a reader gets, diacritics included) and once to take a screenshot,
// which is copied to MOTCUA_SCREENSHOT_DIR for a person to look at; the search
// page is also fetched from the real server over https://. Every Chromium run
// has a fresh profile, no network services, and is killed with its process
// group after 60 s.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/web/status_page.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/web/demo_dossier.hpp"

namespace motcua::web {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* chromium_path = "/usr/bin/chromium";
constexpr auto chromium_timeout = 60s;
constexpr int phone_width = 390;
constexpr int phone_height = 844;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct png_size {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

std::uint32_t big_endian_32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// The size from the IHDR chunk, which a PNG file must start with.
std::optional<png_size> read_png_size(const std::string& png) {
  constexpr std::string_view signature = "\x89PNG\r\n\x1a\n";
  if (png.size() < 24 || png.compare(0, 8, signature) != 0 || png.compare(12, 4, "IHDR") != 0)
    return std::nullopt;
  return png_size{big_endian_32(png, 16), big_endian_32(png, 20)};
}

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(chromium_path))
        << chromium_path << " is missing: run scripts/deps.sh (Debian package `chromium`)";
  }

  // One Chromium run on `url` with a fresh profile; `mode` is --dump-dom or
  // --screenshot=...; `extra` flags go before it.
  motcua::testing::run_result chromium(const std::string& url, const std::string& mode,
                                       const std::vector<std::string>& extra = {}) {
    const fs::path profile = dir_.path() / ("profile-" + std::to_string(++runs_));
    fs::create_directory(profile);
    std::vector<std::string> args = {
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile.string(),
        "--window-size=" + std::to_string(phone_width) + "," + std::to_string(phone_height)};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {mode, url});
    args.insert(args.begin(), chromium_path);
    motcua::testing::run_options options;
    options.timeout = chromium_timeout;
    motcua::testing::run_result r = motcua::testing::run_program(args, options);
    EXPECT_FALSE(r.timed_out) << "chromium " << mode << " took over 60 s; stderr:\n" << r.errors;
    EXPECT_EQ(r.exit_code, 0) << "chromium " << mode << " failed; stderr:\n" << r.errors;
    return r;
  }

  // Opens `html` as `name`.html and checks it as check_url does.
  void check_page(const std::string& name, const std::string& html,
                  const std::vector<std::string>& expected) {
    const fs::path page = dir_.path() / (name + ".html");
    write_file(page, html);
    check_url(name, "file://" + page.string(), expected);
  }

  // Opens `url` (Chromium with the `extra` flags): the dumped DOM must hold
  // every `expected` text, the screenshot (kept as
  // MOTCUA_SCREENSHOT_DIR/`name`.png) must be phone-wide and not blank.
  void check_url(const std::string& name, const std::string& url,
                 const std::vector<std::string>& expected,
                 const std::vector<std::string>& extra = {}) {
    const std::string dom = chromium(url, "--dump-dom", extra).output;
    for (const auto& text : expected) EXPECT_NE(dom.find(text), std::string::npos) << text;

    const fs::path shot = dir_.path() / (name + ".png");
    chromium(url, "--screenshot=" + shot.string(), extra);
    const std::string png = read_file(shot);
    EXPECT_GT(png.size(), 5000u) << "blank screenshot?";
    const auto size = read_png_size(png);
    ASSERT_TRUE(size) << shot << " is not a PNG";
    EXPECT_EQ(size->width, static_cast<std::uint32_t>(phone_width));
    EXPECT_EQ(size->height, static_cast<std::uint32_t>(phone_height));

    const fs::path kept_dir = MOTCUA_SCREENSHOT_DIR;
    fs::create_directories(kept_dir);
    fs::copy_file(shot, kept_dir / (name + ".png"), fs::copy_options::overwrite_existing);
  }

  motcua::testing::temp_dir dir_;

 private:
  int runs_ = 0;
};

TEST_F(BrowserTest, StatusPageVietnamese) {
  check_page(
      "status_vi", render_status_page(test_data::demo_dossier(), lang::vi, {}),
      {"000.00.00.H99-261127-0003", "Trợ cấp xã hội hằng tháng", "Đã có kết quả – mời đến nhận",
       "Đúng hạn", "08:05 27/11/2026", "Phòng Bảo trợ xã hội thẩm định"});
}

TEST_F(BrowserTest, StatusPageEnglish) {
  check_page("status_en", render_status_page(test_data::demo_dossier(), lang::en, {}),
             {"000.00.00.H99-261127-0003", "Monthly social allowance",
              "Result ready – please collect it", "On time", "Tiếng Việt"});
}

TEST_F(BrowserTest, NotFoundPage) {
  check_page("not_found_vi", render_not_found_page("000.00.00.H99-261127-9999", lang::vi),
             {"Không tìm thấy hồ sơ", "000.00.00.H99-261127-9999", "Vui lòng kiểm tra lại mã"});
}

TEST_F(BrowserTest, SearchPage) {
  check_page("search_vi", render_search_page(lang::vi, "Mã hồ sơ không đúng định dạng."),
             {"Tra cứu hồ sơ", "Mã hồ sơ không đúng định dạng."});
}

// The search page from the real server over https://. Chromium trusts exactly
// the test server's key (--ignore-certificate-errors-spki-list: the SHA-256 of
// its public key, computed with openssl), nothing else; without that pin it
// refuses the certificate and shows none of the page.
TEST_F(BrowserTest, SearchPageOverHttps) {
  using motcua::testing::test_pki;
  test_pki pki(dir_.path());
  const auto cert = pki.issue("server");
  motcua::testing::server_process server(
      dir_.file("motcua.db"), {"--demo", "--tls-cert", cert.cert, "--tls-key", cert.key});
  const std::string url = "https://127.0.0.1:" + server.port() + "/tra-cuu";
  check_url("search_https", url, {"Tra cứu hồ sơ", "Mã hồ sơ"},
            {"--ignore-certificate-errors-spki-list=" + test_pki::spki_sha256(cert.cert)});

  const motcua::testing::run_result untrusted = chromium(url, "--dump-dom");
  EXPECT_EQ(untrusted.output.find("Tra cứu hồ sơ"), std::string::npos) << untrusted.output;
  EXPECT_NE(untrusted.errors.find("ERR_CERT_AUTHORITY_INVALID"), std::string::npos)
      << untrusted.errors;
}

}  // namespace
}  // namespace motcua::web
