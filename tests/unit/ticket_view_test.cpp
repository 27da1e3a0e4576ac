// The hall screens' draw code in a real ImGui context without a window (ImGui's example_null
// pattern): on the ticket kiosk a click on a button records the tap the model expects, and a
// greyed button or an offline screen records none; the display board keeps drawing only while
// something moves.
#include "kiosk/views/ticket_view.hpp"
#include "kiosk/views/board_view.hpp"

#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "shared/ui/theme.hpp"
#include "tests/unit/kiosk_fixture.hpp"

namespace motcua::kiosk {
namespace {

using namespace testing;

// An ImGui context with the hall fonts and a 1920x1080 display, no window.
class headless_screen {
 public:
  headless_screen() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    ui::apply(ui::theme::light, 1);
    fonts_.load(hall_fonts(), 1);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);  // builds the atlas
  }
  ~headless_screen() { ImGui::DestroyContext(); }

  void resize(ImVec2 size) { ImGui::GetIO().DisplaySize = size; }

  // Draws a frame of the ticket kiosk; returns the bottom of what it drew (ImGui's internal
  // extent of the window's items, which a full-screen window does not scroll to).
  float bottom(ticket_view& view, const ticket_kiosk& k) {
    std::vector<std::string> taps;
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    view.draw(k, view_context{fonts_, 1, ui::colours(ui::theme::light), taps});
    ImGui::Render();
    return ImGui::FindWindowByName("ticket kiosk")->DC.CursorMaxPos.y;
  }

  // Hovers, presses and releases at `at`; returns the taps the draw code recorded.
  std::vector<std::string> click(ImVec2 at, ticket_view& view, const ticket_kiosk& k) {
    std::vector<std::string> taps;
    for (bool down : {false, true, false}) {
      ImGuiIO& io = ImGui::GetIO();
      io.DeltaTime = 1.0f / 60;
      io.MousePos = at;
      io.MouseDown[0] = down;
      ImGui::NewFrame();
      view.draw(k, view_context{fonts_, 1, ui::colours(ui::theme::light), taps});
      ImGui::Render();
    }
    return taps;
  }

  // One frame of the display board; returns whether it asks for the next one (animation).
  bool board_frame(board_view& view, const call_board& board, domain::time_point now) {
    std::vector<std::string> taps;
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    bool animating = view.draw(board, domain::lang::vi, now,
                               view_context{fonts_, 1, ui::colours(ui::theme::dark), taps});
    ImGui::Render();
    return animating;
  }

 private:
  ui::font_set fonts_;
};

class ticket_view_test : public ::testing::Test {
 protected:
  ticket_view_test() {
    kiosk.apply(hello(
        {service(1, "Người có công", "A", true, 4, 20), service(2, "Bảo trợ xã hội", "B", false)}));
    kiosk.apply(status(client::link_state::online));
  }

  // Points inside the home screen's buttons at 1920x1080 (design scale 1).
  const ImVec2 first_service{400, 400};
  const ImVec2 second_service{1400, 400};
  const ImVec2 language{1750, 70};

  headless_screen screen;
  domain::test_clock clock{at("2026-11-28T09:00:00+07:00")};
  recorder server;
  ticket_kiosk kiosk{clock, server.fn(), [] { return std::string("k"); }, domain::lang::vi};
  ticket_view view{"Trung tâm", false};
};

TEST_F(ticket_view_test, TappingAServiceRecordsItsTap) {
  EXPECT_EQ(screen.click(first_service, view, kiosk), std::vector<std::string>{"service:1"});
}

TEST_F(ticket_view_test, AClosedServiceTakesNoTap) {
  EXPECT_TRUE(screen.click(second_service, view, kiosk).empty());
}

TEST_F(ticket_view_test, OfflineTheServicesTakeNoTapButTheLanguageToggleDoes) {
  kiosk.apply(status(client::link_state::offline));
  EXPECT_TRUE(screen.click(first_service, view, kiosk).empty());
  EXPECT_EQ(screen.click(language, view, kiosk), std::vector<std::string>{"language"});
}

// A 1920x1080 screen cut the action row (ABC, Xóa, Xác nhận) off under a two-line refusal.
TEST_F(ticket_view_test, EveryKeyOfTheCheckInIsOnTheScreenUnderATooEarlyRefusal) {
  kiosk.open_check_in();
  for (char c : std::string("0905000002\n")) kiosk.press_key(c);
  protocol::error early{protocol::error_code::conflict,
                        "Lịch hẹn của bạn lúc 03:00 ngày 06/12/2026. Vui lòng quay lại từ 23:00 "
                        "ngày 05/12/2026 để xác nhận.",
                        "Your appointment is at 03:00 on 06/12/2026. Please come back from 23:00 "
                        "on 05/12/2026 to check in.",
                        {}};
  early.retry_at = "2026-12-05T23:00:00+07:00";
  kiosk.apply(reply(server.last_id(), early));
  for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
    screen.resize(size);
    EXPECT_LE(screen.bottom(view, kiosk), size.y) << size.x << "x" << size.y;
  }
}

TEST_F(ticket_view_test, TheTicketWithItsPhoneQrCodeFitsLandscapeAndPortrait) {
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::elderly);
  protocol::ticket_result issued{ticket(7, "A005", 1), 4, 20};
  issued.ticket.priority = domain::priority::elderly;
  issued.ticket.public_url = "https://motcua.example.vn/ve/0123456789abcdef0123456789abcdef";
  kiosk.apply(reply(server.last_id(), issued));
  ASSERT_EQ(kiosk.screen(), kiosk_screen::ticket);
  ticket_view printing{"Trung tâm", true};
  for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
    screen.resize(size);
    EXPECT_LE(screen.bottom(printing, kiosk), size.y) << size.x << "x" << size.y;
  }
}

TEST_F(ticket_view_test, ThePhoneStepsKeysAndSkipAreOnTheScreenUnderAWrongNumber) {
  kiosk.apply(hello({service(1, "Người có công", "A", true, 4, 20)}, 5, {}, true));
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  for (char c : std::string("12345\n")) kiosk.press_key(c);
  ASSERT_TRUE(kiosk.phone_wrong());
  for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
    screen.resize(size);
    EXPECT_LE(screen.bottom(view, kiosk), size.y) << size.x << "x" << size.y;
  }
}

TEST(board_view_test, AShortNoticeStandsStillAndALongOneScrolls) {
  headless_screen screen;
  domain::test_clock clock{domain::time_point{}};
  call_board board{clock};
  board_view short_notice("Trung tâm", "Giờ làm việc: 7 giờ 30 – 17 giờ.");
  EXPECT_FALSE(screen.board_frame(short_notice, board, clock.now()));  // the board may sleep
  std::string long_text;
  for (int i = 0; i < 6; ++i) long_text += "Xin giữ trật tự và chú ý màn hình gọi số. ";
  board_view long_notice("Trung tâm", long_text);
  EXPECT_TRUE(screen.board_frame(long_notice, board, clock.now()));
}

}  // namespace
}  // namespace motcua::kiosk
