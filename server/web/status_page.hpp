// The public dossier status pages (docs/protocol.md "HTTP on the same port",
// `GET /tra-cuu/{code}`): what
// the QR code on a receipt opens on a citizen's phone. Small server-rendered
// HTML5 documents in Vietnamese or English, readable on a phone without
// zooming. Pure functions: no engine, store, network or I/O.
//
// Every page is a complete UTF-8 HTML5 document with a viewport meta tag, one
// inline <style> and nothing else to fetch: no scripts, no external fonts,
// images or style sheets, no trackers. Every piece of text from the input is
// escaped with escape_html. The input type holds only the public view of a
// dossier: there is nowhere to put a name, ID number, phone or address.
//
// Links the pages write (the HTTP layer serves them):
//   /tra-cuu/{code}[?lang=en]   a dossier's status page (code percent-encoded)
//   /tra-cuu[?lang=en]          the search form
//   /tra-cuu?code={code}[&lang=en]  what the search form submits (GET)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/web/page.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"

namespace motcua::web {

using domain::business_zone;
using domain::lang;
using domain::time_point;

// One step of the processing history, as the public sees it.
struct public_step {
  std::string name;
  time_point at;
};

// The public view of a dossier (as `lookup_dossier`).
struct public_dossier {
  std::string code;
  std::string procedure;
  std::string procedure_en;  // empty: the English page shows `procedure`
  // received, processing, supplement_requested, result_ready, returned, refused, withdrawn,
  // stopped. Any other value is shown as it is.
  std::string status;
  time_point received_at;
  time_point due_at;
  bool late = false;
  std::optional<time_point> finished_at;
  std::vector<public_step> history;  // oldest first; shown in this order
};

// The status page: code, procedure, status in plain words with a short hint,
// received and due times (hh:mm dd/mm/yyyy in `zone`), an on-time or late
// badge, the finish time if any, and the history as a vertical timeline.
std::string render_status_page(const public_dossier& dossier, lang language,
                               const business_zone& zone);

// The page for a code that matches no dossier (serve it with status 404): says
// so in friendly words, shows `code` and offers the search form filled in with
// it. `code` may be any bytes (it comes from the URL).
std::string render_not_found_page(std::string_view code, lang language);

// The page for another unit's dossier while the province hub cannot be reached (serve it with
// status 503): says so, and to try again in a few minutes; the search form keeps the code.
std::string render_unreachable_page(std::string_view code, lang language);

// The search form: one field for the dossier code and a large button,
// submitting GET /tra-cuu?code=...; `error`, when not empty, is shown above
// the form (e.g. "that is not a dossier code").
std::string render_search_page(lang language, std::string_view error = {});

}  // namespace motcua::web
