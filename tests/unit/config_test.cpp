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

// A procedure whose second step is another unit's department.
std::string step_of_unit(const std::string& unit_code) {
  return R"({"procedures": [{"id": 1, "code": "X", "service": 1, "name": "n", "name_en": "n",
    "versions": [{"effective_from": "2025-01-01", "legal_time": {"amount": 5, "unit": "working_days"},
      "steps": [{"name": "Tiếp nhận", "department": "UBND xã", "amount": 1, "unit": "working_days"},
                {"name": "Quyết định", "department": "Sở Tư pháp", "amount": 4,
                 "unit": "working_days", "unit_code": ")" +
         unit_code + R"("}]}]}]})";
}

TEST(config, AStepMayBeAnotherUnitsDepartment) {
  auto s = demo(step_of_unit("000.00.10.h26"));
  const auto& steps = s.catalogue.find_procedure(1)->versions[0].steps;
  EXPECT_EQ(steps[0].unit_code, std::nullopt);
  EXPECT_EQ(steps[1].unit_code, "000.00.10.H26");
}

void expect_error(const std::string& overrides, const std::string& message) {
  try {
    demo(overrides);
    ADD_FAILURE() << "accepted: " << overrides;
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(config, AppointmentsInARowIsTwoUnlessToldAndAtLeastOne) {
  EXPECT_EQ(demo().appointments_in_a_row, 2);
  EXPECT_EQ(demo(R"({"appointments_in_a_row": 1})").appointments_in_a_row, 1);
  expect_error(R"({"appointments_in_a_row": 0})",
               "config appointments_in_a_row: must be at least 1");
}

TEST(config, TheWalCheckpointSizeIsFourThousandPagesUnlessToldWithinItsRange) {
  EXPECT_EQ(demo().wal_checkpoint_pages, 4000);
  EXPECT_EQ(demo(R"({"wal_checkpoint_pages": 1000})").wal_checkpoint_pages, 1000);
  for (const char* refused :
       {R"({"wal_checkpoint_pages": 99})", R"({"wal_checkpoint_pages": 262145})",
        R"({"wal_checkpoint_pages": 1000.5})"})
    expect_error(refused,
                 "config wal_checkpoint_pages: expected a whole number from 100 to 262144");
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
  expect_error(step_of_unit("Sở Tư pháp"),
               "config procedures[0].versions[0].steps[1]: unit_code: expected a unit code such "
               "as 000.00.10.H26");
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

// The demo's four services with `booking` as the first one's booking object.
std::string with_booking(const std::string& booking) {
  return R"({"services": [
    {"id": 1, "code": "NCC", "prefix": "A", "name": "a", "name_en": "a",
     "expected_service_minutes": 12, "booking": )" +
         booking + R"(},
    {"id": 2, "code": "BTXH", "prefix": "B", "name": "b", "name_en": "b"},
    {"id": 3, "code": "LDVL", "prefix": "C", "name": "c", "name_en": "c"},
    {"id": 4, "code": "TKQ", "prefix": "D", "name": "d", "name_en": "d"}]})";
}

TEST(config, TwoDemoServicesMayBeBooked) {
  const auto s = demo();
  // Served by counters 1, 2 and 5 at 12 minutes: 3 × 15 ÷ 12 = 3.75, so 3 places a slot.
  const auto& people = s.find_service(1)->booking;
  ASSERT_TRUE(people);
  EXPECT_EQ(people->slot, minutes{15});
  EXPECT_EQ(people->places_per_slot, 3);
  EXPECT_EQ(people->walk_in_per_mille, 500);
  EXPECT_EQ(people->hours.intervals, s.catalogue.office_hours.intervals);
  EXPECT_FALSE(s.find_service(2)->booking);
  EXPECT_FALSE(s.find_service(4)->booking);
  const auto& labour = s.find_service(3)->booking;
  ASSERT_TRUE(labour);
  EXPECT_EQ(labour->slot, minutes{20});
  EXPECT_EQ(labour->places_per_slot, 2);
  EXPECT_EQ(labour->hours.intervals.front(),
            (std::pair<minutes, minutes>{hours{7} + minutes{30}, hours{11}}));
}

