// motcua-kiosk as a whole, under Xvfb, against the real demo server: each mode connects, draws
// and saves a screenshot that is not blank; the ticket kiosk, tapped by script, issues a ticket
// the server counts, shows and prints it with the QR code of its phone page (read by zbarimg off
// the screenshot and the printed slip), and checks a booking in (too early, then in its window);
// pointed at no server it shows the offline banner. Skipped when xvfb-run is not installed.
// With MOTCUA_SCREENSHOT_DIR set, the slip's and the check-in's PNGs are also copied there
// (docs/screenshots).
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <boost/json.hpp>

#include "kiosk/devices/escpos.hpp"
#include "tests/gui/png_check.hpp"
#include "tests/integration/booking_centre.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/http_get.hpp"
#include "tests/unit/kiosk_devices_escpos_decoder.hpp"

namespace motcua::testing {
namespace {

bool have_xvfb() { return run_program({"sh", "-c", "command -v xvfb-run"}).exit_code == 0; }

// Runs motcua-kiosk with `args` in a fresh virtual X server (killed after a minute).
run_result run_kiosk_program(const std::vector<std::string>& args) {
  std::vector<std::string> argv{MOTCUA_KIOSK_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  run_options options;
  options.environment = {without_leak_reports()};
  options.timeout = std::chrono::minutes{1};
  return run_under_xvfb("1920x1080x24", argv, options);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The same; its exit code.
int run_kiosk(const std::vector<std::string>& args) { return run_kiosk_program(args).exit_code; }

constexpr std::array<int, 3> ticket_red{200, 16, 46};  // the ticket number (light theme)
constexpr std::array<int, 3> banner_red{180, 20, 20};  // the offline banner
constexpr std::array<int, 3> board_red{220, 38, 38};   // the same on the board's dark theme
constexpr double not_blank = 100;  // luminance variance of a screen with text on it: thousands

class kiosk_smoke_test : public server_test {
 protected:
  void SetUp() override {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
  }
  std::string png(const std::string& name) const { return dir_.file(name + ".png"); }
};

TEST_F(kiosk_smoke_test, TicketModeIssuesATicketShowsItAndPrintsTheSlip) {
  // A centre whose tickets have a page for the phone; two citizens already waiting.
  start_demo_with(R"({"public_base_url": "https://motcua.example.vn"})");
  auto k = kiosk();
  take(*k, 1, "smoke-1");
  take(*k, 1, "smoke-2");
  const std::string slips = dir_.file("slips.bin");
  ASSERT_EQ(
      run_kiosk({"--server", address(), "--token", "demo-kiosk", "--centre",
                 "Trung tâm Phục vụ hành chính công tỉnh Thừa Thiên Huế", "--tap", "service:1",
                 "--tap", "priority:none", "--printer", slips, "--screenshot", png("ticket")}),
      0);
  const auto image = png_image::load(png("ticket"));
  EXPECT_EQ(image.width, 1920);
  EXPECT_GT(image.luminance_variance(), not_blank);
  EXPECT_GT(image.count(ticket_red), 5000) << "the ticket number is not on the screen";
  EXPECT_EQ(list_services(*k).at(0).waiting, 3);  // issued, exactly once
  // The slip as the printer got it, as a picture.
  const auto slip = devices::testing::decode_escpos(read_file(slips)).raster;
  EXPECT_EQ(slip.width(), devices::paper_80mm_dots);
  save_png(slip, png("slip"));
  keep_screenshot(png("slip"), "slip-80mm");

  // The screen's QR code and the slip's lead to the kiosk's ticket (A003) on the phone.
  const auto on_screen = read_qr(png("ticket"));
  if (!on_screen) GTEST_SKIP() << "zbarimg not installed (package zbar-tools)";
  std::smatch token;
  ASSERT_TRUE(std::regex_match(*on_screen, token,
                               std::regex("https://motcua\\.example\\.vn/ve/([0-9a-f]{32})")))
      << *on_screen;
  EXPECT_EQ(read_qr(png("slip")), *on_screen);
  const auto page = http_get(server().host(), server().port(), "/api/v1/tickets/" + token.str(1));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(boost::json::parse(page.body).at("number"), "A003");
}

TEST_F(kiosk_smoke_test, TicketModeOfACentreThatSendsTextsAsksForAPhoneAndTakesTheTicket) {
  // The gateway need not answer for the kiosk to offer the step: the sender waits for it.
  start_demo_with(R"({"sms": {"sendsms_url": "http://127.0.0.1:9/cgi-bin/sendsms",
                              "username": "motcua", "password": "secret", "from": "MOTCUA"}})");
  const std::vector<std::string> step{"--server", address(),        "--token", "demo-kiosk",
                                      "--tap",    "service:1",      "--tap",   "priority:none",
                                      "--tap",    "keys:0905123456"};
  auto shot = step;
  shot.insert(shot.end(), {"--screenshot", png("phone")});
  ASSERT_EQ(run_kiosk(shot), 0);
  EXPECT_GT(png_image::load(png("phone")).luminance_variance(), not_blank);
  keep_screenshot(png("phone"), "kiosk-phone-step");
  auto k = kiosk();
  EXPECT_EQ(list_services(*k).at(0).waiting, 0) << "nothing taken before the step is answered";

  auto take = step;
  take.insert(take.end(), {"--tap", "phone", "--screenshot", png("phone-ticket")});
  ASSERT_EQ(run_kiosk(take), 0);
  EXPECT_GT(png_image::load(png("phone-ticket")).count(ticket_red), 5000) << "the ticket shows";
  EXPECT_EQ(list_services(*k).at(0).waiting, 1);
}

TEST_F(kiosk_smoke_test, TicketModeChecksABookingInAndSaysWhenToComeBackForAnEarlyOne) {
  const auto zone = zone_at_ten_pm();
  const auto tomorrow = std::chrono::year_month_day{
      std::chrono::sys_days{zone.day_of(domain::system_clock{}.now())} + std::chrono::days{1}};
  start_demo_with(checking_in_tonight(zone));
  auto clerk1 = staff("clerk1");
  auto book = [&](std::chrono::minutes at, const std::string& phone) {
    return result_of<protocol::booking_result>(
               clerk1->call(protocol::book{1,
                                           zone.format(zone.at(tomorrow, at)),
                                           "Nguyễn Văn An",
                                           phone,
                                           "smoke-" + phone,
                                           {},
                                           {},
                                           "vi"}))
        .booking.code;
  };
  const auto code = book(std::chrono::minutes{0}, "0905000001");  // its window is open
  book(std::chrono::hours{3}, "0905000002");                      // its window opens at 23:00
  const std::vector<std::string> kiosk_args{"--server",   address(), "--token",
                                            "demo-kiosk", "--tap",   "check_in"};
  auto with = [&](std::vector<std::string> more) {
    auto args = kiosk_args;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };

  // The keypad, half the code typed.
  ASSERT_EQ(run_kiosk(with({"--tap", "keys:" + code.substr(0, 4), "--screenshot", png("typing")})),
            0);
  EXPECT_GT(png_image::load(png("typing")).luminance_variance(), not_blank);
  keep_screenshot(png("typing"), "kiosk-check-in-typing");
  // Too early, by the phone number: the time to come back, no ticket.
  ASSERT_EQ(run_kiosk(with(
                {"--tap", "keys:0905000002", "--tap", "enter", "--screenshot", png("too-early")})),
            0);
  EXPECT_LT(png_image::load(png("too-early")).count(ticket_red), 1000);
  keep_screenshot(png("too-early"), "kiosk-check-in-too-early");
  // Scanned: the code and Enter. The appointment's ticket, shown and printed.
  const std::string slips = dir_.file("slips.bin");
  ASSERT_EQ(run_kiosk(with({"--tap", "keys:" + code, "--tap", "enter", "--printer", slips,
                            "--screenshot", png("checked-in")})),
            0);
  EXPECT_GT(png_image::load(png("checked-in")).count(ticket_red), 5000)
      << "the ticket number is not on the screen";
  keep_screenshot(png("checked-in"), "kiosk-check-in-ticket");
  EXPECT_GT(std::filesystem::file_size(slips), 1000u);
  auto k = kiosk();
  EXPECT_EQ(list_services(*k).at(0).waiting, 1);  // the appointment's ticket, once
  const auto day = result_of<protocol::bookings_result>(
      clerk1->call(protocol::list_bookings{domain::format_iso_date(tomorrow), {}}));
  ASSERT_EQ(day.bookings.size(), 2u);
  EXPECT_EQ(day.bookings[0].status, domain::booking_status::checked_in);
  EXPECT_EQ(day.bookings[1].status, domain::booking_status::booked);
}

TEST_F(kiosk_smoke_test, DisplayModeShowsTheBoard) {
  auto k = kiosk();
  take(*k, 1, "smoke");
  auto clerk1 = clerk("clerk1", 1, {1});
  clerk_do(*clerk1, protocol::call_next{});
  ASSERT_EQ(run_kiosk({"--server", address(), "--token", "demo-display", "--mode", "display",
                       "--mute", "--notice", "Thông báo thử", "--screenshot", png("board")}),
            0);
  EXPECT_GT(png_image::load(png("board")).luminance_variance(), not_blank);
}

TEST_F(kiosk_smoke_test, RatingModeTakesItsSettingsFromAConfigFile) {
  const std::string config = dir_.file("rating.conf");
  std::ofstream(config) << "# the screen beside counter 2\nserver = " << address()
                        << "\ntoken = demo-kiosk\nmode = rating\ncounter = 2\n";
  ASSERT_EQ(run_kiosk({"--config", config, "--screenshot", png("rating")}), 0);
  const auto image = png_image::load(png("rating"));
  EXPECT_EQ(image.width, 1280);
  EXPECT_GT(image.luminance_variance(), not_blank);
}

TEST_F(kiosk_smoke_test, WithoutAServerTheKioskShowsTheOfflineBannerAndSaysSoOnce) {
  const std::string port = server().port();
  stop();
  const std::string url = "ws://127.0.0.1:" + port + "/ws";
  const auto r =
      run_kiosk_program({"--server", url, "--token", "demo-kiosk", "--screenshot", png("offline")});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  const auto image = png_image::load(png("offline"));
  EXPECT_GT(image.count(banner_red), 20000) << "no offline banner";
  EXPECT_NE(
      r.errors.find("motcua-kiosk: cannot reach " + url + " (Connection refused); retrying\n"),
      std::string::npos)
      << r.errors;
  EXPECT_EQ(r.errors.find("cannot reach"), r.errors.rfind("cannot reach")) << r.errors;
}

TEST_F(kiosk_smoke_test, ARefusedTokenIsShownAndToldAndTheScreenshotExitsOne) {
  // Every mode: the screen says so (the banner), one line says so, the link stops trying, and
  // the screenshot of that state is written at once (exit 1: the kiosk cannot work).
  struct case_ {
    std::vector<std::string> mode;
    std::array<int, 3> red;  // the banner's red in the mode's theme
  };
  for (const auto& [mode, red] :
       {case_{{"--mode", "ticket"}, banner_red}, case_{{"--mode", "display", "--mute"}, board_red},
        case_{{"--mode", "rating", "--counter", "1"}, banner_red}}) {
    auto args = mode;
    const std::string shot = png("refused-" + mode[1]);
    args.insert(args.end(),
                {"--server", address(), "--token", "not-a-device", "--screenshot", shot});
    const auto r = run_kiosk_program(args);
    EXPECT_EQ(r.exit_code, 1) << mode[1] << ": " << r.errors;
    EXPECT_GT(png_image::load(shot).count(red), 20000) << mode[1] << ": no banner";
    EXPECT_NE(r.errors.find("motcua-kiosk: " + address() +
                            " refused the credentials (Mã thiết bị không hợp lệ.); not retrying\n"),
              std::string::npos)
        << r.errors;
  }
}

TEST_F(kiosk_smoke_test, OverWssTrustingTheCentresCaTheKioskIsOnlineAndIssuesATicket) {
  start_tls();
  // The server and the CA from the config file, as a kiosk is set up.
  const std::string config = dir_.file("kiosk.conf");
  std::ofstream(config) << "server = " << address() << "\nca = " << pki_->ca_cert()
                        << "\ntoken = demo-kiosk\n";
  ASSERT_EQ(run_kiosk({"--config", config, "--tap", "service:1", "--tap", "priority:elderly",
                       "--screenshot", png("tls")}),
            0);
  const auto image = png_image::load(png("tls"));
  EXPECT_LT(image.count(banner_red), 1000) << "the offline banner is on the screen";
  EXPECT_GT(image.count(ticket_red), 5000) << "the ticket number is not on the screen";
  auto k = kiosk();
  EXPECT_EQ(list_services(*k).at(0).waiting, 1);
}

TEST_F(kiosk_smoke_test, WithoutTheCentresCaTheKioskSaysItsCertificateIsNotTrusted) {
  start_tls();
  ASSERT_EQ(
      run_kiosk({"--server", address(), "--token", "demo-kiosk", "--screenshot", png("untrusted")}),
      0);
  EXPECT_GT(png_image::load(png("untrusted")).count(banner_red), 20000) << "no offline banner";
}

TEST_F(kiosk_smoke_test, ABadFlagIsRefusedWithUsage) {
  EXPECT_EQ(run_kiosk({"--mode", "sideways"}), 2);
}

}  // namespace
}  // namespace motcua::testing
