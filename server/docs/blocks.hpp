// The pieces the forms share, drawn at a page_writer's cursor (which they move down): the
// official header, the title, label-value lines, the applicant and the signature blocks.
// Arguments are plain text unless named markup.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/docs/forms.hpp"
#include "server/docs/page.hpp"
#include "server/docs/wording.hpp"

namespace motcua::docs {

inline constexpr double page_margin = 28;  // 10 mm
inline constexpr double body_size = 9;
inline constexpr double small_size = 7.5;

// The heading of `kind` in `set`; throws std::invalid_argument when the set has no such form.
form_heading require_heading(form_kind kind, form_set set);

// "Mẫu số 01 - GIẤY TIẾP NHẬN ... - <code>" for the PDF metadata.
std::string document_title(const form_heading& heading, std::string_view code);

// "Mẫu số NN" at the top right, then the unit (upper case) with "Số: serial" under it on the
// left, the national name and motto with `place_date` under them on the right. Empty serial
// or place_date are left out.
void official_header(page_writer& w, const form_heading& heading, const unit_info& unit,
                     std::string_view serial, std::string_view place_date);

// The title, centred, and under it `subtitle_markup` when not empty.
void form_title(page_writer& w, const form_heading& heading, std::string_view subtitle_markup);

// "Mã hồ sơ: <b>code</b>" as markup; empty without a code.
std::string code_line(std::string_view code);

// "label: <b>value</b>". `unbroken` keeps the value on one line (times, codes).
struct field {
  std::string label;
  std::string value;
  bool unbroken = false;
};

// Fields with an empty value are left out. With `first_number` > 0 the printed ones are
// numbered "n. " from it. Drawn at the left of the content box over `width` (all of it when
// negative).
void fields(page_writer& w, std::span<const field> list, int first_number = 0, double width = -1);

// Name, then address, phone and email when given; the ID number too with `with_id`.
std::vector<field> applicant_fields(const applicant& who, bool with_id);

// "Nội dung yêu cầu giải quyết: <b>procedure</b>"
field procedure_field(std::string_view procedure);

// "1) text" lines, indented, the text wrapping under itself.
void numbered_lines(page_writer& w, std::span<const std::string> lines);

struct signature {
  std::string title;  // "NGƯỜI TIẾP NHẬN HỒ SƠ"
  std::string hint;   // "(Ký và ghi rõ họ tên)"
  std::string name;
};

// Side by side in equal columns (a single one in the right half), kept on one page, room left
// to sign above the names.
void signatures(page_writer& w, std::span<const signature> list);

// "(Ký và ghi rõ họ tên)"
inline constexpr std::string_view sign_hint = "(Ký và ghi rõ họ tên)";

}  // namespace motcua::docs
