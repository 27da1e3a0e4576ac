// The province dashboard (a province manager at the hub): the province's figures in cards, every
// centre side by side with a button to drill into it, then the procedures' on-time rates and the
// late dossiers (of the province, or of the centre drilled into, with its services).
#include <chrono>

#include "counter/screens.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::counter {

namespace glossary = domain::glossary;
namespace {

// The on-time rate the service indicators expect at least (below: in red).
constexpr double on_time_target = 0.95;

constexpr auto table_flags =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;

std::string wait_text(int seconds) { return clock_text(std::chrono::seconds{seconds}); }

void cards(const view& v, const protocol::centre_figures& f) {
  const float w = (ImGui::GetContentRegionAvail().x - 5 * ImGui::GetStyle().ItemSpacing.x) / 6;
  card(v, "waiting", std::to_string(f.waiting),
       v(glossary::ticket_state_name(domain::ticket_state::waiting)), false, w);
  ImGui::SameLine();
  card(v, "longest", wait_text(f.longest_wait_seconds), v({"Chờ lâu nhất", "Longest wait"}), false,
       w);
  ImGui::SameLine();
  card(v, "p90", wait_text(f.p90_wait_seconds), v({"Chờ P90", "P90 wait"}), false, w);
  ImGui::SameLine();
  card(v, "served", std::to_string(f.served) + " / " + std::to_string(f.issued),
       v({"Đã phục vụ / phát số", "Served / issued"}), false, w);
  ImGui::SameLine();
  card(v, "ontime", percent(f.on_time_rate), v({"Đúng hạn (tháng này)", "On time (this month)"}),
       f.on_time_rate < on_time_target, w);
  ImGui::SameLine();
  card(v, "late", std::to_string(f.late_open), v(glossary::late_dossiers), f.late_open > 0, w);
}

// Returns the centre whose name was clicked (drilled into after the frame's tables: drilling
// asks again and drops the figures these tables read).
std::optional<std::string> centres_table(app_model& app, const view& v, domain::time_point now) {
  std::optional<std::string> clicked;
  const auto& f = *app.province.figures();
  if (!ImGui::BeginTable("centres", 10, table_flags)) return clicked;
  ImGui::TableSetupColumn(v({"Trung tâm", "Centre"}), ImGuiTableColumnFlags_WidthStretch);
  for (const auto* h :
       {v({"Mã đơn vị", "Unit"}), v({"Chờ", "Waiting"}), v({"Lâu nhất", "Longest"}),
        v({"Chờ P90", "P90 wait"}), v({"Đã phục vụ", "Served"}), v({"Hồ sơ tháng", "Month"}),
        v({"Đúng hạn", "On time"}), v({"Quá hạn", "Late"}), v({"Số liệu lúc", "Data as of"})})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const auto& c : f.centres) {
    ImGui::TableNextRow();
    ImGui::PushID(c.unit.c_str());
    ImGui::TableNextColumn();
    if (ImGui::SmallButton(c.name.c_str())) clicked = c.unit;
    ImGui::TableNextColumn();
    ImGui::TextColored(v.colours.muted, "%s", c.unit.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.waiting);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(wait_text(c.longest_wait_seconds).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(wait_text(c.p90_wait_seconds).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.served);
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.dossiers);
    ImGui::TableNextColumn();
    ImGui::TextColored(c.on_time_rate < on_time_target ? v.colours.danger : v.colours.text, "%s",
                       percent(c.on_time_rate).c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(c.late_open ? v.colours.danger : v.colours.text, "%d", c.late_open);
    ImGui::TableNextColumn();
    // A centre not heard from for ten minutes: its figures may be old (its link to the hub).
    const bool stale = !c.heard_at || since(*c.heard_at, now) > std::chrono::minutes{10};
    ImGui::TextColored(stale ? v.colours.danger : v.colours.muted, "%s",
                       c.heard_at ? local_time_date(*c.heard_at).c_str() : "—");
    ImGui::PopID();
  }
  ImGui::EndTable();
  return clicked;
}

void services_table(const view& v, const protocol::province_stats_result& f) {
  if (f.services.empty()) return;
  if (!ImGui::BeginTable("services", 6, table_flags)) return;
  ImGui::TableSetupColumn(v({"Lĩnh vực", "Service"}), ImGuiTableColumnFlags_WidthStretch);
  for (const auto* h :
       {v({"Chờ", "Waiting"}), v({"Lâu nhất", "Longest"}), v({"Chờ P90", "P90 wait"}),
        v({"Đã phát số", "Issued"}), v({"Đã phục vụ", "Served"})})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const auto& s : f.services) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(domain::pick(v.lang, s.name, s.name_en).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", s.waiting);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(wait_text(s.longest_wait_seconds).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(wait_text(s.p90_wait_seconds).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", s.issued);
    ImGui::TableNextColumn();
    ImGui::Text("%d", s.served);
  }
  ImGui::EndTable();
}

