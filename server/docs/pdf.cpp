// Form 01, the control sheet and the tracking book; the letters (Forms 02 to 05) are in
// letters.cpp.
#include "server/docs/pdf.hpp"

#include <algorithm>

#include "server/docs/blocks.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/render/qr.hpp"

namespace motcua::docs {

namespace {

constexpr double qr_box = 88;           // side of the QR code with its quiet zone, about 31 mm
constexpr double caption_overhang = 8;  // the code under the QR is wider than it, each side
constexpr int quiet_modules = 4;
constexpr double table_size = 8;

// `list` on the left; on the right the QR code of `url` and `code` under it.
void fields_beside_qr(page_writer& w, std::span<const field> list, const std::string& url,
                      std::string_view code) {
  const render::qr_matrix matrix = render::encode_qr(url);
  const text_style caption{6, align::center};
  const double caption_width = qr_box + 2 * caption_overhang;
  const double caption_height = w.measure(domain::escape_markup(code), caption, caption_width);
  w.keep(qr_box + caption_height);
  const double top = w.y();
  const double x = w.left() + w.width() - qr_box;
  const double module = qr_box / (matrix.size + 2 * quiet_modules);
  w.qr(matrix, x + quiet_modules * module, top + quiet_modules * module, matrix.size * module);
  w.draw(domain::escape_markup(code), caption, x - caption_overhang, top + qr_box, caption_width);
  fields(w, list, 0, w.width() - qr_box - caption_overhang - 6);
  w.skip(std::max(0.0, top + qr_box + caption_height - w.y()));
}

std::string original_or_copy(bool original) { return original ? "Bản chính" : "Bản sao"; }

}  // namespace

std::string render(const form01& form, form_set set, const domain::business_zone& zone,
                   output out) {
  const form_heading heading = require_heading(form_kind::receipt, set);
  page_writer w(a5_portrait, page_margin, document_title(heading, form.dossier_code), false, out);
  official_header(w, heading, form.unit, form.serial,
                  format_place_date(form.unit.province, zone.day_of(form.received_at)));
  form_title(w, heading, code_line(form.dossier_code));

  w.paragraph(domain::escape_markup(form.unit.name) + " tiếp nhận hồ sơ của:");
  w.skip(2);
  const std::vector<field> who = applicant_fields(form.who, true);
  if (form.lookup_url.empty()) {
    fields(w, who);
  } else {
    fields_beside_qr(w, who, form.lookup_url, form.dossier_code);
  }
  const field procedure[] = {procedure_field(form.procedure)};
  fields(w, procedure);

  w.skip(4);
  w.paragraph("1. Thành phần hồ sơ nộp gồm:");
  w.skip(2);
  static constexpr column document_columns[] = {
      {"TT", 0.08, align::center},
      {"Tên loại giấy tờ", 0.56},
      {"Hình thức", 0.2, align::center},
      {"Số lượng", 0.16, align::center},
  };
  std::vector<std::vector<std::string>> rows;
  for (const document_line& d : form.documents) {
    rows.push_back({std::to_string(rows.size() + 1), domain::escape_markup(d.name),
                    original_or_copy(d.original), std::to_string(d.count)});
  }
  w.table(document_columns, rows, table_size);
  w.skip(4);

  const field items[] = {
      {"Số lượng hồ sơ", std::to_string(form.sets) + " bộ"},
      {"Thời gian giải quyết hồ sơ theo quy định", form.legal_time},
      {"Thời gian nhận hồ sơ", format_form_time(form.received_at, zone), true},
      {"Thời gian trả kết quả giải quyết hồ sơ", format_form_time(form.due_at, zone), true},
      {"Đăng ký nhận kết quả tại", form.result_place},
      {"Phí, lệ phí", form.fee},
  };
  fields(w, items, 2);
  w.paragraph("Vào Sổ theo dõi hồ sơ, Quyển số: <b>" + std::to_string(form.book_volume) +
              "</b>, Số thứ tự: <b>" + std::to_string(form.book_line) + "</b>");
  if (!form.lookup_url.empty()) {
    w.paragraph(
        "<i>Tra cứu tình trạng hồ sơ tại: " + domain::escape_markup(form.lookup_url) + "</i>",
        {small_size});
  }

  const signature signs[] = {
      {"NGƯỜI NỘP HỒ SƠ", std::string(sign_hint), form.who.full_name},
      {"NGƯỜI TIẾP NHẬN HỒ SƠ", std::string(sign_hint), form.clerk},
  };
  signatures(w, signs);
  return w.finish();
}

std::string render(const control_sheet& form, form_set set, const domain::business_zone& zone,
                   output out) {
  const form_heading heading = require_heading(form_kind::control_sheet, set);
  page_writer w(a5_portrait, page_margin, document_title(heading, form.dossier_code), false, out);
  official_header(w, heading, form.unit, "", "");
  form_title(w, heading, code_line(form.dossier_code));

  const field header[] = {
      {"Kèm theo hồ sơ của", form.who.full_name},
      {"Số điện thoại", form.who.phone, true},
      {"Nội dung yêu cầu giải quyết", form.procedure},
      {"Thời gian nhận hồ sơ", format_form_time(form.received_at, zone), true},
      {"Thời gian trả kết quả", format_form_time(form.due_at, zone), true},
  };
  fields(w, header);
  w.skip(6);

  static constexpr column columns[] = {
      {"TT", 0.06, align::center},
      {"Tên cơ quan", 0.37},
      {"Thời gian giao, nhận hồ sơ", 0.21, align::center},
      {"Kết quả giải quyết hồ sơ (trước hạn / đúng hạn / quá hạn)", 0.19, align::center},
      {"Ghi chú", 0.17},
  };
  std::vector<std::vector<std::string>> rows;
  for (const handover& h : form.rows) {
    rows.push_back({std::to_string(rows.size() + 1),
                    "Giao: <b>" + domain::escape_markup(h.giving_unit) + "</b>\nNhận: <b>" +
                        domain::escape_markup(h.receiving_unit) + "</b>",
                    format_form_time(h.at, zone),
                    h.result ? std::string(step_result_label(*h.result)) : "",
                    domain::escape_markup(h.note)});
  }
  w.table(columns, rows, small_size);
  return w.finish();
}

std::string render(const tracking_book& form, form_set set, const domain::business_zone& zone,
                   output out) {
  const form_heading heading = require_heading(form_kind::tracking_book, set);
  page_writer w(a4_landscape, page_margin, document_title(heading, ""), true, out);
  official_header(w, heading, form.unit, "", "");
  form_title(w, heading,
             "Quyển số: <b>" + std::to_string(form.volume) + "</b>, từ ngày <b>" +
                 domain::format_ddmmyyyy(form.from) + "</b> đến ngày <b>" +
                 domain::format_ddmmyyyy(form.to) + "</b>");

  static constexpr column columns[] = {
      {"STT", 0.05, align::center},
      {"Mã hồ sơ", 0.17},
      {"Người nộp hồ sơ", 0.14},
      {"Thủ tục hành chính", 0.2},
      {"Thời gian nhận hồ sơ", 0.11, align::center},
      {domain::glossary::result_due.vi, 0.11, align::center},
      {"Thời gian trả kết quả", 0.11, align::center},
      {"Tình trạng", 0.11},
  };
  std::vector<std::vector<std::string>> rows;
  for (const book_row& r : form.rows) {
    rows.push_back({std::to_string(r.line), domain::escape_markup(r.dossier_code),
                    domain::escape_markup(r.applicant), domain::escape_markup(r.procedure),
                    format_form_time(r.received_at, zone), format_form_time(r.due_at, zone),
                    r.returned_at ? format_form_time(*r.returned_at, zone) : "",
                    domain::escape_markup(r.status)});
  }
  w.table(columns, rows, table_size);
  return w.finish();
}

}  // namespace motcua::docs
