#include "kiosk/views/ticket_view.hpp"

#include <algorithm>
#include <span>

#include "kiosk/model/wording.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/ui/widgets.hpp"

namespace motcua::kiosk {
namespace {

using domain::lang;
using domain::text;
namespace glossary = domain::glossary;

constexpr text choose_service{"Mời chọn lĩnh vực cần giải quyết", "Please choose a service"};
constexpr text lookup_button{"Tra cứu hồ sơ", "Look up a dossier"};
constexpr text priority_question{"Quý vị có thuộc đối tượng ưu tiên không?",
                                 "Do you belong to a priority group?"};
constexpr text no_priority{"Không — lấy số thường", "No — take a regular number"};
constexpr text taking{"Đang lấy số, xin chờ trong giây lát…", "Taking your number, one moment…"};
constexpr text your_number{"SỐ THỨ TỰ CỦA QUÝ VỊ", "YOUR NUMBER"};
constexpr text taken_at{"Lấy số lúc", "Taken at"};
constexpr text take_slip{"Mời nhận phiếu in bên dưới", "Please take your printed slip below"};
constexpr text remember{"Xin ghi nhớ số này và chờ gọi", "Please remember this number"};
constexpr text follow_on_phone{"Quét mã để theo dõi lượt trên điện thoại",
                               "Scan the code to follow your turn on your phone"};
constexpr text done{"Xong", "Done"};
constexpr text back{"Quay lại", "Back"};
constexpr text searching{"Đang tra cứu…", "Looking up…"};
constexpr text look_up{"Tra cứu", "Look up"};
constexpr text erase{"Xóa", "Delete"};
constexpr text not_found{"Không tìm thấy hồ sơ có mã này. Xin kiểm tra lại.",
                         "No dossier has this code. Please check it."};
constexpr text collect_ticket{"Lấy số nhận kết quả", "Take a number to collect the result"};
constexpr text supplement_ticket{"Lấy số nộp bổ sung", "Take a number to hand in papers"};
constexpr text check_in_button{"Tôi đã đặt lịch hẹn", "I have an appointment"};
constexpr text enter_booking{"Nhập mã lịch hẹn hoặc số điện thoại đã đặt (hoặc quét mã QR)",
                             "Type the booking code or the phone number you booked with (or "
                             "scan the QR code)"};
constexpr text checking_in{"Đang xác nhận lịch hẹn…", "Checking your appointment in…"};
constexpr text check_in_submit{"Xác nhận", "Check in"};
constexpr text come_back_at{"Mời quay lại lúc", "Please come back at"};
constexpr text walk_in_ticket{"Lấy số thường", "Take a walk-in number"};
constexpr text texts_question{"Nhận tin nhắn khi sắp đến lượt? Nhập số điện thoại di động",
                              "A text message when your turn is near? Type your mobile number"};
constexpr text texts_note{"Không bắt buộc: số chỉ dùng để nhắn về lượt này.",
                          "Optional: the number is only used for this ticket's messages."};
constexpr text phone_wrong{"Số điện thoại chưa đúng (10 chữ số, bắt đầu bằng 0).",
                           "That is not a phone number (10 digits starting with 0)."};
constexpr text texts_yes{"Nhận tin nhắn", "Send me texts"};
constexpr text texts_skip{"Bỏ qua", "Skip"};
constexpr text check_the_code{
    "Xin kiểm tra lại mã trong tin nhắn hoặc trang xác nhận, hoặc nhập "
    "số điện thoại đã dùng để đặt lịch.",
    "Please check the code in your message or confirmation page, or "
    "type the phone number you booked with."};

// "Nhập mã hồ sơ (in trên giấy tiếp nhận hồ sơ và hẹn trả kết quả)"
std::string enter_code(lang l) {
  return text{"Nhập mã hồ sơ (in trên ", "Enter the dossier code (printed on your "}(l) +
         std::string(glossary::receipt(l)) + ")";
}

constexpr domain::priority groups[] = {domain::priority::merit, domain::priority::elderly,
                                       domain::priority::disabled, domain::priority::pregnant,
                                       domain::priority::child};

// A landscape screen: two columns of buttons, the ticket's QR code beside its number.
bool wide(const view_context& v) { return ImGui::GetContentRegionAvail().x / v.scale > 1500; }

int columns(const view_context& v) { return wide(v) ? 2 : 1; }

float column_width(const view_context& v, int cols) {
  return (ImGui::GetContentRegionAvail().x - v.px(24) * static_cast<float>(cols - 1)) /
         static_cast<float>(cols);
}

ui::button_style primary(const view_context& v) {
  return {v.colours.accent, v.colours.accent_text};
}
ui::button_style secondary(const view_context& v) { return {v.colours.surface, v.colours.accent}; }

}  // namespace

void ticket_view::draw(const ticket_kiosk& k, const view_context& v) {
  ui::begin_fullscreen("ticket kiosk");
  switch (k.screen()) {
    case kiosk_screen::home:
      home(k, v);
      break;
    case kiosk_screen::priority:
      priority(k, v);
      break;
    case kiosk_screen::ticket:
      ticket(k, v);
      break;
    case kiosk_screen::lookup:
      keypad(k, v);
      break;
    case kiosk_screen::dossier:
      dossier(k, v);
      break;
    case kiosk_screen::check_in:
      check_in(k, v);
      break;
    case kiosk_screen::phone:
      phone(k, v);
      break;
  }
  ui::end_fullscreen();
}

void ticket_view::header(const ticket_kiosk& k, const view_context& v, const char* prompt) {
  const lang l = k.language();
  const ImVec2 toggle = v.px(300, 100);
  const float top = ImGui::GetCursorPosY();
  const bool has_back = k.screen() != kiosk_screen::home && k.screen() != kiosk_screen::ticket;
  // The centre's name left of the buttons, wrapped, centred on them while it fits their height;
  // the prompt goes under it (on a portrait screen beside the back button it takes three lines).
  const float name_right = ImGui::GetWindowContentRegionMax().x - toggle.x * (has_back ? 2 : 1) -
                           v.px(24) * (has_back ? 2 : 1);
  ImFont* name_font = v.heading();
  const float name_height =
      name_font
          ->CalcTextSizeA(name_font->FontSize, 1e6f, name_right - ImGui::GetCursorPosX(),
                          centre_.c_str())
          .y;
  ImGui::SetCursorPosY(top + std::max(0.0f, (toggle.y - name_height) / 2));
  ImGui::PushTextWrapPos(name_right);
  text_line(centre_, name_font, v.colours.accent);
  ImGui::PopTextWrapPos();
  const float name_bottom = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(top);
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - toggle.x);
  lang switched = l;
  if (ui::language_toggle(switched, v.heading(), toggle, v.colours)) v.taps.push_back("language");
  if (has_back) {
    ImGui::SetCursorPos(
        ImVec2(ImGui::GetWindowContentRegionMax().x - toggle.x * 2 - v.px(24), top));
    if (ui::big_button("back", std::string("← ") + back(l), toggle, primary(v), v.heading()))
      v.taps.push_back("home");
  }
  ImGui::SetCursorPosY(std::max(top + toggle.y + v.px(16), name_bottom));
  if (*prompt) text_line(prompt, v.title(), v.colours.text);
  link_banner(k.hall(), l, v, 100);
  ImGui::Dummy(v.px(1, 8));
}

