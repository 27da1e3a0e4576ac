// The dossier workflow through the engine: registration rules, due times,
// the status machine with its reasons and extension rule, search, the
// public view and the due-soon warning. Real SQLite, test clock.
#include "tests/unit/engine_fixture.hpp"

#include "shared/protocol/codec.hpp"

namespace motcua::testing {
namespace {

using protocol::error_code;

const std::vector<std::string> allowance_documents{"Tờ khai đề nghị trợ giúp xã hội",
                                                   "Bản sao giấy tờ tùy thân"};

protocol::applicant nhung() {
  return {"  Nguyễn Thị  Hồng Nhung ",     "048185000123", std::nullopt, "+84 905.123.456",
          "12 Lê Duẩn, Hải Châu, Đà Nẵng", std::nullopt};
}

class dossier_desk_test : public engine_fixture {
 protected:
  protocol::reply_body submit(int procedure, std::string key,
                              std::vector<std::string> documents = allowance_documents,
                              protocol::applicant who = nhung()) {
    return call(clerk_,
                protocol::register_dossier{
                    procedure, std::move(who), std::move(documents), std::move(key), {}, {}});
  }
  protocol::dossier_view dossier_of(const protocol::reply_body& body) {
    if (const auto* e = std::get_if<protocol::error>(&body)) {
      ADD_FAILURE() << protocol::to_string(e->code) << ": " << e->message_en;
      return {};
    }
    return std::get<protocol::dossier_result>(body).dossier;
  }
  protocol::reply_body act(const std::string& code, const std::string& action,
                           std::optional<std::string> note = {},
                           std::optional<std::string> new_due = {}) {
    return call(clerk_,
                protocol::advance_dossier{code, action, std::move(note), {}, std::move(new_due)});
  }

  engine::connection_state clerk_ = login_staff("clerk1");
  engine::connection_state kiosk_ = login_device("demo-kiosk");
};

TEST_F(dossier_desk_test, RegistersWithCodeDueTimeAndTrackingBookLine) {
  auto d = dossier_of(submit(4, "k1"));  // Thursday 26/11/2026 08:00
  EXPECT_EQ(d.code, "000.00.00.H99-261126-0001");
  EXPECT_EQ(d.status, "received");
  EXPECT_EQ(d.applicant.full_name, "Nguyễn Thị Hồng Nhung");
  EXPECT_EQ(d.applicant.phone, "0905123456");
  // 17 calendar days end on Sunday 13/12: the term ends on the next working day.
  EXPECT_EQ(d.due_at, "2026-12-14T17:00:00+07:00");
  EXPECT_EQ(d.book_volume, 1);
  EXPECT_EQ(d.book_line, 1);
  EXPECT_EQ(d.department, "UBND xã");
  ASSERT_EQ(d.history.size(), 1u);
  EXPECT_EQ(d.history[0].action, "register");
  EXPECT_EQ(dossier_of(submit(4, "k2")).code, "000.00.00.H99-261126-0002");
}

TEST_F(dossier_desk_test, TheTrackingBookTurnsToANewVolumeAfter500Lines) {
  for (int i = 1; i <= 501; ++i) {
    auto d = dossier_of(submit(4, std::to_string(i)));
    ASSERT_EQ(d.book_volume, i <= 500 ? 1 : 2) << i;
    ASSERT_EQ(d.book_line, i <= 500 ? i : 1) << i;
  }
}

TEST_F(dossier_desk_test, AfterTheCutOffOnFridayCountingStartsFromMonday) {
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 11 / 27, std::chrono::hours{16}));
  const std::vector<std::string> permit{
      "Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động",
      "Văn bản giải trình nhu cầu sử dụng người lao động nước ngoài",
      "Giấy chứng nhận sức khỏe",
      "Bản sao hộ chiếu có chứng thực",
      "Phiếu lý lịch tư pháp",
      "Văn bằng hoặc giấy tờ chứng minh kinh nghiệm",
      "02 ảnh màu 4x6"};
  auto d = dossier_of(submit(1, "late-friday", permit));
  EXPECT_EQ(d.due_at, "2026-12-14T17:00:00+07:00");  // 10 working days from Tue 1/12
}

