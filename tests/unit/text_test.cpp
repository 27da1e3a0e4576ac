#include "shared/domain/text.hpp"

#include <gtest/gtest.h>
#include <cstdint>

#include <random>
#include <vector>

namespace motcua::domain {
namespace {

std::vector<std::string_view> split_on_spaces(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const auto space = text.find(' ');
    words.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return words;
}

// Every Vietnamese vowel, precomposed, with each of the six tones (none, huyền,
// sắc, hỏi, ngã, nặng), lower then upper case, and the letter it folds to.
struct vowel_row {
  std::string_view folded;
  std::string_view forms;
};
constexpr vowel_row vowels[] = {
    {"a", "a à á ả ã ạ A À Á Ả Ã Ạ"}, {"a", "ă ằ ắ ẳ ẵ ặ Ă Ằ Ắ Ẳ Ẵ Ặ"},
    {"a", "â ầ ấ ẩ ẫ ậ Â Ầ Ấ Ẩ Ẫ Ậ"}, {"e", "e è é ẻ ẽ ẹ E È É Ẻ Ẽ Ẹ"},
    {"e", "ê ề ế ể ễ ệ Ê Ề Ế Ể Ễ Ệ"}, {"i", "i ì í ỉ ĩ ị I Ì Í Ỉ Ĩ Ị"},
    {"o", "o ò ó ỏ õ ọ O Ò Ó Ỏ Õ Ọ"}, {"o", "ô ồ ố ổ ỗ ộ Ô Ồ Ố Ổ Ỗ Ộ"},
    {"o", "ơ ờ ớ ở ỡ ợ Ơ Ờ Ớ Ở Ỡ Ợ"}, {"u", "u ù ú ủ ũ ụ U Ù Ú Ủ Ũ Ụ"},
    {"u", "ư ừ ứ ử ữ ự Ư Ừ Ứ Ử Ữ Ự"}, {"y", "y ỳ ý ỷ ỹ ỵ Y Ỳ Ý Ỷ Ỹ Ỵ"},
};

TEST(Fold, EveryVowelWithEveryTone) {
  int checked = 0;
  for (const auto& row : vowels) {
    for (std::string_view form : split_on_spaces(row.forms)) {
      SCOPED_TRACE(std::string(form));
      EXPECT_EQ(fold(form), row.folded);
      EXPECT_EQ(to_nfc(form), form);  // the table is precomposed
      ++checked;
    }
  }
  EXPECT_EQ(checked, 12 * 12);
}

TEST(Fold, DWithStroke) {
  EXPECT_EQ(fold("đ"), "d");
  EXPECT_EQ(fold("Đ"), "d");
  EXPECT_EQ(fold("ĐẶNG Thị Đào"), "dang thi dao");
  EXPECT_EQ(fold("\u00D0inh"), "dinh");  // Ð, as left by legacy-encoding converters
}

TEST(Fold, Names) {
  EXPECT_EQ(fold("Nguyễn Văn An"), "nguyen van an");
  EXPECT_EQ(fold("Trương Thị Ngọc Hương"), "truong thi ngoc huong");
  EXPECT_EQ(fold("Lê Thị Thu Hoài"), "le thi thu hoai");
  EXPECT_EQ(fold("nguyen van an"), "nguyen van an");
}

TEST(Fold, BothTonePlacementsMeetInTheKey) {
  EXPECT_EQ(fold("Hòa"), "hoa");
  EXPECT_EQ(fold("Hoà"), "hoa");
  EXPECT_EQ(fold("Thủy"), fold("Thuỷ"));
}

TEST(Fold, DecomposedInputGivesTheSameKey) {
  EXPECT_EQ(fold("Nguye\u0302\u0303n Va\u0306n An"), "nguyen van an");
  EXPECT_EQ(fold("D\u0335a\u0300o"), "dao");  // D with a combining stroke overlay
}

TEST(Fold, WhitespaceIsCollapsedAndTrimmed) {
  EXPECT_EQ(fold("  Nguyễn \t Văn\u00A0\u00A0An\r\n"), "nguyen van an");
  EXPECT_EQ(fold("Nguyễn\u2003Văn\u2028An"), "nguyen van an");  // em space, line separator
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold(" \t\n\u00A0"), "");
}

TEST(Fold, InvisibleCharactersAreDropped) {
  EXPECT_EQ(fold("Ngu\u00ADyễn"), "nguyen");  // soft hyphen
  EXPECT_EQ(fold("Ngu\u200Byễn"), "nguyen");  // zero-width space
}

TEST(Fold, CompatibilityForms) {
  EXPECT_EQ(fold("\uFF2E\uFF27\uFF35\uFF39\uFF25\uFF2E"), "nguyen");  // full-width letters
}

TEST(Fold, AgreesWithNormaliseName) {
  for (std::string_view name :
       {"  Nguyễn   Văn An ", "Nguye\u0302\u0303n\u00A0Va\u0306n", "Đ\tđ", "\u2003Hoà  Bình\n"}) {
    SCOPED_TRACE(std::string(name));
    EXPECT_EQ(fold(normalise_name(name)), fold(name));
  }
}

TEST(ToNfc, ComposesDecomposedVietnamese) {
  EXPECT_EQ(to_nfc("Nguye\u0302\u0303n"), "Nguyễn");
  EXPECT_EQ(to_nfc("Nguy\u00EA\u0303n"), "Nguyễn");  // half composed
  EXPECT_EQ(to_nfc("Vie\u0323\u0302t"), "Việt");
  EXPECT_EQ(to_nfc("Vie\u0302\u0323t"), "Việt");  // marks in the other order
  EXPECT_EQ(to_nfc("Tru\u031Bo\u031Bng"), "Trương");
  EXPECT_EQ(to_nfc("Nguyễn"), "Nguyễn");
  EXPECT_EQ(to_nfc(""), "");
}

TEST(ToNfc, KeepsCaseSpacesAndCompatibilityForms) {
  EXPECT_EQ(to_nfc(" A  b\t"), " A  b\t");
  EXPECT_EQ(to_nfc("\uFB01"), "\uFB01");  // the fi ligature is only compatibility-equivalent
}

TEST(ToNfc, KeepsEmbeddedNul) {
  const std::string with_nul("a\0b", 3);
  EXPECT_EQ(to_nfc(with_nul), with_nul);
}

TEST(NormaliseName, NfcSingleSpacedTrimmedCaseKept) {
  EXPECT_EQ(normalise_name("  nguyễn   Văn  AN "), "nguyễn Văn AN");
  EXPECT_EQ(normalise_name("Nguye\u0302\u0303n\u00A0Va\u0306n\tAn"), "Nguyễn Văn An");
  EXPECT_EQ(normalise_name("\n"), "");
}

TEST(Utf8, Validity) {
  for (std::string_view valid : {"", "abc", "Nguyễn", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
                                 "\xEF\xBF\xBD", "\xED\x9F\xBF"}) {
    SCOPED_TRACE(std::string(valid));
    EXPECT_TRUE(is_valid_utf8(valid));
  }
  for (std::string_view invalid : {
           "\x80",              // lone continuation byte
           "\xC0\xAF",          // overlong '/'
           "\xE0\x80\xAF",      // overlong, three bytes
           "\xED\xA0\x80",      // UTF-16 surrogate
           "\xF4\x90\x80\x80",  // above U+10FFFF
           "\xF8\x88\x80\x80\x80", "\xFF",
           "Nguy\xE1\xBBn",  // truncated in the middle
           "abc\xC3",        // truncated at the end
       }) {
    SCOPED_TRACE(testing::PrintToString(std::string(invalid)));
    EXPECT_FALSE(is_valid_utf8(invalid));
  }
}

TEST(Utf8, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(to_nfc("Nguy\xE1\xBBn"), "Nguy\uFFFD\uFFFDn");
  EXPECT_EQ(normalise_name(" \xFF  An "), "\uFFFD An");
  EXPECT_EQ(fold("V\xC0\xAF\xE1\xBB\x87t"), "v\uFFFD\uFFFDet");
}

// Any bytes at all: no crash, and the output is valid and stable.
TEST(Utf8, ArbitraryBytes) {
  using namespace std::string_view_literals;
  std::mt19937 random(20260315);
  // Lead and continuation bytes, combining marks, đ, spaces and NUL.
  constexpr std::string_view pieces[] = {"\x80"sv,     "\xBF"sv,     "\xC3"sv,     "\xE1"sv,
                                         "\xED"sv,     "\xF0"sv,     "\xF4"sv,     "\xFF"sv,
                                         "a"sv,        " "sv,        "\xCC\x82"sv, "\xCC\x83"sv,
                                         "\xC4\x91"sv, "\xC2\xA0"sv, "\0"sv};
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    const int length = static_cast<int>(random() % 12);
    for (int i = 0; i < length; ++i) input += pieces[random() % std::size(pieces)];
    SCOPED_TRACE(testing::PrintToString(input));
    const std::string nfc = to_nfc(input);
    const std::string key = fold(input);
    const std::string name = normalise_name(input);
    EXPECT_TRUE(is_valid_utf8(nfc));
    EXPECT_TRUE(is_valid_utf8(key));
    EXPECT_TRUE(is_valid_utf8(name));
    EXPECT_EQ(to_nfc(nfc), nfc);
    EXPECT_EQ(fold(key), key);
    EXPECT_EQ(normalise_name(name), name);
  }
}

