// Text messages through a real Kannel (issue 14): bearerbox and smsbox with fakesmsc as the
// carrier (tests/support/kannel.hpp), and the real server texting through them. What reaches the
// carrier: the `ahead` and `called` texts with the right words to the right number, a dossier's
// `received` text to its applicant, the carrier's delivery report back on the row; nothing in
// the quiet hours; a text due while Kannel is down goes out once it is back, once; one written
// before the server is killed goes out once after its restart; a phone's texts past the daily
// cap are not sent.
#include <filesystem>
#include <regex>
#include <string>

#include "server/store/database.hpp"
#include "tests/integration/sample_dossier.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/kannel.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto wait = 30s;  // for a text to reach the carrier: retries are 1-2 s apart

class sms_gateway_test : public server_test {
 protected:
  sms_gateway_test() { start_texting(); }

  // The demo centre texting through the test's Kannel, retrying every 1-2 s while it is down;
  // `quiet_hours` ("HH:MM-HH:MM") when given.
  void start_texting(const std::string& quiet_hours = "") {
    start_demo_with(R"({"sms": {"sendsms_url": ")" + kannel_.sendsms_url() + R"(", "username": ")" +
                    kannel::username + R"(", "password": ")" + kannel::password +
                    (quiet_hours.empty() ? "" : R"(", "quiet_hours": ")" + quiet_hours) +
                    R"(", "from": "MOTCUA", "ahead": 1,
        "per_phone_daily": 2, "retry_first_seconds": 1, "retry_max_seconds": 2,
        "templates": {"ahead": "Số {number}: còn {ahead} người trước bạn",
                      "called": "Mời công dân số {number} đến {counter}",
                      "received": "Hồ sơ {code}: đã tiếp nhận, hẹn {due}"}}})");
  }

  // The outbox row of `number`'s text of `kind`: its state and attempts, read on a connection of
  // the test's own.
  std::pair<std::string, int> row(const std::string& number, const std::string& kind) {
    store::database db(db_);
    auto q = db.prepare(
        "SELECT o.state, o.attempts FROM sms_outbox o JOIN tickets t ON t.id = o.ticket "
        "WHERE t.number = ? AND o.kind = ?");
    q.bind(1, number).bind(2, kind);
    if (!q.step()) return {"", 0};
    return {q.text(0), static_cast<int>(q.int64(1))};
  }
  // Waits until the row of `number`'s `kind` text has been tried `attempts` times and is queued
  // again (Kannel down); fails the test after `wait`.
  void await_failed_attempts(const std::string& number, const std::string& kind, int attempts) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < deadline) {
      auto [state, tried] = row(number, kind);
      if (state == "queued" && tried >= attempts) return;
      std::this_thread::sleep_for(20ms);  // the sender's own pace: nothing to be woken by
    }
    ADD_FAILURE() << number << "'s " << kind << " text was not tried " << attempts << " times";
  }

  // The next text from the server, which must be `expected` to 84... `to`.
  void expect_text(const std::string& to, const std::string& expected) {
    auto t = kannel_.next("MOTCUA", wait);
    ASSERT_TRUE(t.has_value()) << "no text reached the carrier; expected " << expected;
    EXPECT_EQ(t->to, to);
    EXPECT_EQ(t->text, expected);
  }

  // A ticket with `phone` called at counter 1 (every ticket before it called and not shown).
  void call_through(client::blocking_client& desk, const std::string& number) {
    for (;;) {
      auto called = clerk_do(desk, protocol::call_next{});
      if (called.number == number) return;
      clerk_do(desk, protocol::no_show{});
    }
  }

  // Nothing more of the texts before: another phone's ticket, taken and called (the desk's
  // current one not shown), is the next text the carrier gets.
  void expect_next_is_another(client::blocking_client& kiosk, client::blocking_client& desk,
                              const std::string& key) {
    auto other = take(kiosk, 1, key, domain::priority::none, "0987654321").ticket;
    clerk_do(desk, protocol::no_show{});
    call_through(desk, other.number);
    expect_text("84987654321", "Mời công dân số " + other.number + " đến Quầy 1");
  }

  // With Kannel stopped, a ticket with a phone taken and called; returns once its `called` text
  // has failed `attempts` times. Its number.
  std::string called_while_kannel_is_down(client::blocking_client& kiosk,
                                          client::blocking_client& desk, int attempts) {
    kannel_.stop();
    auto mine = take(kiosk, 1, "while-down", domain::priority::none, "0912345678").ticket;
    call_through(desk, mine.number);
    await_failed_attempts(mine.number, "called", attempts);
    return mine.number;
  }

  temp_dir kannel_dir_;
  kannel kannel_{kannel_dir_.path().string()};
};

