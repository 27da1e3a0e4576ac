#include "server/web/status_page.hpp"

#include <array>
#include "shared/domain/dossier.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/domain/text.hpp"
#include "shared/domain/text_policy.hpp"

namespace motcua::web {
namespace {

using phrase = domain::text;
namespace glossary = domain::glossary;

std::string_view say(const phrase& p, lang language) { return p(language); }

constexpr phrase brand{"Bộ phận Một cửa", "One-stop service"};
constexpr phrase language_nav{"Ngôn ngữ", "Language"};
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

// High contrast (body text 18.9:1, secondary text 10.1:1, white on the coloured
// badges and buttons 6.3:1 or more), 18px base, 52px tap targets, one column.
constexpr std::string_view style = R"css(
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f1f3f6;color:#111;
font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;
padding:10px 16px;background:#0b3d91;color:#fff}
.brand{font-weight:700}
header nav{display:flex;gap:4px}
header a,header .current{display:inline-block;padding:8px 10px;color:#fff;border-radius:6px}
header .current{font-weight:700;background:#ffffff26}
main,footer{max-width:40rem;margin:0 auto;padding:16px}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 12px}
h2{font-size:1.25rem;margin:24px 0 12px}
p{margin:0 0 12px}
.card{background:#fff;border:1px solid #c4c9d2;border-radius:12px;padding:16px}
.code{font-weight:700;overflow-wrap:anywhere}
.status{margin:12px 0 16px;padding:12px 14px;border-left:6px solid;border-radius:8px}
.status strong{display:block;font-size:1.25rem;line-height:1.3}
.status span{display:block;margin-top:4px}
.tone-info{background:#e8f0fe;border-color:#0b57d0}
.tone-action{background:#fff1cc;border-color:#a15c00}
.tone-done{background:#e3f3e7;border-color:#1b6e2e}
.tone-ended{background:#eceff3;border-color:#555c68}
dl{margin:0}
dt{color:#3b4250;font-size:.9rem}
dd{margin:0 0 12px;font-weight:600;overflow-wrap:anywhere}
dd:last-child{margin-bottom:0}
.badge{display:inline-block;margin:4px 0 0;padding:2px 12px;border-radius:999px;color:#fff;
font-size:.9rem;font-weight:700}
.on-time{background:#1b6e2e}
.late{background:#b3261e}
.timeline{list-style:none;margin:0 0 20px;padding:16px 16px 16px 26px}
.timeline li{position:relative;padding:0 0 18px 22px;border-left:3px solid #9aa3b1}
.timeline li:last-child{border-left-color:transparent;padding-bottom:0}
.timeline li::before{content:"";position:absolute;left:-12px;top:0;width:14px;height:14px;
border:3px solid #0b57d0;border-radius:50%;background:#fff}
.timeline li:last-child::before{background:#0b57d0}
.timeline time{display:block;color:#3b4250;font-size:.9rem}
.step{font-weight:600;overflow-wrap:anywhere}
a{color:#0b57d0}
label{display:block;font-weight:700}
input{display:block;width:100%;min-height:52px;margin:6px 0 4px;padding:10px 12px;font:inherit;
color:#111;background:#fff;border:2px solid #555c68;border-radius:8px}
.hint{color:#3b4250;font-size:.9rem}
.button,button{display:block;width:100%;min-height:52px;padding:12px 16px;border:0;
border-radius:8px;background:#0b57d0;color:#fff;font:inherit;font-weight:700;text-align:center;
text-decoration:none}
.alert{padding:12px 14px;background:#fde7e9;border-left:6px solid #b3261e;border-radius:8px}
footer{color:#3b4250;font-size:.9rem}
)css";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding, see query_param.
std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int high = -1, low = -1;
    if (text[i] == '%' && i + 2 < text.size()) {
      high = hex_value(text[i + 1]);
      low = hex_value(text[i + 2]);
    }
    if (high >= 0 && low >= 0) {
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
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

// One link per language; the current one is marked, not linked. `code` is the
// dossier the page is about (empty for the search page), kept across the switch.
std::string language_switch(std::string_view code, lang language) {
  struct option {
    lang value;
    std::string_view tag;
    std::string_view name;
  };
  constexpr option options[] = {{lang::vi, "vi", "Tiếng Việt"}, {lang::en, "en", "English"}};
  std::string out = "<nav aria-label=\"" + escape_html(say(language_nav, language)) + "\">";
  for (const auto& o : options) {
    const std::string tag(o.tag);
    if (o.value == language)
      out += "<span class=\"current\" aria-current=\"page\" lang=\"" + tag + "\">";
    else
      out += "<a href=\"" + escape_html(lookup_href(code, o.value)) + "\" hreflang=\"" + tag +
             "\" lang=\"" + tag + "\">";
    out += escape_html(o.name);
    out += o.value == language ? "</span>" : "</a>";
  }
  return out + "</nav>";
}

// The whole document around `main_html` (already HTML).
std::string document(lang language, std::string_view title, std::string_view code,
                     std::string_view main_html) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += domain::code_of(language);
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + escape_html(status_page_csp) +
         "\">\n";
  out += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += "<meta name=\"robots\" content=\"noindex, nofollow\">\n";
  out += "<title>" + escape_html(title) + " – " + escape_html(say(brand, language)) + "</title>\n";
  out += "<style>";
  out += style;
  out += "</style>\n</head>\n<body>\n<header><span class=\"brand\">";
  out += escape_html(say(brand, language));
  out += "</span>" + language_switch(code, language) + "</header>\n<main>\n";
  out += main_html;
  out += "</main>\n<footer><p>" + escape_html(say(privacy_note, language)) + "</p></footer>\n";
  out += "</body>\n</html>\n";
  return out;
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

std::string escape_html(std::string_view text) {
  return domain::escape_markup(domain::displayable(text));
}

std::optional<std::string> query_param(std::string_view target, std::string_view name) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (true) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq)) == name)
      return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) return std::nullopt;
    query.remove_prefix(amp + 1);
  }
}

std::optional<lang> lang_from_query(std::string_view target) {
  const auto value = query_param(target, "lang");
  return value ? domain::parse_lang(*value) : std::nullopt;
}

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

std::string render_search_page(lang language, std::string_view error) {
  std::string body = "<h1>" + escape_html(say(search_title, language)) + "</h1>\n";
  body += "<p>" + escape_html(search_intro(language)) + "</p>\n";
  if (!error.empty()) body += "<p class=\"alert\" role=\"alert\">" + escape_html(error) + "</p>\n";
  body += search_form(language, {});
  return document(language, say(search_title, language), {}, body);
}

}  // namespace motcua::web
