// The manager's dashboard: figures of now (moving with events and the clock), the period's
// figures from get_stats (a date range), the hourly chart, counters, dossiers and the month's
// on-time rates; CSV export.
#include "counter/screens.hpp"

#include <imgui_stdlib.h>
#include <cstdio>

#include "counter/model/format.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::counter {

namespace glossary = domain::glossary;
namespace {

void figures_now(app_model& app, const view& v) {
  auto& m = app.dashboard;
  float w = (ImGui::GetContentRegionAvail().x - 5 * ImGui::GetStyle().ItemSpacing.x) / 6;
  const auto* p = m.period() ? &*m.period() : nullptr;
  const protocol::service_stats none;
  const auto& t = p ? p->queue_totals : none;
  bool late_wait = false;
  for (const auto& s : m.services()) late_wait = late_wait || s.over_target;
  card(v, "waiting", std::to_string(m.waiting_total()),
       v(glossary::ticket_state_name(domain::ticket_state::waiting)), false, w);
  ImGui::SameLine();
  card(v, "longest", clock_text(m.longest_wait()), v({"Chờ lâu nhất", "Longest wait"}), late_wait,
       w);
  ImGui::SameLine();
  card(v, "wait",
       clock_text(std::chrono::seconds{t.average_wait_seconds}) + " / " +
           clock_text(std::chrono::seconds{t.p90_wait_seconds}),
       v({"Chờ TB / P90", "Wait avg / p90"}), false, w);
  ImGui::SameLine();
  card(v, "service",
       clock_text(std::chrono::seconds{t.average_service_seconds}) + " / " +
           clock_text(std::chrono::seconds{t.p90_service_seconds}),
       v({"Phục vụ TB / P90", "Service avg / p90"}), false, w);
  ImGui::SameLine();
  card(v, "served", std::to_string(t.served) + " / " + std::to_string(t.issued),
       v({"Đã phục vụ / phát số", "Served / issued"}), false, w);
  ImGui::SameLine();
  card(v, "noshow", percent(m.no_show_rate()), v({"Tỷ lệ vắng mặt", "No-show rate"}), false, w);
}

void hour_chart(const view& v, const protocol::stats_result& p, float height) {
  ImGui::TextUnformatted(v({"Số phát và đã phục vụ theo giờ", "Issued and served per hour"}));
  ImGui::SameLine();
  ImGui::TextColored(v.colours.accent, "%s", v({"phát số", "issued"}));
  ImGui::SameLine();
  ImGui::TextColored(v.colours.ok, "%s", v({"phục vụ", "served"}));
  int first = 7, last = 17, top = 1;
  for (const auto& h : p.hours) {
    first = std::min(first, h.hour);
    last = std::max(last, h.hour);
    top = std::max({top, h.issued, h.served});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));  // room for the top bar's number
  ImVec2 at = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  float label_h = ImGui::GetTextLineHeight();
  float slot = width / static_cast<float>(last - first + 1);
  float bars = height - label_h - 4;
  auto* draw = ImGui::GetWindowDrawList();
  for (int hour = first; hour <= last; ++hour) {
    int issued = 0, served = 0;
    for (const auto& h : p.hours)
      if (h.hour == hour) issued = h.issued, served = h.served;
    float x = at.x + (hour - first) * slot;
    float bw = slot * 0.36f;
    float hi = bars * issued / top, hs = bars * served / top;
    draw->AddRectFilled(ImVec2(x + slot * 0.1f, at.y + bars - hi),
                        ImVec2(x + slot * 0.1f + bw, at.y + bars), ui::packed(v.colours.accent));
    draw->AddRectFilled(ImVec2(x + slot * 0.1f + bw, at.y + bars - hs),
                        ImVec2(x + slot * 0.1f + 2 * bw, at.y + bars), ui::packed(v.colours.ok));
    if (issued)
      draw->AddText(ImVec2(x + slot * 0.1f, at.y + bars - hi - label_h), ui::packed(v.colours.text),
                    std::to_string(issued).c_str());
    draw->AddText(ImVec2(x + slot * 0.2f, at.y + bars + 2), ui::packed(v.colours.muted),
                  (std::to_string(hour) + "h").c_str());
  }
  ImGui::Dummy(ImVec2(width, height));
}

