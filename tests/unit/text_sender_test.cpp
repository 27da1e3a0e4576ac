// The text sender (server/sms/sender.hpp) and the quiet hours: a text that comes due in them (a
// retry, or one written just before) is not posted; a dossier's text waits for their end, a
// ticket's is skipped when it would mean nothing then (a call; an `ahead` text of today's ticket
// held till tomorrow). The engine writes the rows on a test clock, the sender reads
// them on its own connection; no Kannel answers, and none must be asked.
#include "server/metrics/metrics.hpp"
#include "server/sms/sender.hpp"
#include "tests/unit/engine_fixture.hpp"

namespace motcua::testing {
namespace {

const char* quiet_at_nine = R"({
  "sms": {"sendsms_url": "http://127.0.0.1:9/cgi-bin/sendsms", "username": "motcua",
          "password": "secret", "report_base_url": "http://127.0.0.1:8080",
          "quiet_hours": "21:00-07:00", "ahead": 2}})";

class text_sender_test : public engine_fixture {
 protected:
  text_sender_test() : engine_fixture(quiet_at_nine) {}

  struct row {
    std::string kind, state;
    std::optional<std::string> reason;
    int attempts;
    std::int64_t next_attempt_at;
  };
  std::vector<row> outbox() {
    store::database db(dir_.file("motcua.db"));
    auto q = db.prepare(
        "SELECT kind, state, reason, attempts, next_attempt_at FROM sms_outbox "
        "WHERE state != 'skipped' OR reason = 'quiet' ORDER BY id");
    std::vector<row> out;
    while (q.step())
      out.push_back(
          {q.text(0), q.text(1), q.optional_text(2), static_cast<int>(q.int64(3)), q.int64(4)});
    return out;
  }
};

TEST_F(text_sender_test, ATextDueInTheQuietHoursWaitsForTheirEndOrIsSkippedIfItMeansNothingThen) {
  const domain::business_zone zone;
  const auto day = zone.day_of(clock_.now());
  clock_.set(zone.at(day, std::chrono::hours(20) + std::chrono::minutes(59)));
  auto kiosk = login_device("demo-kiosk");
  protocol::take_ticket first{1, "k1", domain::priority::none, "vi", {}, {}};
  first.phone = "0912345678";
  call(kiosk, first);
  take(kiosk, 1, "k2");
  take(kiosk, 1, "k3");
  protocol::take_ticket fourth{1, "k4", domain::priority::none, "vi", {}, {}};
  fourth.phone = "0987654321";
  call(kiosk, fourth);
  auto clerk = login_staff("clerk1");
  open(clerk, 1, {1});
  call(clerk, protocol::call_next{});  // A001 called, A004 has 2 before it
  protocol::applicant who{"Phạm Thị Lan", "048190000777", {}, "0905111222", "1 Bạch Đằng", {}};
  call(clerk,
       protocol::register_dossier{
           4, who, {"Tờ khai đề nghị trợ giúp xã hội", "Bản sao giấy tờ tùy thân"}, "d1", {}, {}});
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].kind, "called");
  EXPECT_EQ(rows[1].kind, "ahead");
  EXPECT_EQ(rows[2].kind, "received");
  for (const auto& r : rows) EXPECT_EQ(r.state, "queued") << "written before the quiet hours";
  {  // the dossier's text was tried once already: Kannel was down (a retry due now)
    store::database db(dir_.file("motcua.db"));
    db.exec(
        "UPDATE sms_outbox SET attempts = 1, answer = 'connection refused' "
        "WHERE kind = 'received'");
  }

  clock_.set(zone.at(day, std::chrono::hours(21) + std::chrono::minutes(30)));
  metrics::registry metrics;
  sms::sender sender(*settings_.sms, settings_.zone, "http://127.0.0.1:8080",
                     dir_.file("motcua.db"), clock_, metrics);
  sender.start();
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  const auto morning =
      zone.at(std::chrono::year_month_day{std::chrono::sys_days(day) + std::chrono::days(1)},
              std::chrono::hours(7));
  auto settled = [&] {
    rows = outbox();
    return rows.size() == 3 && rows[0].state == "skipped" && rows[1].state == "skipped" &&
           rows[2].next_attempt_at == morning.time_since_epoch().count();
  };
  while (!settled() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);  // the sender's own pace: nothing to be woken by
  sender.stop();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].reason, "quiet") << "a call means nothing later";
  EXPECT_EQ(rows[1].reason, "quiet") << "tomorrow the ticket is gone";
  EXPECT_EQ(rows[2].state, "queued") << "the dossier's text waits for the morning";
  EXPECT_EQ(rows[2].next_attempt_at, morning.time_since_epoch().count());
  EXPECT_EQ(rows[0].attempts + rows[1].attempts + rows[2].attempts, 1) << "nothing was posted";
}

}  // namespace
}  // namespace motcua::testing
