#include "shared/ui/app_shell.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

namespace motcua::ui {
namespace {

void report_glfw_error(int code, const char* text) {
  std::fprintf(stderr, "glfw error %d: %s\n", code, text);
}

}  // namespace

app_shell::app_shell(shell_options options) : options_(std::move(options)) {
  // GLFW's own words for a failure go into the one line thrown, not onto stderr beforehand.
  if (!glfwInit()) {
    const char* why = nullptr;
    glfwGetError(&why);
    std::string message = "no display: cannot open a window (is $DISPLAY set?)";
    if (std::string detail = why ? why : ""; !detail.empty()) {
      detail.erase(detail.find_last_not_of(' ') + 1);
      message.append(" [").append(detail).append("]");
    }
    throw std::runtime_error(message);
  }
  glfwSetErrorCallback(report_glfw_error);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // Hidden until placed, so that a --position window does not appear elsewhere first.
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWmonitor* monitor = nullptr;
  if (options_.fullscreen) {
    monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
      options_.width = mode->width;
      options_.height = mode->height;
    }
  }
  window_ =
      glfwCreateWindow(options_.width, options_.height, options_.title.c_str(), monitor, nullptr);
  if (!window_) {
    glfwTerminate();
    throw std::runtime_error("cannot open a window with an OpenGL 3 context");
  }
  if (options_.position && !monitor)
    glfwSetWindowPos(window_, options_.position->x, options_.position->y);
  glfwShowWindow(window_);
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);

  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  scale_ = static_cast<float>(std::min(width, height)) / options_.design_short_side;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  apply(options_.theme, scale_);
  fonts_.load(options_.fonts, scale_);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 130");
}

app_shell::~app_shell() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void app_shell::wake() { glfwPostEmptyEvent(); }

void app_shell::draw_frame(const std::function<frame_hint()>& frame, frame_hint& hint) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  hint = frame();
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4& bg = colours(options_.theme).background;
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frames_;
}

int app_shell::run(const std::function<frame_hint()>& frame, const std::function<bool()>& ready) {
  using namespace std::chrono;
  const auto started = steady_clock::now();
  int settle = settle_frames;  // frames still to draw before sleeping
  int ready_frames = -1;       // screenshot: frames drawn since ready()
  frame_hint hint;
  while (!glfwWindowShouldClose(window_)) {
    const bool screenshot = options_.screenshot.has_value();
    if (screenshot || hint.animating || settle > 0) {
      glfwPollEvents();
    } else if (hint.redraw_in) {
      const auto before = steady_clock::now();
      glfwWaitEventsTimeout(duration<double>(*hint.redraw_in).count());
      // Woken by the timeout, one frame shows what changed; by input, ImGui needs a few.
      settle = steady_clock::now() - before >= *hint.redraw_in ? 1 : settle_frames;
    } else {
      glfwWaitEvents();
      settle = settle_frames;
    }
    if (settle > 0) --settle;
    draw_frame(frame, hint);
    if (screenshot) {
      if (ready_frames < 0 && ready()) ready_frames = 0;
      if (ready_frames >= 0 && ++ready_frames > settle_frames)
        return write_screenshot(*options_.screenshot) ? 0 : 4;
      if (steady_clock::now() - started > screenshot_timeout) {
        std::fprintf(stderr, "screenshot: the screen was not ready in time; saving it anyway\n");
        return write_screenshot(*options_.screenshot) ? 3 : 4;
      }
      // Not ready yet: a short sleep while the network works, as events may not wake us.
      glfwWaitEventsTimeout(0.02);
    }
    glfwSwapBuffers(window_);
  }
  return 0;
}

bool app_shell::write_screenshot(const std::string& path) const {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::copy_n(pixels.data() + (static_cast<std::size_t>(height - 1 - y) * row), row,
                flipped.data() + static_cast<std::size_t>(y) * row);
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque
  if (!stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(row))) {
    std::fprintf(stderr, "screenshot: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("screenshot written to %s (%dx%d)\n", path.c_str(), width, height);
  return true;
}

}  // namespace motcua::ui