TEST_F(dossier_desk_test, EveryInvalidFieldIsNamedAndNothingIsCreated) {
  protocol::applicant bad{"", "0481850001", std::nullopt, "12345", "", "no-at-sign"};
  auto e = error_of(submit(4, "bad", {"Tờ khai đề nghị trợ giúp xã hội"}, bad));
  EXPECT_EQ(e.code, error_code::invalid);
  for (const char* field : {"applicant.full_name", "applicant.id_number", "applicant.phone",
                            "applicant.address", "applicant.email", "documents"})
    EXPECT_EQ(e.fields.count(field), 1u) << field;
  EXPECT_NE(e.fields.at("documents").find("Bản sao giấy tờ tùy thân"), std::string::npos);
  EXPECT_EQ(error_of(submit(99, "none")).fields.count("procedure"), 1u);
  EXPECT_EQ(dossier_of(submit(4, "good")).code, "000.00.00.H99-261126-0001");
}

TEST_F(dossier_desk_test, SameRequestKeyReturnsTheSameDossier) {
  auto first = dossier_of(submit(4, "same"));
  auto again = dossier_of(submit(4, "same"));
  EXPECT_EQ(again.code, first.code);
  EXPECT_EQ(dossier_of(submit(4, "other")).code, "000.00.00.H99-261126-0002");
}

TEST_F(dossier_desk_test, StatusMachineWithReasonsAndControlSheetRows) {
  auto code = dossier_of(submit(4, "k")).code;
  auto forwarded = dossier_of(act(code, "forward"));
  EXPECT_EQ(forwarded.status, "processing");
  EXPECT_EQ(forwarded.department, "Phòng Bảo trợ xã hội");
  EXPECT_EQ(forwarded.history.back().from, "UBND xã");
  EXPECT_EQ(forwarded.history.back().to, "Phòng Bảo trợ xã hội");
  EXPECT_EQ(forwarded.history.back().result, "early");
  auto e = error_of(act(code, "request_supplement"));
  EXPECT_EQ(e.code, error_code::invalid);
  EXPECT_EQ(e.fields.count("note"), 1u);
  EXPECT_EQ(dossier_of(act(code, "request_supplement", "Thiếu giấy khai sinh")).status,
            "supplement_requested");
  EXPECT_EQ(error_of(act(code, "result_ready")).code, error_code::conflict);
  clock_.advance(std::chrono::hours{24 * 5});  // Tuesday 1/12: Fri, Mon, Tue waited
  auto resumed = dossier_of(act(code, "supplement_received"));
  EXPECT_EQ(resumed.status, "processing");
  EXPECT_EQ(resumed.due_at, "2026-12-17T17:00:00+07:00");  // 14/12 + 3 working days
  EXPECT_EQ(dossier_of(act(code, "result_ready")).status, "result_ready");
  EXPECT_EQ(dossier_of(act(code, "return_result")).status, "returned");
  EXPECT_EQ(engine_->dossier_counts().at("returned"), 1);  // /metrics: dossiers by status
  EXPECT_EQ(engine_->dossier_counts().at("received"), 0);
  EXPECT_EQ(error_of(act(code, "forward")).code, error_code::conflict);
  EXPECT_EQ(error_of(act(code, "fly")).fields.count("action"), 1u);
}

TEST_F(dossier_desk_test, ExtendOnceBeforeTheDueTimeWithAReason) {
  auto code = dossier_of(submit(4, "k")).code;
  EXPECT_EQ(error_of(act(code, "extend", "Xin lỗi")).fields.count("new_due_at"), 1u);
  EXPECT_EQ(error_of(act(code, "extend", "Xin lỗi", "2026-12-01T17:00:00+07:00"))
                .fields.count("new_due_at"),
            1u);  // earlier than the due time
  auto extended = dossier_of(act(code, "extend", "Cần xác minh thêm", "2026-12-21T17:00:00+07:00"));
  EXPECT_EQ(extended.due_at, "2026-12-21T17:00:00+07:00");
  EXPECT_EQ(extended.original_due_at, "2026-12-14T17:00:00+07:00");
  EXPECT_EQ(error_of(act(code, "extend", "Lần hai", "2026-12-28T17:00:00+07:00")).code,
            error_code::conflict);
  auto other = dossier_of(submit(4, "k2")).code;
  clock_.advance(std::chrono::hours{24 * 30});
  EXPECT_EQ(error_of(act(other, "extend", "Muộn", "2027-01-30T17:00:00+07:00")).code,
            error_code::conflict);  // past its due time
}

