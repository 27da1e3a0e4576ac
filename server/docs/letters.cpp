// The letters to the applicant, Forms 02 to 05: one layout (header, title and code, the
// unit's opening line and the applicant, a body, one signature) with the body per form.
#include <functional>

#include "server/docs/blocks.hpp"
#include "server/docs/pdf.hpp"

namespace motcua::docs {

namespace {

// `opening` follows the unit's name: "tiếp nhận hồ sơ của:".
std::string render_letter(form_kind kind, const letter_head& l, form_set set,
                          const domain::business_zone& zone, output out, std::string_view opening,
                          const std::function<void(page_writer&)>& body, const signature& sign) {
  const form_heading heading = require_heading(kind, set);
  page_writer w(a5_portrait, page_margin, document_title(heading, l.dossier_code), false, out);
  official_header(w, heading, l.unit, l.serial,
                  format_place_date(l.unit.province, zone.day_of(l.issued_at)));
  form_title(w, heading, code_line(l.dossier_code));
  w.paragraph(domain::escape_markup(l.unit.name) + " " + domain::escape_markup(opening));
  w.skip(2);
  std::vector<field> who = applicant_fields(l.who, false);
  who.push_back(procedure_field(l.procedure));
  fields(w, who);
  w.skip(4);
  body(w);
  signatures(w, std::span(&sign, 1));
  return w.finish();
}

constexpr std::string_view agency_hint = "(Ký, ghi rõ họ tên và đóng dấu)";

}  // namespace

std::string render(const form02& form, form_set set, const domain::business_zone& zone,
                   output out) {
  auto body = [&](page_writer& w) {
    w.paragraph("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau (nêu đầy đủ một lần):");
    numbered_lines(w, form.items);
    const field more[] = {
        {"Lý do", form.reason},
        {"Hạn bổ sung hồ sơ", form.deadline ? format_form_time(*form.deadline, zone) : "", true},
    };
    fields(w, more);
    std::string contact = domain::escape_markup(form.clerk);
    if (!form.clerk_phone.empty())
      contact += ", số điện thoại " + domain::escape_markup(form.clerk_phone);
    w.paragraph("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ " + contact +
                " để được hướng dẫn.");
  };
  return render_letter(form_kind::supplement_request, form.head, set, zone, out,
                       "tiếp nhận hồ sơ của:", body,
                       {"NGƯỜI HƯỚNG DẪN", std::string(sign_hint), form.clerk});
}

std::string render(const form03& form, form_set set, const domain::business_zone& zone,
                   output out) {
  auto body = [&](page_writer& w) {
    w.paragraph("Qua xem xét, " + domain::escape_markup(form.head.unit.name) +
                " thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:");
    numbered_lines(w, form.reasons);
    w.paragraph("Xin thông báo để ông/bà được biết và thực hiện.");
  };
  return render_letter(form_kind::refusal, form.head, set, zone, out, "tiếp nhận hồ sơ của:", body,
                       {"NGƯỜI TIẾP NHẬN HỒ SƠ", std::string(sign_hint), form.clerk});
}

std::string render(const form04& form, form_set set, const domain::business_zone& zone,
                   output out) {
  auto body = [&](page_writer& w) {
    const std::string unit = domain::escape_markup(form.head.unit.name);
    const field times[] = {
        {"Thời gian nhận hồ sơ", format_form_time(form.received_at, zone), true},
        {"Thời gian hẹn trả kết quả", format_form_time(form.old_due_at, zone), true},
    };
    fields(w, times);
    w.paragraph("Nhưng đến nay, " + unit + " chưa trả kết quả giải quyết hồ sơ cho ông/bà.");
    const field reason[] = {{"Lý do", form.reason}};
    fields(w, reason);
    w.paragraph("Sự chậm trễ này đã gây phiền hà cho ông/bà. " + unit +
                " xin lỗi ông/bà và hẹn lại thời gian trả kết quả như sau:");
    const field again[] = {
        {"Thời gian trả kết quả mới", format_form_time(form.new_due_at, zone), true},
    };
    fields(w, again);
    w.paragraph("Kính mong ông/bà thông cảm.");
  };
  return render_letter(form_kind::apology, form.head, set, zone, out,
                       "đã tiếp nhận hồ sơ của:", body,
                       {form.by.title, std::string(agency_hint), form.by.name});
}

std::string render(const stop_notice& form, form_set set, const domain::business_zone& zone,
                   output out) {
  auto body = [&](page_writer& w) {
    const field received[] = {
        {"Thời gian nhận hồ sơ", format_form_time(form.received_at, zone), true},
    };
    fields(w, received);
    w.paragraph(domain::escape_markup(form.head.unit.name) +
                " thông báo dừng giải quyết hồ sơ nêu trên.");
    const field reason[] = {{"Lý do", form.reason}};
    fields(w, reason);
    w.paragraph("Xin thông báo để ông/bà được biết.");
  };
  return render_letter(form_kind::stop_notice, form.head, set, zone, out,
                       "đã tiếp nhận hồ sơ của:", body,
                       {form.by.title, std::string(agency_hint), form.by.name});
}

}  // namespace motcua::docs
