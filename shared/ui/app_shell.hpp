// The window and frame loop of every GUI program (kiosk, display board, rating screen, counter
// app): GLFW window with an OpenGL 3 context, an ImGui context with the GLFW and OpenGL3
// backends, the fonts and the theme, and a frame loop that sleeps while nothing changes.
//
// Frame loop: the program's `frame` callback runs between ImGui::NewFrame() and Render(); it
// drains its inbox, updates its models and draws. It returns a frame_hint: `animating` asks
// for the next frame at once (a flash, a scrolling notice), `redraw_in` for a frame after that
// long (a clock, an idle timeout); otherwise the loop waits in glfwWaitEventsTimeout() until
// input or wake() arrives, and draws a couple of frames after each so that ImGui settles (one
// frame after a `redraw_in` timeout).
//
// Screenshots (`screenshot` set): the loop runs until `ready()` returns true, draws
// `settle_frames` more frames, reads the back buffer, writes the PNG and returns 0 — or, when
// `ready()` stays false for `screenshot_timeout`, writes what is on screen and returns 3.
//
// Threading: everything on the thread that constructs the shell (the UI thread), except
// wake(), which any thread may call (the live link's callback).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"

struct GLFWwindow;

namespace motcua::ui {

// Where a window's top-left corner goes on the screen, in screen pixels.
struct window_position {
  int x = 0;
  int y = 0;
};

struct shell_options {
  std::string title = "Một Cửa";
  int width = 1280;
  int height = 800;
  std::optional<window_position> position;  // none: where the window manager puts it
  bool fullscreen = false;                  // on the primary monitor at its own resolution
  std::optional<std::string> screenshot;    // PNG path
  std::vector<font_spec> fonts{{24}};
  ui::theme theme = ui::theme::light;
  float design_short_side = 1080;  // the window's shorter side at scale 1
};

struct frame_hint {
  bool animating = false;
  std::optional<std::chrono::milliseconds> redraw_in;
};

class app_shell {
 public:
  static constexpr int settle_frames = 3;
  static constexpr std::chrono::seconds screenshot_timeout{20};

  // Opens the window. Throws std::runtime_error when GLFW, the window or a font fails; without a
  // display the message is "no display: cannot open a window (is $DISPLAY set?)".
  explicit app_shell(shell_options options);
  ~app_shell();
  app_shell(const app_shell&) = delete;
  app_shell& operator=(const app_shell&) = delete;

  // Design pixels to window pixels (the window's shorter side / design_short_side).
  float scale() const { return scale_; }
  const font_set& fonts() const { return fonts_; }
  // Frames drawn so far (for measuring idleness).
  long frames() const { return frames_; }

  // Wakes the frame loop from any thread.
  static void wake();

  int run(const std::function<frame_hint()>& frame, const std::function<bool()>& ready);

 private:
  void draw_frame(const std::function<frame_hint()>& frame, frame_hint& hint);
  bool write_screenshot(const std::string& path) const;

  shell_options options_;
  GLFWwindow* window_ = nullptr;
  font_set fonts_;
  float scale_ = 1;
  long frames_ = 0;
};

}  // namespace motcua::ui