TEST_F(sms_gateway_test, TheRightTextsReachTheRightNumber) {
  auto k = kiosk();
  take(*k, 1, "sms-1");
  take(*k, 1, "sms-2");
  auto mine = take(*k, 1, "sms-3", domain::priority::none, "0912 345 678").ticket;  // 2 ahead
  auto desk = clerk("clerk1", 1, {1});
  clerk_do(*desk, protocol::call_next{});  // 1 ahead
  expect_text("84912345678", "Số " + mine.number + ": còn 1 người trước bạn");
  clerk_do(*desk, protocol::no_show{});
  call_through(*desk, mine.number);
  expect_text("84912345678", "Mời công dân số " + mine.number + " đến Quầy 1");
  clerk_do(*desk, protocol::recall{});
  expect_next_is_another(*k, *desk, "sms-4");  // a recall sends nothing
  EXPECT_EQ(row(mine.number, "called").second, 1) << "posted once";

  // /metrics counts the outbox's states (every few seconds): three texts taken by Kannel.
  const std::regex taken(R"re(motcua_sms_messages\{state="(sent|delivered)"\} [1-9])re");
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string page;
  while (!std::regex_search(page, taken) && std::chrono::steady_clock::now() < deadline) {
    page = http_get(server().host(), server().port(), "/metrics").body;
    if (!std::regex_search(page, taken)) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(std::regex_search(page, taken)) << page;
}

TEST_F(sms_gateway_test, TheCarriersDeliveryReportMarksTheTextDelivered) {
  auto k = kiosk();
  auto desk = clerk("clerk1", 1, {1});
  auto mine = take(*k, 1, "dlr-1", domain::priority::none, "0912345678").ticket;
  call_through(*desk, mine.number);
  expect_text("84912345678", "Mời công dân số " + mine.number + " đến Quầy 1");
  // fakesmsc reports every text delivered; Kannel calls the row's report address on the server.
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (row(mine.number, "called").first != "delivered" &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);  // Kannel's pace: nothing to be woken by
  EXPECT_EQ(row(mine.number, "called").first, "delivered");
}

TEST_F(sms_gateway_test, TheApplicantOfADossierIsToldItWasReceivedWithItsCode) {
  auto desk = staff("clerk1");
  const auto code = register_sample(*desk, "texted");
  auto t = kannel_.next("MOTCUA", wait);
  ASSERT_TRUE(t.has_value()) << "no text reached the carrier";
  EXPECT_EQ(t->to, "84905111222");  // the sample applicant's phone
  // One UCS-2 message (70 characters at most): the due date is dd/mm/yyyy.
  const auto start = "Hồ sơ " + code + ": đã tiếp nhận, hẹn ";
  EXPECT_TRUE(t->text.starts_with(start)) << t->text;
  EXPECT_EQ(t->text.size(), start.size() + 10) << t->text;
}

TEST_F(sms_gateway_test, ATextDueWhileKannelIsDownGoesOutOnceItIsBack) {
  auto k = kiosk();
  auto desk = clerk("clerk1", 1, {1});
  const auto mine = called_while_kannel_is_down(*k, *desk, 2);
  kannel_.start();
  expect_text("84912345678", "Mời công dân số " + mine + " đến Quầy 1");
  expect_next_is_another(*k, *desk, "down-2");  // once
}

TEST_F(sms_gateway_test, ATextWrittenBeforeTheServerIsKilledGoesOutOnceAfterItsRestart) {
  auto k = kiosk();
  auto desk = clerk("clerk1", 1, {1});
  const auto mine = called_while_kannel_is_down(*k, *desk, 1);
  k.reset();
  desk.reset();
  stop(SIGKILL);
  kannel_.start();
  start_texting();
  expect_text("84912345678", "Mời công dân số " + mine + " đến Quầy 1");
  expect_next_is_another(*kiosk(), *staff("clerk1"), "kill-2");  // once
}

// The server restarted in quiet hours that began an hour ago and end in an hour (business
// zone): a call's text is skipped, a dossier's held till their end; after a restart without
// them, the carrier's next text is a new call's: nothing of the quiet hours went out.
TEST_F(sms_gateway_test, NothingReachesTheCarrierInTheQuietHours) {
  stop(SIGTERM);
  const domain::business_zone zone;
  const auto now = zone.time_of_day(domain::system_clock{}.now());
  const auto hh_mm = [](std::chrono::minutes m) {
    return domain::format_hh_mm(std::chrono::minutes((m.count() + 24 * 60) % (24 * 60)));
  };
  start_texting(hh_mm(now - std::chrono::hours(1)) + "-" + hh_mm(now + std::chrono::hours(1)));
  auto k = kiosk();
  auto desk = clerk("clerk1", 1, {1});
  auto mine = take(*k, 1, "quiet-1", domain::priority::none, "0912345678").ticket;
  call_through(*desk, mine.number);
  register_sample(*desk, "quiet-dossier");
  EXPECT_EQ(row(mine.number, "called").first, "skipped");
  k.reset();
  desk.reset();
  stop(SIGTERM);
  start_texting();
  expect_next_is_another(*kiosk(), *staff("clerk1"), "after-quiet");
}

TEST_F(sms_gateway_test, APhonesTextsPastTheDailyCapAreNotSent) {
  auto k = kiosk();
  auto desk = clerk("clerk1", 1, {1});
  for (int i = 1; i <= 3; ++i) {  // issued near the front: `called` texts only; the cap is 2
    auto t = take(*k, 1, "cap-" + std::to_string(i), domain::priority::none, "0912345678").ticket;
    if (i > 1) clerk_do(*desk, protocol::no_show{});
    call_through(*desk, t.number);
    if (i < 3) {
      expect_text("84912345678", "Mời công dân số " + t.number + " đến Quầy 1");
    } else {
      EXPECT_EQ(row(t.number, "called").first, "skipped");
    }
  }
  expect_next_is_another(*k, *desk, "cap-4");  // not the third
}

}  // namespace
}  // namespace motcua::testing