TEST_F(dossier_desk_test, SearchWithoutDiacriticsByPhoneIdAndStatus) {
  auto code = dossier_of(submit(4, "k")).code;
  protocol::applicant an{"Trần Văn An",   "079203000456", std::nullopt,
                         "0236 3821 234", "Quảng Nam",    std::nullopt};
  dossier_of(submit(4, "k2", allowance_documents, an));
  auto found = [&](protocol::search_dossiers q) {
    auto r = std::get<protocol::dossiers_result>(call(clerk_, std::move(q)));
    std::vector<std::string> names;
    for (const auto& d : r.dossiers) names.push_back(d.applicant.full_name);
    return names;
  };
  using names = std::vector<std::string>;
  auto text = [](std::string t) {
    protocol::search_dossiers q;
    q.text = std::move(t);
    return q;
  };
  auto status = [](std::string st) {
    protocol::search_dossiers q;
    q.status = std::move(st);
    return q;
  };
  EXPECT_EQ(found(text("nguyen thi hong")), names{"Nguyễn Thị Hồng Nhung"});
  EXPECT_EQ(found(text("HAI CHAU")), names{"Nguyễn Thị Hồng Nhung"});
  EXPECT_EQ(found(text("0236.3821.234")), names{"Trần Văn An"});
  EXPECT_EQ(found(text("079203000456")), names{"Trần Văn An"});
  EXPECT_EQ(found(text(code)), names{"Nguyễn Thị Hồng Nhung"});
  EXPECT_EQ(found(status("received")).size(), 2u);
  EXPECT_EQ(found(status("returned")).size(), 0u);
  protocol::search_dossiers second;
  second.limit = 1;
  second.offset = 1;
  auto page = std::get<protocol::dossiers_result>(call(clerk_, second));
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(page.dossiers.size(), 1u);
  EXPECT_EQ(error_of(call(kiosk_, protocol::search_dossiers{})).code, error_code::forbidden);
}

TEST_F(dossier_desk_test, SearchByNamePrefixCodePrefixAndPassport) {
  auto nhung_code = dossier_of(submit(4, "k")).code;
  protocol::applicant smith{"John Smith",
                            std::nullopt,
                            " c1234567 ",
                            "0905 999 888",
                            "20 Bạch Đằng, Thạch Thang, Đà Nẵng",
                            std::nullopt};
  auto smith_code = dossier_of(submit(4, "k2", allowance_documents, smith)).code;
  auto found = [&](std::string text) {
    protocol::search_dossiers q;
    q.text = std::move(text);
    auto r = std::get<protocol::dossiers_result>(call(clerk_, std::move(q)));
    std::vector<std::string> names;
    for (const auto& d : r.dossiers) names.push_back(d.applicant.full_name);
    EXPECT_EQ(r.total, static_cast<int>(names.size()));
    return names;
  };
  using names = std::vector<std::string>;
  // Words in a row, the last one perhaps cut short, with or without diacritics.
  EXPECT_EQ(found("nguyen thi ho"), names{"Nguyễn Thị Hồng Nhung"});
  EXPECT_EQ(found("Nguyễn Thị Hồ"), names{"Nguyễn Thị Hồng Nhung"});
  EXPECT_EQ(found("hong nhung"), names{"Nguyễn Thị Hồng Nhung"});
  EXPECT_EQ(found("smi"), names{"John Smith"});
  EXPECT_EQ(found("bach dang"), names{"John Smith"});  // the address
  EXPECT_EQ(found("nhung hong"), names{});             // not in that order
  EXPECT_EQ(found("guyen"), names{});                  // words match from their beginning
  EXPECT_EQ(found("\"\" *"), names{});
  // A code or its beginning, in any case; newest first.
  const std::string day_prefix = nhung_code.substr(0, nhung_code.size() - 4);
  EXPECT_EQ(found(day_prefix), (names{"John Smith", "Nguyễn Thị Hồng Nhung"}));
  EXPECT_EQ(found("000.00.00.h99-261126-000"), (names{"John Smith", "Nguyễn Thị Hồng Nhung"}));
  EXPECT_EQ(found(smith_code), names{"John Smith"});
  EXPECT_EQ(found("000.00.00.H99-261127"), names{});
  // A passport number as stored (upper case) or as typed.
  EXPECT_EQ(found("C1234567"), names{"John Smith"});
  EXPECT_EQ(found("c1234567"), names{"John Smith"});
  // Several kinds at once: a phone number and a status filter.
  protocol::search_dossiers by_phone;
  by_phone.text = "0905999888";
  by_phone.status = "received";
  EXPECT_EQ(std::get<protocol::dossiers_result>(call(clerk_, by_phone)).total, 1);
  by_phone.status = "processing";
  EXPECT_EQ(std::get<protocol::dossiers_result>(call(clerk_, by_phone)).total, 0);
}

