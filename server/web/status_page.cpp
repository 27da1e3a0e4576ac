#include "server/web/status_page.hpp"

#include <array>

#include "server/web/page.hpp"
#include "shared/domain/dossier.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/domain/text.hpp"
#include "shared/domain/text_policy.hpp"

namespace motcua::web {
namespace {

using phrase = domain::text;
namespace glossary = domain::glossary;

std::string_view say(const phrase& p, lang language) { return p(language); }

constexpr phrase status_title{"Tình trạng hồ sơ", "Dossier status"};
constexpr phrase code_label{"Mã hồ sơ", "Dossier code"};
constexpr phrase procedure_label{"Thủ tục", "Procedure"};
constexpr phrase finished_label{"Ngày hoàn thành", "Finished"};
constexpr phrase no_history{"Chưa có bước xử lý nào.", "No steps recorded yet."};
constexpr phrase another_lookup{"Tra cứu hồ sơ khác", "Look up another dossier"};
constexpr phrase privacy_note{"Trang này không hiển thị thông tin cá nhân.",
                              "This page shows no personal data."};
constexpr phrase not_found_title{"Không tìm thấy hồ sơ", "Dossier not found"};
constexpr phrase not_found_text{"Không có hồ sơ nào mang mã", "There is no dossier with the code"};
constexpr phrase unreachable_title{"Chưa tra cứu được lúc này", "Cannot look it up now"};
constexpr phrase unreachable_text{
    "Hồ sơ này do đơn vị khác trong tỉnh tiếp nhận, và hiện chưa kết nối được với hệ thống của "
    "tỉnh. Vui lòng thử lại sau ít phút. Mã hồ sơ:",
    "This dossier was received by another unit of the province, and the province system cannot "
    "be reached now. Please try again in a few minutes. Dossier code:"};
// "… the code printed on your receipt …", the receipt named as on Form 01.
std::string not_found_advice(lang language) {
  return std::string(phrase{"Vui lòng kiểm tra lại mã in trên ",
                            "Please check the code printed on your "}(language)) +
         glossary::receipt(language) + phrase{" rồi nhập lại.", " and try again."}(language);
}
std::string search_intro(lang language) {
  return std::string(phrase{"Nhập mã hồ sơ in trên ",
                            "Enter the dossier code printed on your "}(language)) +
         glossary::receipt(language) +
         phrase{" để xem hồ sơ đang ở bước nào.", " to see where your dossier is."}(language);
}
constexpr phrase search_title{"Tra cứu hồ sơ", "Look up a dossier"};
constexpr phrase code_example{"Ví dụ: 000.17.22.H56-210531-0001",
                              "For example: 000.17.22.H56-210531-0001"};
constexpr phrase search_button{"Tra cứu", "Look up"};

// How a status is coloured: still moving, waiting for the citizen, done, or
// ended without a result.
enum class tone { info, action, done, ended };

tone tone_of(domain::dossier_status s) {
  using status = domain::dossier_status;
  switch (s) {
    case status::received:
    case status::processing:
      return tone::info;
    case status::supplement_requested:
    case status::result_ready:
      return tone::action;
    case status::returned:
      return tone::done;
    case status::refused:
    case status::withdrawn:
    case status::stopped:
      return tone::ended;
  }
  return tone::info;
}

std::string_view tone_class(tone t) {
  switch (t) {
    case tone::info:
      return "tone-info";
    case tone::action:
      return "tone-action";
    case tone::done:
      return "tone-done";
    case tone::ended:
      return "tone-ended";
  }
  return "tone-info";
}

// "/tra-cuu" for an empty code, else "/tra-cuu/{code}"; with "?lang=en" for
// English.
std::string lookup_href(std::string_view code, lang language) {
  std::string href = "/tra-cuu";
  if (!code.empty()) {
    href += '/';
    href += domain::percent_encode(code);
  }
  if (language == lang::en) href += "?lang=en";
  return href;
}

// <time datetime="2026-11-27T08:05:00+07:00">08:05 27/11/2026</time>
std::string time_html(time_point t, const business_zone& zone) {
  return "<time datetime=\"" + escape_html(zone.format(t)) + "\">" +
         domain::format_hh_mm_ddmmyyyy(t, zone) + "</time>";
}

// The whole page around `main_html`, its language switch keeping the dossier `code`.
std::string document(lang language, std::string_view title, std::string_view code,
                     std::string_view main_html) {
  return page(language, title, {lookup_href(code, lang::vi), lookup_href(code, lang::en)},
              main_html, say(privacy_note, language));
}

// The lookup form, filled in with `code`.
std::string search_form(lang language, std::string_view code) {
  std::string out = "<form class=\"card\" method=\"get\" action=\"/tra-cuu\">\n";
  out += "<label for=\"code\">" + escape_html(say(code_label, language)) + "</label>\n";
  out += "<input id=\"code\" name=\"code\" type=\"text\" value=\"" + escape_html(code) +
         "\" required autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" "
         "aria-describedby=\"code-hint\">\n";
  out +=
      "<p id=\"code-hint\" class=\"hint\">" + escape_html(say(code_example, language)) + "</p>\n";
  if (language == lang::en) out += "<input type=\"hidden\" name=\"lang\" value=\"en\">\n";
  out += "<button type=\"submit\">" + escape_html(say(search_button, language)) + "</button>\n";
  return out + "</form>\n";
}

std::string definition(const phrase& term, lang language, std::string_view value_html) {
  return "<dt>" + escape_html(say(term, language)) + "</dt><dd>" + std::string(value_html) +
         "</dd>\n";
}

}  // namespace

std::string render_status_page(const public_dossier& dossier, lang language,
                               const business_zone& zone) {
  const auto status = domain::parse_dossier_status(dossier.status);
  std::string body = "<h1>" + escape_html(say(status_title, language)) + "</h1>\n";
  body += "<section class=\"card\">\n<dl>\n";
  body += definition(code_label, language,
                     "<span class=\"code\">" + escape_html(dossier.code) + "</span>");
  body += "</dl>\n";
  body += "<p class=\"status " + std::string(tone_class(status ? tone_of(*status) : tone::info)) +
          "\"><strong>" +
          escape_html(status ? glossary::status_name(*status)(language) : dossier.status) +
          "</strong>";
  if (status) body += "<span>" + escape_html(glossary::status_hint(*status)(language)) + "</span>";
  body += "</p>\n<dl>\n";
  const std::string& procedure = domain::pick(language, dossier.procedure, dossier.procedure_en);
  body += definition(procedure_label, language, escape_html(procedure));
  body += definition(glossary::received_on, language, time_html(dossier.received_at, zone));
  body += definition(glossary::result_due, language,
                     time_html(dossier.due_at, zone) + "<br><span class=\"badge " +
                         (dossier.late ? "late\">" + escape_html(glossary::late(language))
                                       : "on-time\">" + escape_html(glossary::on_time(language))) +
                         "</span>");
  if (dossier.finished_at)
    body += definition(finished_label, language, time_html(*dossier.finished_at, zone));
  body += "</dl>\n</section>\n";

  body += "<h2>" + escape_html(say(glossary::progress, language)) + "</h2>\n";
  if (dossier.history.empty()) {
    body += "<p>" + escape_html(say(no_history, language)) + "</p>\n";
  } else {
    body += "<ol class=\"timeline card\">\n";
    for (const auto& step : dossier.history)
      body += "<li>" + time_html(step.at, zone) + "<span class=\"step\">" + escape_html(step.name) +
              "</span></li>\n";
    body += "</ol>\n";
  }
  body += "<p><a class=\"button\" href=\"" + escape_html(lookup_href({}, language)) + "\">" +
          escape_html(say(another_lookup, language)) + "</a></p>\n";
  return document(language, say(status_title, language), dossier.code, body);
}

std::string render_not_found_page(std::string_view code, lang language) {
  std::string body = "<h1>" + escape_html(say(not_found_title, language)) + "</h1>\n";
  body += "<p>" + escape_html(say(not_found_text, language)) + " <span class=\"code\">" +
          escape_html(code) + "</span>.</p>\n";
  body += "<p>" + escape_html(not_found_advice(language)) + "</p>\n";
  body += search_form(language, code);
  return document(language, say(not_found_title, language), code, body);
}

std::string render_unreachable_page(std::string_view code, lang language) {
  std::string body = "<h1>" + escape_html(say(unreachable_title, language)) + "</h1>\n";
  body += "<p>" + escape_html(say(unreachable_text, language)) + " <span class=\"code\">" +
          escape_html(code) + "</span></p>\n";
  body += search_form(language, code);
  return document(language, say(unreachable_title, language), code, body);
}

std::string render_search_page(lang language, std::string_view error) {
  std::string body = "<h1>" + escape_html(say(search_title, language)) + "</h1>\n";
  body += "<p>" + escape_html(search_intro(language)) + "</p>\n";
  if (!error.empty()) body += "<p class=\"alert\" role=\"alert\">" + escape_html(error) + "</p>\n";
  body += search_form(language, {});
  return document(language, say(search_title, language), {}, body);
}

}  // namespace motcua::web
