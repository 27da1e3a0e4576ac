// Text messages to the citizen's phone (issue 14), through the engine: the phone a kiosk's
// ticket carries, and the outbox rows its queue's changes write in their own transaction (the
// `ahead` text once near the front, the `called` text once called), a dossier's steps (received,
// supplement, result, late) to its applicant, under the per-phone daily cap and the quiet hours;
// what staff see of them (list_texts, the dossier's view, get_stats). A real engine on a real
// SQLite file and a test clock.
#include "server/store/migrations.hpp"
#include "server/store/sms_store.hpp"
#include "shared/domain/text.hpp"
#include "tests/unit/engine_fixture.hpp"

namespace motcua::testing {
namespace {

using protocol::error_code;

// The demo centre (always open) texting through Kannel: the `ahead` text at 2 before.
const char* texting = R"({"public_base_url": "https://motcua.example.vn",
  "sms": {"sendsms_url": "http://127.0.0.1:13013/cgi-bin/sendsms", "username": "motcua",
          "password": "secret", "from": "MOTCUA", "report_base_url": "http://127.0.0.1:8080",
          "quiet_hours": "21:00-07:00", "per_phone_daily": 3, "ahead": 2,
          "templates": {"ahead": "Số {number}: còn {ahead} người trước bạn. {url}",
                        "called": "Mời công dân số {number} đến {counter}"}}})";

// One outbox row as a test looks at it.
struct text_row {
  std::int64_t ticket;
  std::string kind, phone, text, state;
  std::optional<std::string> reason;
  std::int64_t next_attempt_at;
};

class text_message_test : public engine_fixture {
 protected:
  explicit text_message_test(const std::string& overrides = texting) : engine_fixture(overrides) {}

  protocol::reply_body take_with_phone(const std::string& key, std::string phone) {
    protocol::take_ticket r{1, key, domain::priority::none, "vi", {}, {}};
    r.phone = std::move(phone);
    return call(kiosk_, r);
  }

  // The outbox, in the order it was written (read on a connection of its own).
  std::vector<text_row> outbox() {
    store::database db(dir_.file("motcua.db"));
    auto q = db.prepare(
        "SELECT ticket, kind, phone, text, state, reason, next_attempt_at FROM sms_outbox "
        "ORDER BY id");
    std::vector<text_row> out;
    while (q.step())
      out.push_back(
          {q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.optional_text(5), q.int64(6)});
    return out;
  }

  // Walk-ins A001..A00n, the last with `phone`.
  protocol::ticket queue_of(int n, const std::string& phone) {
    for (int i = 1; i < n; ++i) take(kiosk_, 1, std::string("walk-in-").append(std::to_string(i)));
    return ticket_of(take_with_phone(std::string("walk-in-").append(std::to_string(n)), phone));
  }

  // A dossier of the demo's social allowance (procedure 4) for an applicant with `phone`.
  protocol::dossier_view register_with(const std::string& key, std::string phone) {
    protocol::applicant who{"Phạm Thị Lan",   "048190000777",         {},
                            std::move(phone), "1 Bạch Đằng, Đà Nẵng", {}};
    auto body = call(clerk_, protocol::register_dossier{
                                 4,
                                 std::move(who),
                                 {"Tờ khai đề nghị trợ giúp xã hội", "Bản sao giấy tờ tùy thân"},
                                 key,
                                 {},
                                 {}});
    EXPECT_TRUE(std::holds_alternative<protocol::dossier_result>(body));
    return std::get<protocol::dossier_result>(body).dossier;
  }
  protocol::dossier_view act(const std::string& code, const std::string& action,
                             std::optional<std::string> new_due = {}) {
    auto body = call(clerk_, protocol::advance_dossier{code, action, "Lý do", {}, new_due});
    EXPECT_TRUE(std::holds_alternative<protocol::dossier_result>(body)) << action;
    return std::get<protocol::dossier_result>(body).dossier;
  }
  // "2026-12-14T17:00:00+07:00" -> "14/12/2026".
  static std::string ddmmyyyy(const std::string& iso) {
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
  }

