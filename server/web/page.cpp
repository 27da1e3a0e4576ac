#include "server/web/page.hpp"

#include "shared/domain/text.hpp"
#include "shared/domain/text_policy.hpp"

namespace motcua::web {
namespace {

using phrase = domain::text;

constexpr phrase brand{"Bộ phận Một cửa", "One-stop service"};
constexpr phrase language_nav{"Ngôn ngữ", "Language"};

std::string_view say(const phrase& p, lang language) { return p(language); }

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
.notice{padding:12px 14px;background:#e6f4ea;border-left:6px solid #146c2e;border-radius:8px}
footer{color:#3b4250;font-size:.9rem}
.choices{list-style:none;margin:0 0 16px;padding:0;display:grid;gap:8px}
.choices a,.choices .full,.choices button{display:flex;justify-content:space-between;
align-items:center;gap:8px;min-height:52px;padding:10px 14px;background:#fff;border:2px solid #0b57d0;border-radius:8px;
font-weight:700;text-decoration:none}
.choices .full{border-color:#c4c9d2;color:#555c68;font-weight:400}
.choices button{color:#0b57d0;text-align:left}
.choices small{font-weight:400;color:#3b4250}
.times{grid-template-columns:repeat(auto-fill,minmax(9rem,1fr))}
.times a,.times .full,.times button{flex-direction:column;align-items:flex-start;gap:0;
white-space:nowrap}
ul.card{padding-left:2.25rem}
.chosen{margin:0 0 16px}
.field{margin:0 0 16px}
.field-error{color:#b3261e;font-weight:700;margin:4px 0 0}
input[aria-invalid=true]{border-color:#b3261e}
.big-code{font-size:2.25rem;letter-spacing:.1em;font-weight:700;margin:0 0 8px}
.qr{display:block;width:12rem;height:12rem;margin:8px 0 16px;background:#fff}
.actions{display:grid;gap:12px;margin:16px 0}
.secondary{background:#fff;color:#0b57d0;border:2px solid #0b57d0}
.danger{background:#b3261e}
.ticket-number{font-size:4.5rem;line-height:1;font-weight:800;letter-spacing:.04em;margin:4px 0 8px}
.tone-call{background:#b3261e;color:#fff;border-color:#7a1a14}
.tone-call strong{font-size:2.5rem}
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

// One link per language; the current one is marked, not linked.
std::string language_switch(const language_hrefs& hrefs, lang language) {
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
      out += "<a href=\"" + escape_html(o.value == lang::en ? hrefs.en : hrefs.vi) +
             "\" hreflang=\"" + tag + "\" lang=\"" + tag + "\">";
    out += escape_html(o.name);
    out += o.value == language ? "</span>" : "</a>";
  }
  return out + "</nav>";
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

std::string page(lang language, std::string_view title, const language_hrefs& hrefs,
                 std::string_view main_html, std::string_view footer_note, const page_head& head) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += domain::code_of(language);
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"" + escape_html(head.csp) + "\">\n";
  out += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += "<meta name=\"robots\" content=\"noindex, nofollow\">\n";
  out += "<title>" + escape_html(title) + " – " + escape_html(say(brand, language)) + "</title>\n";
  out += "<style>";
  out += style;
  out += "</style>\n";
  out += head.extra;
  out += "</head>\n<body>\n<header><span class=\"brand\">";
  out += escape_html(say(brand, language));
  out += "</span>" + language_switch(hrefs, language) + "</header>\n<main>\n";
  out += main_html;
  out += "</main>\n<footer><p>" + escape_html(footer_note) + "</p></footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace motcua::web
