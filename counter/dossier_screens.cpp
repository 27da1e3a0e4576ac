// The dossier list (search, filters) and one dossier's page: details, the history timeline
// (control-sheet rows) and the actions its status allows, each with the inputs it needs, then the
// form the rules require, previewed for printing.
#include "counter/screens.hpp"

#include <imgui_stdlib.h>

#include "counter/model/format.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::counter {
namespace {

namespace glossary = domain::glossary;

const char* filter_label(const view& v, dossier_filter f) {
  switch (f) {
    case dossier_filter::all:
      return v({"Tất cả", "All"});
    case dossier_filter::late:
      return v(glossary::late);
    case dossier_filter::due_soon:
      return v(glossary::due_soon);
  }
  return "";
}

void search_bar(app_model& app, const view& v) {
  auto& m = app.dossiers;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.3f);
  bool go = ImGui::InputTextWithHint(
      "##text",
      v({"Mã, tên (không dấu), số định danh, điện thoại", "Code, name, ID number, phone"}), &m.text,
      ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(190 * v.scale);
  if (ImGui::BeginCombo("##status", m.status.empty() ? v({"Mọi trạng thái", "Any status"})
                                                     : dossier_status_label(v, m.status))) {
    if (ImGui::Selectable(v({"Mọi trạng thái", "Any status"}), m.status.empty())) m.status.clear();
    for (auto s : {"received", "processing", "supplement_requested", "result_ready", "returned",
                   "refused", "withdrawn", "stopped"})
      if (ImGui::Selectable(dossier_status_label(v, s), m.status == s)) m.status = s;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160 * v.scale);
  ImGui::InputTextWithHint("##from", v({"từ dd/mm/yyyy", "from dd/mm/yyyy"}), &m.from);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160 * v.scale);
  ImGui::InputTextWithHint("##to", v({"đến dd/mm/yyyy", "to dd/mm/yyyy"}), &m.to);
  for (auto f : {dossier_filter::all, dossier_filter::late, dossier_filter::due_soon}) {
    ImGui::SameLine();
    if (ImGui::RadioButton(filter_label(v, f), m.filter == f)) {
      m.filter = f;
      go = true;
    }
  }
  ImGui::SameLine();
  if (ImGui::Button(v({"Tìm", "Search"})) || go) m.search();
  problem_line(v, m.problem());
}

}  // namespace

