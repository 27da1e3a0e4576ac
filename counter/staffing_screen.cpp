// The manager's staffing tab: the what-if (a recorded day or a typical weekday, its counters per
// service and hour changed cell by cell, the simulated p90 waits beside the recorded ones, as a
// table and a chart) and the staffing advice for a coming day, exportable as CSV.
#include "counter/screens.hpp"

#include <imgui_stdlib.h>
#include <cstdio>

#include "counter/model/format.hpp"

namespace motcua::counter {
namespace {

std::string minutes_text(const std::optional<double>& m) {
  if (!m) return "—";
  char out[16];
  std::snprintf(out, sizeof out, "%.0f", *m);
  return out;
}

std::string service_name(const app_model& app, const view& v, domain::service_id id) {
  if (const auto* s = app.centre.service(id)) return domain::pick(v.lang, s->name, s->name_en);
  return std::to_string(id);
}

void source_bar(app_model& app, const view& v, screen_state& st, intents& out) {
  auto& m = app.staffing;
  if (st.advice_day.empty() && m.advice_day())
    st.advice_day = domain::format_ddmmyyyy(*m.advice_day());
  ImGui::TextUnformatted(v({"Ngày đã ghi", "Recorded day"}));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140 * v.scale);
  ImGui::InputText("##day", &st.staffing_day);
  ImGui::SameLine();
  auto day = parse_ui_date(st.staffing_day);
  ImGui::BeginDisabled(!day);
  if (ImGui::Button(v({"Xem ngày", "Show day"}))) m.show_day(*day);
  ImGui::EndDisabled();
  ImGui::SameLine(0, 24 * v.scale);
  ImGui::SetNextItemWidth(140 * v.scale);
  const char* names[5];
  for (int d = 0; d < 5; ++d)
    names[d] = v(weekday_name(std::chrono::weekday{static_cast<unsigned>(d + 1)}));
  ImGui::Combo("##weekday", &st.staffing_weekday, names, 5);
  ImGui::SameLine();
  if (ImGui::Button(v({"Ngày điển hình (8 tuần)", "Typical day (8 weeks)"})))
    m.show_typical(std::chrono::weekday{static_cast<unsigned>(st.staffing_weekday + 1)});
  ImGui::SameLine(0, 24 * v.scale);
  ImGui::TextUnformatted(v({"Đề xuất cho ngày", "Advice for"}));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140 * v.scale);
  ImGui::InputText("##advice", &st.advice_day);
  ImGui::SameLine();
  auto coming = parse_ui_date(st.advice_day);
  ImGui::BeginDisabled(!coming || m.asking());
  if (ImGui::Button(v({"Đề xuất", "Advise"}))) m.advise(*coming);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!m.advice());
  if (ImGui::Button(v({"Xuất CSV", "Export CSV"}))) out.export_csv = true;
  ImGui::EndDisabled();
  if (!st.exported.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(v.colours.ok, "%s", st.exported.c_str());
  }
  if (m.asking()) ImGui::TextColored(v.colours.muted, "%s", v({"Đang tải…", "Loading…"}));
  problem_line(v, m.problem());
}

