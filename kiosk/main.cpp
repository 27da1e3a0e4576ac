// motcua-kiosk: the ticket kiosk, the hall display board and the rating screen. Set up (flags,
// window, feed), run the frame loop of the chosen mode, shut down in reverse order.
//
// Each frame: drain the feed into the screen model, apply scripted taps (--tap, fake-state
// taps) once the screen is synchronised, let time pass (tick), draw, then apply the taps the
// draw code recorded.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "kiosk/devices/announcer.hpp"
#include "kiosk/feed.hpp"
#include "kiosk/model/call_board.hpp"
#include "kiosk/model/rating_panel.hpp"
#include "kiosk/model/scripted_taps.hpp"
#include "kiosk/model/ticket_kiosk.hpp"
#include "kiosk/model/ticket_slip.hpp"
#include "kiosk/options.hpp"
#include "kiosk/slip_printer.hpp"
#include "kiosk/views/board_view.hpp"
#include "kiosk/views/rating_view.hpp"
#include "kiosk/views/ticket_view.hpp"
#include "shared/ui/app_shell.hpp"

namespace motcua::kiosk {
namespace {

using std::chrono::milliseconds;

// Scripted taps, applied one a frame once the screen has its state.
struct tap_script {
  std::vector<std::string> taps;
  std::size_t next = 0;
  bool done() const { return next == taps.size(); }
};

// Applies the recorded taps; false (with a message) on one the screen does not know.
template <class Model>
bool apply_all(Model& model, const std::vector<std::string>& taps) {
  for (const auto& t : taps) {
    if (!apply_tap(model, t)) {
      std::fprintf(stderr, "motcua-kiosk: unknown tap '%s'\n", t.c_str());
      return false;
    }
  }
  return true;
}

// What every mode's frame starts with: the feed's items into the screen, then the next
// scripted tap once the screen has its state and waits for no reply.
template <class Screen>
struct frame_start {
  feed& source;
  Screen& screen;
  tap_script script;
  bool failed = false;        // an unknown tap
  bool seen_offline = false;  // the link reported offline at least once

  void run(bool waiting_for_reply) {
    for (const auto& item : source.drain()) {
      if (const auto* s = std::get_if<client::link_status>(&item))
        seen_offline |= s->state == client::link_state::offline;
      screen.apply(item);
    }
    if constexpr (requires { apply_tap(screen, std::string_view()); }) {
      if (screen.hall().synced() && !waiting_for_reply && !script.done())
        failed |= !apply_all(screen, {script.taps[script.next++]});
    }
  }
  // Ready for a screenshot: the screen shows the server's state (or the offline banner) and
  // every scripted tap has had its answer; or the server refused the token (nothing more will
  // come).
  bool settled(bool waiting_for_reply) const {
    return failed || screen.hall().refused() ||
           ((screen.hall().synced() || seen_offline) && script.done() && !waiting_for_reply);
  }
  // The program's exit code once the frame loop returned `status`: 2 after an unknown tap, 1
  // when the server refused the token (the screen said so until closed, or its screenshot was
  // written), else `status`.
  int exit_code(int status) const {
    if (failed) return 2;
    return status == 0 && screen.hall().refused() ? 1 : status;
  }
};

view_context context(const ui::app_shell& shell, ui::theme t, std::vector<std::string>& taps) {
  return view_context{shell.fonts(), shell.scale(), ui::colours(t), taps};
}

// Milliseconds to the next whole minute of `now` (the board clock's next change).
milliseconds to_next_minute(domain::time_point now) {
  return milliseconds(60000 - now.time_since_epoch().count() % 60000);
}

// Keys typed (a barcode scanner is a keyboard): characters, Enter and Backspace.
std::vector<std::string> typed_keys() {
  std::vector<std::string> taps;
  const ImGuiIO& io = ImGui::GetIO();
  for (ImWchar c : io.InputQueueCharacters)
    if (c < 0x80) taps.push_back(std::string("keys:") + static_cast<char>(c));
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)))
    taps.push_back("enter");
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) taps.push_back("keys:\b");
  return taps;
}

int run_ticket(const options& o, ui::app_shell& shell, feed& source, const domain::clock& clock,
               tap_script script) {
  ticket_kiosk kiosk(clock, source.sender(), random_request_key, o.lang);
  ticket_view view(o.centre, o.printer.has_value());
  std::unique_ptr<slip_printer> printer;
  if (o.printer) printer = std::make_unique<slip_printer>(*o.printer);
  frame_start<ticket_kiosk> start{source, kiosk, std::move(script)};
  auto waiting = [&] { return kiosk.busy() || kiosk.lookup().busy() || kiosk.check_in().busy(); };
  auto frame = [&]() -> ui::frame_hint {
    start.run(waiting());
    kiosk.tick();
    if (auto issued = kiosk.take_slip()) {
      if (printer)
        printer->print(
            ticket_slip(*issued, kiosk.hall().service(issued->ticket.service), o.centre));
      view.set_printer_message("");
    }
    if (printer) {
      if (auto error = printer->take_error()) view.set_printer_message(*error);
    }
    std::vector<std::string> taps = typed_keys();
    if (ImGui::IsMouseClicked(0) || !taps.empty()) kiosk.touched();
    view.draw(kiosk, context(shell, ui::theme::light, taps));
    start.failed |= !apply_all(kiosk, taps);
    return {false, kiosk.next_deadline() + milliseconds(1)};
  };
  return start.exit_code(shell.run(frame, [&] { return start.settled(waiting()); }));
}