void draw_dossiers(app_model& app, const view& v) {
  search_bar(app, v);
  const auto& rows = app.dossiers.results();
  ImGui::Text("%d %s", app.dossiers.total(), v({"hồ sơ", "dossiers"}));
  if (!ImGui::BeginTable("dossiers", 6,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                             ImGuiTableFlags_SizingFixedFit))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(v({"Mã hồ sơ", "Code"}));
  ImGui::TableSetupColumn(v({"Người nộp", "Applicant"}));
  ImGui::TableSetupColumn(v({"Thủ tục", "Procedure"}), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(v(glossary::received_on));
  ImGui::TableSetupColumn(v(glossary::result_due));
  ImGui::TableSetupColumn(v({"Trạng thái", "Status"}));
  ImGui::TableHeadersRow();
  for (const auto& d : rows) {
    ImGui::PushID(d.code.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(d.code.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
      app.open_dossier(d.code);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.applicant.full_name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.procedure_name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(local_time_date(d.received_at).c_str());
    ImGui::TableNextColumn();
    const ImVec4& due_colour = d.late       ? v.colours.danger
                               : d.due_soon ? v.colours.warning
                                            : v.colours.text;
    ImGui::TextColored(due_colour, "%s", local_time_date(d.due_at).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(dossier_status_label(v, d.status));
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void text_list(const view& v, const std::vector<protocol::text_view>& texts) {
  for (const auto& text : texts) {
    ImGui::Bullet();
    ImGui::TextColored(text.state == "failed" ? v.colours.danger : v.colours.text, "%s",
                       text_line(v.lang, text).c_str());
  }
}

void draw_dossier_page(app_model& app, const view& v, screen_state& st, receipt_preview& receipt) {
  auto& m = app.page;
  if (ImGui::Button(v({"← Danh sách hồ sơ", "← Dossier list"}))) {
    receipt.close();
    app.go(screen::dossiers);
    return;
  }
  const auto& d = m.dossier();
  if (!d) {
    ImGui::TextUnformatted(m.busy() ? v({"Đang tải…", "Loading…"}) : "");
    problem_line(v, m.problem());
    return;
  }
  float left = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("details", ImVec2(left, 0), true);
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(d->code.c_str());
  ImGui::PopFont();
  ImGui::TextWrapped("%s", d->procedure_name.c_str());
  ImGui::TextColored(d->late ? v.colours.danger : v.colours.accent, "%s%s%s",
                     dossier_status_label(v, d->status), d->late ? " — " : "",
                     d->late ? v(glossary::late) : "");
  ImGui::Text("%s %s", v({"Người nộp:", "Applicant:"}), d->applicant.full_name.c_str());
  ImGui::Text("%s %s   %s %s", v({"Số định danh:", "ID:"}),
              d->applicant.id_number.value_or(d->applicant.passport.value_or("")).c_str(),
              v({"Điện thoại:", "Phone:"}), d->applicant.phone.c_str());
  ImGui::TextWrapped("%s %s", v({"Địa chỉ:", "Address:"}), d->applicant.address.c_str());
  ImGui::Text("%s: %s", v(glossary::received_on), local_time_date(d->received_at).c_str());
  ImGui::Text("%s: %s", v(glossary::result_due), local_time_date(d->due_at).c_str());
  if (d->original_due_at)
    ImGui::Text("%s %s", v({"Hạn ban đầu:", "Original due:"}),
                local_time_date(*d->original_due_at).c_str());
  if (d->department) ImGui::Text("%s %s", v({"Đang ở:", "Now at:"}), d->department->c_str());
  ImGui::Separator();
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v(glossary::progress));
  ImGui::PopFont();
  for (const auto& h : d->history) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s  %s  %s%s%s%s%s%s%s", local_time_date(h.at).c_str(), h.actor.c_str(),
                       history_label(v, h.action), h.to ? (" → " + *h.to).c_str() : "",
                       h.unit ? (" [" + *h.unit + "]").c_str() : "",
                       h.note ? (" — " + *h.note).c_str() : "", h.result ? " (" : "",
                       h.result ? step_result_label(v, *h.result) : "", h.result ? ")" : "");
  }
  if (!d->texts.empty()) {  // what the applicant was texted of it
    ImGui::Separator();
    ImGui::PushFont(v.heading);
    ImGui::TextUnformatted(v(domain::glossary::text_messages));
    ImGui::PopFont();
    text_list(v, d->texts);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("actions", ImVec2(0, 0), true);
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v({"Thao tác", "Actions"}));
  ImGui::PopFont();
  auto actions = m.actions();
  if (actions.empty()) ImGui::TextUnformatted(v({"Hồ sơ đã kết thúc.", "The dossier is closed."}));
  for (auto a : actions) {
    ImGui::PushID(static_cast<int>(a));
    if (ImGui::Button(dossier_action_label(v, a))) {
      st.action = a;
      st.note.clear();
      st.department.clear();
      st.new_due.clear();
    }
    ImGui::PopID();
  }
  if (st.action && std::find(actions.begin(), actions.end(), *st.action) != actions.end()) {
    ImGui::Separator();
    ImGui::TextUnformatted(dossier_action_label(v, *st.action));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##note",
                             domain::needs_reason(*st.action)
                                 ? v({"Lý do (bắt buộc)", "Reason (required)"})
                                 : v({"Ghi chú", "Note"}),
                             &st.note);
    if (dossier_page_model::needs_department(*st.action)) {
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##to", v({"Chuyển đến (phòng, bộ phận)", "To (department)"}),
                               &st.department);
    }
    if (dossier_page_model::needs_date(*st.action)) {
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##due", v({"Ngày hẹn mới dd/mm/yyyy", "New date dd/mm/yyyy"}),
                               &st.new_due);
    }
    ImGui::BeginDisabled(m.busy() || !app.online());
    if (ImGui::Button(v({"Xác nhận", "Confirm"})))
      m.act(*st.action, st.note, st.department, st.new_due);
    ImGui::EndDisabled();
  }
  problem_line(v, m.problem());
  if (m.form_to_print() && !receipt.showing(d->code, *m.form_to_print())) {
    receipt.request(d->code, *m.form_to_print(), app.session_token().value_or(""));
    st.save_path.clear();
    st.action.reset();
  }
  ImGui::Separator();
  if (ImGui::Button(v({"Phiếu kiểm soát", "Control sheet"}))) {
    receipt.request(d->code, "control-sheet", app.session_token().value_or(""));
    st.save_path.clear();
  }
  ImGui::SameLine();
  if (ImGui::Button(v({"Giấy tiếp nhận (Mẫu 01)", "Receipt (Form 01)"}))) {
    receipt.request(d->code, "receipt", app.session_token().value_or(""));
    st.save_path.clear();
  }
  if (receipt.open()) draw_receipt(v, st, receipt, ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
}

}  // namespace motcua::counter