// Per service a row, per hour a column: the counters (− and +), then the p90 wait recorded →
// simulated, red over the service's target.
void what_if_table(app_model& app, const view& v, screen_state& st) {
  auto& m = app.staffing;
  const int hours = m.last_hour() - m.first_hour() + 1;
  if (m.services().empty() ||
      !ImGui::BeginTable(
          "what_if", hours + 1,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInner | ImGuiTableFlags_SizingStretchSame))
    return;
  ImGui::TableSetupColumn(v({"Lĩnh vực", "Service"}), ImGuiTableColumnFlags_WidthFixed,
                          240 * v.scale);
  for (int h = m.first_hour(); h <= m.last_hour(); ++h)
    ImGui::TableSetupColumn((std::to_string(h) + "h").c_str());
  ImGui::TableHeadersRow();
  for (auto service : m.services()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(service));
    if (ImGui::Selectable(service_name(app, v, service).c_str(), st.staffing_service == service))
      st.staffing_service = static_cast<int>(service);
    ImGui::PushFont(v.small);
    ImGui::TextColored(v.colours.muted, "%s",
                       v({"quầy · p90 ghi → mô phỏng", "counters · p90 rec → sim"}));
    ImGui::PopFont();
    for (int h = m.first_hour(); h <= m.last_hour(); ++h) {
      ImGui::TableNextColumn();
      ImGui::PushID(h);
      const auto c = m.at(service, h);
      if (ImGui::SmallButton("-")) m.set_counters(service, h, c.counters - 1);
      ImGui::SameLine(0, 2);
      ImGui::TextColored(c.counters != c.recorded_counters ? v.colours.highlight : v.colours.text,
                         "%d", c.counters);
      ImGui::SameLine(0, 2);
      if (ImGui::SmallButton("+")) m.set_counters(service, h, c.counters + 1);
      ImGui::PushFont(v.small);
      ImGui::TextColored(c.over_target ? v.colours.danger : v.colours.muted, "%s→%s",
                         minutes_text(c.recorded_p90).c_str(),
                         minutes_text(c.simulated_p90).c_str());
      ImGui::PopFont();
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// The chosen service's p90 wait per hour: recorded (muted) beside simulated (accent), and its
// target as a line.
void wait_chart(app_model& app, const view& v, domain::service_id service, float height) {
  auto& m = app.staffing;
  const auto* s = app.centre.service(service);
  const double target = s ? s->max_wait_minutes : 0;
  ImGui::Text("%s — %s", service_name(app, v, service).c_str(),
              v({"chờ p90 theo giờ (phút)", "p90 wait per hour (minutes)"}));
  ImGui::SameLine();
  ImGui::TextColored(v.colours.muted, "%s", v({"đã ghi", "recorded"}));
  ImGui::SameLine();
  ImGui::TextColored(v.colours.accent, "%s", v({"mô phỏng", "simulated"}));
  ImGui::SameLine();
  ImGui::TextColored(v.colours.danger, "%s", v({"mục tiêu", "target"}));
  double top = std::max(target, 1.0);
  for (int h = m.first_hour(); h <= m.last_hour(); ++h) {
    const auto c = m.at(service, h);
    top = std::max({top, c.recorded_p90.value_or(0), c.simulated_p90.value_or(0)});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float label_h = ImGui::GetTextLineHeight();
  const float slot = width / static_cast<float>(m.last_hour() - m.first_hour() + 1);
  const float bars = height - label_h - 4;
  auto* draw = ImGui::GetWindowDrawList();
  auto bar = [&](float x, double minutes, const ImVec4& colour) {
    const float h = bars * static_cast<float>(minutes / top);
    draw->AddRectFilled(ImVec2(x, at.y + bars - h), ImVec2(x + slot * 0.36f, at.y + bars),
                        ui::packed(colour));
  };
  for (int hour = m.first_hour(); hour <= m.last_hour(); ++hour) {
    const auto c = m.at(service, hour);
    const float x = at.x + static_cast<float>(hour - m.first_hour()) * slot;
    bar(x + slot * 0.1f, c.recorded_p90.value_or(0), v.colours.muted);
    bar(x + slot * 0.46f, c.simulated_p90.value_or(0),
        c.over_target ? v.colours.danger : v.colours.accent);
    draw->AddText(ImVec2(x + slot * 0.2f, at.y + bars + 2), ui::packed(v.colours.muted),
                  (std::to_string(hour) + "h").c_str());
  }
  if (target > 0) {
    const float y = at.y + bars - bars * static_cast<float>(target / top);
    draw->AddLine(ImVec2(at.x, y), ImVec2(at.x + width, y), ui::packed(v.colours.danger), 2);
  }
  ImGui::Dummy(ImVec2(width, height));
}

void advice_panel(app_model& app, const view& v) {
  auto& m = app.staffing;
  ImGui::PushFont(v.heading);
  if (m.advice_day())
    ImGui::Text("%s %s", v({"Đề xuất bố trí quầy cho", "Staffing advice for"}),
                (std::string(v(
                     weekday_name(std::chrono::weekday{std::chrono::sys_days{*m.advice_day()}}))) +
                 " " + domain::format_ddmmyyyy(*m.advice_day()))
                    .c_str());
  else
    ImGui::TextUnformatted(v({"Đề xuất bố trí quầy", "Staffing advice"}));
  ImGui::PopFont();
  const auto& advice = m.advice();
  if (!advice) return;
  ImGui::TextColored(advice->expected.met ? v.colours.ok : v.colours.danger, "%s · %d %s",
                     advice->expected.met
                         ? v({"Đạt mục tiêu chờ ở mọi giờ", "Every hour within its target wait"})
                         : v({"Không đạt mục tiêu ở mọi giờ", "Some hours miss their target"}),
                     advice->counters.counter_hours(), v({"giờ-quầy", "counter-hours"}));
  int first = 23, last = 0;
  for (const auto& f : advice->expected.figures) {
    first = std::min(first, f.hour);
    last = std::max(last, f.hour);
  }
  if (first > last || !ImGui::BeginTable("advice", last - first + 2,
                                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInner |
                                             ImGuiTableFlags_SizingStretchSame))
    return;
  ImGui::TableSetupColumn(v({"Lĩnh vực", "Service"}), ImGuiTableColumnFlags_WidthFixed,
                          240 * v.scale);
  for (int h = first; h <= last; ++h) ImGui::TableSetupColumn((std::to_string(h) + "h").c_str());
  ImGui::TableHeadersRow();
  for (const auto& [service, hours] : advice->counters.counters) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(service_name(app, v, service).c_str());
    ImGui::PushFont(v.small);
    ImGui::TextColored(v.colours.muted, "%s", v({"quầy · p90 dự kiến", "counters · expected p90"}));
    ImGui::PopFont();
    for (int h = first; h <= last; ++h) {
      ImGui::TableNextColumn();
      ImGui::Text("%d", hours[static_cast<std::size_t>(h)]);
      std::optional<double> p90;
      for (const auto& f : advice->expected.figures)
        if (f.service == service && f.hour == h && f.waits.count > 0) p90 = f.waits.p90;
      ImGui::PushFont(v.small);
      ImGui::TextColored(v.colours.muted, "%s", minutes_text(p90).c_str());
      ImGui::PopFont();
    }
  }
  ImGui::EndTable();
}

}  // namespace

void draw_staffing(app_model& app, const view& v, screen_state& st, intents& out) {
  auto& m = app.staffing;
  m.poll();
  source_bar(app, v, st, out);
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(m.title(v.lang).c_str());
  ImGui::PopFont();
  if (!m.services().empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton(v({"Về số quầy đã ghi", "Back to the recorded counters"}))) m.reset();
  }
  what_if_table(app, v, st);
  if (!m.services().empty()) {
    const auto& services = m.services();
    auto chosen = static_cast<domain::service_id>(st.staffing_service);
    if (std::find(services.begin(), services.end(), chosen) == services.end())
      chosen = services.front();
    wait_chart(app, v, chosen, 150 * v.scale);
  }
  ImGui::Separator();
  advice_panel(app, v);
}

}  // namespace motcua::counter
