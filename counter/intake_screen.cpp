// "Tiếp nhận hồ sơ": procedure search, checklist, fee, legal time and due time, applicant
// fields checked as typed, register; then the receipt (Form 01) preview with print and save.
#include "counter/screens.hpp"

#include <imgui_stdlib.h>

#include "counter/model/format.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::counter {
namespace {

std::string legal_time(const view& v, const protocol::procedure_view& p) {
  const char* unit = p.processing_unit == "calendar_days" ? v({"ngày", "days"})
                     : p.processing_unit == "hours"       ? v({"giờ làm việc", "office hours"})
                                                    : v({"ngày làm việc", "working days"});
  return std::to_string(p.processing_days) + " " + unit;
}

// A text field with its label and, under it, the problem in red.
void field(app_model& app, const view& v, const domain::text& label, const char* id,
           std::string& value, const std::string& wire_name) {
  ImGui::TextUnformatted(label(v.lang));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText(id, &value);
  if (auto p = app.intake.problem(wire_name)) {
    ImGui::PushStyleColor(ImGuiCol_Text, v.colours.danger);
    ImGui::TextWrapped("%s", domain::pick(v.lang, p->vi, p->en).c_str());
    ImGui::PopStyleColor();
  }
}

void procedure_picker(app_model& app, const view& v) {
  auto& m = app.intake;
  ImGui::PushFont(v.heading);
  ImGui::TextUnformatted(v({"Thủ tục", "Procedure"}));
  ImGui::PopFont();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint(
      "##search", v({"Tìm theo tên (không cần dấu) hoặc mã", "Search by name or code"}), &m.search);
  ImGui::BeginChild("matches");
  for (const auto* p : m.matches()) {
    ImGui::PushID(static_cast<int>(p->id));
    bool chosen = m.selected() == p;
    if (ImGui::Selectable(domain::pick(v.lang, p->name, p->name_en).c_str(), chosen,
                          ImGuiSelectableFlags_None))
      m.select(p->id);
    ImGui::PushStyleColor(ImGuiCol_Text, v.colours.muted);
    ImGui::TextUnformatted(p->code.c_str());
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

void form(app_model& app, const view& v) {
  auto& m = app.intake;
  const auto* p = m.selected();
  if (!p) {
    ImGui::TextWrapped("%s", v({"Chọn thủ tục ở bên trái để bắt đầu tiếp nhận.",
                                "Choose a procedure on the left to start."}));
    return;
  }
  ImGui::PushFont(v.heading);
  ImGui::TextWrapped("%s", domain::pick(v.lang, p->name, p->name_en).c_str());
  ImGui::PopFont();
  ImGui::Text("%s %s   ·   %s %s   ·   %s %s", v({"Mã:", "Code:"}), p->code.c_str(),
              v({"Thời hạn:", "Legal time:"}), legal_time(v, *p).c_str(), v({"Lệ phí:", "Fee:"}),
              money_text(p->fee).c_str());
  if (p->due_at)
    ImGui::TextColored(v.colours.accent, "%s %s %s", v(domain::glossary::result_due),
                       v({"(nếu nhận bây giờ):", "(if received now):"}),
                       local_time_date(*p->due_at).c_str());
  ImGui::Separator();
  ImGui::TextUnformatted(v({"Giấy tờ đã nhận", "Documents received"}));
  for (std::size_t i = 0; i < p->documents.size() && i < m.received.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    bool got = m.received[i];
    std::string label =
        p->documents[i].name +
        (p->documents[i].required ? "" : std::string(" ") + v({"(không bắt buộc)", "(optional)"}));
    if (ImGui::Checkbox(label.c_str(), &got)) m.received[i] = got;
    ImGui::PopID();
  }
  if (auto problem = m.problem("documents"))
    ImGui::TextColored(v.colours.danger, "%s",
                       domain::pick(v.lang, problem->vi, problem->en).c_str());
  ImGui::Separator();
  field(app, v, {"Họ và tên người nộp", "Applicant's full name"}, "##name", m.full_name,
        "applicant.full_name");
  ImGui::Checkbox(v({"Người nước ngoài (số hộ chiếu)", "Foreigner (passport number)"}),
                  &m.foreigner);
  if (m.foreigner)
    field(app, v, {"Số hộ chiếu", "Passport number"}, "##passport", m.passport,
          "applicant.passport");
  else
    field(app, v, {"Số định danh cá nhân (12 số)", "Personal ID number (12 digits)"}, "##id",
          m.id_number, "applicant.id_number");
  field(app, v, {"Số điện thoại", "Phone"}, "##phone", m.phone, "applicant.phone");
  field(app, v, {"Địa chỉ", "Address"}, "##address", m.address, "applicant.address");
  field(app, v, {"Ghi chú", "Note"}, "##note", m.note, "note");
  ImGui::Spacing();
  const auto* serving = app.queue.current();
  std::string label = v({"Tiếp nhận hồ sơ", "Register the dossier"});
  if (serving) label += std::string(" — ") + v({"số", "ticket"}) + " " + serving->number;
  ImGui::BeginDisabled(m.busy() || !app.online());
  if (ImGui::Button(label.c_str(), ImVec2(-1, 48 * v.scale)))
    m.submit(serving ? std::optional(serving->id) : std::nullopt);
  ImGui::EndDisabled();
  problem_line(v, m.error());
}

}  // namespace

void draw_receipt(const view& v, screen_state& st, receipt_preview& receipt, float width) {
  ImGui::BeginDisabled(receipt.loading());
  if (ImGui::Button(v({"In (máy in hệ thống)", "Print (system printer)"}))) receipt.print();
  ImGui::SameLine();
  if (st.save_path.empty()) st.save_path = receipt.file_name();
  ImGui::SetNextItemWidth(std::max(120.0f, width - 420 * v.scale));
  ImGui::InputText("##save_path", &st.save_path);
  ImGui::SameLine();
  if (ImGui::Button(v({"Lưu PDF", "Save PDF"}))) receipt.save(st.save_path);
  ImGui::EndDisabled();
  receipt.draw(v, width);
}

void draw_intake(app_model& app, const view& v, screen_state& st, receipt_preview& receipt) {
  const auto& done = app.intake.registered();
  if (done) {
    if (!receipt.showing(done->code, "receipt")) {
      receipt.request(done->code, "receipt", app.session_token().value_or(""));
      st.save_path.clear();
    }
    ImGui::PushFont(v.heading);
    ImGui::Text("%s %s", v({"Đã tiếp nhận hồ sơ", "Dossier registered:"}), done->code.c_str());
    ImGui::PopFont();
    ImGui::Text(
        "%s: %s   ·   %s %s", v(domain::glossary::result_due),
        local_time_date(done->due_at).c_str(), v({"Sổ theo dõi:", "Tracking book:"}),
        (std::to_string(done->book_volume) + "/" + std::to_string(done->book_line)).c_str());
    if (ImGui::Button(v({"Tiếp nhận hồ sơ mới", "Next dossier"}))) {
      receipt.close();
      app.intake.reset();
      return;
    }
    ImGui::SameLine();
    if (ImGui::Button(v({"Mở trang hồ sơ", "Open the dossier"}))) {
      receipt.close();
      app.open_dossier(done->code);
      return;
    }
    ImGui::BeginChild("receipt", ImVec2(0, 0), true);
    draw_receipt(v, st, receipt, ImGui::GetContentRegionAvail().x);
    ImGui::EndChild();
    return;
  }
  float left = ImGui::GetContentRegionAvail().x * 0.36f;
  ImGui::BeginChild("procedures", ImVec2(left, 0), true);
  procedure_picker(app, v);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("form", ImVec2(0, 0), true);
  form(app, v);
  ImGui::EndChild();
}

}  // namespace motcua::counter