void procedures_table(const view& v, const protocol::province_stats_result& f) {
  ImGui::TextUnformatted(v({"Thủ tục trong tháng", "Procedures this month"}));
  if (!ImGui::BeginTable("procedures", 4, table_flags)) return;
  ImGui::TableSetupColumn(v({"Thủ tục", "Procedure"}), ImGuiTableColumnFlags_WidthStretch);
  for (const auto* h :
       {v({"Hồ sơ", "Dossiers"}), v(glossary::on_time_rate), v({"Quá hạn", "Late"})})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const auto& p : f.procedures) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", domain::pick(v.lang, p.name, p.name_en).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", p.dossiers);
    ImGui::TableNextColumn();
    ImGui::TextColored(p.on_time_rate < on_time_target ? v.colours.danger : v.colours.text, "%s",
                       percent(p.on_time_rate).c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(p.late_open ? v.colours.danger : v.colours.text, "%d", p.late_open);
  }
  ImGui::EndTable();
}

void late_table(app_model& app, const view& v, const protocol::province_stats_result& f) {
  ImGui::Text("%s: %d", v(glossary::late_dossiers), f.late_total);
  if (!ImGui::BeginTable("late", 4, table_flags)) return;
  for (const auto* h : {v({"Mã hồ sơ", "Code"}), v({"Trung tâm", "Centre"})})
    ImGui::TableSetupColumn(h);
  ImGui::TableSetupColumn(v({"Thủ tục", "Procedure"}), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(v(glossary::result_due));
  ImGui::TableHeadersRow();
  for (const auto& d : f.late) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.code.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(app.province.centre_name(d.unit).c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", domain::pick(v.lang, d.procedure_name, d.procedure_name_en).c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(v.colours.danger, "%s", local_time_date(d.due_at).c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void draw_province(app_model& app, const view& v, screen_state& st, intents& out) {
  auto& m = app.province;
  m.tick();
  ImGui::PushFont(v.heading);
  if (m.unit())
    ImGui::Text("%s (%s)", m.centre_name(*m.unit()).c_str(), m.unit()->c_str());
  else
    ImGui::TextUnformatted(v({"Toàn tỉnh", "The province"}));
  ImGui::PopFont();
  if (m.unit()) {
    ImGui::SameLine();
    if (ImGui::Button(v({"← Toàn tỉnh", "← The province"}))) m.drill(std::nullopt);
  }
  range_bar(m, v, st, out);
  if (!m.figures()) {
    ImGui::TextColored(v.colours.muted, "%s", v({"Đang tải số liệu…", "Loading the figures…"}));
    return;
  }
  const auto& f = *m.figures();
  const protocol::centre_figures* shown = &f.province;
  for (const auto& c : f.centres)
    if (m.unit() && c.unit == *m.unit()) shown = &c;
  cards(v, *shown);
  std::optional<std::string> clicked;
  if (!m.unit()) {
    ImGui::BeginChild("province-centres", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.5f), true);
    clicked = centres_table(app, v, app.now());
    ImGui::EndChild();
  }
  const float left = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("province-procedures", ImVec2(left, 0), true);
  services_table(v, f);
  procedures_table(v, f);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("province-late", ImVec2(0, 0), true);
  late_table(app, v, f);
  ImGui::EndChild();
  if (clicked) m.drill(*clicked);  // last: `f` is not read after it
}

}  // namespace motcua::counter
