// The forms of docs/forms.hpp rendered to PDF (the bytes of the file): A5 portrait for the
// forms and the control sheet, A4 landscape for the tracking book. Each header prints the
// form's number in `set` ("Mẫu số 01"); times are written in `zone` as "hh giờ mm phút, ngày
// dd/mm/yyyy". Content longer than a page continues on the next one.
//
// Needs the DejaVu Sans font (fonts-dejavu-core); Pango falls back to another installed font
// for anything it lacks. Safe to call from several threads at once; the first call on a thread
// loads the fonts for that thread (milliseconds), kept until the thread ends. Throws
// std::invalid_argument for a form that `set` does not have (the stop notice in the 2018 set)
// and std::runtime_error for a failure of Cairo. Any bytes in a text field print: what is not
// displayable (invalid UTF-8, controls, non-characters, invisible characters) as U+FFFD.
#pragma once

#include <string>

#include "server/docs/forms.hpp"

namespace motcua::docs {

// What render() returns: the PDF file, or the first page alone as a PNG image at 144 dpi (for
// an on-screen preview of what will be printed).
enum class output { pdf, png_first_page };

// Form 01, with a QR code of `lookup_url` and the dossier code under it.
std::string render(const form01& form, form_set set, const domain::business_zone& zone,
                   output out = output::pdf);
std::string render(const form02& form, form_set set, const domain::business_zone& zone,
                   output out = output::pdf);
std::string render(const form03& form, form_set set, const domain::business_zone& zone,
                   output out = output::pdf);
std::string render(const form04& form, form_set set, const domain::business_zone& zone,
                   output out = output::pdf);
std::string render(const stop_notice& form, form_set set, const domain::business_zone& zone,
                   output out = output::pdf);
std::string render(const control_sheet& form, form_set set, const domain::business_zone& zone,
                   output out = output::pdf);
std::string render(const tracking_book& form, form_set set, const domain::business_zone& zone,
                   output out = output::pdf);

}  // namespace motcua::docs
