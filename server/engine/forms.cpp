#include "server/engine/forms.hpp"

#include <algorithm>
#include <array>

#include "server/docs/wording.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/domain/dossier.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/domain/glossary.hpp"
#include "shared/domain/text.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::engine {
namespace {

using docs::form_kind;

constexpr std::array<std::pair<std::string_view, form_kind>, 7> form_names{{
    {"receipt", form_kind::receipt},
    {"supplement", form_kind::supplement_request},
    {"refusal", form_kind::refusal},
    {"apology", form_kind::apology},
    {"stop", form_kind::stop_notice},
    {"control-sheet", form_kind::control_sheet},
    {"tracking-book", form_kind::tracking_book},
}};

// "05": the form's number in `set` (which has the form).
std::string number_of(form_kind kind, docs::form_set set) {
  int n = docs::heading_of(kind, set)->number;
  std::string number(n < 10 ? 1 : 0, '0');
  return number += std::to_string(n);
}

// A form by its name, or by its number in `set` ("05").
std::optional<form_kind> parse_form(std::string_view text, docs::form_set set) {
  for (const auto& [name, kind] : form_names)
    if (text == name || (docs::heading_of(kind, set) && text == number_of(kind, set))) return kind;
  return std::nullopt;
}

form_outcome refusal(int status, std::string vi, std::string en) {
  form_outcome out;
  out.status = status;
  out.message = std::move(vi);
  out.message_en = std::move(en);
  return out;
}

docs::applicant applicant_of(const protocol::applicant& a) {
  return {a.full_name, a.id_number.value_or(a.passport.value_or("")), a.address, a.phone,
          a.email.value_or("")};
}

// "10 ngày làm việc", "15 ngày", "8 giờ làm việc"
std::string legal_time_words(const domain::duration_rule& rule) {
  std::string unit = rule.unit == domain::duration_unit::working_days    ? "ngày làm việc"
                     : rule.unit == domain::duration_unit::calendar_days ? "ngày"
                                                                         : "giờ làm việc";
  return std::to_string(rule.amount) + " " + unit;
}

// "Không", "50.000 đồng"
std::string fee_words(std::int64_t fee) {
  return fee <= 0 ? "Không" : domain::group_thousands(fee) + " đồng";
}

// A letter's list: one item per line or per semicolon of the clerk's note.
std::vector<std::string> items_of(const std::string& note) {
  std::vector<std::string> items;
  std::string item;
  auto flush = [&] {
    auto trimmed = domain::trim_ascii(item);
    if (!trimmed.empty()) items.emplace_back(trimmed);
    item.clear();
  };
  for (char ch : note) {
    if (ch == '\n' || ch == ';')
      flush();
    else
      item += ch;
  }
  flush();
  return items;
}

}  // namespace

form_desk::form_desk(const config::settings& settings, store::dossier_store& store,
                     audit_log& audit)
    : settings_(settings), store_(store), audit_(audit) {}

form_outcome form_desk::fill(const actor& who, const form_request& r, domain::time_point now) {
  const auto set = settings_.catalogue.unit.forms == config::form_set::y2018
                       ? docs::form_set::y2018
                       : docs::form_set::y2025;
  auto kind = parse_form(r.form, set);
  if (!kind || !docs::heading_of(*kind, set))
    return refusal(400, "Không có mẫu này.", "No such form.");
  auto out =
      *kind == form_kind::tracking_book ? tracking_book(who, r, now) : dossier_form(*kind, r.code);
  out.set = set;
  if (!out.document) return out;
  out.output = r.png ? docs::output::png_first_page : docs::output::pdf;
  const std::string number = number_of(*kind, set);
  const std::string extension = r.png ? ".png" : ".pdf";
  if (*kind != form_kind::tracking_book) {
    auto code = domain::to_upper_ascii(domain::trim_ascii(r.code));
    audit_.append({now, who.name, "print_form", "dossier:" + code, "", "form:" + number, ""});
    out.file_name = code + "-" + number + extension;
  } else {
    out.file_name = "so-theo-doi-" + number + extension;
  }
  return out;
}