void ticket_view::home(const ticket_kiosk& k, const view_context& v) {
  const lang l = k.language();
  header(k, v, choose_service(l));
  if (const auto& refusal = k.refusal())
    text_line(domain::pick(l, refusal->message, refusal->message_en), v.heading(),
              v.colours.danger);
  const int cols = columns(v);
  const float width = column_width(v, cols);
  const auto& services = k.hall().services();
  const int rows = std::max(1, static_cast<int>((services.size() + cols - 1) / cols));
  const float room =
      ImGui::GetContentRegionAvail().y - v.px(150 + 40) - v.px(24) * static_cast<float>(rows);
  const float height = std::clamp(room / static_cast<float>(rows), v.px(200), v.px(320));
  for (std::size_t i = 0; i < services.size(); ++i) {
    const auto& s = services[i];
    if (i % cols != 0) ImGui::SameLine(0, v.px(24));
    const bool enabled = k.can_take(s);
    std::string detail;
    if (!s.open && s.closure)
      detail = domain::pick(l, s.closure->message, s.closure->message_en);
    else
      detail = waiting_text(l, s.waiting) + "\n" + eta_text(l, s.eta_minutes);
    const ui::button_style style =
        s.open ? primary(v) : ui::button_style{v.colours.disabled, v.colours.muted};
    const std::string id = "service" + std::to_string(s.id);
    if (ui::big_button(id.c_str(), s.prefix + "  " + domain::pick(l, s.name, s.name_en),
                       ImVec2(width, height), style, v.title(), enabled, detail, v.heading()))
      v.taps.push_back("service:" + std::to_string(s.id));
  }
  ImGui::Dummy(v.px(1, 16));
  const float half = (ImGui::GetContentRegionAvail().x - v.px(24)) / 2;
  if (ui::big_button("check_in", check_in_button(l), ImVec2(half, v.px(150)), primary(v), v.title(),
                     k.hall().online()))
    v.taps.push_back("check_in");
  ImGui::SameLine(0, v.px(24));
  if (ui::big_button("lookup", lookup_button(l), ImVec2(half, v.px(150)), secondary(v), v.title(),
                     k.hall().online()))
    v.taps.push_back("lookup");
}