void services_table(app_model& app, const view& v) {
  if (!ImGui::BeginTable(
          "services", 7,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
    return;
  ImGui::TableSetupColumn(v({"Lĩnh vực", "Service"}), ImGuiTableColumnFlags_WidthStretch);
  for (const auto* h :
       {v({"Chờ", "Waiting"}), v({"Lâu nhất", "Longest"}), v({"Chờ TB/P90", "Wait avg/p90"}),
        v({"Phục vụ", "Served"}), v({"Vắng", "No-show"}), v({"Dự báo ±5 ph", "Estimate ±5 min"})})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const auto& s : app.dashboard.services()) {
    ImGui::TableNextRow();
    if (s.over_target)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(255, 220, 220, 255));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(domain::pick(v.lang, s.service->name, s.service->name_en).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", s.waiting);
    ImGui::TableNextColumn();
    ImGui::TextColored(s.over_target ? v.colours.danger : v.colours.text, "%s",
                       clock_text(s.longest_wait).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s / %s", clock_text(std::chrono::seconds{s.figures.average_wait_seconds}).c_str(),
                clock_text(std::chrono::seconds{s.figures.p90_wait_seconds}).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", s.figures.served);
    ImGui::TableNextColumn();
    ImGui::Text("%d", s.figures.no_show);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(estimate_text(s.figures).c_str());
  }
  ImGui::EndTable();
}

void counters_table(app_model& app, const view& v) {
  if (!ImGui::BeginTable("counters", 6,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                             ImGuiTableFlags_SizingStretchProp))
    return;
  for (const auto* h :
       {v({"Quầy", "Counter"}), v({"Trạng thái", "State"}), v({"Cán bộ", "Clerk"}),
        v({"Số", "Ticket"}), v(glossary::ticket_state_name(domain::ticket_state::serving)),
        v({"Đã xong", "Served"})})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const auto& c : app.dashboard.counters()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(c.counter->name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(counter_state_label(v, c.counter->state));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(c.counter->clerk_name.value_or(c.counter->clerk.value_or("")).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(c.counter->ticket ? c.counter->ticket->number.c_str() : "");
    ImGui::TableNextColumn();
    if (c.counter->ticket)
      ImGui::TextColored(c.over_target ? v.colours.danger : v.colours.text, "%s",
                         clock_text(c.serving).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.counter->served_today);
  }
  ImGui::EndTable();
}

// The bookings: the period's check-in and no-show rates, the waits of appointment tickets against
// walk-ins, and the places booked on the days ahead.
void booking_panel(app_model& app, const view& v) {
  auto& m = app.dashboard;
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v({"Lịch hẹn", "Bookings"}));
  ImGui::PopFont();
  // Two cards a row: a wait pair in the large figures needs half the column.
  float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  auto rate = [](std::optional<double> r) { return r ? percent(*r) : std::string("—"); };
  auto waits = [](const protocol::wait_figures& f) {
    return clock_text(std::chrono::seconds{f.median_wait_seconds}) + " / " +
           clock_text(std::chrono::seconds{f.p90_wait_seconds});
  };
  const auto* p = m.period() ? &*m.period() : nullptr;
  const protocol::booking_figures none;
  const auto& b = p && p->bookings ? *p->bookings : none;
  card(v, "checked_in", rate(m.check_in_rate()), v({"Tỷ lệ đến theo hẹn", "Check-in rate"}), false,
       w);
  ImGui::SameLine();
  card(v, "missed", rate(m.booking_no_show_rate()), v({"Tỷ lệ lỡ hẹn", "No-show rate"}),
       m.booking_no_show_rate().value_or(0) > 0.2, w);
  card(v, "appointment_wait", waits(b.appointment_waits),
       v({"Chờ có hẹn: trung vị / P90", "Appointments: median / p90"}), false, w);
  ImGui::SameLine();
  card(v, "walk_in_wait", waits(b.walk_in_waits),
       v({"Chờ không hẹn: trung vị / P90", "Walk-ins: median / p90"}), false, w);
  ImGui::TextUnformatted(v({"Số chỗ đã đặt những ngày tới", "Places booked on the days ahead"}));
  const float bar = ImGui::GetContentRegionAvail().x * 0.5f;
  for (const auto& d : m.bookings_ahead()) {
    ImGui::Text("%s", domain::format_ddmmyyyy(d.day).c_str());
    ImGui::SameLine(130 * v.scale);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                          d.over_booked ? v.colours.danger : v.colours.accent);
    ImGui::ProgressBar(d.capacity ? static_cast<float>(d.booked) / d.capacity : 0, ImVec2(bar, 0),
                       "");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextColored(d.over_booked ? v.colours.danger : v.colours.text, "%d / %d", d.booked,
                       d.capacity);
  }
  if (m.bookings_ahead().empty())
    ImGui::TextColored(v.colours.muted, "%s",
                       v({"Chưa có ngày nhận đặt lịch.", "No bookable day."}));
  ImGui::Separator();
}

// The period's texts to citizens, when the centre sends them.
void text_panel(app_model& app, const view& v) {
  if (!app.centre.texts()) return;
  const auto f = app.dashboard.texts();
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v(domain::glossary::text_messages));
  ImGui::PopFont();
  float w = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
  card(v, "texts_delivered", std::to_string(f.delivered), v({"Đã đến máy", "Delivered"}), false, w);
  ImGui::SameLine();
  card(v, "texts_sent", std::to_string(f.sent + f.waiting),
       v({"Đang gửi, chờ báo", "On their way"}), false, w);
  ImGui::SameLine();
  card(v, "texts_failed", std::to_string(f.failed), v({"Không gửi được", "Failed"}), f.failed > 0,
       w);
  ImGui::SameLine();
  card(v, "texts_skipped", std::to_string(f.skipped), v({"Không gửi", "Not sent"}), false, w);
  ImGui::Separator();
}

