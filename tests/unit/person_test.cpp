#include "shared/domain/person.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using namespace std::chrono;

constexpr year_month_day today{2026y, March, 15d};

const field_problem id_length{"personal_id", "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                              "The personal ID number must be exactly 12 digits."};

TEST(BirthProvince, The63Codes) {
  int known = 0;
  for (int n = 0; n < 1000; ++n) {
    char code[4];
    std::snprintf(code, sizeof code, "%03d", n);
    if (birth_province(code)) ++known;
  }
  EXPECT_EQ(known, 63);
  EXPECT_EQ(birth_province("001"), "Hà Nội");
  EXPECT_EQ(birth_province("048"), "Đà Nẵng");
  EXPECT_EQ(birth_province("049"), "Quảng Nam");
  EXPECT_EQ(birth_province("079"), "TP Hồ Chí Minh");
  EXPECT_EQ(birth_province("096"), "Cà Mau");
  EXPECT_FALSE(birth_province("003"));
  EXPECT_FALSE(birth_province("097"));
  EXPECT_FALSE(birth_province("48"));
  EXPECT_FALSE(birth_province("0480"));
}

TEST(PersonalId, ValidNumbers) {
  for (std::string_view id :
       {"048085001234", "079303012345", "001190000001", "049200000001", "096226999999"}) {
    SCOPED_TRACE(std::string(id));
    EXPECT_EQ(check_personal_id(id, today), std::nullopt);
  }
}

TEST(PersonalId, Decode) {
  EXPECT_EQ(decode_personal_id("048085001234"), (birth_info{1985, false, "Đà Nẵng"}));
  EXPECT_EQ(decode_personal_id("079303012345"), (birth_info{2003, true, "TP Hồ Chí Minh"}));
  EXPECT_EQ(decode_personal_id("001190000001"), (birth_info{1990, true, "Hà Nội"}));
  EXPECT_FALSE(decode_personal_id("04808500123"));
  EXPECT_FALSE(decode_personal_id("999085001234"));
}

TEST(PersonalId, CenturyAndSexDigit) {
  constexpr int first_year[] = {1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 2300, 2300};
  for (int d = 0; d <= 9; ++d) {
    const std::string id = "048" + std::to_string(d) + "07001234";
    SCOPED_TRACE(id);
    const auto info = decode_personal_id(id);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->year, first_year[d] + 7);
    EXPECT_EQ(info->female, d % 2 == 1);
  }
}

TEST(PersonalId, WrongLengthOrNotDigits) {
  for (std::string_view id :
       {"", "04808500123", "0480850012345", "04808500123A", "O48085001234", " 048085001234",
        "048085001234 ", "048 085 001 234", "-48085001234", "\uFF10\uFF14\uFF18085001234"}) {
    SCOPED_TRACE(std::string(id));
    EXPECT_EQ(check_personal_id(id, today), id_length);
  }
}

TEST(PersonalId, UnknownProvince) {
  EXPECT_EQ(
      check_personal_id("999085001234", today),
      (field_problem{
          "personal_id", "Mã tỉnh 999 (ba chữ số đầu của số định danh cá nhân) không tồn tại.",
          "Province code 999 (the first three digits of the personal ID number) does not "
          "exist."}));
  EXPECT_TRUE(check_personal_id("003085001234", today));
  EXPECT_TRUE(check_personal_id("000085001234", today));
}

TEST(PersonalId, BirthYearInTheFuture) {
  EXPECT_EQ(check_personal_id("048227001234", today),
            (field_problem{"personal_id",
                           "Năm sinh trong số định danh cá nhân (2027) là năm trong tương lai.",
                           "The birth year in the personal ID number (2027) is in the future."}));
  EXPECT_EQ(check_personal_id("048226001234", today), std::nullopt);  // born this year
  EXPECT_EQ(check_personal_id("048227001234", year_month_day{2027y, January, 1d}), std::nullopt);
  EXPECT_TRUE(check_personal_id("048400001234", today));  // 2100
  EXPECT_TRUE(check_personal_id("048999001234", today));  // 2399
}

TEST(Passport, Accepted) {
  for (std::string_view passport :
       {"C1234567", "B12345", "AB1234567890", "  c1234567 ", "123456", "\tn1234567\n"}) {
    SCOPED_TRACE(std::string(passport));
    EXPECT_EQ(check_passport(passport), std::nullopt);
  }
  EXPECT_EQ(normalise_passport("  c1234567 "), "C1234567");
  EXPECT_EQ(normalise_passport("AB1234567890"), "AB1234567890");
}

TEST(Passport, Refused) {
  const field_problem expected{"passport", "Số hộ chiếu phải gồm từ 6 đến 12 chữ cái hoặc chữ số.",
                               "The passport number must be 6 to 12 letters or digits."};
  for (std::string_view passport :
       {"", "   ", "A1234", "A12345678901X", "C123 4567", "C1234-567", "Đ1234567", "C1234567."}) {
    SCOPED_TRACE(std::string(passport));
    EXPECT_EQ(check_passport(passport), expected);
  }
}