int run_display(const options& o, ui::app_shell& shell, feed& source, const domain::clock& clock) {
  call_board board(clock);
  board_view view(o.centre, o.notice);
  auto speaker = devices::announcer::create(o.mute || o.screenshot.has_value(),
                                            std::string(domain::code_of(o.lang)));
  frame_start<call_board> start{source, board, {}};
  auto frame = [&]() -> ui::frame_hint {
    start.run(false);
    board.tick();
    for (const auto& a : board.take_announcements())
      speaker->announce(devices::call_sentence(a.number, a.counter, o.lang == domain::lang::en));
    std::vector<std::string> taps;
    const bool moving =
        view.draw(board, o.lang, clock.now(), context(shell, ui::theme::dark, taps));
    milliseconds next = to_next_minute(clock.now());
    if (moving) next = std::min(next, milliseconds(40));
    if (auto d = board.next_deadline()) next = std::min(next, *d + milliseconds(1));
    return {false, next};
  };
  return start.exit_code(shell.run(frame, [&] { return start.settled(board.queued() > 0); }));
}

int run_rating(const options& o, ui::app_shell& shell, feed& source, const domain::clock& clock,
               tap_script script) {
  rating_panel panel(clock, source.sender(), random_request_key, *o.counter, o.lang);
  frame_start<rating_panel> start{source, panel, std::move(script)};
  auto frame = [&]() -> ui::frame_hint {
    start.run(panel.busy());
    panel.tick();
    std::vector<std::string> taps;
    draw_rating(panel, context(shell, ui::theme::light, taps));
    start.failed |= !apply_all(panel, taps);
    const auto deadline = panel.next_deadline();
    return {false, deadline ? std::optional(*deadline + milliseconds(1)) : std::nullopt};
  };
  return start.exit_code(shell.run(frame, [&] { return start.settled(panel.busy()); }));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int run(const options& o) {
  std::optional<fake_server> fake;
  if (o.fake_state) fake = fake_server::parse(read_file(*o.fake_state));
  std::unique_ptr<domain::clock> clock;
  if (fake && fake->now())
    clock = std::make_unique<domain::test_clock>(*fake->now());
  else
    clock = std::make_unique<domain::system_clock>();
  tap_script script{o.taps};
  if (fake) script.taps.insert(script.taps.begin(), fake->taps().begin(), fake->taps().end());

  const char* titles[] = {"Một Cửa — Lấy số", "Một Cửa — Bảng gọi số", "Một Cửa — Đánh giá"};
  ui::shell_options so;
  so.title = titles[static_cast<int>(o.mode)];
  so.width = o.window.width;
  so.height = o.window.height;
  if (o.window.position)
    so.position = ui::window_position{o.window.position->x, o.window.position->y};
  so.fullscreen = o.fullscreen;
  so.screenshot = o.screenshot;
  so.fonts = hall_fonts();
  so.theme = o.mode == mode::display ? ui::theme::dark : ui::theme::light;
  ui::app_shell shell(so);
  // Each screen asks for what it shows; the board takes its role's default (the services'
  // counts, the calls, the counters).
  auto who = client::credentials::device(o.token);
  if (o.mode == mode::ticket) who.topics = ticket_kiosk::topics();
  if (o.mode == mode::rating) who.topics = rating_panel::topics();
  std::unique_ptr<feed> source =
      fake ? std::make_unique<feed>(std::move(*fake))
           : std::make_unique<feed>(o.server, std::move(who), o.ca, o.lang, ui::app_shell::wake);
  switch (o.mode) {
    case mode::ticket:
      return run_ticket(o, shell, *source, *clock, std::move(script));
    case mode::display:
      return run_display(o, shell, *source, *clock);
    case mode::rating:
      return run_rating(o, shell, *source, *clock, std::move(script));
  }
  return 1;
}

}  // namespace
}  // namespace motcua::kiosk

int main(int argc, char** argv) {
  using namespace motcua::kiosk;
  auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (const int* done = std::get_if<int>(&parsed)) return *done;
  try {
    return run(std::get<options>(parsed));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "motcua-kiosk: %s\n", e.what());
    return 1;
  }
}