  engine::connection_state kiosk_ = login_device("demo-kiosk");
  engine::connection_state clerk_ = login_staff("clerk1");
};

TEST_F(text_message_test, ATicketKeepsItsPhoneNormalised) {
  auto t = ticket_of(take_with_phone("k1", "+84 (0)912 345 678"));
  EXPECT_EQ(stored_phone(t.id), "0912345678");
  EXPECT_EQ(stored_phone(take(kiosk_, 1, "k2").id), std::nullopt) << "the phone is optional";
}

TEST_F(text_message_test, ABadPhoneIsRefusedAndNothingIsIssued) {
  const auto events = events_.size();
  auto e = error_of(take_with_phone("k1", "12345"));
  EXPECT_EQ(e.code, error_code::invalid);
  ASSERT_TRUE(e.fields.contains("phone"));
  EXPECT_TRUE(e.message.starts_with("Số điện thoại không hợp lệ")) << e.message;
  EXPECT_TRUE(e.message_en.starts_with("Invalid phone number")) << e.message_en;
  EXPECT_EQ(events_.size(), events) << "no ticket issued";
  EXPECT_EQ(take(kiosk_, 1, "k2").number, "A001") << "no number used up";
}

TEST_F(text_message_test, TheAheadTextGoesOnceAtTheThresholdAndTheCalledTextOnce) {
  auto mine = queue_of(5, "0912345678");  // 4 ahead
  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});  // A001: 3 ahead
  EXPECT_TRUE(outbox().empty());
  call(clerk_, protocol::no_show{});
  call(clerk_, protocol::call_next{});  // A002: 2 ahead
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].ticket, mine.id);
  EXPECT_EQ(rows[0].kind, "ahead");
  EXPECT_EQ(rows[0].phone, "0912345678");
  EXPECT_EQ(rows[0].state, "queued");
  EXPECT_EQ(rows[0].next_attempt_at, clock_.now().time_since_epoch().count());
  EXPECT_EQ(rows[0].text,
            "Số A005: còn 2 người trước bạn. https://motcua.example.vn/ve/" + *mine.public_token);

  for (int i = 0; i < 2; ++i) {  // A003, A004: 1 and 0 ahead, no second `ahead` text
    call(clerk_, protocol::no_show{});
    call(clerk_, protocol::call_next{});
  }
  EXPECT_EQ(outbox().size(), 1u);
  call(clerk_, protocol::no_show{});
  call(clerk_, protocol::call_next{});  // A005
  call(clerk_, protocol::recall{});
  rows = outbox();
  ASSERT_EQ(rows.size(), 2u) << "a recall sends nothing more";
  EXPECT_EQ(rows[1].kind, "called");
  EXPECT_EQ(rows[1].text, "Mời công dân số A005 đến Quầy 1");
  EXPECT_EQ(rows[1].state, "queued");
}

TEST_F(text_message_test, ATicketIssuedNearTheFrontGetsNoAheadTextButItsCall) {
  auto mine = queue_of(2, "0912345678");  // 1 ahead: the citizen is in the hall
  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});
  call(clerk_, protocol::no_show{});
  call(clerk_, protocol::call_next{});
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].kind, "ahead");
  EXPECT_EQ(rows[0].state, "skipped");
  EXPECT_EQ(rows[0].reason, "near");
  EXPECT_EQ(rows[1].ticket, mine.id);
  EXPECT_EQ(rows[1].kind, "called");
  EXPECT_EQ(rows[1].state, "queued");
}