TEST(config, BookingRulesHaveDefaultsAndMayBeSet) {
  auto b = *demo(with_booking("{}")).find_service(1)->booking;
  EXPECT_EQ(b.slot, minutes{15});
  EXPECT_EQ(b.places_per_slot, 3);  // derived from the demo's counters
  EXPECT_EQ(b.walk_in_per_mille, 500);
  EXPECT_EQ(b.days_ahead, 10);
  EXPECT_EQ(b.cutoff, hours{16});
  EXPECT_EQ(b.check_in_before, minutes{30});
  EXPECT_EQ(b.check_in_after, minutes{10});
  EXPECT_EQ(b.max_active_per_phone, 1);
  EXPECT_EQ(b.hours.intervals, domain::office_hours{}.intervals);
  // The centre's office hours are the bookable hours unless the service names its own.
  b = *demo(with_booking("{}").insert(1, R"("office_hours": "08:00-12:00", )"))
           .find_service(1)
           ->booking;
  EXPECT_EQ(b.hours.intervals, (domain::office_hours{{{hours{8}, hours{12}}}}.intervals));

  b = *demo(with_booking(R"({"slot_minutes": 30, "places_per_slot": 5, "walk_in_share": 0.3,
      "days_ahead": 20, "cutoff": "11:30", "check_in_from_minutes": 0,
      "check_in_until_minutes": 15, "max_active_per_phone": 2, "hours": "13:00-17:00"})"))
           .find_service(1)
           ->booking;
  EXPECT_EQ(b.slot, minutes{30});
  EXPECT_EQ(b.places_per_slot, 5);
  EXPECT_EQ(b.walk_in_per_mille, 300);
  EXPECT_EQ(b.days_ahead, 20);
  EXPECT_EQ(b.cutoff, hours{11} + minutes{30});
  EXPECT_EQ(b.check_in_before, minutes{0});
  EXPECT_EQ(b.check_in_after, minutes{15});
  EXPECT_EQ(b.max_active_per_phone, 2);
  EXPECT_EQ(b.hours.intervals, (domain::office_hours{{{hours{13}, hours{17}}}}.intervals));
  // Derived from the counters: none serving it still gives one place; 60-minute slots, 15.
  EXPECT_EQ(demo(with_booking("{}").insert(1, R"("counters": [], )"))
                .find_service(1)
                ->booking->places_per_slot,
            1);
  EXPECT_EQ(demo(with_booking(R"({"slot_minutes": 60})")).find_service(1)->booking->places_per_slot,
            15);
}