TEST(Phone, Accepted) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"+84 905 123 456", "0905123456"},     {"84-905.123.456", "0905123456"},
      {"0905123456", "0905123456"},          {"0905 123 456", "0905123456"},
      {"+84 (0) 905 123 456", "0905123456"}, {"(+84) 905-123-456", "0905123456"},
      {"0312345678", "0312345678"},          {"0587654321", "0587654321"},
      {"0701234567", "0701234567"},          {"0812345678", "0812345678"},
      {"(0236) 3821 234", "02363821234"},    {"024.3825.1234", "02438251234"},
      {"+84 236 3821 234", "02363821234"},   {"\t0905123456 ", "0905123456"},
  };
  for (const auto& [input, expected] : cases) {
    SCOPED_TRACE(std::string(input));
    const phone_result result = normalise_phone(input);
    EXPECT_EQ(result.normalised, expected);
    EXPECT_EQ(result.problem, std::nullopt);
  }
}

TEST(Phone, Refused) {
  const field_problem expected{
      "phone",
      "Số điện thoại không hợp lệ: số di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09; "
      "số cố định gồm 11 chữ số, bắt đầu bằng 02.",
      "Invalid phone number: a mobile number has 10 digits starting with 03, 05, 07, 08 or 09; a "
      "landline has 11 digits starting with 02."};
  for (std::string_view input : {
           "",
           "090512345",        // too short
           "09051234567",      // too long for a mobile
           "0123456789",       // 01: no such prefix
           "0412345678",       // 04
           "0605123456",       // 06
           "905123456",        // no leading 0
           "0236382123",       // landline too short
           "023638212345",     // landline too long
           "01203821234",      // 11 digits, not 02
           "+1 415 555 0100",  // foreign
           "+0905123456", "++84905123456", "0905+123456", "84", "0905 123 abc", "0905/123/456",
           "\uFF10\uFF19\uFF10\uFF15123456",  // full-width digits
       }) {
    SCOPED_TRACE(std::string(input));
    const phone_result result = normalise_phone(input);
    EXPECT_EQ(result.normalised, "");
    EXPECT_EQ(result.problem, expected);
  }
}

TEST(Phone, OnlyMobilesTakeTexts) {
  EXPECT_TRUE(is_mobile(normalise_phone("+84 905 123 456").normalised));
  EXPECT_TRUE(is_mobile("0389123456"));
  EXPECT_FALSE(is_mobile(normalise_phone("0236 3821 234").normalised)) << "a landline";
  EXPECT_FALSE(is_mobile(""));
}

TEST(Applicant, EveryProblemAtOnceKeyedByTheWireField) {
  auto today = year{2026} / 11 / 26;
  auto all = check_applicant({"  ", std::nullopt, std::nullopt, "123", "", "no-at"}, today);
  std::vector<std::string> fields;
  for (const auto& [field, p] : all) fields.push_back(field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"applicant.address", "applicant.email", "applicant.full_name",
                                      "applicant.id_number", "applicant.phone"}));
  EXPECT_EQ(all.at("applicant.full_name").vi, "Cần họ và tên người nộp.");
  EXPECT_TRUE(check_applicant({"Nguyễn Văn An", "048090001234", std::nullopt, "0905123456",
                               "Đà Nẵng", std::nullopt},
                              today)
                  .empty());
  auto foreigner = check_applicant(
      {"John Smith", std::nullopt, "c12", "+84 905 123 456", "Đà Nẵng", std::nullopt}, today);
  EXPECT_EQ(foreigner.size(), 1u);
  EXPECT_EQ(foreigner.count("applicant.passport"), 1u);
  std::string long_name(text_fields::full_name.max_characters + 1, 'a');
  EXPECT_EQ(check_applicant(
                {long_name, "048090001234", std::nullopt, "0905123456", "x", std::nullopt}, today)
                .at("applicant.full_name")
                .en,
            "Full name is too long: at most 500 characters.");
}

// The counter's live check and the server share one text policy: names, addresses and emails
// with invisible or control characters are refused, the field named, in both languages.
TEST(Applicant, TextFieldsFollowTheTextPolicy) {
  auto today = year{2026} / 11 / 26;
  auto with = [&](std::string name, std::string address, std::optional<std::string> email) {
    return check_applicant({name, "048090001234", std::nullopt, "0905123456", address,
                            email ? std::optional<std::string_view>(*email) : std::nullopt},
                           today);
  };
  auto zero_width = with("Nguyễn\u200BVăn An", "Đà Nẵng", std::nullopt);
  ASSERT_EQ(zero_width.size(), 1u);
  EXPECT_EQ(zero_width.at("applicant.full_name"),
            (field_problem{"applicant.full_name",
                           "Họ và tên chứa ký tự điều khiển hoặc ký tự vô hình (U+200B).",
                           "Full name contains a control or invisible character (U+200B)."}));
  EXPECT_EQ(with("An", "Đà\nNẵng", std::nullopt).at("applicant.address").en,
            "Address must be on one line, without a line break (U+000A).");
  EXPECT_EQ(with("An", "Đà Nẵng", "an\x1b[2J@example.vn").at("applicant.email").en,
            "Email contains a control or invisible character (U+001B).");
  EXPECT_TRUE(
      with("Nguye\u0302\u0303n Thi\u0323 Ho\u0302\u0300ng", "Đà Nẵng", "an@example.vn").empty());
}

}  // namespace
}  // namespace motcua::domain
