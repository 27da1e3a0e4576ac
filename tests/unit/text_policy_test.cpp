#include "shared/domain/text_policy.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <random>
#include <string>

#include "shared/domain/text.hpp"

namespace motcua::domain {
namespace {

using namespace std::string_literals;

constexpr text_field name_field = text_fields::full_name;
constexpr text_field note_field = text_fields::dossier_note;

struct refusal {
  std::string input;
  std::string vi;  // what follows "Họ và tên "
  std::string en;  // what follows "Full name "
};

TEST(TextPolicy, RefusesEachClassOfBadCharacterNamingTheFieldInBothLanguages) {
  const std::string control_vi = "chứa ký tự điều khiển hoặc ký tự vô hình";
  const std::string control_en = "contains a control or invisible character";
  const std::string direction_vi = "chứa ký tự điều khiển hướng viết";
  const std::string direction_en = "contains a text-direction control character";
  const std::string non_vi = "chứa mã không phải là ký tự Unicode";
  const std::string non_en = "contains a Unicode non-character";
  const std::string line_vi = "chỉ được viết trên một dòng, không xuống dòng";
  const std::string line_en = "must be on one line, without a line break";
  const refusal cases[] = {
      {"\0"s, control_vi + " (U+0000)", control_en + " (U+0000)"},
      {"An\x1b[31mB\x1b[0m", control_vi + " (U+001B)", control_en + " (U+001B)"},
      {"An\x7f", control_vi + " (U+007F)", control_en + " (U+007F)"},
      {"An\u0085B", control_vi + " (U+0085)", control_en + " (U+0085)"},  // C1 (NEL)
      {"An\tB", control_vi + " (U+0009)", control_en + " (U+0009)"},
      {"An\u200BB", control_vi + " (U+200B)", control_en + " (U+200B)"},        // zero-width space
      {"An\u200DB", control_vi + " (U+200D)", control_en + " (U+200D)"},        // zero-width joiner
      {"An\u2060B", control_vi + " (U+2060)", control_en + " (U+2060)"},        // word joiner
      {"\uFEFFAn", control_vi + " (U+FEFF)", control_en + " (U+FEFF)"},         // BOM
      {"An\u00ADB", control_vi + " (U+00AD)", control_en + " (U+00AD)"},        // soft hyphen
      {"An\u3164", control_vi + " (U+3164)", control_en + " (U+3164)"},         // Hangul filler
      {"An\U000E0041", control_vi + " (U+E0041)", control_en + " (U+E0041)"},   // tag
      {"An\u202EnaB", direction_vi + " (U+202E)", direction_en + " (U+202E)"},  // RLO
      {"An\u202AB", direction_vi + " (U+202A)", direction_en + " (U+202A)"},    // LRE
      {"An\u2067B\u2069", direction_vi + " (U+2067)", direction_en + " (U+2067)"},  // RLI
      {"An\u200FB", direction_vi + " (U+200F)", direction_en + " (U+200F)"},        // RLM
      {"An\u061CB", direction_vi + " (U+061C)", direction_en + " (U+061C)"},        // ALM
      {"An\uFFFF", non_vi + " (U+FFFF)", non_en + " (U+FFFF)"},
      {"An\uFFFE", non_vi + " (U+FFFE)", non_en + " (U+FFFE)"},
      {"An\uFDD0", non_vi + " (U+FDD0)", non_en + " (U+FDD0)"},
      {"An\uFDEF", non_vi + " (U+FDEF)", non_en + " (U+FDEF)"},
      {"An\U0001FFFE", non_vi + " (U+1FFFE)", non_en + " (U+1FFFE)"},
      {"An\U0010FFFF", non_vi + " (U+10FFFF)", non_en + " (U+10FFFF)"},
      {"Nguyễn\nAn", line_vi + " (U+000A)", line_en + " (U+000A)"},
      {"Nguyễn\rAn", line_vi + " (U+000D)", line_en + " (U+000D)"},
      {"Nguyễn\u2028An", line_vi + " (U+2028)", line_en + " (U+2028)"},
      {"Nguy\xE1\xBBn", "không phải văn bản UTF-8 hợp lệ", "is not valid UTF-8 text"},
      {"An\xEF\xBF", "không phải văn bản UTF-8 hợp lệ", "is not valid UTF-8 text"},
      {"\u0301An", "bắt đầu bằng một dấu ghép đứng riêng, không có chữ cái trước nó (U+0301)",
       "begins with a combining mark that has no letter before it (U+0301)"},
      {" \u0303 An", "bắt đầu bằng một dấu ghép đứng riêng, không có chữ cái trước nó (U+0303)",
       "begins with a combining mark that has no letter before it (U+0303)"},
      {std::string(501, 'a'), "quá dài: tối đa 500 ký tự", "is too long: at most 500 characters"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    const checked_text checked = check_text(name_field, c.input);
    ASSERT_TRUE(checked.problem.has_value());
    EXPECT_EQ(checked.text, "");
    EXPECT_EQ(*checked.problem, (field_problem{"applicant.full_name", "Họ và tên " + c.vi + ".",
                                               "Full name " + c.en + "."}));
  }
}

TEST(TextPolicy, StoresNfcWithSpacesCollapsed) {
  EXPECT_EQ(check_text(name_field, "  Nguye\u0302\u0303n\u00A0Thi\u0323   Ho\u0302\u0300ng ").text,
            "Nguyễn Thị Hồng");
  EXPECT_EQ(check_text(name_field, "Tru\u031Bo\u031Bng").text, "Trương");
  EXPECT_EQ(check_text(name_field, "").text, "");
  EXPECT_FALSE(check_text(name_field, "   ").problem);  // blank: required is the caller's rule
}

TEST(TextPolicy, AcceptsRealNames) {
  for (const std::string& name : std::initializer_list<std::string>{
           "Nguyễn Thị Hồng Nhung",
           "Trần Đình Ưng",
           "Hoàng Văn Thụ",
           "Lê Thị Thu Hà",
           "Nguye\u0302\u0303n Va\u0306n A\u0301nh",  // decomposed: NFC composes every mark
           "José María Ñúñez",
           "Øyvind O'Brien-Smith",
           "李小龍",
           "محمد عبد الله",
           "Ông Bà 95",
           std::string(500, 'a'),
       }) {
    SCOPED_TRACE(name);
    const checked_text checked = check_text(name_field, name);
    EXPECT_FALSE(checked.problem) << checked.problem->en;
    EXPECT_EQ(checked.text, to_nfc(name));
  }
  // The limit counts characters, not bytes: 500 Vietnamese letters of 3 bytes each pass.
  std::string long_vietnamese;
  for (int i = 0; i < 500; ++i) long_vietnamese += "ễ";
  EXPECT_FALSE(check_text(name_field, long_vietnamese).problem);
  EXPECT_TRUE(check_text(name_field, long_vietnamese + "ễ").problem);
}

TEST(TextPolicy, NotesKeepLinesAndRefuseTheRest) {
  EXPECT_EQ(
      check_text(note_field, "\r\n  Thiếu  bản sao CCCD \r\nThiếu ảnh 3x4\rGhi chú\u2028cuối\n\n")
          .text,
      "Thiếu bản sao CCCD\nThiếu ảnh 3x4\nGhi chú\ncuối");
  EXPECT_EQ(check_text(note_field, "a\n\nb").text, "a\n\nb");
  const auto tab = check_text(note_field, "a\tb");
  ASSERT_TRUE(tab.problem);
  EXPECT_EQ(tab.problem->field, "note");
  EXPECT_EQ(tab.problem->vi, "Ghi chú chứa ký tự điều khiển hoặc ký tự vô hình (U+0009).");
  EXPECT_EQ(check_text(note_field, "a\n\u202Eb").problem->en,
            "Note contains a text-direction control character (U+202E).");
  EXPECT_EQ(check_text(note_field, std::string(2001, 'x')).problem->en,
            "Note is too long: at most 2000 characters.");
}

TEST(Displayable, ReplacesWhatThePolicyRefuses) {
  EXPECT_EQ(displayable("Nguyễn Văn An"), "Nguyễn Văn An");
  EXPECT_EQ(displayable("a\0b\x1b[31mc\x7f"s), "a\uFFFDb\uFFFD[31mc\uFFFD");
  EXPECT_EQ(displayable("a\uFFFFb\uFDD0c\U0010FFFEd"), "a\uFFFDb\uFFFDc\uFFFDd");
  EXPECT_EQ(displayable("a\u202Eb\u2066c\u200Bd\uFEFFe\u200Ef"),
            "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
  EXPECT_EQ(displayable("x\xff\xc2y\xEF\xBF"), "x\uFFFD\uFFFDy\uFFFD\uFFFD");
  EXPECT_EQ(displayable("a\tb"), "a b");
  EXPECT_EQ(displayable("a\r\nb\rc\nd\u2028e"), "a\nb\nc\nd\ne");
  EXPECT_EQ(displayable("a\r\nb\rc\nd", line_breaks::refused), "a b c d");
  EXPECT_EQ(displayable(""), "");
}

TEST(Displayable, AnyBytesBecomeTextThePolicyAccepts) {
  constexpr text_field anything{"x", "X", "X", 1'000'000, line_breaks::allowed};
  std::mt19937 random(20261204);
  std::uniform_int_distribution<int> length(0, 40), byte(0, 255), pick(0, 3);
  // Bytes around the interesting places: ASCII controls, UTF-8 lead bytes of U+FFFF, U+FDD0,
  // U+202E and plane 1, continuation bytes.
  const unsigned char near[] = {0x00, 0x0A, 0x0D, 0x1B, 0x7F, 0xC2, 0x85, 0xE2, 0x80, 0xAE,
                                0xEF, 0xBF, 0xB7, 0x90, 0xF0, 0x9F, 0xBE, 0xCC, 0x81, 0x20};
  for (int round = 0; round < 20000; ++round) {
    std::string bytes;
    for (int i = length(random); i > 0; --i)
      bytes += static_cast<char>(pick(random) == 0
                                     ? byte(random)
                                     : near[static_cast<std::size_t>(byte(random)) % sizeof near]);
    const std::string shown = displayable(bytes);
    ASSERT_TRUE(is_valid_utf8(shown));
    ASSERT_EQ(displayable(shown), shown);
    const auto checked = check_text(anything, shown);
    // Only a combining mark at the start is left for the renderer to draw on its own.
    if (checked.problem) {
      ASSERT_NE(checked.problem->en.find("combining mark"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace motcua::domain