void ticket_view::priority(const ticket_kiosk& k, const view_context& v) {
  const lang l = k.language();
  header(k, v, priority_question(l));
  if (const auto* s = k.chosen())
    text_line(s->prefix + "  " + domain::pick(l, s->name, s->name_en), v.heading(),
              v.colours.accent);
  if (k.busy()) {
    ImGui::Dummy(v.px(1, 80));
    ui::centred_text(taking(l), v.title(), v.colours.text);
    return;
  }
  const float full = ImGui::GetContentRegionAvail().x;
  if (ui::big_button("none", no_priority(l), ImVec2(full, v.px(170)), primary(v), v.title(),
                     k.hall().online()))
    v.taps.push_back("priority:none");
  ImGui::Dummy(v.px(1, 8));
  const int cols = columns(v);
  const float width = column_width(v, cols);
  int i = 0;
  for (auto p : groups) {
    if (i++ % cols != 0) ImGui::SameLine(0, v.px(24));
    const std::string id = "priority:" + std::string(domain::to_string(p));
    if (ui::big_button(id.c_str(), glossary::priority_name(p)(l), ImVec2(width, v.px(140)),
                       {v.colours.surface, v.colours.text}, v.heading(), k.hall().online()))
      v.taps.push_back(id);
  }
}

void ticket_view::ticket(const ticket_kiosk& k, const view_context& v) {
  const lang l = k.language();
  header(k, v, "");
  const auto& issued = *k.issued();
  const auto* s = k.hall().service(issued.ticket.service);
  const float top = ImGui::GetCursorPosY();
  ui::centred_text(your_number(l), v.title(), v.colours.muted);
  ui::centred_text(issued.ticket.number, v.huge(), v.colours.highlight);
  if (s) ui::centred_text(domain::pick(l, s->name, s->name_en), v.title(), v.colours.text);
  if (domain::is_priority(issued.ticket.priority))
    ui::centred_text(std::string(glossary::priority_mark(l)) + ": " +
                         glossary::priority_name(issued.ticket.priority)(l),
                     v.heading(), v.colours.warning);
  ImGui::Dummy(v.px(1, 8));
  ui::centred_text(ahead_text(l, issued.ahead.value_or(0)) + "   ·   " +
                       eta_text(l, issued.eta_minutes.value_or(0)),
                   v.heading(), v.colours.text);
  ui::centred_text(std::string(taken_at(l)) + " " + hh_mm_text(issued.ticket.issued_at) + "  " +
                       ddmmyyyy_text(issued.ticket.issued_at),
                   v.body(), v.colours.muted);
  ImGui::Dummy(v.px(1, 8));
  ui::centred_text(printer_ ? take_slip(l) : remember(l), v.heading(), v.colours.accent);
  if (!printer_message_.empty()) ui::centred_text(printer_message_, v.body(), v.colours.danger);
  if (issued.ticket.public_url) phone_page(*issued.ticket.public_url, l, v, top);
  const float height = v.px(130);
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - height));
  const float width = v.px(500);
  ImGui::SetCursorPosX((ImGui::GetWindowContentRegionMax().x - width) / 2);
  if (ui::big_button("done", done(l), ImVec2(width, height), primary(v), v.title()))
    v.taps.push_back("home");
}

void ticket_view::phone_page(const std::string& url, lang l, const view_context& v, float top) {
  const float side = v.px(340);
  const bool beside = wide(v);
  const ImVec2 after = ImGui::GetCursorPos();
  if (beside) {
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - side, top));
  } else {
    ImGui::Dummy(v.px(1, 16));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (ImGui::GetContentRegionAvail().x - side) / 2);
  }
  const float left = ImGui::GetCursorPosX();
  phone_qr_.draw(url, side);
  ImGui::SetCursorPosX(left);
  ImGui::Dummy(ImVec2(
      side, ui::centred_lines(ImGui::GetWindowDrawList(), v.body(), follow_on_phone(l),
                              ImGui::GetCursorScreenPos(), side, ui::packed(v.colours.text))));
  if (beside) ImGui::SetCursorPos(after);
}