form_outcome form_desk::dossier_form(form_kind kind, const std::string& code) {
  auto d = store_.find_by_code(domain::to_upper_ascii(domain::trim_ascii(code)));
  if (!d) return refusal(404, "Không tìm thấy hồ sơ với mã này.", "No dossier has this code.");
  const auto& catalogue = settings_.catalogue;
  const auto* procedure = catalogue.find_procedure(d->procedure);
  const auto* version = catalogue.version_of(d->procedure, d->version_from);
  const std::string procedure_name = procedure ? procedure->name : "";
  const auto history = store_.history(d->id);
  // The latest history row of `action`, for the letter that action calls for.
  auto last = [&](std::string_view action) -> const store::history_record* {
    auto it = std::find_if(history.rbegin(), history.rend(),
                           [&](const auto& h) { return h.action == action; });
    return it == history.rend() ? nullptr : &*it;
  };
  auto head = [&](const store::history_record& h) {
    return docs::letter_head{unit(), "", d->code, applicant_of(d->applicant), procedure_name, h.at};
  };
  auto missing = [](std::string vi, std::string en) { return refusal(409, vi, en); };

  form_outcome out;
  switch (kind) {
    case form_kind::receipt: {
      docs::form01 f;
      f.unit = unit();
      f.dossier_code = d->code;
      f.who = applicant_of(d->applicant);
      f.procedure = procedure_name;
      for (const auto& name : d->documents) f.documents.push_back({name, false, 1});
      f.legal_time = version ? legal_time_words(version->legal_time) : "";
      f.received_at = d->received_at;
      f.due_at = d->due_at;
      f.result_place = catalogue.unit.name;
      f.fee = version ? fee_words(version->fee) : "";
      f.book_volume = d->book_volume;
      f.book_line = d->book_line;
      f.clerk = history.empty() ? "" : staff_name(history.front().actor);
      if (!catalogue.unit.public_url.empty()) f.lookup_url = catalogue.unit.public_url + d->code;
      out.document = std::move(f);
      break;
    }
    case form_kind::supplement_request: {
      const auto* h = last("request_supplement");
      if (!h) return missing("Hồ sơ chưa có yêu cầu bổ sung.", "No supplement was requested.");
      out.document = docs::form02{head(*h),     items_of(h->note.value_or("")), "",
                                  std::nullopt, staff_name(h->actor),           ""};
      break;
    }
    case form_kind::refusal: {
      const auto* h = last("refuse");
      if (!h) return missing("Hồ sơ không bị từ chối.", "The dossier was not refused.");
      out.document = docs::form03{head(*h), items_of(h->note.value_or("")), staff_name(h->actor)};
      break;
    }
    case form_kind::apology: {
      const auto* h = last("extend");
      if (!h || !d->original_due_at)
        return missing("Hồ sơ chưa được gia hạn.", "The dossier was not extended.");
      out.document = docs::form04{head(*h),  d->received_at,       *d->original_due_at,
                                  d->due_at, h->note.value_or(""), {}};
      break;
    }
    case form_kind::stop_notice: {
      const auto* h = last("stop");
      if (!h) return missing("Hồ sơ không bị dừng giải quyết.", "The dossier was not stopped.");
      out.document = docs::stop_notice{head(*h), d->received_at, h->note.value_or(""), {}};
      break;
    }
    case form_kind::control_sheet: {
      docs::control_sheet f{
          unit(),    d->code, applicant_of(d->applicant), procedure_name, d->received_at,
          d->due_at, {}};
      for (const auto& h : history)
        if (h.from || h.to)
          f.rows.push_back({h.from.value_or(catalogue.unit.name),
                            h.to.value_or(catalogue.unit.name), h.at,
                            h.result ? domain::parse_step_outcome(*h.result) : std::nullopt,
                            h.note.value_or("")});
      out.document = std::move(f);
      break;
    }
    case form_kind::tracking_book:
      break;  // not a dossier's form: fill() sends it to tracking_book()
  }
  return out;
}

form_outcome form_desk::tracking_book(const actor& who, const form_request& r,
                                      domain::time_point now) {
  auto today = settings_.zone.day_of(now);
  auto from = r.from ? domain::parse_date(*r.from) : today;
  auto to = r.to ? domain::parse_date(*r.to) : from;
  if (!from || !to || *to < *from ||
      std::chrono::sys_days{*to} - std::chrono::sys_days{*from} >=
          std::chrono::days{protocol::max_tracking_book_days}) {
    const auto most = std::to_string(protocol::max_tracking_book_days);
    return refusal(400,
                   "Khoảng ngày không hợp lệ (from, to: YYYY-MM-DD, tối đa " + most + " ngày).",
                   "Invalid date range (from, to: YYYY-MM-DD, at most " + most + " days).");
  }
  docs::tracking_book book{unit(), 1, *from, *to, {}};
  const auto records =
      store_.received_on_days(domain::format_iso_date(*from), domain::format_iso_date(*to));
  if (!records.empty()) book.volume = records.front().book_volume;
  for (const auto& d : records) {
    const auto* p = settings_.catalogue.find_procedure(d.procedure);
    std::optional<domain::time_point> returned;
    if (d.status == domain::dossier_status::returned) returned = d.finished_at;
    book.rows.push_back({d.book_line, d.code, d.applicant.full_name, p ? p->name : "",
                         d.received_at, d.due_at, returned,
                         domain::glossary::status_name(d.status).vi});
  }
  audit_.append({now, who.name, "print_tracking_book",
                 "book:" + domain::format_iso_date(*from) + ".." + domain::format_iso_date(*to), "",
                 "", ""});
  form_outcome out;
  out.document = std::move(book);
  return out;
}

docs::unit_info form_desk::unit() const {
  return {"", settings_.catalogue.unit.name, settings_.catalogue.unit.place};
}

std::string form_desk::staff_name(const std::string& username) const {
  const auto* a = settings_.find_account(username);
  return a ? a->display_name : username;
}

}  // namespace motcua::engine
