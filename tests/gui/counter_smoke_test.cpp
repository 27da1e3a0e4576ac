// motcua-counter under Xvfb against the real demo server: a clerk logs in, opens counter 1,
// calls the next ticket and starts serving it (--do plays the F-key actions), registers a
// dossier for that citizen through the intake form (its receipt previewed), opens its page and
// the dossier list; a manager's dashboard renders in both languages. Each screen's PNG must not
// be blank; the clerk's bookings (today's, and the form for a caller) and the dashboard's booking
// figures too; the staffing tab on a written history. Skipped without xvfb-run.
// With MOTCUA_SCREENSHOT_DIR set, the PNGs are also copied there (docs/screenshots).
#include <algorithm>
#include <chrono>

#include "server/store/database.hpp"
#include "tests/gui/png_check.hpp"
#include "tests/integration/booking_centre.hpp"
#include "tests/integration/sample_dossier.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/kannel.hpp"

namespace motcua::testing {
namespace {

// A real picture, not a blank window: its pixels vary.
bool looks_drawn(const std::string& png) { return png_image::load(png).luminance_variance() > 100; }

class counter_smoke : public server_test {
 protected:
  void SetUp() override {
    if (run_program({"sh", "-c", "command -v xvfb-run"}).exit_code != 0)
      GTEST_SKIP() << "xvfb-run is not installed";
  }

  // Runs the counter under Xvfb with `args` and a screenshot to `png`, with its own settings
  // folder (and no leak report under AddressSanitizer).
  run_result run_counter(const std::string& png, std::vector<std::string> args) {
    std::vector<std::string> argv{MOTCUA_COUNTER_PATH, "--server", address(), "--screenshot", png};
    argv.insert(argv.end(), args.begin(), args.end());
    run_options options;
    options.environment = {"XDG_CONFIG_HOME=" + dir_.file("config"), without_leak_reports()};
    return run_under_xvfb("1440x900x24", argv, options);
  }