TEST(config, BookingValuesAreChecked) {
  const std::string at = "config services[0].booking";
  expect_error(with_booking("true"), at + ": expected an object");
  for (const char* v : {"4", "241", "7.5", "\"15\""})
    expect_error(with_booking(std::string(R"({"slot_minutes": )") + v + "}"),
                 at + ".slot_minutes: expected a whole number from 5 to 240");
  expect_error(with_booking(R"({"slot_minutes": 90, "hours": "07:00-08:00,13:00-14:00"})"),
               at + ".slot_minutes: longer than every interval of the bookable hours");
  expect_error(with_booking(R"({"places_per_slot": 0})"),
               at + ".places_per_slot: expected a whole number from 1 to 1000");
  for (const char* v : {"1", "-0.1", "1.5", "\"0.5\""})
    expect_error(with_booking(std::string(R"({"walk_in_share": )") + v + "}"),
                 at + ".walk_in_share: expected a fraction from 0 to below 1 (0.5: half for "
                      "walk-ins)");
  expect_error(with_booking(R"({"days_ahead": 0})"),
               at + ".days_ahead: expected a whole number from 1 to 120");
  for (const char* v : {"\"24:00\"", "\"4pm\""})
    expect_error(with_booking(std::string(R"({"cutoff": )") + v + "}"),
                 at + ".cutoff: expected a time HH:MM, 00:00 to 23:59");
  expect_error(with_booking(R"({"cutoff": 16})"), at + ".cutoff: expected a string");
  expect_error(with_booking(R"({"check_in_from_minutes": -5})"),
               at + ".check_in_from_minutes: expected a whole number from 0 to 240");
  expect_error(with_booking(R"({"check_in_until_minutes": 241})"),
               at + ".check_in_until_minutes: expected a whole number from 0 to 240");
  expect_error(with_booking(R"({"check_in_from_minutes": 0, "check_in_until_minutes": 0})"),
               at + ": check_in_from_minutes and check_in_until_minutes are both 0: no time to "
                    "check in");
  expect_error(with_booking(R"({"max_active_per_phone": 0})"),
               at + ".max_active_per_phone: expected a whole number from 1 to 100");
  expect_error(with_booking(R"({"hours": "13:00-12:00"})"),
               at + ".hours: expected \"07:30-11:00,13:30-16:30\" (HH:MM-HH:MM, in order)");
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

TEST(config, TextMessagesAreOffUnlessConfiguredAndCheckedWhenThey) {
  EXPECT_FALSE(demo().sms.has_value());
  const std::string kannel =
      R"("sendsms_url": "http://127.0.0.1:13013/cgi-bin/sendsms", "username": "u",
         "password": "p", "report_base_url": "http://127.0.0.1:8080/")";
  auto s = demo(R"({"sms": {)" + kannel + R"(, "quiet_hours": "21:00-07:00", "ascii": true,
      "templates": {"called": "{number} -> {counter}"}},
      "services": [{"id": 1, "code": "A", "name": "a", "name_en": "a", "prefix": "A",
                    "text_ahead": 5},
                   {"id": 2, "code": "B", "name": "b", "name_en": "b", "prefix": "B"},
                   {"id": 3, "code": "C", "name": "c", "name_en": "c", "prefix": "C"},
                   {"id": 4, "code": "D", "name": "d", "name_en": "d", "prefix": "D"}]})");
  ASSERT_TRUE(s.sms.has_value());
  EXPECT_EQ(s.sms->report_base_url, "http://127.0.0.1:8080");
  EXPECT_TRUE(s.sms->ascii);
  EXPECT_EQ(s.sms->ahead, 3);
  EXPECT_EQ(s.services[0].text_ahead, 5);
  EXPECT_EQ(s.sms->templates.at("called"), "{number} -> {counter}");
  EXPECT_TRUE(s.sms->templates.at("late").starts_with("{centre}: xin loi"));  // the default
  EXPECT_TRUE(s.sms->quiet_at(std::chrono::hours(22)));
  EXPECT_TRUE(s.sms->quiet_at(std::chrono::hours(6)));
  EXPECT_FALSE(s.sms->quiet_at(std::chrono::hours(7)));
  EXPECT_FALSE(s.sms->quiet_at(std::chrono::hours(20) + std::chrono::minutes(59)));

  expect_error(R"({"sms": {"sendsms_url": "127.0.0.1:13013", "username": "u", "password": "p",
                           "report_base_url": "http://127.0.0.1:8080"}})",
               "config sms.sendsms_url: expected \"http://host:port/cgi-bin/sendsms\"");
  expect_error(R"({"sms": {)" + kannel + R"(, "quiet_hours": "21:00"}})",
               "config sms.quiet_hours: expected \"HH:MM-HH:MM\" (\"21:00-07:00\")");
  expect_error(R"({"sms": {)" + kannel + R"(, "per_phone_daily": 0}})",
               "config sms.per_phone_daily: expected a whole number from 1 to 100");
  expect_error(R"({"sms": {)" + kannel + R"(, "templates": {"calld": "x"}}})",
               "config sms.templates: unknown kind 'calld' (ahead, called, received, supplement, "
               "result, late)");
  expect_error(R"({"sms": {)" + kannel + R"(, "templates": {"late": ""}}})",
               "config sms.templates.late: must not be empty");
  expect_error(R"({"sms": {)" + kannel + R"(, "templates": {"called": "{numbr} -> {counter}"}}})",
               "config sms.templates.called: {numbr} is not one of {number}, {counter}, {ahead}, "
               "{url}, {centre}");
  expect_error(R"({"sms": {)" + kannel + R"(, "templates": {"result": "{code} {number}"}}})",
               "config sms.templates.result: {number} is not one of {code}, {due}, {url}, "
               "{centre}");
  expect_error(R"({"sms": {"sendsms_url": "http://k/s", "username": "", "password": "p",
                           "report_base_url": "http://h"}})",
               "config sms: username and password: Kannel's sendsms-user, both required");
}

}  // namespace
}  // namespace motcua::config