void dossier_panel(app_model& app, const view& v) {
  auto& m = app.dashboard;
  const auto* p = m.period() ? &*m.period() : nullptr;
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v({"Hồ sơ", "Dossiers"}));
  ImGui::PopFont();
  float w = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
  card(v, "received", std::to_string(m.dossiers_received()), v({"Tiếp nhận", "Received"}), false,
       w);
  ImGui::SameLine();
  card(v, "open", std::to_string(p ? p->open_dossiers.in_progress : 0),
       v({"Đang giải quyết", "In progress"}), false, w);
  ImGui::SameLine();
  card(v, "soon", std::to_string(p ? p->open_dossiers.due_in_two_days : 0),
       v({"Hạn trong 2 ngày", "Due in 2 days"}), false, w);
  ImGui::SameLine();
  int late = p ? p->open_dossiers.late : 0;
  card(v, "late", std::to_string(late), v(glossary::late), late > 0, w);
  if (const auto& month = m.month()) {
    ImGui::Text("%s %s %s (%d/%d)", v(glossary::on_time),
                v({"tháng này, toàn trung tâm:", "this month, centre:"}),
                percent(month->centre.on_time_rate).c_str(), month->centre.on_time,
                month->centre.dossiers);
    if (ImGui::BeginTable("procedures", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                              ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn(v({"Thủ tục", "Procedure"}), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn(v({"Hồ sơ", "Dossiers"}));
      ImGui::TableSetupColumn(v(glossary::on_time));
      ImGui::TableHeadersRow();
      for (const auto& f : month->by_procedure) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(f.name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", f.dossiers);
        ImGui::TableNextColumn();
        ImGui::TextColored(f.on_time_rate < 0.9 ? v.colours.danger : v.colours.ok, "%s",
                           percent(f.on_time_rate).c_str());
      }
      ImGui::EndTable();
    }
    int rated = 0;
    for (int c : month->ratings.counts) rated += c;
    if (rated)
      ImGui::Text("%s %s (%d %s)", v({"Hài lòng:", "Satisfied:"}),
                  percent(month->ratings.satisfied_rate).c_str(), rated,
                  v({"lượt đánh giá", "ratings"}));
    else
      ImGui::TextColored(v.colours.muted, "%s",
                         v({"Chưa có đánh giá tháng này.", "No ratings this month."}));
  }
  ImGui::TextUnformatted(v(glossary::late_dossiers));
  for (const auto& d : m.late()) {
    ImGui::PushID(d.code.c_str());
    if (ImGui::Selectable(
            (d.code + "  " + d.procedure_name + "  " + local_time_date(d.due_at)).c_str()))
      app.open_dossier(d.code);
    ImGui::PopID();
  }
  if (m.late().empty()) ImGui::TextColored(v.colours.ok, "%s", v({"Không có.", "None."}));
}

}  // namespace

void draw_dashboard(app_model& app, const view& v, screen_state& st, intents& out) {
  range_bar(app.dashboard, v, st, out);
  figures_now(app, v);
  float left = ImGui::GetContentRegionAvail().x * 0.55f;
  ImGui::BeginChild("queue", ImVec2(left, 0), true);
  services_table(app, v);
  if (const auto& p = app.dashboard.period()) hour_chart(v, *p, 170 * v.scale);
  counters_table(app, v);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("dossiers", ImVec2(0, 0), true);
  booking_panel(app, v);
  text_panel(app, v);
  dossier_panel(app, v);
  ImGui::EndChild();
}

}  // namespace motcua::counter