  // Runs the counter with `args`; the screen must become ready and not be blank. With
  // MOTCUA_SCREENSHOT_DIR set, the PNG is kept there as counter-`name`.png. Returns how the
  // program ended.
  run_result shoot(const std::string& name, std::vector<std::string> args) {
    auto png = dir_.file("counter-" + name + ".png");
    auto r = run_counter(png, std::move(args));
    EXPECT_EQ(r.exit_code, 0) << r.errors;
    EXPECT_TRUE(looks_drawn(png)) << name << " looks blank";
    keep_screenshot(png, "counter-" + name);
    return r;
  }
};

TEST_F(counter_smoke, ClerkCallsATicketRegistersAndManagerSeesTheDashboard) {
  auto k = kiosk();
  take(*k, 1, "s1");
  take(*k, 2, "s2");
  auto elderly = take(*k, 1, "s3", domain::priority::elderly).ticket;
  take(*k, 1, "s4");

  shoot("queue", {"--user", "clerk1", "--password", "demo", "--counter", "1", "--screen", "queue",
                  "--do", "call_next,start"});
  // The counter app called the priority ticket first and started serving it.
  auto manager = connect();
  auto hello = hello_staff(*manager, "manager");
  const protocol::counter_view* one = nullptr;
  for (const auto& c : hello.snapshot->counters)
    if (c.id == 1) one = &c;
  ASSERT_TRUE(one && one->ticket);
  EXPECT_EQ(one->ticket->number, elderly.number);
  EXPECT_EQ(one->ticket->state, domain::ticket_state::serving);

  // The clerk registers a dossier for the citizen being served; the receipt (Form 01) shows.
  const std::string form =
      "procedure=DEMO.BTXH.02;name=Trần Văn Bình;id=001090001234;phone=0912 345 678;"
      "address=5 Hàng Bài, Hoàn Kiếm, Hà Nội";
  shoot("intake-form",
        {"--user", "clerk1", "--password", "demo", "--screen", "intake", "--fill", form});
  shoot("intake", {"--user", "clerk1", "--password", "demo", "--screen", "intake", "--fill", form,
                   "--do", "register"});
  auto found = result_of<protocol::dossiers_result>(
      manager->call(protocol::search_dossiers{"tran van binh", {}, {}, {}, {}, {}, {}, {}, {}}));
  ASSERT_EQ(found.dossiers.size(), 1u);
  const auto& registered = found.dossiers[0];
  EXPECT_EQ(registered.ticket, elderly.id);
  EXPECT_EQ(registered.applicant.phone, "0912345678");
  shoot("dossier", {"--user", "clerk1", "--password", "demo", "--screen", "dossiers", "--dossier",
                    registered.code});
  shoot("dossiers", {"--user", "clerk1", "--password", "demo", "--screen", "dossiers"});
  // Another counter serves one citizen and marks one absent, for the dashboard's figures.
  auto clerk2 = clerk("clerk2", 2, {1, 2});
  clerk_do(*clerk2, protocol::call_next{});
  clerk_do(*clerk2, protocol::start_service{});
  clerk_do(*clerk2, protocol::finish{});
  clerk_do(*clerk2, protocol::call_next{});
  clerk_do(*clerk2, protocol::no_show{});
  shoot("dashboard", {"--user", "manager", "--password", "demo", "--screen", "dashboard"});
  shoot("dashboard-en",
        {"--user", "manager", "--password", "demo", "--screen", "dashboard", "--lang", "en"});
}

// Issue 16: the manager's staffing tab on four weeks of history written by motcua-sim into the
// server's database (the server stopped meanwhile: one writer of the audit chain at a time).
// It opens on the typical day of the next working day's weekday and the advice for that day.
TEST_F(counter_smoke, TheStaffingTabShowsTheWhatIfAndTheAdvice) {
  server_.reset();
  const domain::business_zone zone;
  const auto today = zone.day_of(domain::system_clock{}.now());
  const auto from = domain::format_iso_date(
      std::chrono::year_month_day{std::chrono::sys_days{today} - std::chrono::days{28}});
  auto written = run_program({MOTCUA_SIM_PATH, "--write-history", db_, "--from", from, "--days",
                              "28", "--profile", MOTCUA_SIM_DATA "/ordinary-profile.json", "--plan",
                              MOTCUA_SIM_DATA "/monday-plan.json"});
  ASSERT_EQ(written.exit_code, 0) << written.errors;
  start();
  shoot("staffing", {"--user", "manager", "--password", "demo", "--screen", "staffing"});
  shoot("staffing-en",
        {"--user", "manager", "--password", "demo", "--screen", "staffing", "--lang", "en"});
}

// The centre texts citizens through a real Kannel with fakesmsc as the carrier: the clerk's
// ticket panel lists what the citizen at the counter was sent, the dossier's page what its
// applicant was sent, the dashboard the day's texts by state.
TEST_F(counter_smoke, TheTextsToCitizensShowOnTheTicketTheDossierAndTheDashboard) {
  temp_dir kannel_dir;
  kannel carrier(kannel_dir.path().string());
  start_demo_with(R"({"sms": {"sendsms_url": ")" + carrier.sendsms_url() + R"(", "username": ")" +
                  kannel::username + R"(", "password": ")" + kannel::password +
                  R"(", "from": "MOTCUA"}})");
  auto k = kiosk();
  take(*k, 1, "t1", domain::priority::none, "0912345678");
  auto called = run_counter(dir_.file("calling.png"), {"--user", "clerk1", "--password", "demo",
                                                       "--counter", "1", "--do", "call_next"});
  ASSERT_EQ(called.exit_code, 0) << called.errors;
  const auto code = register_sample(*staff("clerk2"), "texted");
  // Every text the carrier took reported delivered (the `ahead` one was never due: the citizen
  // was next), so that the pictures show where texts end.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  auto on_their_way = [&] {
    store::database db(db_);
    auto q =
        db.prepare("SELECT COUNT(*) FROM sms_outbox WHERE state IN ('queued', 'sending', 'sent')");
    return q.step() ? q.int64(0) : 1;
  };
  while (on_their_way() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // Kannel's pace
  ASSERT_EQ(on_their_way(), 0);

  shoot("texts-queue",
        {"--user", "clerk1", "--password", "demo", "--counter", "1", "--screen", "queue"});
  shoot("texts-dossier",
        {"--user", "clerk1", "--password", "demo", "--screen", "dossiers", "--dossier", code});
  shoot("texts-dashboard", {"--user", "manager", "--password", "demo", "--screen", "dashboard"});
}

