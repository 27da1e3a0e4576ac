// The configuration file: the demo centre, the catalogue with rule versions,
// and errors that name the exact place.
#include <gtest/gtest.h>

#include "server/config/config.hpp"

namespace motcua::config {
namespace {

using namespace std::chrono;

TEST(config, DemoCentreHasTheCatalogueOfDomainSection11) {
  auto s = demo();
  EXPECT_EQ(s.services.size(), 4u);
  EXPECT_EQ(s.counters.size(), 6u);
  const auto& c = s.catalogue;
  EXPECT_EQ(c.unit.code, "000.00.00.H99");
  EXPECT_EQ(c.unit.forms, form_set::y2025);
  EXPECT_EQ(c.procedures.size(), 9u);
  EXPECT_EQ(c.rating_levels, 3);
  ASSERT_EQ(c.calendar.entries.size(), 2u);
  EXPECT_EQ(c.calendar.entries[1].date, year{2026} / January / 10);
  EXPECT_EQ(c.calendar.entries[1].kind, domain::day_kind::make_up_working_day);

  const auto* permit = c.find_procedure(1);
  ASSERT_NE(permit, nullptr);
  EXPECT_EQ(permit->service, 3);
  const auto* v = permit->version_on(year{2026} / November / 27);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->legal_time.amount, 10);
  EXPECT_EQ(v->legal_time.unit, domain::duration_unit::working_days);
  EXPECT_EQ(v->legal_time.cutoff, minutes{15 * 60});
  EXPECT_EQ(v->steps.size(), 4u);
  EXPECT_EQ(v->documents.size(), 7u);
  EXPECT_EQ(v->fee, 600000);
  const auto* allowance = c.find_procedure(4);
  ASSERT_NE(allowance, nullptr);
  EXPECT_EQ(allowance->version_on(year{2026} / November / 27)->legal_time.unit,
            domain::duration_unit::calendar_days);
  EXPECT_FALSE(allowance->version_on(year{2026} / November / 27)->documents[2].required);
}

TEST(config, ADossierKeepsTheVersionInForceWhenItWasReceived) {
  auto s = demo(R"({"procedures": [{"id": 1, "code": "X", "service": 1, "name": "Thủ tục",
    "name_en": "Procedure", "versions": [
      {"effective_from": "2025-01-01", "legal_time": {"amount": 10, "unit": "working_days"}},
      {"effective_from": "2026-07-01", "legal_time": {"amount": 7, "unit": "working_days"}}]}]})");
  const auto& p = *s.catalogue.find_procedure(1);
  EXPECT_EQ(p.version_on(year{2024} / December / 31), nullptr);
  EXPECT_EQ(p.version_on(year{2026} / June / 30)->legal_time.amount, 10);
  EXPECT_EQ(p.version_on(year{2026} / July / 1)->legal_time.amount, 7);
}

void expect_error(const std::string& overrides, const std::string& message) {
  try {
    demo(overrides);
    ADD_FAILURE() << "accepted: " << overrides;
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(config, ASyntaxErrorNamesTheFileLineAndColumn) {
  // Line 3, column 21 (the second string): "Người" counts as five characters, not nine bytes.
  const std::string text = "{\n  \"unit\": {\n    \"name\": \"Người\" \"x\"\n}}";
  try {
    parse(text, "/etc/motcua/config.json");
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "/etc/motcua/config.json:3:21: not valid JSON: syntax error");
  }
  try {
    parse("{\"a\": 1,}");
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "config:1:9: not valid JSON: syntax error");
  }
}

TEST(config, AnErrorInAFileNamesTheFileAndThePlace) {
  try {
    demo(R"({"rating_levels": 4})", "centre.json");
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "centre.json: config (top): rating_levels: expected 3 or 5");
  }
}

TEST(config, ErrorsNameTheExactPlace) {
  expect_error(R"({"services": [{"id": 1, "code": "A", "name": "a", "name_en": "a", "prefix": "A"},
                                {"id": 2, "code": "B", "name": "b", "name_en": "b", "prefix": "A"}],
                   "counters": [], "procedures": []})",
               "config services[1]: duplicate prefix 'A'");
  expect_error(R"({"procedures": [{"id": 1, "code": "X", "service": 1, "name": "n", "name_en": "n",
    "versions": [{"effective_from": "2025-13-01", "legal_time": {"amount": 1, "unit": "working_days"}}]}]})",
               "config procedures[0].versions[0]: effective_from: expected a date YYYY-MM-DD");
  expect_error(R"({"procedures": [{"id": 1, "code": "X", "service": 1, "name": "n", "name_en": "n",
    "versions": [{"effective_from": "2025-01-01", "legal_time": {"amount": 1, "unit": "weeks"}}]}]})",
               "config procedures[0].versions[0].legal_time: unit: expected working_days, "
               "calendar_days or hours");
  expect_error(R"({"procedures": [{"id": 1, "code": "X", "service": 9, "name": "n", "name_en": "n",
    "versions": [{"effective_from": "2025-01-01", "legal_time": {"amount": 1, "unit": "hours"}}]}]})",
               "config (top): procedures: X names unknown service 9");
  expect_error(R"({"calendar": {"entries": [{"date": "2026-01-02", "kind": "party"}]}})",
               "config calendar.entries[0]: kind: expected holiday, compensatory_day_off or "
               "make_up_working_day");
  expect_error(R"({"rating_levels": 4})", "config (top): rating_levels: expected 3 or 5");
}