TEST_F(text_message_test, APhonesTextsPastTheDailyCapAreSkipped) {
  // Four tickets of one phone: the first three issued near the front (`near` rows, not
  // counted). The first call texts A001 (1) and brings A004 to 2 ahead (2), the second texts
  // A002 (3): the cap of 3 is reached, and the calls of A003 and A004 are skipped.
  for (int i = 1; i <= 4; ++i)
    take_with_phone(std::string("k").append(std::to_string(i)), "0912345678");
  open(clerk_, 1, {1});
  for (int i = 0; i < 4; ++i) {
    call(clerk_, protocol::call_next{});
    call(clerk_, protocol::no_show{});
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> called;
  for (const auto& r : outbox())
    if (r.kind == "called") called.emplace_back(r.state, r.reason);
  ASSERT_EQ(called.size(), 4u);
  EXPECT_EQ(called[1].first, "queued");
  EXPECT_EQ(called[2].first, "skipped");
  EXPECT_EQ(called[2].second, "cap");
  EXPECT_EQ(called[3].second, "cap");
}

TEST_F(text_message_test, InQuietHoursAnAheadTextWaitsForTheirEndAndACallIsSkipped) {
  const domain::business_zone zone;
  const auto day = zone.day_of(clock_.now());
  clock_.set(zone.at(day, std::chrono::hours(6)));  // quiet until 07:00, this very morning
  queue_of(4, "0912345678");                        // 3 ahead
  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});  // 2 ahead
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "queued");
  EXPECT_EQ(rows[0].next_attempt_at,
            zone.at(day, std::chrono::hours(7)).time_since_epoch().count());
  for (int i = 0; i < 3; ++i) {
    call(clerk_, protocol::no_show{});
    call(clerk_, protocol::call_next{});
  }
  rows = outbox();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].kind, "called");
  EXPECT_EQ(rows[1].state, "skipped");
  EXPECT_EQ(rows[1].reason, "quiet");
}

TEST_F(text_message_test, AnAheadTextDueAtNightIsSkippedForItsTicketEndsWithTheDay) {
  const domain::business_zone zone;
  clock_.set(zone.at(zone.day_of(clock_.now()), std::chrono::hours(21) + std::chrono::minutes(30)));
  queue_of(4, "0912345678");
  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});  // 2 ahead, but the quiet hours end tomorrow
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, "ahead");
  EXPECT_EQ(rows[0].state, "skipped");
  EXPECT_EQ(rows[0].reason, "quiet");
}

TEST_F(text_message_test, ADeliveryReportWithTheRowsKeyMarksItDeliveredAndNoOtherDoes) {
  queue_of(1, "0912345678");
  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});
  {  // the sender's part: posted, Kannel said 202
    store::database db(dir_.file("motcua.db"));
    db.exec("UPDATE sms_outbox SET state = 'sent' WHERE kind = 'called'");
  }
  auto report = [&](engine::text_report r) {
    engine_->begin();
    auto answer = engine_->public_route(r);
    engine_->commit();
    return answer;
  };
  const auto id = std::int64_t{2};  // the ticket's `near` row is 1
  ASSERT_EQ(outbox()[1].kind, "called");
  const auto key = engine::report_key(*settings_.sms, id);
  auto forged = report({id, 1, engine::report_key(*settings_.sms, id + 1)});
  EXPECT_EQ(std::get<protocol::error>(forged.body).code, error_code::not_found);
  EXPECT_EQ(std::get<protocol::error>(report({id + 5, 1, key}).body).code, error_code::not_found);
  EXPECT_EQ(outbox()[1].state, "sent");
  EXPECT_TRUE(std::holds_alternative<engine::text_reported>(report({id, 8, key}).body));
  EXPECT_EQ(outbox()[1].state, "sent") << "accepted by the SMSC: still on its way";
  report({id, 1, key});
  EXPECT_EQ(outbox()[1].state, "delivered");
  report({id, 2, key});
  EXPECT_EQ(outbox()[1].state, "delivered") << "a late report changes nothing";
}