void ticket_view::keypad(const ticket_kiosk& k, const view_context& v) {
  const lang l = k.language();
  const auto& lookup = k.lookup();
  header(k, v, enter_code(l).c_str());
  typed_box(v, lookup.code(), "000.17.22.H56-210531-0001");
  if (lookup.busy())
    text_line(searching(l), v.heading(), v.colours.muted);
  else if (lookup.failure())
    text_line(not_found(l), v.heading(), v.colours.danger);
  keys(v, l, k.hall().online() && !lookup.busy(), !lookup.code().empty(), look_up(l));
}

void ticket_view::check_in(const ticket_kiosk& k, const view_context& v) {
  const lang l = k.language();
  const auto& booking = k.check_in();
  header(k, v, enter_booking(l));
  typed_box(v, booking.typed(), "K7M2 Q9TX  ·  0905 123 456");
  if (booking.busy()) {
    text_line(checking_in(l), v.heading(), v.colours.muted);
  } else if (const auto& failure = booking.failure()) {
    ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x);
    text_line(domain::pick(l, failure->message, failure->message_en), v.heading(),
              v.colours.danger);
    ImGui::PopTextWrapPos();
    switch (refusal_of(*failure)) {
      case check_in_refusal::too_early:
        text_line(std::string(come_back_at(l)) + " " + hh_mm_text(*failure->retry_at) + "  " +
                      ddmmyyyy_text(*failure->retry_at),
                  v.title(), v.colours.accent);
        break;
      case check_in_refusal::too_late:
        // The refusal does not say the booking's service: the citizen chooses it at home.
        if (ui::big_button("walk_in", walk_in_ticket(l),
                           ImVec2(ImGui::GetContentRegionAvail().x, v.px(150)), primary(v),
                           v.title()))
          v.taps.push_back("home");
        break;
      case check_in_refusal::unknown:
        ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x);
        text_line(check_the_code(l), v.heading(), v.colours.text);
        ImGui::PopTextWrapPos();
        break;
      case check_in_refusal::invalid:
        break;
    }
  }
  keys(v, l, k.hall().online() && !booking.busy(), !booking.typed().empty(), check_in_submit(l));
}

void ticket_view::phone(const ticket_kiosk& k, const view_context& v) {
  const lang l = k.language();
  header(k, v, texts_question(l));
  text_line(texts_note(l), v.heading(), v.colours.muted);
  typed_box(v, k.phone(), "0905 123 456");
  if (k.busy()) {
    text_line(taking(l), v.heading(), v.colours.muted);
  } else if (k.phone_wrong()) {
    text_line(phone_wrong(l), v.heading(), v.colours.danger);
  }
  keys(v, l, k.hall().online() && !k.busy(), !k.phone().empty(), texts_yes(l), texts_skip(l));
}

void ticket_view::typed_box(const view_context& v, const std::string& typed,
                            const char* placeholder) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float full = ImGui::GetContentRegionAvail().x;
  ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + full, at.y + v.px(110)),
                                            ui::packed(v.colours.surface), v.px(12));
  ImGui::SetCursorScreenPos(ImVec2(at.x + v.px(24), at.y + v.px(24)));
  text_line(typed.empty() ? placeholder : typed, v.title(),
            typed.empty() ? v.colours.disabled : v.colours.text);
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + v.px(126)));
}

