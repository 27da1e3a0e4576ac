#include "kiosk/views/board_view.hpp"

#include <cmath>

#include "kiosk/model/wording.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/ui/widgets.hpp"

namespace motcua::kiosk {
namespace {

using domain::lang;
using domain::text;
namespace glossary = domain::glossary;

constexpr text now_calling{"MỜI CÔNG DÂN CÓ SỐ", "NOW CALLING"};
constexpr text no_calls{"Chưa có số nào được gọi", "No number called yet"};
constexpr text recent{"Các số vừa gọi", "Recent calls"};
constexpr text recall_mark{"gọi lại", "again"};

constexpr std::chrono::milliseconds blink{300};
constexpr float notice_speed = 160;  // design pixels per second

}  // namespace

bool board_view::draw(const call_board& board, lang l, domain::time_point now,
                      const view_context& v) {
  ui::begin_fullscreen("display board");
  // Top bar: the centre, the clock and the date.
  const float top = ImGui::GetCursorPosY();
  text_line(centre_, v.title(), v.colours.text);
  const std::string clock = hh_mm_text(now);
  const std::string date = ddmmyyyy_text(now);
  ImFont* clock_font = v.title();
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float clock_width =
      clock_font->CalcTextSizeA(clock_font->FontSize, 1e6f, 0, clock.c_str()).x;
  const float date_width =
      v.heading()->CalcTextSizeA(v.heading()->FontSize, 1e6f, 0, date.c_str()).x;
  ImGui::SetCursorPos(ImVec2(right - clock_width - date_width - v.px(32), top));
  text_line(date, v.heading(), v.colours.muted);
  ImGui::SetCursorPos(ImVec2(right - clock_width, top));
  text_line(clock, clock_font, v.colours.highlight);
  link_banner(board.hall(), l, v, 90);
  ImGui::Dummy(v.px(1, 8));

  const float notice_height = notice_.empty() ? 0 : v.px(90);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float body_height = avail.y - notice_height - v.px(16);
  const float left_width = avail.x * 0.6f;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
  ImGui::BeginChild("calls", ImVec2(left_width, body_height), false, ImGuiWindowFlags_NoScrollbar);
  latest(board, l, now, v, ImVec2(left_width, body_height * 0.55f));
  last_calls(board, l, v);
  ImGui::EndChild();
  ImGui::SameLine(0, v.px(24));
  ImGui::BeginChild("services", ImVec2(0, body_height), false, ImGuiWindowFlags_NoScrollbar);
  services(board, l, v);
  ImGui::EndChild();
  ImGui::PopStyleColor();
  const bool scrolling = !notice_.empty() && notice(now, v);
  ui::end_fullscreen();
  return board.flashing() || scrolling;
}

void board_view::latest(const call_board& board, lang l, domain::time_point now,
                        const view_context& v, ImVec2 size) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const auto since_epoch = now.time_since_epoch();
  const bool lit = board.flashing() && (since_epoch / blink) % 2 == 0;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y),
                      ui::packed(lit ? v.colours.highlight : v.colours.surface), v.px(16));
  const ImVec4 ink = lit ? v.colours.background : v.colours.highlight;
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + v.px(20)));
  ui::centred_text(now_calling(l), v.heading(), lit ? v.colours.background : v.colours.text);
  if (const auto& call = board.current()) {
    ui::centred_text(call->ticket.number, v.huge(), ink);
    std::string where = "→ " + counter_label(l, call->counter_name, call->counter);
    if (call->recall) where += "  (" + std::string(recall_mark(l)) + ")";
    ui::centred_text(where, v.large(), lit ? v.colours.background : v.colours.text);
  } else {
    ImGui::Dummy(v.px(1, 80));
    ui::centred_text(no_calls(l), v.title(), v.colours.muted);
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + size.y + v.px(16)));
}

void board_view::last_calls(const call_board& board, lang l, const view_context& v) {
  text_line(recent(l), v.heading(), v.colours.muted);
  const float width = ImGui::GetContentRegionAvail().x;
  const float row = v.px(84);
  int shown = 0;
  for (const auto& call : board.history()) {
    if (ImGui::GetContentRegionAvail().y < row) break;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (shown++ % 2 == 0)
      ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + width, at.y + row),
                                                ui::packed(v.colours.surface), v.px(8));
    ImGui::SetCursorScreenPos(ImVec2(at.x + v.px(24), at.y + v.px(6)));
    text_line(call.ticket.number, v.title(), v.colours.text);
    ImGui::SetCursorScreenPos(ImVec2(at.x + width * 0.4f, at.y + v.px(6)));
    text_line("→ " + counter_label(l, call.counter_name, call.counter), v.title(), v.colours.text);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + row));
  }
}

void board_view::services(const call_board& board, lang l, const view_context& v) {
  const float width = ImGui::GetContentRegionAvail().x;
  for (const auto& s : board.hall().services()) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float height = v.px(190);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + width, at.y + height),
                                              ui::packed(v.colours.surface), v.px(16));
    ImGui::SetCursorScreenPos(ImVec2(at.x + v.px(20), at.y + v.px(12)));
    ImGui::PushTextWrapPos(at.x - ImGui::GetWindowPos().x + width - v.px(20));
    text_line(s.prefix + "  " + domain::pick(l, s.name, s.name_en), v.heading(), v.colours.text);
    ImGui::PopTextWrapPos();
    const std::string serving_now = board.hall().now_serving(s.id);
    ImGui::SetCursorScreenPos(ImVec2(at.x + v.px(20), at.y + v.px(80)));
    text_line(std::string(glossary::ticket_state_name(domain::ticket_state::serving)(l)) + ":",
              v.body(), v.colours.muted);
    ImGui::SetCursorScreenPos(ImVec2(at.x + v.px(20), at.y + v.px(118)));
    text_line(serving_now.empty() ? "—" : serving_now, v.title(), v.colours.highlight);
    ImGui::SetCursorScreenPos(ImVec2(at.x + width * 0.55f, at.y + v.px(80)));
    text_line(std::string(glossary::ticket_state_name(domain::ticket_state::waiting)(l)) + ":",
              v.body(), v.colours.muted);
    ImGui::SetCursorScreenPos(ImVec2(at.x + width * 0.55f, at.y + v.px(118)));
    text_line(std::to_string(s.waiting), v.title(), v.colours.text);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + height + v.px(16)));
  }
}

bool board_view::notice(domain::time_point now, const view_context& v) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = v.px(90);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ui::packed(v.colours.accent),
                      v.px(8));
  ImFont* font = v.heading();
  const float text_width = font->CalcTextSizeA(font->FontSize, 1e6f, 0, notice_.c_str()).x;
  const float text_y = at.y + (height - font->FontSize) / 2;
  // A notice that fits stands still, centred: the board then sleeps like the kiosk. A longer one
  // scrolls, which is an animation (a frame every 40 ms).
  const bool scrolls = text_width > width - v.px(48);
  float x = at.x + (width - text_width) / 2;
  if (scrolls) {
    const double seconds = std::chrono::duration<double>(now.time_since_epoch()).count();
    const float span = width + text_width;
    x = at.x + width - static_cast<float>(std::fmod(seconds * notice_speed * v.scale, span));
  }
  draw->PushClipRect(at, ImVec2(at.x + width, at.y + height), true);
  draw->AddText(font, font->FontSize, ImVec2(x, text_y), ui::packed(v.colours.accent_text),
                notice_.c_str());
  draw->PopClipRect();
  ImGui::Dummy(ImVec2(width, height));
  return scrolls;
}

}  // namespace motcua::kiosk
