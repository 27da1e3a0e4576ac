#include "server/web/booking_page.hpp"

#include <cstdio>

#include "shared/domain/text.hpp"
#include "shared/domain/text_policy.hpp"
#include "shared/render/qr.hpp"

namespace motcua::web {
namespace {

using phrase = domain::text;
using std::chrono::year_month_day;

std::string say(const phrase& p, lang language) { return escape_html(p(language)); }

constexpr phrase book_title{"Đặt lịch hẹn", "Book an appointment"};
constexpr phrase services_intro{"Chọn lĩnh vực cần giải quyết.", "Choose the service you need."};
constexpr phrase no_services{"Hiện chưa có lĩnh vực nào nhận đặt lịch.",
                             "No service takes appointments at the moment."};
constexpr phrase service_label{"Lĩnh vực", "Service"};
constexpr phrase procedure_label{"Thủ tục", "Procedure"};
constexpr phrase procedure_intro{
    "Chọn thủ tục (không bắt buộc) để xem giấy tờ cần mang theo và lệ phí.",
    "Choose the procedure (optional) to see the papers to bring and the fee."};
constexpr phrase any_procedure{"Chưa chọn thủ tục", "No procedure chosen"};
constexpr phrase documents_title{"Giấy tờ cần mang theo", "Papers to bring"};
constexpr phrase optional_document{" (nếu có)", " (if any)"};
constexpr phrase fee_label{"Lệ phí", "Fee"};
constexpr phrase no_fee{"Không", "None"};
constexpr phrase day_title{"Chọn ngày", "Choose the day"};
constexpr phrase no_days{"Không còn ngày nào nhận đặt lịch.", "No day is open for booking."};
constexpr phrase time_title{"Chọn giờ", "Choose the time"};
constexpr phrase day_label{"Ngày", "Day"};
constexpr phrase time_label{"Giờ hẹn", "Time"};
constexpr phrase no_times{"Ngày này không còn giờ trống.", "No time is left on this day."};
constexpr phrase places_left{"còn ", ""};
constexpr phrase places_unit{" chỗ", " places left"};
constexpr phrase full{"hết chỗ", "full"};
constexpr phrase other_day{"Chọn ngày khác", "Choose another day"};
constexpr phrase form_title{"Thông tin người đến", "Who is coming"};
constexpr phrase name_label{"Họ và tên", "Full name"};
constexpr phrase phone_label{"Số điện thoại", "Phone number"};
constexpr phrase id_label{"Số định danh cá nhân (không bắt buộc)", "Personal ID number (optional)"};
constexpr phrase id_hint{"12 chữ số trên căn cước công dân.", "The 12 digits on your ID card."};
constexpr phrase submit{"Đặt lịch", "Book"};
constexpr phrase other_time{"Chọn giờ khác", "Choose another time"};
constexpr phrase booking_title{"Lịch hẹn của bạn", "Your appointment"};
constexpr phrase code_label{"Mã lịch hẹn", "Booking code"};
constexpr phrase code_hint{
    "Đưa mã QR này vào máy quét ở ki-ốt, hoặc nhập mã, khi đến trung tâm.",
    "Show this QR code to the kiosk's scanner, or type the code, when you arrive."};
constexpr phrase status_label{"Tình trạng", "Status"};
constexpr phrase check_in_label{"Xác nhận tại ki-ốt", "Check in at the kiosk"};
constexpr phrase check_in_between{" đến ", " to "};
constexpr phrase reason_label{"Lý do huỷ", "Reason"};
constexpr phrase add_to_calendar{"Thêm vào lịch", "Add to calendar"};
constexpr phrase private_link{"Đường dẫn riêng của lịch hẹn này (hãy lưu lại, đừng chia sẻ)",
                              "This booking's private link (keep it, do not share it)"};
constexpr phrase cancel_link{"Huỷ lịch hẹn", "Cancel the appointment"};
constexpr phrase move_link{"Đổi giờ hẹn", "Move the appointment"};
constexpr phrase move_title{"Đổi giờ hẹn", "Move the appointment"};
constexpr phrase now_label{"Giờ hẹn hiện tại", "Current time"};
constexpr phrase now_mark{"giờ hiện tại", "current time"};
constexpr phrase new_day_title{"Chọn ngày mới", "Choose the new day"};
constexpr phrase new_time_title{"Chọn giờ mới", "Choose the new time"};
constexpr phrase move_hint{"Lịch hẹn giữ nguyên mã và đường dẫn riêng; giờ cũ được trả lại.",
                           "The booking keeps its code and private link; the old time is freed."};
constexpr phrase keep_time{"Giữ giờ hẹn cũ", "Keep the current time"};
constexpr phrase moved_notice{
    "Đã đổi giờ hẹn. Mã lịch hẹn và đường dẫn riêng vẫn như cũ.",
    "The appointment was moved. Its code and private link stay the same."};
constexpr phrase move_refused_title{"Chưa đổi được giờ hẹn", "The appointment was not moved"};
constexpr phrase move_refused_hint{"Lịch hẹn vẫn giữ giờ cũ.",
                                   "The appointment keeps its current time."};
constexpr phrase cancel_question{"Bạn chắc chắn muốn huỷ lịch hẹn này?",
                                 "Do you really want to cancel this appointment?"};
constexpr phrase cancel_confirm{"Có, huỷ lịch hẹn", "Yes, cancel it"};
constexpr phrase cancel_keep{"Không, giữ lịch hẹn", "No, keep it"};
constexpr phrase own_note{"Trang này chỉ dành cho bạn: đừng chia sẻ đường dẫn.",
                          "This page is for you only: do not share its link."};
constexpr phrase public_note{"Thông tin bạn nhập chỉ dùng cho lịch hẹn này.",
                             "What you type is used for this appointment only."};
constexpr phrase not_found_title{"Không tìm thấy", "Not found"};
constexpr phrase not_found_text{
    "Không tìm thấy trang này. Hãy mở lại đường dẫn riêng bạn nhận được khi đặt lịch.",
    "This page was not found. Open the private link you got when booking again."};
constexpr phrase refused_title{"Biểu mẫu đã hết hạn", "The form has expired"};
constexpr phrase refused_text{
    "Biểu mẫu này đã quá hạn hoặc không được gửi từ trang đặt lịch, nên chưa có gì được lưu. "
    "Vui lòng mở lại trang và gửi lại.",
    "This form is too old or was not sent from the booking page, so nothing was stored. "
    "Please open the page again and send it again."};
constexpr phrase limit_title{"Vui lòng thử lại sau", "Please try again later"};
constexpr phrase start_again{"Đặt lịch hẹn", "Book an appointment"};

phrase status_name(domain::booking_status s) {
  using status = domain::booking_status;
  switch (s) {
    case status::booked:
      return {"Đã đặt lịch", "Booked"};
    case status::checked_in:
      return {"Đã xác nhận tại trung tâm", "Checked in at the centre"};
    case status::cancelled:
      return {"Đã huỷ", "Cancelled"};
    case status::missed:
      return {"Đã lỡ hẹn", "Missed"};
  }
  return {"", ""};
}

const std::string& name_in(lang language, const std::string& vi, const std::string& en) {
  return domain::pick(language, vi, en);
}

// `href` with "lang=en" added for English.
std::string in_language(std::string href, lang language) {
  if (language == lang::en)
    href += (href.find('?') == std::string::npos ? "?" : "&") + std::string("lang=en");
  return href;
}

language_hrefs both_languages(const std::string& href) {
  return {href, in_language(href, lang::en)};
}

// /dat-lich?service=S[&procedure=P][&date=D][&start=T], without the language.
std::string step_href(const booking_choice& c, std::string_view date = {},
                      std::string_view start = {}) {
  std::string href = "/dat-lich?service=" + std::to_string(c.service.id);
  if (c.procedure) href += "&procedure=" + std::to_string(c.procedure->id);
  if (!date.empty()) href += "&date=" + domain::percent_encode(date);
  if (!start.empty()) href += "&start=" + domain::percent_encode(start);
  return href;
}

std::string link(const std::string& href, lang language, std::string_view html,
                 std::string_view css_class = {}) {
  std::string out = "<a href=\"" + escape_html(in_language(href, language)) + "\"";
  if (!css_class.empty()) out += " class=\"" + std::string(css_class) + "\"";
  return out + ">" + std::string(html) + "</a>";
}

std::string title_of(const phrase& title, lang language) {
  return "<h1>" + say(title, language) + "</h1>\n";
}

// "T5, 03/12/2026" / "Thu 03/12/2026".
std::string day_words(year_month_day day, lang language) {
  constexpr phrase names[] = {{"CN", "Sun"}, {"T2", "Mon"}, {"T3", "Tue"}, {"T4", "Wed"},
                              {"T5", "Thu"}, {"T6", "Fri"}, {"T7", "Sat"}};
  const std::chrono::weekday wd{std::chrono::sys_days{day}};
  return std::string(names[wd.c_encoding()](language)) + (language == lang::vi ? ", " : " ") +
         domain::format_ddmmyyyy(day);
}

// "50.000 đồng"
std::string fee_words(std::int64_t fee, lang language) {
  if (fee <= 0) return std::string(no_fee(language));
  return domain::group_thousands(fee) + (language == lang::vi ? " đồng" : " VND");
}

std::string definition(const phrase& term, lang language, std::string_view value_html) {
  return "<dt>" + say(term, language) + "</dt><dd>" + std::string(value_html) + "</dd>\n";
}

// What was chosen so far, as a list of definitions.
std::string chosen(const booking_choice& c, lang language) {
  std::string out = "<dl class=\"card chosen\">\n";
  out += definition(service_label, language,
                    escape_html(name_in(language, c.service.name, c.service.name_en)));
  if (c.procedure)
    out += definition(procedure_label, language,
                      escape_html(name_in(language, c.procedure->name, c.procedure->name_en)));
  return out;
}

std::string time_range(time_point from, time_point to, const business_zone& zone) {
  return domain::format_hh_mm(zone.time_of_day(from)) + "–" +
         domain::format_hh_mm(zone.time_of_day(to));
}

// The procedure's papers and fee.
std::string checklist(const procedure_option& p, lang language) {
  std::string out = "<h2>" + say(documents_title, language) + "</h2>\n<ul class=\"card\">\n";
  for (const auto& d : p.documents)
    out += "<li>" + escape_html(d.name) + (d.required ? "" : say(optional_document, language)) +
           "</li>\n";
  out += "</ul>\n<dl class=\"card chosen\">" +
         definition(fee_label, language, escape_html(fee_words(p.fee, language))) + "</dl>\n";
  return out;
}

// The QR code of `text` as inline SVG, one path of dark modules with a quiet zone of 4.
std::string qr_svg(std::string_view text, std::string_view label) {
  const auto qr = render::encode_qr(text);
  const int side = qr.size + 8;
  std::string out = "<svg class=\"qr\" role=\"img\" aria-label=\"" + escape_html(label) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    std::to_string(side) + " " + std::to_string(side) +
                    "\" shape-rendering=\"crispEdges\"><path fill=\"#000\" d=\"";
  for (int row = 0; row < qr.size; ++row)
    for (int column = 0; column < qr.size; ++column)
      if (qr.at(row, column)) {
        out += 'M';
        out += std::to_string(column + 4);
        out += ' ';
        out += std::to_string(row + 4);
        out += "h1v1h-1z";
      }
  return out + "\"/></svg>";
}

std::string hidden(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + escape_html(value) +
         "\">\n";
}

// One labelled text field with its problem, if any.
std::string field(const booking_form& f, std::string_view name, const phrase& label,
                  const std::string& value, std::string_view attributes, lang language,
                  const phrase* hint = nullptr) {
  const std::string id(name);
  const auto problem = f.problems.find(id);
  std::string described;
  if (hint) described += id + "-hint";
  if (problem != f.problems.end()) described += (described.empty() ? "" : " ") + id + "-error";
  std::string out = "<div class=\"field\">\n<label for=\"" + id + "\">" + say(label, language) +
                    "</label>\n<input id=\"" + id + "\" name=\"" + id + "\" value=\"" +
                    escape_html(value) + "\" " + std::string(attributes);
  if (!described.empty()) out += " aria-describedby=\"" + described + "\"";
  if (problem != f.problems.end()) out += " aria-invalid=\"true\"";
  out += ">\n";
  if (hint) out += "<p id=\"" + id + "-hint\" class=\"hint\">" + say(*hint, language) + "</p>\n";
  if (problem != f.problems.end())
    out += "<p id=\"" + id + "-error\" class=\"field-error\">" + escape_html(problem->second) +
           "</p>\n";
  return out + "</div>\n";
}

std::string own_href(std::string_view code, std::string_view token) {
  return "/dat-lich/" + domain::percent_encode(code) + "?token=" + domain::percent_encode(token);
}

// /dat-lich/{code}/doi-gio?token=T[&service=S&date=D[&from=T0]], without the language.
std::string move_href(const booking_move& m, std::string_view date = {}) {
  std::string href = "/dat-lich/" + domain::percent_encode(m.code) +
                     "/doi-gio?token=" + domain::percent_encode(m.token);
  if (!date.empty()) {
    href += "&service=" + std::to_string(m.service.id) + "&date=" + domain::percent_encode(date);
    if (!m.current.empty()) href += "&from=" + domain::percent_encode(m.current);
  }
  return href;
}

std::string own_href(const booking_move& m) { return own_href(m.code, m.token); }

// The service of a move: the first of a list of definitions, left open for more.
std::string moving(const booking_move& m, lang language) {
  return "<dl class=\"card chosen\">\n" +
         definition(service_label, language,
                    escape_html(name_in(language, m.service.name, m.service.name_en)));
}

// The days to choose from, each a link to `href_of(date)`, or that there is none.
std::string day_choices(const std::vector<year_month_day>& days, lang language, auto href_of) {
  if (days.empty()) return "<p>" + say(no_days, language) + "</p>\n";
  std::string out = "<ul class=\"choices\">\n";
  for (const auto& d : days)
    out +=
        "<li>" +
        link(href_of(domain::format_iso_date(d)), language, escape_html(day_words(d, language))) +
        "</li>\n";
  return out + "</ul>\n";
}

// " còn 2 chỗ" / " 2 places left", small after a time.
std::string places_html(int free, lang language) {
  return " <small>" + say(places_left, language) + std::to_string(free) +
         say(places_unit, language) + "</small>";
}

// A time shown but not to be chosen, `note` saying why (full, or the booking's own time).
std::string unchoosable(const std::string& when, const phrase& note, std::string_view attribute,
                        lang language) {
  return "<li><span class=\"full\" " + std::string(attribute) + ">" + when + " <small>" +
         say(note, language) + "</small></span></li>\n";
}

// A day's times: why the day cannot be booked, or that it has none left, else each time as
// `choice(slot, when)` makes it (`when`: "07:00–07:15", escaped).
std::string day_times(const std::vector<slot_option>& slots, std::string_view reason, lang language,
                      const business_zone& zone, auto choice) {
  std::string out;
  if (!reason.empty())
    out += "<p class=\"alert\" role=\"alert\">" + escape_html(reason) + "</p>\n";
  else if (slots.empty())
    out += "<p>" + say(no_times, language) + "</p>\n";
  if (slots.empty()) return out;
  out += "<ul class=\"choices times\">\n";
  for (const auto& s : slots) out += choice(s, escape_html(time_range(s.start_at, s.end_at, zone)));
  return out + "</ul>\n";
}

std::string message_page(lang language, const phrase& title, std::string_view text_html) {
  std::string body = title_of(title, language) + "<p>" + std::string(text_html) + "</p>\n<p>" +
                     link("/dat-lich", language, say(start_again, language), "button") + "</p>\n";
  return page(language, title(language), both_languages("/dat-lich"), body, public_note(language));
}

// iCalendar's UTC form: 20261203T010000Z.
std::string ics_time(time_point t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{seconds - day};
  char out[32];
  std::snprintf(out, sizeof out, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out;
}

// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).
std::string ics_text(std::string_view text) {
  std::string out;
  for (char c : domain::displayable(text)) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// One content line, folded after 75 octets (never inside a UTF-8 sequence), CRLF-ended.
std::string ics_line(std::string_view line) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    if (starts_char && width >= 70) {
      out += "\r\n ";
      width = 1;
    }
    out += line[i];
    ++width;
  }
  return out + "\r\n";
}

}  // namespace

std::string render_services_page(const std::vector<service_option>& services, lang language) {
  std::string body = title_of(book_title, language);
  if (services.empty()) {
    body += "<p>" + say(no_services, language) + "</p>\n";
  } else {
    body += "<p>" + say(services_intro, language) + "</p>\n<ul class=\"choices\">\n";
    for (const auto& s : services)
      body += "<li>" +
              link("/dat-lich?service=" + std::to_string(s.id), language,
                   escape_html(name_in(language, s.name, s.name_en))) +
              "</li>\n";
    body += "</ul>\n";
  }
  return page(language, book_title(language), both_languages("/dat-lich"), body,
              public_note(language));
}

std::string render_days_page(const booking_choice& choice,
                             const std::vector<procedure_option>& procedures,
                             const std::vector<year_month_day>& days, lang language) {
  std::string body = title_of(book_title, language) + chosen(choice, language) + "</dl>\n";
  if (!procedures.empty()) {
    body += "<h2>" + say(procedure_label, language) + "</h2>\n<p>" +
            say(procedure_intro, language) + "</p>\n<ul class=\"choices\">\n";
    booking_choice without = choice;
    without.procedure.reset();
    for (const auto& p : procedures) {
      booking_choice with = without;
      with.procedure = p;
      const bool is_chosen = choice.procedure && choice.procedure->id == p.id;
      body += "<li>" +
              link(step_href(with), language,
                   (is_chosen ? "✓ " : "") + escape_html(name_in(language, p.name, p.name_en))) +
              "</li>\n";
    }
    if (choice.procedure)
      body += "<li>" + link(step_href(without), language, say(any_procedure, language)) + "</li>\n";
    body += "</ul>\n";
    if (choice.procedure) body += checklist(*choice.procedure, language);
  }
  body +=
      "<h2>" + say(day_title, language) + "</h2>\n" +
      day_choices(days, language, [&](const std::string& date) { return step_href(choice, date); });
  return page(language, book_title(language), both_languages(step_href(choice)), body,
              public_note(language));
}

std::string render_times_page(const booking_choice& choice, year_month_day day,
                              const std::vector<slot_option>& slots, std::string_view reason,
                              lang language, const business_zone& zone) {
  const auto date = domain::format_iso_date(day);
  std::string body = title_of(book_title, language) + chosen(choice, language) +
                     definition(day_label, language, escape_html(day_words(day, language))) +
                     "</dl>\n<h2>" + say(time_title, language) + "</h2>\n";
  body +=
      day_times(slots, reason, language, zone, [&](const slot_option& s, const std::string& when) {
        if (s.free == 0) return unchoosable(when, full, "aria-disabled=\"true\"", language);
        return "<li>" +
               link(step_href(choice, date, s.start), language,
                    when + places_html(s.free, language)) +
               "</li>\n";
      });
  body += "<p>" + link(step_href(choice), language, say(other_day, language), "button secondary") +
          "</p>\n";
  return page(language, book_title(language), both_languages(step_href(choice, date)), body,
              public_note(language));
}

std::string render_form_page(const booking_form& f, lang language, const business_zone& zone) {
  const auto day = zone.day_of(f.slot.start_at);
  const auto date = domain::format_iso_date(day);
  // The problems first, where a phone's screen opens: the fields below say which is which.
  std::string alerts;
  if (!f.alert.empty())
    alerts += "<p class=\"alert\" role=\"alert\">" + escape_html(f.alert) + "</p>\n";
  if (auto start = f.problems.find("start"); start != f.problems.end())
    alerts += "<p class=\"alert\" role=\"alert\">" + escape_html(start->second) + "</p>\n";
  std::string body = title_of(book_title, language) + alerts + chosen(f.choice, language) +
                     definition(day_label, language, escape_html(day_words(day, language))) +
                     definition(time_label, language,
                                escape_html(time_range(f.slot.start_at, f.slot.end_at, zone))) +
                     "</dl>\n";
  if (f.choice.procedure) body += checklist(*f.choice.procedure, language);
  body += "<h2>" + say(form_title, language) + "</h2>\n";
  body += "<form class=\"card\" method=\"post\" action=\"/dat-lich\">\n";
  body += hidden("service", std::to_string(f.choice.service.id));
  if (f.choice.procedure) body += hidden("procedure", std::to_string(f.choice.procedure->id));
  body += hidden("start", f.slot.start);
  body += hidden("request_key", f.request_key);
  body += hidden("form_token", f.form_token);
  if (language == lang::en) body += hidden("lang", "en");
  body += field(f, "full_name", name_label, f.full_name,
                "type=\"text\" required maxlength=\"100\" autocomplete=\"name\"", language);
  body += field(f, "phone", phone_label, f.phone,
                "type=\"tel\" required maxlength=\"20\" autocomplete=\"tel\" inputmode=\"tel\"",
                language);
  body += field(f, "id_number", id_label, f.id_number,
                "type=\"text\" maxlength=\"12\" inputmode=\"numeric\" autocomplete=\"off\"",
                language, &id_hint);
  body += "<button type=\"submit\">" + say(submit, language) + "</button>\n</form>\n";
  body += "<p>" +
          link(step_href(f.choice, date), language, say(other_time, language), "button secondary") +
          "</p>\n";
  return page(language, book_title(language),
              both_languages(step_href(f.choice, date, f.slot.start)), body, public_note(language));
}

std::string render_own_booking_page(const own_booking& b, lang language, const business_zone& zone,
                                    own_page_mode mode, std::string_view form_token) {
  const auto href = own_href(b.code, b.token);
  const bool confirm_cancel = mode == own_page_mode::confirm_cancel;
  std::string card = "<section class=\"card\">\n<p>" + say(code_label, language) +
                     "</p>\n<p class=\"big-code code\">" + escape_html(b.code) + "</p>\n";
  card += qr_svg(b.code, say(code_label, language) + " " + b.code);
  card += "<p class=\"hint\">" + say(code_hint, language) + "</p>\n<dl>\n";
  card += definition(status_label, language,
                     "<strong>" + say(status_name(b.status), language) + "</strong>");
  card += definition(service_label, language, escape_html(b.service));
  if (b.procedure) card += definition(procedure_label, language, escape_html(*b.procedure));
  card += definition(day_label, language, escape_html(day_words(zone.day_of(b.start), language)));
  card += definition(time_label, language, escape_html(time_range(b.start, b.end, zone)));
  if (b.status == domain::booking_status::booked)
    card += definition(check_in_label, language,
                       escape_html(domain::format_hh_mm(zone.time_of_day(b.check_in_from))) +
                           say(check_in_between, language) +
                           escape_html(domain::format_hh_mm_ddmmyyyy(b.check_in_until, zone)));
  card += definition(name_label, language, escape_html(b.full_name));
  card += definition(phone_label, language, escape_html(b.phone));
  if (b.cancel_reason) card += definition(reason_label, language, escape_html(*b.cancel_reason));
  card += "</dl>\n</section>\n";

  std::string actions;
  const bool booked = b.status == domain::booking_status::booked;
  if (booked && confirm_cancel) {
    actions += "<form class=\"card actions\" method=\"post\" action=\"/dat-lich/" +
               escape_html(domain::percent_encode(b.code)) + "/huy\">\n<p><strong>" +
               say(cancel_question, language) + "</strong></p>\n";
    actions += hidden("token", b.token) + hidden("form_token", form_token);
    if (language == lang::en) actions += hidden("lang", "en");
    actions += "<button type=\"submit\" class=\"danger\">" + say(cancel_confirm, language) +
               "</button>\n" +
               link(href, language, say(cancel_keep, language), "button secondary") + "\n</form>\n";
  } else {
    actions += "<div class=\"actions\">\n";
    if (booked) {
      const auto ics = "/dat-lich/" + domain::percent_encode(b.code) +
                       ".ics?token=" + domain::percent_encode(b.token);
      actions += "<a class=\"button\" href=\"" + escape_html(ics) + "\" download=\"" +
                 escape_html(b.code) + ".ics\">" + say(add_to_calendar, language) + "</a>\n";
      actions += link(move_href({b.code, b.token, {}, {}}), language, say(move_link, language),
                      "button secondary") +
                 "\n" +
                 link(href + "&huy=1", language, say(cancel_link, language), "button secondary") +
                 "\n";
    }
    actions +=
        link("/dat-lich", language, say(start_again, language), "button secondary") + "\n</div>\n";
  }
  // Asked to confirm, the question comes first, where the screen opens.
  std::string body = title_of(booking_title, language);
  if (mode == own_page_mode::moved)
    body += "<p class=\"notice\" role=\"status\">" + say(moved_notice, language) + "</p>\n";
  body += booked && confirm_cancel ? actions + card : card + actions;
  body += "<p>" + say(private_link, language) + ":<br>" +
          link(href, language, escape_html(in_language(href, language)), "code") + "</p>\n";
  return page(language, booking_title(language), both_languages(href), body, own_note(language));
}

std::string render_move_days_page(const own_booking& b, const booking_move& m,
                                  const std::vector<year_month_day>& days, lang language,
                                  const business_zone& zone) {
  std::string body =
      title_of(move_title, language) + moving(m, language) +
      definition(now_label, language,
                 escape_html(time_range(b.start, b.end, zone) + ", " +
                             day_words(zone.day_of(b.start), language))) +
      "</dl>\n<p class=\"hint\">" + say(move_hint, language) + "</p>\n<h2>" +
      say(new_day_title, language) + "</h2>\n" +
      day_choices(days, language, [&](const std::string& date) { return move_href(m, date); });
  body +=
      "<p>" + link(own_href(m), language, say(keep_time, language), "button secondary") + "</p>\n";
  return page(language, move_title(language), both_languages(move_href(m)), body,
              own_note(language));
}

std::string render_move_times_page(const booking_move& m, year_month_day day,
                                   const std::vector<slot_option>& slots, std::string_view reason,
                                   std::string_view form_token, lang language,
                                   const business_zone& zone) {
  const auto date = domain::format_iso_date(day);
  std::string body = title_of(move_title, language) + moving(m, language) +
                     definition(day_label, language, escape_html(day_words(day, language))) +
                     "</dl>\n<h2>" + say(new_time_title, language) + "</h2>\n";
  // One form, each free time its submit button: no script needed to choose and send.
  body += "<form method=\"post\" action=\"/dat-lich/" +
          escape_html(domain::percent_encode(m.code)) + "/doi-gio\">\n" + hidden("token", m.token) +
          hidden("form_token", form_token) + hidden("service", std::to_string(m.service.id)) +
          hidden("date", date) + (language == lang::en ? hidden("lang", "en") : "");
  body +=
      day_times(slots, reason, language, zone, [&](const slot_option& s, const std::string& when) {
        if (s.start == m.current)  // where it is: nothing to move to
          return unchoosable(when, now_mark, "aria-current=\"true\"", language);
        if (s.free == 0) return unchoosable(when, full, "aria-disabled=\"true\"", language);
        return "<li><button type=\"submit\" name=\"start\" value=\"" + escape_html(s.start) +
               "\">" + when + places_html(s.free, language) + "</button></li>\n";
      });
  body += "</form>\n";
  body += "<div class=\"actions\">\n" +
          link(move_href(m), language, say(other_day, language), "button secondary") + "\n" +
          link(own_href(m), language, say(keep_time, language), "button secondary") + "\n</div>\n";
  return page(language, move_title(language), both_languages(move_href(m, date)), body,
              own_note(language));
}

std::string render_move_refused_page(const booking_move& m, year_month_day day,
                                     std::string_view message, lang language) {
  std::string body = title_of(move_refused_title, language) + "<p class=\"alert\" role=\"alert\">" +
                     escape_html(message) + "</p>\n<p>" + say(move_refused_hint, language) +
                     "</p>\n<div class=\"actions\">\n" +
                     link(move_href(m, domain::format_iso_date(day)), language,
                          say(other_time, language), "button") +
                     "\n" +
                     link(own_href(m), language, say(keep_time, language), "button secondary") +
                     "\n</div>\n";
  return page(language, move_refused_title(language), both_languages(move_href(m)), body,
              own_note(language));
}

std::string render_booking_not_found_page(lang language) {
  return message_page(language, not_found_title, say(not_found_text, language));
}

std::string render_form_refused_page(lang language) {
  return message_page(language, refused_title, say(refused_text, language));
}

std::string render_booking_limit_page(lang language, std::string_view message) {
  return message_page(language, limit_title, escape_html(message));
}

std::string booking_ics(const own_booking& b, std::string_view location, time_point stamp) {
  std::string out;
  for (const std::string& line :
       {std::string("BEGIN:VCALENDAR"), std::string("VERSION:2.0"),
        std::string("PRODID:-//motcua//dat-lich//VI"), std::string("CALSCALE:GREGORIAN"),
        std::string("METHOD:PUBLISH"), std::string("BEGIN:VEVENT"), "UID:" + b.code + "@motcua",
        "DTSTAMP:" + ics_time(stamp), "DTSTART:" + ics_time(b.start), "DTEND:" + ics_time(b.end),
        "SUMMARY:" + ics_text("Lịch hẹn " + b.code + " – " + b.service),
        "LOCATION:" + ics_text(location),
        "DESCRIPTION:" + ics_text("Mã lịch hẹn / Booking code: " + b.code),
        std::string(b.status == domain::booking_status::cancelled ? "STATUS:CANCELLED"
                                                                  : "STATUS:CONFIRMED"),
        std::string("END:VEVENT"), std::string("END:VCALENDAR")})
    out += ics_line(line);
  return out;
}

}  // namespace motcua::web
