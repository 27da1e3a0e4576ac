// The words printed on the forms that do not come from the caller: form numbers and titles
// of each official set, and how dates and times are written on paper. Pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "server/docs/forms.hpp"

namespace motcua::docs {

enum class form_kind {
  receipt,             // Form 01
  supplement_request,  // Form 02
  refusal,             // Form 03
  apology,             // Form 04
  stop_notice,         // 2025 only
  control_sheet,
  tracking_book,
};

struct form_heading {
  int number;              // 1 for "Mẫu số 01"
  std::string_view title;  // upper case, as printed
};

// The number and title of `kind` in `set`; none when the set has no such form (the stop
// notice in the 2018 set).
std::optional<form_heading> heading_of(form_kind kind, form_set set);

// "Mẫu số 05"
std::string form_label(int number);

// "17 giờ 00 phút, ngày 11/12/2026": the local time of `t` in `zone`, to the minute (seconds
// dropped), as receipts write the reception and due times. Dates alone: domain::format_ddmmyyyy.
std::string format_form_time(time_point t, const domain::business_zone& zone);

// The place-and-date line of an official document: "Đà Nẵng, ngày 05 tháng 3 năm 2026".
// Days below 10 and the months January and February take a leading zero (Decree
// 30/2020/NĐ-CP), so that no digit can be added by hand. Without a place: "Ngày 05 tháng 3
// năm 2026".
std::string format_place_date(std::string_view place, std::chrono::year_month_day day);

// A control-sheet row's result in the glossary's words (domain::glossary::early, on_time, late).
std::string_view step_result_label(step_result result);

}  // namespace motcua::docs
