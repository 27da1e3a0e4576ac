#include "kiosk/views/rating_view.hpp"

#include <algorithm>
#include <string>

#include "kiosk/model/wording.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/ui/widgets.hpp"

namespace motcua::kiosk {
namespace {

using domain::lang;
using domain::text;

constexpr text welcome{"Xin chào quý khách", "Welcome"};
constexpr text after_service{"Sau khi được phục vụ, mời quý khách đánh giá tại đây",
                             "After your visit, please rate our service here"};
constexpr text question{"Quý khách có hài lòng với việc phục vụ?",
                        "Are you satisfied with the service?"};
constexpr text thanks{"Cảm ơn quý khách đã đánh giá!", "Thank you for your rating!"};
constexpr text sending{"Đang gửi…", "Sending…"};

// 0 (worst) .. 1 (best) -> red .. amber .. green.
ImU32 face_colour(float t) {
  const ImVec4 red(0.86f, 0.15f, 0.15f, 1), amber(0.96f, 0.62f, 0.04f, 1),
      green(0.05f, 0.6f, 0.3f, 1);
  const ImVec4& a = t < 0.5f ? red : amber;
  const ImVec4& b = t < 0.5f ? amber : green;
  const float u = t < 0.5f ? t * 2 : (t - 0.5f) * 2;
  return ui::packed(ImVec4(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u, a.z + (b.z - a.z) * u, 1));
}

// A face in a circle of `radius` at `centre`; `mood` from -1 (frown) to 1 (smile).
void draw_face(ImDrawList* draw, ImVec2 centre, float radius, float mood, ImU32 colour) {
  const ImU32 ink = IM_COL32(255, 255, 255, 255);
  draw->AddCircleFilled(centre, radius, colour, 48);
  const float eye = radius * 0.11f;
  draw->AddCircleFilled(ImVec2(centre.x - radius * 0.33f, centre.y - radius * 0.25f), eye, ink);
  draw->AddCircleFilled(ImVec2(centre.x + radius * 0.33f, centre.y - radius * 0.25f), eye, ink);
  // The mouth: a quadratic curve whose middle bends down for a smile, up for a frown.
  const ImVec2 left(centre.x - radius * 0.45f, centre.y + radius * 0.35f);
  const ImVec2 right(centre.x + radius * 0.45f, centre.y + radius * 0.35f);
  const ImVec2 bend(centre.x, centre.y + radius * 0.35f + mood * radius * 0.4f);
  draw->PathLineTo(left);
  draw->PathBezierQuadraticCurveTo(bend, right, 24);
  draw->PathStroke(ink, 0, radius * 0.1f);
}

}  // namespace

void draw_rating(const rating_panel& panel, const view_context& v) {
  const lang l = panel.language();
  ui::begin_fullscreen("rating");
  const float top = ImGui::GetCursorPosY();
  const ImVec2 toggle = v.px(300, 100);
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - toggle.x);
  lang switched = l;
  if (ui::language_toggle(switched, v.heading(), toggle, v.colours)) v.taps.push_back("language");
  ImGui::SetCursorPosY(top + (toggle.y - v.title()->FontSize) / 2);
  const std::string counter = counter_label(
      l, panel.hall().counter(panel.counter()) ? panel.hall().counter(panel.counter())->name : "",
      panel.counter());
  text_line(counter, v.title(), v.colours.accent);
  link_banner(panel.hall(), l, v, 90);
  const float full_height = ImGui::GetContentRegionAvail().y;
  switch (panel.screen()) {
    case rating_screen::idle:
      ImGui::Dummy(ImVec2(1, full_height * 0.25f));
      ui::centred_text(welcome(l), v.large(), v.colours.text);
      ui::centred_text(after_service(l), v.heading(), v.colours.muted);
      break;
    case rating_screen::thanks:
      ImGui::Dummy(ImVec2(1, full_height * 0.3f));
      ui::centred_text(thanks(l), v.large(), v.colours.ok);
      break;
    case rating_screen::asking: {
      ImGui::Dummy(v.px(1, 20));
      ui::centred_text(question(l), v.title(), v.colours.text);
      if (const auto& t = panel.ticket()) ui::centred_text(t->number, v.heading(), v.colours.muted);
      ImGui::Dummy(v.px(1, 30));
      const int levels = panel.levels();
      const float gap = v.px(24);
      const float width =
          (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(levels - 1)) /
          static_cast<float>(levels);
      const float height = std::min(ImGui::GetContentRegionAvail().y - v.px(20), width * 1.15f);
      const bool enabled = panel.hall().online() && !panel.busy();
      for (int level = levels; level >= 1; --level) {  // the best first, on the left
        if (level != levels) ImGui::SameLine(0, gap);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string id = "rate:" + std::to_string(level);
        if (ui::big_button(id.c_str(), "", ImVec2(width, height),
                           {v.colours.surface, v.colours.text}, v.body(), enabled))
          v.taps.push_back(id);
        const float t = static_cast<float>(level - 1) / static_cast<float>(levels - 1);
        const float radius = std::min(width, height) * 0.32f;
        draw_face(ImGui::GetWindowDrawList(), ImVec2(at.x + width / 2, at.y + radius + v.px(24)),
                  radius, t * 2 - 1, face_colour(t));
        ui::centred_lines(ImGui::GetWindowDrawList(), v.heading(),
                          domain::glossary::rating_word(levels, level)(l),
                          ImVec2(at.x + v.px(8), at.y + radius * 2 + v.px(48)), width - v.px(16),
                          ui::packed(v.colours.text));
      }
      if (panel.busy()) ui::centred_text(sending(l), v.heading(), v.colours.muted);
      break;
    }
  }
  ui::end_fullscreen();
}

}  // namespace motcua::kiosk