TEST_F(text_message_test, TheApplicantIsToldOfReceptionMissingPapersAnApologyAndTheResult) {
  auto d = register_with("d1", "0905 111 222");
  const std::string centre = settings_.catalogue.unit.name;  // as is: `ascii` is off here
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, "received");
  EXPECT_EQ(rows[0].phone, "0905111222");
  EXPECT_EQ(rows[0].state, "queued");
  EXPECT_EQ(rows[0].text, centre + ": da tiep nhan ho so " + d.code + ", hen tra ket qua " +
                              ddmmyyyy(d.due_at) +
                              ". Tra cuu: " + settings_.catalogue.unit.public_url + d.code);

  // The apology with the new date (Form 04), the request for papers, and the result.
  const auto new_due = "2026-12-30T17:00:00+07:00";
  act(d.code, "extend", new_due);
  act(d.code, "request_supplement");
  act(d.code, "supplement_received");
  act(d.code, "forward");
  d = act(d.code, "result_ready");
  rows = outbox();
  ASSERT_EQ(rows.size(), 4u) << "nothing for a forward or a supplement received";
  EXPECT_EQ(rows[1].kind, "late");
  EXPECT_EQ(rows[1].text, centre + ": xin loi ong/ba, ho so " + d.code +
                              " cham tra ket qua. Ngay hen moi: 30/12/2026. " +
                              settings_.catalogue.unit.public_url + d.code);
  EXPECT_EQ(rows[2].kind, "supplement");
  EXPECT_EQ(rows[3].kind, "result");
  EXPECT_EQ(rows[3].text, centre + ": ho so " + d.code + " da co ket qua. Moi ong/ba den nhan.");

  // The staff's view of the dossier lists them, oldest first, without the number or the words.
  // Four in a day, past this centre's cap of 3 for tickets: a dossier's texts are the centre's
  // duty and never capped.
  std::vector<std::string> kinds, states;
  for (const auto& t : d.texts) {
    kinds.push_back(t.kind);
    states.push_back(t.state);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"received", "late", "supplement", "result"}));
  EXPECT_EQ(states, (std::vector<std::string>{"queued", "queued", "queued", "queued"}));
  auto mine = ticket_of(take_with_phone("k1", "0905111222"));  // 0 ahead: the `near` row
  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});
  EXPECT_EQ(outbox().back().ticket, mine.id);
  EXPECT_EQ(outbox().back().state, "queued") << "nor do they count toward the tickets' cap";
}

TEST_F(text_message_test, ALandlineOrNoPhoneGetsNoTextAndQuietHoursHoldADossiersText) {
  register_with("d1", "0236 3821 234");  // a landline in Đà Nẵng
  auto rows = outbox();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "skipped");
  EXPECT_EQ(rows[0].reason, "landline");

  const domain::business_zone zone;
  const auto day = zone.day_of(clock_.now());
  clock_.set(zone.at(day, std::chrono::hours(21) + std::chrono::minutes(30)));
  register_with("d2", "0905111222");
  rows = outbox();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].state, "queued") << "told in the morning, not skipped";
  const auto morning =
      zone.at(std::chrono::year_month_day{std::chrono::sys_days(day) + std::chrono::days(1)},
              std::chrono::hours(7));
  EXPECT_EQ(rows[1].next_attempt_at, morning.time_since_epoch().count());
}

TEST_F(text_message_test, StaffSeeATicketsTextsAndTheDaysTextsByState) {
  auto mine = queue_of(1, "0912345678");
  open(clerk_, 1, {1});
  call(clerk_, protocol::call_next{});
  register_with("d1", "0236 3821 234");
  auto body = call(clerk_, protocol::list_texts{mine.id});
  ASSERT_TRUE(std::holds_alternative<protocol::texts_result>(body));
  const auto& texts = std::get<protocol::texts_result>(body).texts;
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_EQ(texts[0].kind, "ahead");
  EXPECT_EQ(texts[0].state, "skipped");
  EXPECT_EQ(texts[0].reason, "near");
  EXPECT_EQ(texts[1].kind, "called");
  EXPECT_EQ(texts[1].state, "queued");
  EXPECT_EQ(texts[1].at, domain::business_zone{}.format(clock_.now()));
  body = call(clerk_, protocol::list_texts{mine.id + 100});
  EXPECT_TRUE(std::get<protocol::texts_result>(body).texts.empty()) << "no such ticket: none";

  auto manager = login_staff("manager");
  auto stats = std::get<protocol::stats_result>(call(manager, protocol::get_stats{}));
  EXPECT_EQ(stats.texts, (std::vector<protocol::status_count>{{"queued", 1}, {"skipped", 2}}));
  const auto tomorrow = domain::format_iso_date(std::chrono::year_month_day{
      std::chrono::sys_days(domain::business_zone{}.day_of(clock_.now())) + std::chrono::days(1)});
  stats = std::get<protocol::stats_result>(call(manager, protocol::get_stats{tomorrow, {}}));
  EXPECT_TRUE(stats.texts.empty()) << "another day's texts are not this one's";
}

