// What every public page of ours shares (the status pages, /tra-cuu; the booking pages,
// /dat-lich): the HTML5 document around a page's content, its style, the language switch, and
// reading a request's query or form fields. Pure functions: no engine, store, network or I/O.
//
// Every page is a complete UTF-8 HTML5 document with a viewport meta tag, one
// inline <style> and nothing else to fetch: no external fonts, images or style sheets, no
// trackers, and no scripts but the ticket page's own (ticket_page.hpp). Every piece of text from
// the input is escaped with escape_html.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/domain/language.hpp"

namespace motcua::web {

using domain::lang;

// The Content-Security-Policy header to send with every page rendered here
// (with Content-Type "text/html; charset=utf-8"). It allows the inline style
// and form submission to this origin, nothing else; the pages also carry it in
// a <meta http-equiv> tag.
inline constexpr std::string_view status_page_csp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'";

// Text made safe for HTML element content and quoted attribute values: first
// domain::displayable (any bytes: invalid UTF-8, controls, non-characters,
// invisible and text-direction characters become U+FFFD, tab a space, line
// breaks LF), then & < > " ' become character references.
std::string escape_html(std::string_view text);

// The value of the first `name=` parameter of the query string of a request
// target ("/tra-cuu?code=A%2DB&lang=en"), percent-decoded with '+' read as a
// space; a '%' not followed by two hex digits stays as it is. nullopt when the
// target has no such parameter. The result may be any bytes.
std::optional<std::string> query_param(std::string_view target, std::string_view name);

// `lang=en` -> en, `lang=vi` -> vi; nullopt when the parameter is absent or has
// another value (the caller then uses Vietnamese).
std::optional<lang> lang_from_query(std::string_view target);

// The same page in each language, for the switch at the top.
struct language_hrefs {
  std::string vi;
  std::string en;
};

// What a page may add to its <head>: its Content-Security-Policy (sent as the header too), and
// more elements (already HTML: a script, a refresh).
struct page_head {
  std::string_view csp = status_page_csp;
  std::string_view extra;
};

// The whole document: the header (brand, language switch), `main_html` (already HTML), and
// `footer_note` (text) below.
std::string page(lang language, std::string_view title, const language_hrefs& hrefs,
                 std::string_view main_html, std::string_view footer_note,
                 const page_head& head = {});

}  // namespace motcua::web
