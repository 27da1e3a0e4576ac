// A person's identifiers as entered at the counter (docs/domain.md "People and their data"):
// personal ID numbers of Vietnamese citizens, passport numbers of foreigners,
// phone numbers. Checks answer with a problem for the form, worded in
// Vietnamese and English, or nothing when the value is acceptable.
// Pure functions: no I/O.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "shared/domain/text_policy.hpp"

namespace motcua::domain {

// The province whose code is `code` (three digits, "048" -> "Đà Nẵng"), one of
// the 63 codes of Circular 07/2016/TT-BCA; nothing for any other string.
std::optional<std::string_view> birth_province(std::string_view code);

// Personal ID number (số định danh cá nhân), exactly as given: no spaces are
// trimmed. 12 digits: 1-3 the province of birth registration (see
// birth_province), 4 the century and sex (0/1 male/female born 19xx, 2/3 20xx,
// 4/5 21xx, 6/7 22xx, 8/9 23xx), 5-6 the last two digits of the birth year,
// 7-12 a random number. A birth year after `today`'s year is refused.
std::optional<field_problem> check_personal_id(std::string_view id,
                                               std::chrono::year_month_day today);

// What a personal ID number says about its holder, for display.
struct birth_info {
  int year;
  bool female;
  std::string province;

  bool operator==(const birth_info&) const = default;
};

// Nothing unless `id` is 12 digits with a known province code. The birth year
// is not compared with any date (see check_personal_id).
std::optional<birth_info> decode_personal_id(std::string_view id);

// A passport number as stored: ASCII whitespace trimmed, letters upper-cased.
std::string normalise_passport(std::string_view passport);

// Accepts a passport number whose normalised form is 6 to 12 ASCII letters and
// digits ("  c1234567 " is accepted and stored as "C1234567").
std::optional<field_problem> check_passport(std::string_view passport);

// A Vietnamese phone number, digits only with a leading 0: a mobile number is
// 0[35789] + 8 digits, a landline 02 + 9 digits (area code and subscriber
// number, e.g. 0236 3821 234 in Đà Nẵng). Spaces, tabs, dots, dashes and
// parentheses are ignored; +84 or 84 in front stands for the 0 (a 0 right
// after it, as in "+84 (0)905...", is accepted too).
struct phone_result {
  std::string normalised;  // "0905123456"; empty when there is a problem
  std::optional<field_problem> problem;
};
phone_result normalise_phone(std::string_view phone);
// Whether a normalised number is a mobile one (not a landline, 02...): only mobiles take texts.
bool is_mobile(std::string_view normalised);

// An applicant as typed on the intake form (register_dossier's `applicant`).
struct applicant_input {
  std::string_view full_name;
  std::optional<std::string_view> id_number;  // a citizen's, or...
  std::optional<std::string_view> passport;   // ...a foreigner's
  std::string_view phone;
  std::string_view address;
  std::optional<std::string_view> email;
};

// Every problem of an applicant's fields at once, keyed by the wire name of the field
// ("applicant.full_name", "applicant.id_number", "applicant.passport", "applicant.phone",
// "applicant.address", "applicant.email"): the one rule set of the counter's form (checked as
// the clerk types) and of the server (register_dossier). The name, address and email follow the
// text policy (check_text with text_fields::full_name, address, email); the name and address
// are required.
std::map<std::string, field_problem> check_applicant(const applicant_input& a,
                                                     std::chrono::year_month_day today);

}  // namespace motcua::domain