class unconfigured_text_test : public text_message_test {
 protected:
  unconfigured_text_test() : text_message_test("") {}
};

TEST_F(unconfigured_text_test, WithoutTheGatewayNothingIsWrittenButThePhoneIsKept) {
  auto mine = queue_of(4, "0912345678");
  open(clerk_, 1, {1});
  for (int i = 0; i < 4; ++i) {
    call(clerk_, protocol::call_next{});
    call(clerk_, protocol::no_show{});
  }
  EXPECT_TRUE(outbox().empty());
  EXPECT_EQ(stored_phone(mine.id), "0912345678");
  register_with("d1", "0905111222");
  EXPECT_TRUE(outbox().empty()) << "nor for a dossier";
  EXPECT_TRUE(
      std::get<protocol::texts_result>(call(clerk_, protocol::list_texts{mine.id})).texts.empty());
}

// Schema 10 rebuilds the outbox (a row is about a ticket or a dossier): a version 9 database's
// rows keep their ids (Kannel's pending delivery reports name them, and their keys are made
// from them), tickets, states and attempts.
TEST(text_outbox_migration, SchemaTenKeepsTheRowsOfVersionNine) {
  temp_dir dir;
  store::database db(dir.file("v9.db"));
  store::migrate(db, 9);
  db.exec(
      "INSERT INTO tickets (id, day, number, issued_service, sequence, service, priority, state, "
      "request_key, device, lang, issued_at, phone) VALUES (7, '2026-11-26', 'A001', 1, 1, 1, "
      "'none', 'called', 'k1', 'kiosk', 'vi', 0, '0912345678')");
  db.exec(
      "INSERT INTO sms_outbox (id, ticket, kind, phone, text, day, state, attempts, "
      "next_attempt_at, answer, created_at, changed_at) VALUES (41, 7, 'called', '0912345678', "
      "'Moi so A001', '2026-11-26', 'sent', 2, 5, '202 Sent.', 1, 6)");
  ASSERT_EQ(store::migrate(db), 16);
  store::sms_store outbox(db);
  auto row = outbox.find(41);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->ticket, 7);
  EXPECT_EQ(row->dossier, std::nullopt);
  EXPECT_EQ(row->state, "sent");
  EXPECT_EQ(row->attempts, 2);
  EXPECT_EQ(row->answer, "202 Sent.");
  EXPECT_FALSE(outbox.insert(*row)) << "still one row per ticket and kind";
  EXPECT_THROW(db.exec("INSERT INTO sms_outbox (kind, phone, text, day, state, next_attempt_at, "
                       "created_at, changed_at) VALUES ('called', '0', 't', 'd', 'queued', 0, 0, "
                       "0)"),
               std::exception)
      << "about a ticket or a dossier: one of them";
}

TEST(text_marks, VietnameseLosesItsDiacriticsAndKeepsItsCase) {
  EXPECT_EQ(domain::strip_marks("Mời công dân số A012 đến Quầy 3. ĐƯỜNG Đông"),
            "Moi cong dan so A012 den Quay 3. DUONG Dong");
}

}  // namespace
}  // namespace motcua::testing
