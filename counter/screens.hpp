// The counter app's draw code: one function per screen, thin over the models in model/. They
// read the models and call their methods (the requests go out through the live link); what
// only the program can do (log in with a new link, write a file, print) is recorded in
// `intents` and done by main after the frame. ImGui's thread (the UI thread) only.
#pragma once

#include <optional>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "counter/model/app_model.hpp"
#include "counter/model/format.hpp"
#include "counter/receipt_preview.hpp"
#include "shared/domain/language.hpp"
#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"

namespace motcua::counter {

struct view {
  domain::lang lang = domain::lang::vi;
  const ui::palette& colours;
  ImFont* body;
  ImFont* small;
  ImFont* heading;
  ImFont* figure;  // large figures on the dashboard and the queue panel
  ImFont* huge;    // the current ticket number
  float scale = 1;

  const char* operator()(const domain::text& t) const { return t(lang); }
  // The error's message in the screen's language.
  const std::string& say(const protocol::error& e) const {
    return domain::pick(lang, e.message, e.message_en);
  }
};

struct intents {
  std::optional<client::credentials> login;
  bool export_csv = false;
};

// What the screens remember between frames that is not the models' business: dialogs and
// inputs being typed.
struct screen_state {
  // Queue panel.
  bool transfer_open = false;
  int transfer_service = 0;
  int transfer_counter = 0;  // 0: any counter
  std::string transfer_reason;
  std::optional<protocol::ticket_id> call_ticket;  // asking for an out-of-turn reason
  std::string call_reason;
  // Bookings screen: the booking whose cancel reason is asked for.
  std::optional<std::string> cancel_code;
  std::string cancel_reason;
  // Dossier page.
  std::optional<domain::dossier_action> action;  // the action whose inputs are open
  std::string note, department, new_due;
  // Dashboard.
  std::string range_from, range_to;  // dd/mm/yyyy
  std::string exported;              // where the CSV went
  // Staffing.
  std::string staffing_day, advice_day;  // dd/mm/yyyy
  int staffing_weekday = 0;              // Monday
  int staffing_service = 0;              // the chart's; 0: the first
  // Receipt saving.
  std::string save_path;
};

void draw_login(app_model& app, const view& v, intents& out);
void draw_counter_choice(app_model& app, const view& v);
void draw_queue(app_model& app, const view& v, screen_state& st);
void draw_intake(app_model& app, const view& v, screen_state& st, receipt_preview& receipt);
void draw_dossiers(app_model& app, const view& v);
void draw_dossier_page(app_model& app, const view& v, screen_state& st, receipt_preview& receipt);
void draw_bookings(app_model& app, const view& v, screen_state& st);
void draw_dashboard(app_model& app, const view& v, screen_state& st, intents& out);
void draw_staffing(app_model& app, const view& v, screen_state& st, intents& out);
void draw_province(app_model& app, const view& v, screen_state& st, intents& out);

// Shared pieces.
// The form preview with print and save buttons.
void draw_receipt(const view& v, screen_state& st, receipt_preview& receipt, float width);
void problem_line(const view& v, const std::optional<protocol::error>& e);
// "87%".
std::string percent(double r);
// A figure card of the dashboards: the value large, its label small under it.
void card(const view& v, const char* id, const std::string& value, const char* label, bool alert,
          float width);
// The dashboards' period (dd/mm/yyyy from and to, Show, Today) and the CSV export; `m` is the
// dashboard's model (from(), to(), set_range(), show_today(), problem()).
template <class Model>
void range_bar(Model& m, const view& v, screen_state& st, intents& out) {
  if (st.range_from.empty()) st.range_from = domain::format_ddmmyyyy(m.from());
  if (st.range_to.empty()) st.range_to = domain::format_ddmmyyyy(m.to());
  ImGui::TextUnformatted(v({"Từ ngày", "From"}));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140 * v.scale);
  ImGui::InputText("##from", &st.range_from);
  ImGui::SameLine();
  ImGui::TextUnformatted(v({"đến", "to"}));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140 * v.scale);
  ImGui::InputText("##to", &st.range_to);
  ImGui::SameLine();
  auto from = parse_ui_date(st.range_from), to = parse_ui_date(st.range_to);
  ImGui::BeginDisabled(!from || !to);
  if (ImGui::Button(v({"Xem", "Show"}))) m.set_range(*from, *to);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(v({"Hôm nay", "Today"}))) {
    st.range_from.clear();
    st.range_to.clear();
    m.show_today();
  }
  ImGui::SameLine();
  if (ImGui::Button(v({"Xuất CSV", "Export CSV"}))) out.export_csv = true;
  if (!st.exported.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(v.colours.ok, "%s", st.exported.c_str());
  }
  problem_line(v, m.problem());
}
enum class reason_answer { waiting, given, closed };
// A modal dialog `id` asking for the reason of an action (the audit log keeps it): `prompt`, the
// reason typed into `reason`, the action's button (enabled once a reason is typed) and `dismiss`.
reason_answer reason_dialog(const view& v, const char* id, const std::string& prompt,
                            std::string& reason, const char* action, const char* dismiss);
// Label text of a ticket state, a counter state, a dossier status or action.
const char* state_label(const view& v, domain::ticket_state s);
const char* counter_state_label(const view& v, protocol::counter_state s);
const char* dossier_status_label(const view& v, std::string_view status);
const char* dossier_action_label(const view& v, domain::dossier_action a);
const char* priority_label(const view& v, domain::priority p);
const char* booking_status_label(const view& v, domain::booking_status s);
// A history row's action ("register" or a dossier action) and a step's result (early...).
// Text messages to the citizen, one bullet each (text_line; a failed one in red).
void text_list(const view& v, const std::vector<protocol::text_view>& texts);
const char* history_label(const view& v, std::string_view action);
const char* step_result_label(const view& v, std::string_view result);

}  // namespace motcua::counter