void ticket_view::keys(const view_context& v, lang l, bool enabled, bool can_submit,
                       const char* submit, const char* skip) {
  static const char* digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "-"};
  static const char* letters[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
                                  "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"};
  static const char* phone_digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
  const bool show_letters = letters_ && !skip;
  const auto page = show_letters ? std::span<const char*>(letters)
                    : skip       ? std::span<const char*>(phone_digits)
                                 : std::span<const char*>(digits);
  const int cols = show_letters ? 7 : 3;
  const int rows = static_cast<int>((page.size() + cols - 1) / cols);
  const float gap = v.px(16);
  const ImVec2 room = ImGui::GetContentRegionAvail();
  // On a landscape screen the page, erase and submit keys stand in a column right of the keys:
  // under a check-in's two-line refusal a row of them below did not fit a 1920x1080 screen. On a
  // portrait screen they are a row below, where the height is.
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  const bool beside = screen.x > screen.y;
  const float side = beside ? v.px(400) + gap : 0;  // the column and its gap
  const float below = beside ? 0 : v.px(120) + gap;
  const float key_width = std::min(v.px(220), (room.x - side - gap * (cols - 1)) / cols);
  // The keys share the height that is left (a refusal's lines take some), never smaller than a
  // finger.
  const float key_height =
      std::clamp((room.y - below - gap * (rows - 1)) / rows, v.px(72), v.px(110));
  const ImVec2 grid(key_width * cols + gap * (cols - 1), key_height * rows + gap * (rows - 1));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float left = origin.x + (room.x - grid.x - side) / 2;
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (!*page[i]) continue;  // a place left empty
    const auto row = static_cast<float>(i / cols), column = static_cast<float>(i % cols);
    ImGui::SetCursorScreenPos(
        ImVec2(left + column * (key_width + gap), origin.y + row * (key_height + gap)));
    if (ui::big_button(page[i], page[i], ImVec2(key_width, key_height),
                       {v.colours.surface, v.colours.text}, v.title(), enabled))
      v.taps.push_back(std::string("keys:") + page[i]);
  }
  const ImVec2 action = beside ? ImVec2(side - gap, (grid.y - 2 * gap) / 3)
                               : ImVec2((room.x - 2 * gap) / 3, below - gap);
  auto place_action = [&](int i) {
    const float step = static_cast<float>(i);
    ImGui::SetCursorScreenPos(
        beside ? ImVec2(left + grid.x + gap, origin.y + step * (action.y + gap))
               : ImVec2(origin.x + step * (action.x + gap), origin.y + grid.y + gap));
  };
  place_action(0);
  if (skip) {
    if (ui::big_button("skip", skip, action, secondary(v), v.heading(), enabled))
      v.taps.push_back("skip_phone");
  } else if (ui::big_button("page", letters_ ? "123" : "ABC", action, secondary(v), v.title())) {
    letters_ = !letters_;
  }
  place_action(1);
  if (ui::big_button("erase", erase(l), action, secondary(v), v.heading(), enabled))
    v.taps.push_back("keys:\b");
  place_action(2);
  if (ui::big_button("submit", submit, action, primary(v), v.heading(), enabled && can_submit))
    v.taps.push_back("enter");
}

void ticket_view::dossier(const ticket_kiosk& k, const view_context& v) {
  const lang l = k.language();
  const auto& d = *k.lookup().found();
  header(k, v, domain::pick(l, d.procedure, d.procedure_en).c_str());
  text_line(d.code, v.heading(), v.colours.muted);
  text_line(dossier_status_label(l, d.status), v.title(),
            d.late ? v.colours.danger : v.colours.accent);
  text_line(dossier_status_hint(d.status)(l), v.heading(), v.colours.text);
  ImGui::Dummy(v.px(1, 8));
  text_line(std::string(glossary::received_on(l)) + ": " + ddmmyyyy_text(d.received_at) + "      " +
                glossary::result_due(l) + ": " + ddmmyyyy_text(d.due_at) + "      " +
                (d.late ? glossary::late(l) : glossary::on_time(l)),
            v.heading(), d.late ? v.colours.danger : v.colours.ok);
  if (d.ticket_offer) {
    ImGui::Dummy(v.px(1, 8));
    const char* label =
        d.ticket_offer->purpose == "supplement" ? supplement_ticket(l) : collect_ticket(l);
    if (ui::big_button("offer", label, ImVec2(ImGui::GetContentRegionAvail().x, v.px(150)),
                       primary(v), v.title(), k.hall().online() && !k.busy()))
      v.taps.push_back("offer");
    if (k.busy()) text_line(taking(l), v.heading(), v.colours.muted);
  }
  ImGui::Dummy(v.px(1, 8));
  text_line(glossary::progress(l), v.heading(), v.colours.text);
  // The timeline: a dot per step, joined by a line, newest last; the newest that fit.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float radius = v.px(12);
  const std::size_t fit =
      static_cast<std::size_t>(std::max(1.0f, ImGui::GetContentRegionAvail().y / v.px(64)));
  const std::size_t first = d.history.size() > fit ? d.history.size() - fit + 1 : 0;
  if (first > 0) text_line("…", v.body(), v.colours.muted);
  for (std::size_t i = first; i < d.history.size(); ++i) {
    const auto& step = d.history[i];
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 dot(at.x + radius, at.y + v.px(22));
    if (i + 1 < d.history.size())
      draw->AddLine(dot, ImVec2(dot.x, dot.y + v.px(64)), ui::packed(v.colours.muted), v.px(4));
    draw->AddCircleFilled(
        dot, radius, ui::packed(i + 1 == d.history.size() ? v.colours.accent : v.colours.muted));
    ImGui::SetCursorScreenPos(ImVec2(at.x + radius * 3, at.y));
    text_line(ddmmyyyy_text(step.at) + " " + hh_mm_text(step.at) + "  —  " + step.step, v.body(),
              v.colours.text);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + v.px(64)));
  }
}

}  // namespace motcua::kiosk
