#include "shared/domain/person.hpp"

#include <algorithm>
#include <utility>

#include "shared/domain/text.hpp"

namespace motcua::domain {
namespace {

int digit(char c) { return c - '0'; }

// Length, digits and province code of a personal ID number.
std::optional<field_problem> check_id_shape(std::string_view id) {
  if (id.size() != 12 || !is_ascii_digits(id))
    return field_problem{"personal_id", "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                         "The personal ID number must be exactly 12 digits."};
  if (!birth_province(id.substr(0, 3))) {
    const std::string code(id.substr(0, 3));
    return field_problem{
        "personal_id",
        "Mã tỉnh " + code + " (ba chữ số đầu của số định danh cá nhân) không tồn tại.",
        "Province code " + code + " (the first three digits of the personal ID number) " +
            "does not exist."};
  }
  return std::nullopt;
}

// `id` must have passed check_id_shape.
birth_info decode_id(std::string_view id) {
  const int century_and_sex = digit(id[3]);
  return birth_info{1900 + century_and_sex / 2 * 100 + digit(id[4]) * 10 + digit(id[5]),
                    century_and_sex % 2 == 1, std::string(*birth_province(id.substr(0, 3)))};
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_phone_separator(char c) {
  return c == ' ' || c == '\t' || c == '.' || c == '-' || c == '(' || c == ')';
}

phone_result bad_phone() {
  return {"",
          field_problem{"phone",
                        "Số điện thoại không hợp lệ: số di động gồm 10 chữ số, bắt đầu bằng 03, "
                        "05, 07, 08 hoặc 09; số cố định gồm 11 chữ số, bắt đầu bằng 02.",
                        "Invalid phone number: a mobile number has 10 digits starting with 03, "
                        "05, 07, 08 or 09; a landline has 11 digits starting with 02."}};
}

}  // namespace

std::optional<field_problem> check_personal_id(std::string_view id,
                                               std::chrono::year_month_day today) {
  if (auto problem = check_id_shape(id)) return problem;
  const int year = decode_id(id).year;
  if (year > static_cast<int>(today.year())) {
    const std::string shown = std::to_string(year);
    return field_problem{
        "personal_id",
        "Năm sinh trong số định danh cá nhân (" + shown + ") là năm trong tương lai.",
        "The birth year in the personal ID number (" + shown + ") is in the future."};
  }
  return std::nullopt;
}

std::optional<birth_info> decode_personal_id(std::string_view id) {
  if (check_id_shape(id)) return std::nullopt;
  return decode_id(id);
}

std::string normalise_passport(std::string_view passport) {
  return to_upper_ascii(trim_ascii(passport));
}

std::optional<field_problem> check_passport(std::string_view passport) {
  const std::string_view trimmed = trim_ascii(passport);
  if (trimmed.size() >= 6 && trimmed.size() <= 12 &&
      std::all_of(trimmed.begin(), trimmed.end(), is_ascii_alnum))
    return std::nullopt;
  return field_problem{"passport", "Số hộ chiếu phải gồm từ 6 đến 12 chữ cái hoặc chữ số.",
                       "The passport number must be 6 to 12 letters or digits."};
}

bool is_mobile(std::string_view normalised) {
  return normalised.size() == 10 && normalised[0] == '0' && normalised[1] != '2';
}

phone_result normalise_phone(std::string_view phone) {
  std::string digits;
  bool plus = false;
  for (char c : phone) {
    if (is_phone_separator(c)) continue;
    if (c == '+' && !plus && digits.empty()) {
      plus = true;
      continue;
    }
    if (c < '0' || c > '9') return bad_phone();
    digits += c;
  }
  // "+84 905...", "84 905..." and "+84 (0)905..." all mean 0905...
  if (digits.starts_with("84")) {
    digits.erase(0, 2);
    if (!digits.starts_with('0')) digits.insert(0, 1, '0');
  } else if (plus) {
    return bad_phone();  // a foreign number
  }
  const bool mobile = digits.size() == 10 && digits[0] == '0' &&
                      std::string_view("35789").find(digits[1]) != std::string_view::npos;
  const bool landline = digits.size() == 11 && digits.starts_with("02");
  if (!mobile && !landline) return bad_phone();
  return {std::move(digits), std::nullopt};
}

std::map<std::string, field_problem> check_applicant(const applicant_input& a,
                                                     std::chrono::year_month_day today) {
  std::map<std::string, field_problem> out;
  auto add = [&](std::string field, std::string vi, std::string en) {
    out.emplace(field, field_problem{field, std::move(vi), std::move(en)});
  };
  auto text = [&](const text_field& field, std::string_view value, const char* vi_missing,
                  const char* en_missing) {
    auto checked = check_text(field, value);
    if (checked.problem)
      out.emplace(field.name, std::move(*checked.problem));
    else if (checked.text.empty() && vi_missing)
      add(std::string(field.name), vi_missing, en_missing);
  };
  text(text_fields::full_name, a.full_name, "Cần họ và tên người nộp.",
       "The applicant's full name is needed.");
  text(text_fields::address, a.address, "Cần địa chỉ người nộp.",
       "The applicant's address is needed.");
  if (a.id_number) {
    if (auto p = check_personal_id(*a.id_number, today)) add("applicant.id_number", p->vi, p->en);
  } else if (a.passport) {
    if (auto p = check_passport(*a.passport)) add("applicant.passport", p->vi, p->en);
  } else {
    add("applicant.id_number", "Cần số định danh cá nhân (hoặc số hộ chiếu với người nước ngoài).",
        "A personal ID number (or a passport number for foreigners) is needed.");
  }
  if (auto phone = normalise_phone(a.phone); phone.problem)
    add("applicant.phone", phone.problem->vi, phone.problem->en);
  if (a.email) {
    text(text_fields::email, *a.email, nullptr, nullptr);
    if (!out.count("applicant.email") && a.email->find('@') == std::string_view::npos)
      add("applicant.email", "Địa chỉ email không hợp lệ.", "Invalid email address.");
  }
  return out;
}

}  // namespace motcua::domain