TEST(Numbers, ThousandsAreGroupedWithDots) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1.000");
  EXPECT_EQ(group_thousands(600000), "600.000");
  EXPECT_EQ(group_thousands(1234567), "1.234.567");
  EXPECT_EQ(group_thousands(-1500), "-1.500");
  EXPECT_EQ(group_thousands(INT64_MIN), "-9.223.372.036.854.775.808");
}

TEST(Ascii, Helpers) {
  EXPECT_EQ(trim_ascii(" \t C1234567\r\n"), "C1234567");
  EXPECT_EQ(trim_ascii("  "), "");
  EXPECT_EQ(trim_ascii("a b"), "a b");
  EXPECT_EQ(to_upper_ascii("h56.abc-đ"), "H56.ABC-đ");
  EXPECT_TRUE(is_ascii_digits("0123456789"));
  EXPECT_FALSE(is_ascii_digits(""));
  EXPECT_FALSE(is_ascii_digits("12a"));
  EXPECT_FALSE(is_ascii_digits("\uFF11"));  // full-width 1
}

TEST(escape_markup, EscapesTheFiveMarkupCharactersAndNothingElse) {
  EXPECT_EQ(escape_markup(R"(<b>"Tổ quốc" & 'ghi công'</b>)"),
            "&lt;b&gt;&quot;Tổ quốc&quot; &amp; &#39;ghi công&#39;&lt;/b&gt;");
  EXPECT_EQ(escape_markup("Nguyễn Văn An"), "Nguyễn Văn An");
}

TEST(PercentEncode, KeepsOnlyTheUnreservedCharacters) {
  EXPECT_EQ(percent_encode("000.17.22.H56-210531-0001"), "000.17.22.H56-210531-0001");
  EXPECT_EQ(percent_encode("a_b~c"), "a_b~c");  // RFC 3986 2.3: ~ is unreserved
  EXPECT_EQ(percent_encode("A B/ă?&=%+#"), "A%20B%2F%C4%83%3F%26%3D%25%2B%23");
  EXPECT_EQ(percent_encode(std::string("\r\n\0\x7f\xff", 5)), "%0D%0A%00%7F%FF");
  EXPECT_EQ(percent_encode(""), "");
}

}  // namespace
}  // namespace motcua::domain
