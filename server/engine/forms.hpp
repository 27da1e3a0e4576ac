// The printed forms of a dossier for staff (`GET /api/v1/dossiers/{code}/forms/{form}.pdf`
// and the tracking book): which form a request names, and the form filled in from the dossier,
// its history and the catalogue. Rendering (docs/pdf.hpp) is left to the caller, off the engine
// thread. Engine thread only: reads the store and appends to the audit log (a printed form
// shows personal data, docs/domain.md "People and their data").
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "server/config/config.hpp"
#include "server/docs/forms.hpp"
#include "server/docs/pdf.hpp"
#include "server/docs/wording.hpp"
#include "server/engine/audit.hpp"
#include "server/engine/queue.hpp"
#include "server/store/dossier_store.hpp"

namespace motcua::engine {

// What the HTTP layer asks for.
struct form_request {
  std::string session_token;  // from "Authorization: Bearer ..."
  std::string code;           // the dossier; empty for the tracking book
  // The form's number in the configured set ("01".."07": the 2018 set numbers the control
  // sheet 05, the 2025 set 06) or its name: receipt, supplement, refusal, apology, stop,
  // control-sheet, tracking-book.
  std::string form;
  std::optional<std::string> from, to;  // tracking book: YYYY-MM-DD, both days included
  bool png = false;                     // the first page as an image (a preview), not the PDF
};

using form_document = std::variant<docs::form01, docs::form02, docs::form03, docs::form04,
                                   docs::stop_notice, docs::control_sheet, docs::tracking_book>;

// Either a filled form or why there is none: 400 (no such form), 401 (no or expired session),
// 403 (not staff), 404 (no such dossier), 409 (the dossier has no such letter yet).
struct form_outcome {
  std::optional<form_document> document;
  docs::form_set set = docs::form_set::y2025;
  docs::output output = docs::output::pdf;
  std::string file_name;  // "000.00.00.H99-261127-0001-01.pdf" (or .png)
  int status = 200;
  std::string message;
  std::string message_en;
};

class form_desk {
 public:
  form_desk(const config::settings& settings, store::dossier_store& store, audit_log& audit);

  form_outcome fill(const actor& who, const form_request& r, domain::time_point now);

 private:
  form_outcome dossier_form(docs::form_kind kind, const std::string& code);
  form_outcome tracking_book(const actor& who, const form_request& r, domain::time_point now);
  docs::unit_info unit() const;
  // The display name of a staff account ("Trần Thị Bích"), or the username.
  std::string staff_name(const std::string& username) const;

  const config::settings& settings_;
  store::dossier_store& store_;
  audit_log& audit_;
};

}  // namespace motcua::engine
