#include "shared/domain/dossier_code.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using namespace std::chrono;

TEST(DossierCode, RealExamplesRoundTrip) {
  const std::pair<std::string_view, dossier_code_parts> cases[] = {
      {"000.17.22.H56-210531-0001", {"000.17.22.H56", 2021y / May / 31d, 1}},
      {"H15.50.05.13-261008-0975", {"H15.50.05.13", 2026y / October / 8d, 975}},
  };
  for (const auto& [code, parts] : cases) {
    SCOPED_TRACE(std::string(code));
    EXPECT_EQ(parse_dossier_code(code), parts);
    EXPECT_EQ(format_dossier_code(parts.unit, parts.day, parts.sequence), code);
  }
}

TEST(DossierCode, Format) {
  EXPECT_EQ(format_dossier_code("DEMO.48.01", 2026y / November / 27d, 7), "DEMO.48.01-261127-0007");
  EXPECT_EQ(format_dossier_code("DEMO.48.01", 2030y / January / 2d, 9999),
            "DEMO.48.01-300102-9999");
  EXPECT_EQ(format_dossier_code("DEMO.48.01", 2030y / January / 2d, 12345),
            "DEMO.48.01-300102-12345");
}

TEST(DossierCode, RoundTripOverDaysAndSequences) {
  for (sys_days d = sys_days{2018y / January / 1d}; d < sys_days{2032y / January / 1d};
       d += days{37}) {
    for (int sequence : {1, 42, 999, 9999, 10000, 123456789}) {
      const dossier_code_parts parts{"000.00.00.G22", year_month_day{d}, sequence};
      const std::string code = format_dossier_code(parts.unit, parts.day, parts.sequence);
      SCOPED_TRACE(code);
      EXPECT_EQ(parse_dossier_code(code), parts);
    }
  }
}

TEST(DossierCode, LowerCaseIsUpperCased) {
  const auto parts = parse_dossier_code("h15.50.05.13-261008-0975");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->unit, "H15.50.05.13");
}

TEST(DossierCode, LongAndLeapDaySequences) {
  EXPECT_EQ(parse_dossier_code("000.17.22.H56-240229-00012"),
            (dossier_code_parts{"000.17.22.H56", 2024y / February / 29d, 12}));
  EXPECT_EQ(parse_dossier_code("H56-210531-123456789"),
            (dossier_code_parts{"H56", 2021y / May / 31d, 123456789}));
}

TEST(DossierCode, Refused) {
  for (std::string_view code : {
           "",
           "000.17.22.H56",
           "000.17.22.H56-210531",
           "000.17.22.H56-210531-",
           "-210531-0001",
           "000.17.22.H56-210531-001",         // sequence too short
           "000.17.22.H56-210531-1234567890",  // too long
           "000.17.22.H56-210531-0000",        // no dossier zero
           "000.17.22.H56-2105310-0001",
           "000.17.22.H56-21053-0001",
           "000.17.22.H56-210532-0001",  // 32 May
           "000.17.22.H56-211331-0001",  // month 13
           "000.17.22.H56-230229-0001",  // 2023 is not a leap year
           "000.17.22.H56-21O531-0001",  // letter O
           "000..22.H56-210531-0001",
           ".000.17.22.H56-210531-0001",
           "000.17.22.H56.-210531-0001",
           "000_17.22.H56-210531-0001",
           "000.17.22.Ĥ56-210531-0001",
           " 000.17.22.H56-210531-0001",
           "000.17.22.H56-210531-0001 ",
           "000.17.22.H56-210531-0001-2",
           "000.17.22.H56--210531-0001",
           "000.17.22.H56-210531-+001",
           "000.17.22.H56 210531 0001",
       }) {
    SCOPED_TRACE(std::string(code));
    EXPECT_EQ(parse_dossier_code(code), std::nullopt);
  }
}

}  // namespace
}  // namespace motcua::domain