TEST_F(dossier_desk_test, KioskTicketsForASupplementOrAReadyResultAreTiedToTheDossier) {
  auto code = dossier_of(submit(4, "k")).code;  // social allowance: service 2 receives it
  auto offer = [&] {
    return std::get<protocol::lookup_result>(call(kiosk_, protocol::lookup_dossier{code}))
        .dossier.ticket_offer;
  };
  auto take_for = [&](domain::service_id service, std::string key, std::string dossier) {
    return call(kiosk_,
                protocol::take_ticket{
                    service, std::move(key), domain::priority::none, "vi", std::move(dossier), {}});
  };
  EXPECT_EQ(offer(), std::nullopt);
  EXPECT_EQ(error_of(take_for(2, "early", code)).fields.count("dossier"), 1u);

  dossier_of(act(code, "forward"));
  dossier_of(act(code, "request_supplement", "Thiếu giấy khai sinh"));
  EXPECT_EQ(offer(), (protocol::ticket_offer{2, "supplement"}));
  EXPECT_EQ(error_of(take_for(4, "wrong-service", code)).code, error_code::invalid);
  std::string typed = code;  // the kiosk keypad may send lower case
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto supplement = ticket_of(take_for(2, "supplement", typed));
  EXPECT_EQ(supplement.dossier, code);

  dossier_of(act(code, "supplement_received"));
  dossier_of(act(code, "result_ready"));
  EXPECT_EQ(offer(), (protocol::ticket_offer{4, "collect_result"}));
  EXPECT_EQ(ticket_of(take_for(4, "collect", code)).dossier, code);
  EXPECT_EQ(error_of(take_for(4, "unknown", "000.00.00.H99-261126-0099")).code,
            error_code::invalid);
}

TEST_F(dossier_desk_test, RegisteringWhileServingTiesTheTicketToTheDossier) {
  open(clerk_, 3, {2});
  auto t = take(kiosk_, 2, "t");
  ticket_of(call(clerk_, protocol::call_next{}));
  ticket_of(call(clerk_, protocol::start_service{}));
  events_.clear();
  auto d = dossier_of(submit(4, "k"));
  EXPECT_EQ(d.ticket, t.id);
  bool changed = false;
  for (const auto& e : events_)
    if (const auto* c = std::get_if<protocol::ticket_changed>(&e.body))
      changed = c->ticket.id == t.id && c->ticket.dossier == d.code;
  EXPECT_TRUE(changed);
  restart();
  auto served = std::get<protocol::ticket_result>(call(clerk_, protocol::finish{}));
  EXPECT_EQ(served.ticket.dossier, d.code);  // kept in the database
}

TEST_F(dossier_desk_test, PublicViewHasNoPersonalDataAndReadingTheFullOneIsAudited) {
  auto code = dossier_of(submit(4, "k")).code;
  auto view = std::get<protocol::lookup_result>(call(kiosk_, protocol::lookup_dossier{code}));
  auto text = protocol::encode(protocol::reply{1, view});
  for (const char* secret : {"Nhung", "048185000123", "0905123456", "Lê Duẩn"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  EXPECT_EQ(view.dossier.status, "received");
  ASSERT_EQ(view.dossier.history.size(), 1u);
  EXPECT_EQ(view.dossier.history[0].step, "Tiếp nhận hồ sơ – UBND xã");
  EXPECT_EQ(error_of(call(kiosk_, protocol::lookup_dossier{"000.00.00.H99-261126-0009"})).code,
            error_code::not_found);
  EXPECT_EQ(error_of(call(kiosk_, protocol::get_dossier{code})).code, error_code::forbidden);
  dossier_of(call(clerk_, protocol::get_dossier{code}));
  engine_.reset();
  store::database db(dir_.file("motcua.db"), store::durability::normal);
  auto q = db.prepare("SELECT actor FROM audit WHERE action = 'read_dossier'");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "clerk1");
}

TEST_F(dossier_desk_test, WarnsOnceOneWorkingDayBeforeTheDueTime) {
  auto code = dossier_of(submit(4, "k")).code;  // due Monday 14/12 17:00
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 12 / 10, std::chrono::hours{9}));
  for (const auto& e : engine_->tick())  // Thursday: not yet
    EXPECT_FALSE(std::holds_alternative<protocol::dossier_changed>(e.event.body));
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 12 / 11, std::chrono::hours{9}));
  int warnings = 0;
  for (const auto& e : engine_->tick())
    if (const auto* c = std::get_if<protocol::dossier_changed>(&e.event.body)) {
      EXPECT_TRUE(c->due_soon);
      EXPECT_EQ(c->dossier.code, code);
      ++warnings;
    }
  EXPECT_EQ(warnings, 1);
  clock_.advance(std::chrono::minutes{10});
  for (const auto& e : engine_->tick())
    EXPECT_FALSE(std::holds_alternative<protocol::dossier_changed>(e.event.body));
}