// The counter works in Vietnam's time and a booking's slot is never today, so the server runs
// where it is the evening before Vietnam's today (booking_centre.hpp): its tomorrow, booked from
// midnight, is the counter's today, and its first slots are within their check-in window.
TEST_F(counter_smoke, TheClerksBookingsOfTodayAndTheDashboardsBookingFigures) {
  using namespace std::chrono;
  const auto zone = zone_on_the_eve_of_vietnams_today();
  if (!zone)
    GTEST_SKIP() << "from 21:24 to midnight in Vietnam no business zone is early enough the day "
                    "before";
  const auto tomorrow =
      year_month_day{sys_days{zone->day_of(domain::system_clock{}.now())} + days{1}};
  ASSERT_EQ(tomorrow, domain::business_zone{}.day_of(domain::system_clock{}.now()));
  start_demo_with(checking_in_tonight(*zone));

  auto desk = staff("clerk1");
  auto book = [&](std::chrono::minutes at, std::string name, const std::string& phone) {
    return result_of<protocol::booking_result>(
               desk->call(protocol::book{1,
                                         zone->format(zone->at(tomorrow, at)),
                                         std::move(name),
                                         phone,
                                         "smoke-booking-" + phone,
                                         {},
                                         {},
                                         "vi"}))
        .booking;
  };
  const auto an = book(0h, "Nguyễn Văn An", "0905000001");
  book(0h, "Trần Thị Bình", "0905000002");
  const auto cuong = book(1h, "Lê Văn Cường", "0905000003");
  book(2h, "Phạm Thị Dung", "0905000004");
  auto k = kiosk();
  take(*k, 1, "walk-in-1");
  const auto in = result_of<protocol::ticket_result>(k->call(protocol::check_in{an.code, {}}));
  EXPECT_EQ(in.ticket.priority, domain::priority::appointment);
  take(*k, 1, "walk-in-2");
  result_of<protocol::booking_result>(
      desk->call(protocol::cancel_booking{cuong.code, "Công dân gọi điện báo bận"}));

  shoot("bookings",
        {"--user", "clerk1", "--password", "demo", "--counter", "1", "--screen", "bookings"});
  shoot("queue-appointment",
        {"--user", "clerk1", "--password", "demo", "--counter", "1", "--screen", "queue"});
  shoot("dashboard-bookings", {"--user", "manager", "--password", "demo", "--screen", "dashboard"});
}

TEST_F(counter_smoke, OverWssTrustingTheCentresCaTheClerkCallsAndGetsTheReceiptOverHttps) {
  start_tls();
  auto k = kiosk();
  auto ticket = take(*k, 1, "tls").ticket;
  const std::string ca = pki_->ca_cert();
  shoot("tls-queue", {"--ca", ca, "--user", "clerk1", "--password", "demo", "--counter", "1",
                      "--screen", "queue", "--do", "call_next"});
  auto manager = connect();
  auto hello = hello_staff(*manager, "manager");
  const auto& counters = hello.snapshot->counters;
  const auto one = std::ranges::find(counters, 1, &protocol::counter_view::id);
  ASSERT_TRUE(one != counters.end() && one->ticket);
  EXPECT_EQ(one->ticket->number, ticket.number);

  // The receipt (Form 01) comes over https:// from the same server.
  shoot("tls-intake",
        {"--ca", ca, "--user", "clerk1", "--password", "demo", "--screen", "intake", "--fill",
         "procedure=DEMO.BTXH.02;name=Lê Văn An;id=001090001234;phone=0912 345 678;"
         "address=5 Hàng Bài, Hoàn Kiếm, Hà Nội",
         "--do", "register"});
}

TEST_F(counter_smoke, WithoutTheCentresCaTheLoginSaysTheCertificateIsNotTrusted) {
  start_tls();
  shoot("tls-untrusted", {"--user", "clerk1", "--password", "demo"});
}

TEST_F(counter_smoke, WrongPasswordStaysOnTheLoginScreenWithTheServersMessage) {
  // shoot() checks that the program ended with 0: the login screen became ready, which it only
  // is while it shows a problem. The program writes the server's refusal to stderr as it hands
  // it on to that screen (client::link_report), and the link stops trying.
  auto r = shoot("login", {"--user", "clerk1", "--password", "wrong"});
  EXPECT_NE(r.errors.find("motcua-counter: " + address() +
                          " refused the credentials (Sai tên đăng nhập hoặc mật khẩu.); not "
                          "retrying\n"),
            std::string::npos)
      << r.errors;
}

}  // namespace
}  // namespace motcua::testing
