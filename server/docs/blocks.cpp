#include "server/docs/blocks.hpp"

#include <glib.h>

#include <algorithm>
#include <stdexcept>

#include "shared/domain/text_policy.hpp"

namespace motcua::docs {

namespace {

constexpr double header_size = 8;
constexpr double title_size = 10;
constexpr double sign_room = 36;  // blank height to sign in

// Vietnamese upper case ("Sở Nội vụ" -> "SỞ NỘI VỤ") of any bytes (made displayable first).
std::string upper(std::string_view text) {
  const std::string safe = domain::displayable(text);
  char* up = g_utf8_strup(safe.data(), static_cast<gssize>(safe.size()));
  std::string out(up);
  g_free(up);
  return out;
}

}  // namespace

form_heading require_heading(form_kind kind, form_set set) {
  if (auto heading = heading_of(kind, set)) return *heading;
  throw std::invalid_argument("this form is not part of the chosen form set");
}

std::string document_title(const form_heading& heading, std::string_view code) {
  std::string title = form_label(heading.number) + " - " + std::string(heading.title);
  if (!code.empty()) title += " - " + std::string(code);
  return title;
}

void official_header(page_writer& w, const form_heading& heading, const unit_info& unit,
                     std::string_view serial, std::string_view place_date) {
  w.paragraph("<b>" + form_label(heading.number) + "</b>", {header_size, align::right});
  w.skip(4);
  const double top = w.y();
  const double left_width = w.width() * 0.42;
  const double right_x = w.left() + left_width;
  const double right_width = w.width() - left_width;
  const text_style centred{header_size, align::center};
  const text_style bold{header_size, align::center, true};

  double left = 0;
  if (!unit.parent.empty())
    left += w.draw(domain::escape_markup(upper(unit.parent)), centred, w.left(), top, left_width);
  left += w.draw(domain::escape_markup(upper(unit.name)), bold, w.left(), top + left, left_width);
  w.rule(w.left() + left_width / 3, top + left + 2, left_width / 3);
  left += 6;
  if (!serial.empty())
    left +=
        w.draw("Số: " + domain::escape_markup(serial), centred, w.left(), top + left, left_width);

  const std::string motto = "Độc lập - Tự do - Hạnh phúc";
  double right = w.draw("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, right_x, top, right_width);
  right += w.draw(motto, bold, right_x, top + right, right_width);
  const double motto_width = w.natural_width(motto, bold);
  w.rule(right_x + (right_width - motto_width) / 2, top + right + 2, motto_width);
  right += 6;
  if (!place_date.empty()) {
    right += w.draw("<i>" + domain::escape_markup(place_date) + "</i>", centred, right_x,
                    top + right, right_width);
  }
  w.skip(std::max(left, right) + 10);
}

void form_title(page_writer& w, const form_heading& heading, std::string_view subtitle_markup) {
  w.paragraph(domain::escape_markup(heading.title), {title_size, align::center, true});
  if (!subtitle_markup.empty()) w.paragraph(subtitle_markup, {body_size, align::center});
  w.skip(8);
}

std::string code_line(std::string_view code) {
  if (code.empty()) return "";
  return "Mã hồ sơ: <b>" + domain::escape_markup(code) + "</b>";
}

void fields(page_writer& w, std::span<const field> list, int first_number, double width) {
  if (width < 0) width = w.width();
  const text_style style{body_size};
  int number = first_number;
  for (const field& f : list) {
    if (f.value.empty()) continue;
    std::string markup;
    if (number > 0) markup = std::to_string(number++) + ". ";
    markup += domain::escape_markup(f.label) + ": <b>";
    markup += f.unbroken
                  ? "<span allow_breaks=\"false\">" + domain::escape_markup(f.value) + "</span>"
                  : domain::escape_markup(f.value);
    markup += "</b>";
    w.paragraph(markup, style, 0, width);
  }
}

std::vector<field> applicant_fields(const applicant& who, bool with_id) {
  std::vector<field> list{{"Ông/bà", who.full_name}};
  if (with_id) list.push_back({"Số định danh cá nhân", who.id_number, true});
  list.push_back({"Địa chỉ", who.address});
  list.push_back({"Số điện thoại", who.phone, true});
  list.push_back({"Email", who.email, true});
  return list;
}

field procedure_field(std::string_view procedure) {
  return {"Nội dung yêu cầu giải quyết", std::string(procedure)};
}

void numbered_lines(page_writer& w, std::span<const std::string> lines) {
  constexpr double text_indent = 26;  // the numbers end 4 points before
  const text_style style{body_size};
  int number = 1;
  for (const std::string& line : lines) {
    const std::string markup = domain::escape_markup(line);
    w.keep(w.measure(markup, style, w.width() - text_indent));
    w.draw(std::to_string(number++) + ")", {body_size, align::right}, w.left(), w.y(),
           text_indent - 4);
    w.paragraph(markup, style, text_indent);
  }
}

void signatures(page_writer& w, std::span<const signature> list) {
  if (list.empty()) return;
  // A single signature takes the right half, as on official letters.
  const double column = w.width() / static_cast<double>(std::max<std::size_t>(list.size(), 2));
  const text_style title{body_size, align::center, true};
  const text_style hint{small_size, align::center, false, true};
  double head = 0, names = 0;
  for (const signature& s : list) {
    head = std::max(head, w.measure(domain::escape_markup(s.title), title, column) +
                              w.measure(domain::escape_markup(s.hint), hint, column));
    names = std::max(names, w.measure(domain::escape_markup(s.name), title, column));
  }
  w.skip(10);
  w.keep(head + sign_room + names);
  const double top = w.y();
  double x = w.left() + w.width() - column * static_cast<double>(list.size());
  for (const signature& s : list) {
    const double h = w.draw(domain::escape_markup(s.title), title, x, top, column);
    w.draw(domain::escape_markup(s.hint), hint, x, top + h, column);
    w.draw(domain::escape_markup(s.name), title, x, top + head + sign_room, column);
    x += column;
  }
  w.skip(head + sign_room + names);
}

}  // namespace motcua::docs