TEST_F(dossier_desk_test, ATickThatFailsHalfwayKeepsNothingAndSendsNothing) {
  const auto first = dossier_of(submit(4, "k1")).code;  // both due Monday 14/12 17:00
  const auto second = dossier_of(submit(4, "k2")).code;
  const auto seq_before = events_.back().seq;
  {
    // The disk refuses the second warning's write, after the first one's.
    store::database other(dir_.file("motcua.db"), store::durability::normal);
    other.exec("CREATE TRIGGER refuse_second BEFORE UPDATE ON dossiers WHEN NEW.code = '" + second +
               "' BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
  }
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 12 / 11, std::chrono::hours{9}));
  EXPECT_THROW(engine_->tick(), std::exception);

  store::database(dir_.file("motcua.db"), store::durability::normal)
      .exec("DROP TRIGGER refuse_second");
  std::vector<std::string> warned;
  std::int64_t seq = seq_before;
  for (const auto& e : engine_->tick()) {
    EXPECT_EQ(e.event.seq, ++seq);  // the failed tick numbered nothing
    if (const auto* c = std::get_if<protocol::dossier_changed>(&e.event.body))
      warned.push_back(c->dossier.code);
  }
  // One warning each: the first dossier's was rolled back with its write, and not sent.
  EXPECT_EQ(warned, (std::vector<std::string>{first, second}));
}

TEST_F(dossier_desk_test, StatsGiveOnTimeRatesByProcedureAndSatisfaction) {
  auto returned = dossier_of(submit(4, "a")).code;
  dossier_of(submit(4, "b"));  // stays open: late once its due time passes
  auto grave = dossier_of(submit(9, "c", {"Đơn đề nghị"})).code;
  for (const char* action : {"forward", "result_ready", "return_result"})
    dossier_of(act(returned, action));
  dossier_of(act(grave, "request_supplement", "Thiếu đơn"));
  dossier_of(act(grave, "supplement_received"));
  dossier_of(act(grave, "request_supplement", "Lần hai"));  // a second request counts as late
  for (int level : {3, 2, 1})
    std::get<protocol::rating_result>(
        call(kiosk_, protocol::rate_service{1, level, {}, returned, std::to_string(level)}));
  EXPECT_EQ(
      error_of(call(kiosk_, protocol::rate_service{1, 4, {}, {}, "r4"})).fields.count("level"), 1u);
  // A request_key past the protocol's limit is refused like take_ticket's, and not counted.
  EXPECT_EQ(error_of(call(kiosk_, protocol::rate_service{1, 3, {}, {}, std::string(129, 'k')}))
                .fields.count("request_key"),
            1u);
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 12 / 20, std::chrono::hours{9}));
  auto manager = login_staff("manager");
  EXPECT_EQ(error_of(call(clerk_, protocol::get_stats{})).code, error_code::forbidden);
  auto stats = std::get<protocol::stats_result>(
      call(manager, protocol::get_stats{"2026-11-26", "2026-11-27"}));
  EXPECT_EQ(stats.period_from, "2026-11-26T00:00:00+07:00");
  EXPECT_EQ(stats.centre.dossiers, 3);
  EXPECT_EQ(stats.centre.on_time, 1);
  EXPECT_DOUBLE_EQ(stats.centre.on_time_rate, 1.0 / 3);
  ASSERT_EQ(stats.by_procedure.size(), 2u);
  EXPECT_EQ(stats.by_procedure[0].procedure, 4);
  EXPECT_EQ(stats.by_procedure[0].dossiers, 2);
  EXPECT_EQ(stats.by_procedure[0].on_time, 1);
  EXPECT_EQ(stats.by_procedure[1].on_time, 0);
  EXPECT_EQ(stats.ratings.counts, (std::vector<int>{1, 1, 1}));
  // Now (20/12): the returned one is finished; the two others are open and late.
  EXPECT_EQ(stats.open_dossiers, (protocol::open_dossier_figures{2, 0, 2}));
  EXPECT_DOUBLE_EQ(stats.ratings.satisfied_rate, 2.0 / 3);
  std::map<std::string, int> by_status;
  for (const auto& s : stats.dossier_counts) by_status[s.status] = s.count;
  EXPECT_EQ(by_status, (std::map<std::string, int>{
                           {"received", 1}, {"returned", 1}, {"supplement_requested", 1}}));
}

}  // namespace
}  // namespace motcua::testing
