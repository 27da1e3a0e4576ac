// --fake-state files: the wire-format hello, events and canned answers a screen is fed.
#include "kiosk/model/fake_state.hpp"

#include <gtest/gtest.h>

#include "kiosk/model/ticket_kiosk.hpp"

namespace motcua::kiosk {
namespace {

constexpr const char* file = R"({
  "now": "2026-11-28T09:15:00+07:00",
  "hello": {"ok": true, "role": "kiosk", "user": "kiosk-1", "seq": 3,
            "server_time": "2026-11-28T09:15:00+07:00",
            "snapshot": {"services": [{"id": 1, "code": "NCC", "name": "Người có công",
                                       "name_en": "Merit", "prefix": "A", "open": true,
                                       "waiting": 2, "eta_minutes": 8}],
                         "counters": [], "waiting": [], "recent_calls": []}},
  "events": [{"type": "event", "seq": 4, "event": "queue_changed", "service": 1,
              "waiting": 3, "eta_minutes": 12}],
  "answers": {"take_ticket": {"ok": true, "ahead": 3, "eta_minutes": 12,
                              "ticket": {"id": 9, "number": "A004", "service": 1,
                                         "priority": "none", "state": "waiting",
                                         "issued_at": "2026-11-28T09:15:00+07:00"}}},
  "taps": ["service:1", "priority:none"]
})";

TEST(fake_state_test, FeedsTheScreenLikeALiveLinkAndAnswersRequests) {
  auto fake = fake_server::parse(file);
  EXPECT_EQ(fake.now(), domain::parse_iso8601("2026-11-28T09:15:00+07:00"));
  EXPECT_EQ(fake.taps(), (std::vector<std::string>{"service:1", "priority:none"}));
  domain::test_clock clock(*fake.now());
  ticket_kiosk kiosk(
      clock, [&](protocol::request_params p) { return fake.send(p); },
      [] { return std::string("k"); }, domain::lang::vi);
  for (const auto& item : fake.opening()) kiosk.apply(item);
  EXPECT_TRUE(kiosk.hall().online());
  EXPECT_EQ(kiosk.hall().service(1)->waiting, 3);

  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  for (const auto& item : fake.drain()) kiosk.apply(item);
  ASSERT_EQ(kiosk.screen(), kiosk_screen::ticket);
  EXPECT_EQ(kiosk.issued()->ticket.number, "A004");
}

TEST(fake_state_test, SaysWhatIsWrongWithABadFile) {
  EXPECT_THROW(fake_server::parse("{"), std::runtime_error);
  EXPECT_THROW(fake_server::parse(R"({"events": []})"), std::runtime_error);  // no hello
  try {
    fake_server::parse(R"({"hello": {"ok": true, "role": 7}})");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("hello"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace motcua::kiosk