TEST(config, BackupsAreOffUnlessConfiguredAndTheirValuesAreChecked) {
  EXPECT_FALSE(demo().backups.enabled());
  auto b = demo(R"({"backups": {"folder": "/var/lib/motcua/backups"}})").backups;
  EXPECT_TRUE(b.enabled());
  EXPECT_EQ(b.folder, "/var/lib/motcua/backups");
  EXPECT_EQ(b.daily, 7);
  EXPECT_EQ(b.weekly, 4);
  EXPECT_EQ(b.at, hours{3});
  b = demo(R"({"backups": {"folder": "b", "daily": 0, "weekly": 365, "at": "23:59"}})").backups;
  EXPECT_EQ(b.daily, 0);
  EXPECT_EQ(b.weekly, 365);
  EXPECT_EQ(b.at, hours{23} + minutes{59});

  expect_error(R"({"backups": []})", "config backups: expected an object");
  expect_error(R"({"backups": {}})", "config backups.folder: required");
  expect_error(R"({"backups": {"folder": ""}})", "config backups.folder: must not be empty");
  expect_error(R"({"backups": {"folder": 7}})", "config backups.folder: expected a string");
  for (const char* count : {"366", "-1", "1.5", "\"7\"", "null"}) {
    expect_error(std::string(R"({"backups": {"folder": "b", "daily": )") + count + "}}",
                 "config backups.daily: expected a whole number from 0 to 365");
    expect_error(std::string(R"({"backups": {"folder": "b", "weekly": )") + count + "}}",
                 "config backups.weekly: expected a whole number from 0 to 365");
  }
  expect_error(R"({"backups": {"folder": "b", "daily": 0, "weekly": 0}})",
               "config backups: daily and weekly are both 0: nothing would be kept (leave "
               "\"backups\" out for none)");
  for (const char* at : {"3:00", "24:00", "03:60", "03h00", ""})
    expect_error(std::string(R"({"backups": {"folder": "b", "at": ")") + at + "\"}}",
                 "config backups.at: expected a time HH:MM, 00:00 to 23:59");
  expect_error(R"({"backups": {"folder": "b", "at": 300}})",
               "config backups.at: expected a string");
}

TEST(config, PerAddressLimitsHaveDefaultsAndMayBeSet) {
  const auto defaults = demo().limits;
  EXPECT_EQ(defaults.http_requests_per_second, 10);
  EXPECT_EQ(defaults.http_burst, 100);
  EXPECT_EQ(defaults.lookups_per_minute, 12);
  EXPECT_EQ(defaults.lookup_burst, 30);
  EXPECT_EQ(defaults.lookup_miss_cost, 5);
  EXPECT_EQ(defaults.rate_limit_addresses, 10000);
  const auto set = demo(R"({"limits": {"http_requests_per_second": 2.5, "http_burst": 4,
    "lookups_per_minute": 3, "lookup_burst": 5, "lookup_miss_cost": 8,
    "rate_limit_addresses": 200}})")
                       .limits;
  EXPECT_EQ(set.http_requests_per_second, 2.5);
  EXPECT_EQ(set.http_burst, 4);
  EXPECT_EQ(set.lookups_per_minute, 3);
  EXPECT_EQ(set.lookup_burst, 5);
  EXPECT_EQ(set.lookup_miss_cost, 8);
  EXPECT_EQ(set.rate_limit_addresses, 200);
  EXPECT_EQ(set.messages_per_second, defaults.messages_per_second) << "the other limits stay";
  expect_error(R"({"limits": {"lookups_per_minute": 0}})",
               "config limits: lookups_per_minute: must be more than 0");
  expect_error(R"({"limits": {"lookup_burst": 0}})",
               "config limits.lookup_burst: must be at least 1");
  expect_error(R"({"limits": {"rate_limit_addresses": 10}})",
               "config limits.rate_limit_addresses: must be at least 100");
}

}  // namespace
}  // namespace motcua::config
