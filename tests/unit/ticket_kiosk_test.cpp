// The ticket kiosk's screens without a window: what each shows, what each tap sends, retries
// with the same request_key, offline behaviour and the idle return.
#include "kiosk/model/ticket_kiosk.hpp"

#include <gtest/gtest.h>

#include "kiosk/model/scripted_taps.hpp"
#include "kiosk/model/wording.hpp"
#include "tests/unit/kiosk_fixture.hpp"

namespace motcua::kiosk {
namespace {

using namespace testing;

class ticket_kiosk_test : public ::testing::Test {
 protected:
  ticket_kiosk_test() {
    kiosk.apply(status(client::link_state::connecting));
    kiosk.apply(hello(
        {service(1, "Người có công", "A", true, 4, 20), service(2, "Bảo trợ xã hội", "B", false)}));
    kiosk.apply(status(client::link_state::online));
  }

  // Keys as the keypad or a scanner sends them.
  void type(std::string_view keys) {
    for (char c : keys) kiosk.press_key(c);
  }
  // The codes of the lookup_dossier requests sent, and the codes of the check_ins.
  std::vector<std::string> looked_up() const {
    std::vector<std::string> codes;
    for (const auto& r : server.all<protocol::lookup_dossier>()) codes.push_back(r.code);
    return codes;
  }
  std::vector<std::string> checked_in() const {
    std::vector<std::string> codes;
    for (const auto& r : server.all<protocol::check_in>()) codes.push_back(r.code.value_or(""));
    return codes;
  }

  protocol::ticket_result issued_ticket(std::string number, int ahead) {
    return protocol::ticket_result{ticket(7, std::move(number), 1), ahead, 12};
  }

  domain::test_clock clock{at("2026-11-28T09:00:00+07:00")};
  recorder server;
  int keys = 0;
  ticket_kiosk kiosk{clock, server.fn(), [this] { return "key-" + std::to_string(++keys); },
                     domain::lang::vi};
};

TEST_F(ticket_kiosk_test, HomeShowsServicesWithWaitingAndClosedOnesGreyed) {
  EXPECT_EQ(kiosk.screen(), kiosk_screen::home);
  ASSERT_EQ(kiosk.hall().services().size(), 2u);
  const auto& open = kiosk.hall().services()[0];
  const auto& closed = kiosk.hall().services()[1];
  EXPECT_TRUE(kiosk.can_take(open));
  EXPECT_FALSE(kiosk.can_take(closed));
  EXPECT_EQ(waiting_text(domain::lang::vi, open.waiting), "4 người đang chờ");
  EXPECT_EQ(eta_text(domain::lang::vi, open.eta_minutes), "Chờ khoảng 20 phút");
  EXPECT_EQ(closed.closure->message, "Ngoài giờ làm việc");

  kiosk.choose_service(2);  // greyed: nothing happens
  EXPECT_EQ(kiosk.screen(), kiosk_screen::home);
}

TEST_F(ticket_kiosk_test, QueueEventsUpdateTheWaitingCounts) {
  kiosk.apply(event(2, protocol::queue_changed{1, 5, 25}));
  EXPECT_EQ(kiosk.hall().service(1)->waiting, 5);
  EXPECT_EQ(kiosk.hall().service(1)->eta_minutes, 25);
}

TEST_F(ticket_kiosk_test, ServiceThenPriorityTakesOneTicketWithTheChosenGroup) {
  kiosk.choose_service(1);
  EXPECT_EQ(kiosk.screen(), kiosk_screen::priority);
  EXPECT_EQ(kiosk.chosen()->name, "Người có công");
  kiosk.choose_priority(domain::priority::elderly);
  kiosk.choose_priority(domain::priority::elderly);  // a double tap
  const auto takes = server.all<protocol::take_ticket>();
  ASSERT_EQ(takes.size(), 1u);
  EXPECT_EQ(takes[0].service, 1);
  EXPECT_EQ(takes[0].priority, domain::priority::elderly);
  EXPECT_EQ(takes[0].request_key, "key-1");
  EXPECT_EQ(takes[0].lang, "vi");
  EXPECT_TRUE(kiosk.busy());

  kiosk.apply(reply(server.last_id(), issued_ticket("A005", 4)));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::ticket);
  EXPECT_FALSE(kiosk.busy());
  EXPECT_EQ(kiosk.issued()->ticket.number, "A005");
  EXPECT_EQ(ahead_text(domain::lang::vi, *kiosk.issued()->ahead), "Trước quý vị: 4 người");
  const auto slip = kiosk.take_slip();
  ASSERT_TRUE(slip);
  EXPECT_EQ(slip->ticket.number, "A005");
  EXPECT_FALSE(kiosk.take_slip());  // printed once
}

TEST_F(ticket_kiosk_test, SkippingThePriorityStepTakesAnOrdinaryTicket) {
  ASSERT_TRUE(apply_tap(kiosk, "service:1"));
  ASSERT_TRUE(apply_tap(kiosk, "priority:none"));
  EXPECT_EQ(server.all<protocol::take_ticket>().at(0).priority, domain::priority::none);
}

// A centre that sends text messages: the kiosk's hello says so.
client::inbox_item hello_with_texts() {
  return hello({service(1, "Người có công", "A", true, 4, 20)}, 5, {}, true);
}

TEST_F(ticket_kiosk_test, WithoutTextsThereIsNoPhoneStep) {
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  ASSERT_EQ(server.all<protocol::take_ticket>().size(), 1u);
  EXPECT_FALSE(server.all<protocol::take_ticket>()[0].phone);
}

TEST_F(ticket_kiosk_test, ThePhoneStepIsSkippedWithOneTapOrSendsTheNumberTyped) {
  kiosk.apply(hello_with_texts());
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::elderly);
  EXPECT_EQ(kiosk.screen(), kiosk_screen::phone);
  EXPECT_TRUE(server.all<protocol::take_ticket>().empty()) << "nothing taken yet";
  kiosk.skip_phone();
  ASSERT_EQ(server.all<protocol::take_ticket>().size(), 1u);
  EXPECT_FALSE(server.all<protocol::take_ticket>()[0].phone);
  EXPECT_EQ(server.all<protocol::take_ticket>()[0].priority, domain::priority::elderly);

  kiosk.apply(reply(server.last_id(), issued_ticket("A005", 4)));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::ticket);
  kiosk.go_home();
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  type("09o05.123 456");  // what is not a digit is not typed
  EXPECT_EQ(kiosk.phone(), "0905123456");
  type("\n");
  const auto takes = server.all<protocol::take_ticket>();
  ASSERT_EQ(takes.size(), 2u);
  EXPECT_EQ(takes[1].phone, "0905123456");
  EXPECT_EQ(takes[1].priority, domain::priority::none);
}

TEST_F(ticket_kiosk_test, ANumberThatCannotBeAPhoneIsNotSentAndSaidUntilTheNextKey) {
  kiosk.apply(hello_with_texts());
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  type("12345");
  kiosk.confirm_phone();
  EXPECT_TRUE(kiosk.phone_wrong());
  EXPECT_TRUE(server.all<protocol::take_ticket>().empty());
  type("\b");
  EXPECT_FALSE(kiosk.phone_wrong());
  EXPECT_TRUE(apply_tap(kiosk, "skip_phone"));
  EXPECT_EQ(server.all<protocol::take_ticket>().size(), 1u);
}

TEST_F(ticket_kiosk_test, AConnectionLostBeforeTheReplyResendsTheSameKeyOnReconnect) {
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  kiosk.apply(status(client::link_state::offline));
  server.online = false;
  kiosk.choose_priority(domain::priority::none);  // tapping again changes nothing
  EXPECT_TRUE(kiosk.busy());

  server.online = true;
  kiosk.apply(status(client::link_state::connecting));
  kiosk.apply(hello({service(1, "Người có công", "A", true, 5, 25)}));
  kiosk.apply(status(client::link_state::online));
  const auto takes = server.all<protocol::take_ticket>();
  ASSERT_EQ(takes.size(), 2u);
  EXPECT_EQ(takes[1], takes[0]);  // the same request, the same key: the server issues once
  kiosk.apply(reply(server.last_id(), issued_ticket("A005", 4)));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::ticket);
}

TEST_F(ticket_kiosk_test, AReplyOfTheLostConnectionIsNotMistakenForTheRetry) {
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  const auto first_id = server.last_id();
  kiosk.apply(status(client::link_state::offline));
  kiosk.apply(status(client::link_state::online));
  kiosk.apply(reply(first_id, issued_ticket("A005", 4)));
  EXPECT_TRUE(kiosk.busy());
  kiosk.apply(reply(server.last_id(), issued_ticket("A005", 4)));
  EXPECT_FALSE(kiosk.busy());
}

TEST_F(ticket_kiosk_test, NothingCanBeTakenWhileOffline) {
  kiosk.apply(status(client::link_state::offline));
  server.online = false;
  EXPECT_FALSE(kiosk.hall().online());
  EXPECT_FALSE(kiosk.can_take(*kiosk.hall().service(1)));
  kiosk.choose_service(1);
  EXPECT_EQ(kiosk.screen(), kiosk_screen::home);
}

TEST_F(ticket_kiosk_test, TheOfflineBannerSaysWhyUntilTheLinkIsBack) {
  const std::string why = "the server's certificate is not trusted: unable to get local issuer";
  kiosk.apply(client::link_status{client::link_state::offline, why, {}});
  EXPECT_EQ(kiosk.hall().offline_detail(), why);
  kiosk.apply(status(client::link_state::connecting));  // retrying: the reason stays
  EXPECT_EQ(kiosk.hall().offline_detail(), why);
  kiosk.apply(status(client::link_state::online));
  EXPECT_EQ(kiosk.hall().offline_detail(), "");
}

TEST_F(ticket_kiosk_test, ARefusedTokenIsSaidInBothLanguagesWithTheServersWords) {
  kiosk.apply(client::link_status{client::link_state::refused, "Mã thiết bị không hợp lệ.", {}});
  EXPECT_TRUE(kiosk.hall().refused());
  EXPECT_FALSE(kiosk.can_take(*kiosk.hall().service(1)));
  EXPECT_EQ(std::string(device_refused(domain::lang::vi)),
            "Thiết bị chưa được cấp quyền (mã thiết bị bị từ chối). Liên hệ bộ phận CNTT.");
  EXPECT_EQ(device_refused_detail(domain::lang::vi, kiosk.hall().offline_detail()),
            "This device's token was refused. Contact IT.\nMã thiết bị không hợp lệ.");
  EXPECT_EQ(device_refused_detail(domain::lang::en, ""),
            "Thiết bị chưa được cấp quyền (mã thiết bị bị từ chối). Liên hệ bộ phận CNTT.");
}

TEST_F(ticket_kiosk_test, ARefusalReturnsHomeWithTheReasonAndRefreshesTheServices) {
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  kiosk.apply(
      reply(server.last_id(),
            protocol::error{
                protocol::error_code::limit, "Đã hết số hôm nay", "No more tickets today", {}}));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::home);
  ASSERT_TRUE(kiosk.refusal());
  EXPECT_EQ(kiosk.refusal()->message, "Đã hết số hôm nay");
  EXPECT_EQ(server.all<protocol::list_services>().size(), 1u);
}

TEST_F(ticket_kiosk_test, GoesHomeAloneAfterTheIdleTimes) {
  kiosk.choose_service(1);
  clock.advance(29s);
  kiosk.tick();
  EXPECT_EQ(kiosk.screen(), kiosk_screen::priority);
  EXPECT_EQ(kiosk.next_deadline(), 1s);
  clock.advance(1s);
  kiosk.tick();
  EXPECT_EQ(kiosk.screen(), kiosk_screen::home);

  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  const auto take_id = server.last_id();
  clock.advance(60s);  // waiting online for the reply: the citizen stays
  kiosk.tick();
  EXPECT_EQ(kiosk.screen(), kiosk_screen::priority);
  kiosk.apply(reply(take_id, issued_ticket("A005", 4)));
  clock.advance(14s);
  kiosk.tick();
  EXPECT_EQ(kiosk.screen(), kiosk_screen::ticket);
  clock.advance(1s);
  kiosk.tick();
  EXPECT_EQ(kiosk.screen(), kiosk_screen::home);
  EXPECT_FALSE(kiosk.issued());
}

TEST_F(ticket_kiosk_test, RefreshesTheServiceListEveryMinute) {
  clock.advance(59s);
  kiosk.tick();
  EXPECT_TRUE(server.all<protocol::list_services>().empty());
  clock.advance(1s);
  kiosk.tick();
  EXPECT_EQ(server.all<protocol::list_services>().size(), 1u);
}

TEST_F(ticket_kiosk_test, LookupWithTheKeypadShowsThePublicViewAndOffersATicket) {
  kiosk.open_lookup();
  EXPECT_EQ(kiosk.screen(), kiosk_screen::lookup);
  for (char c : std::string("000.00.00.h99-261128-00011")) kiosk.press_key(c);
  kiosk.press_key('\b');
  EXPECT_EQ(kiosk.lookup().code(), "000.00.00.H99-261128-0001");
  kiosk.press_key('\n');
  const auto lookups = server.all<protocol::lookup_dossier>();
  ASSERT_EQ(lookups.size(), 1u);
  EXPECT_EQ(lookups[0].code, "000.00.00.H99-261128-0001");

  protocol::public_dossier d;
  d.code = lookups[0].code;
  d.procedure = "Trợ cấp xã hội";
  d.status = "result_ready";
  d.ticket_offer = protocol::ticket_offer{4, "collect_result"};
  kiosk.apply(reply(server.last_id(), protocol::lookup_result{d}));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::dossier);
  EXPECT_EQ(dossier_status_label(domain::lang::vi, d.status), "Đã có kết quả – mời đến nhận");
  EXPECT_STREQ(dossier_status_hint(d.status)(domain::lang::en),
               "Please bring your receipt, take a number and collect your result at the results "
               "counter.");
  EXPECT_STREQ(dossier_status_hint("no_such_status")(domain::lang::vi), "");

  kiosk.take_offered_ticket();
  const auto takes = server.all<protocol::take_ticket>();
  ASSERT_EQ(takes.size(), 1u);
  EXPECT_EQ(takes[0].service, 4);
  EXPECT_EQ(takes[0].dossier, d.code);
}

TEST_F(ticket_kiosk_test, AScannerTypingOnTheHomeScreenLooksUpTheAddressItHolds) {
  for (char c : std::string("http://hcc.example.vn/tra-cuu/000.00.00.H99-261128-0002\n"))
    kiosk.press_key(c);
  EXPECT_EQ(kiosk.screen(), kiosk_screen::lookup);
  ASSERT_EQ(server.all<protocol::lookup_dossier>().size(), 1u);
  EXPECT_EQ(server.all<protocol::lookup_dossier>()[0].code, "000.00.00.H99-261128-0002");
  kiosk.apply(
      reply(server.last_id(),
            protocol::error{
                protocol::error_code::not_found, "Không tìm thấy hồ sơ", "No such dossier", {}}));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::lookup);
  EXPECT_EQ(kiosk.lookup().failure()->code, protocol::error_code::not_found);
}

TEST_F(ticket_kiosk_test, ADossierCodeTypedOnTheHomeScreenIsLookedUpAsBefore) {
  type("000.00.00.h99-261128-0003\n");
  EXPECT_EQ(kiosk.screen(), kiosk_screen::lookup);
  EXPECT_EQ(looked_up(), std::vector<std::string>{"000.00.00.H99-261128-0003"});
  EXPECT_TRUE(checked_in().empty());
}

TEST_F(ticket_kiosk_test, ABookingsQrScannedOnTheHomeScreenChecksItIn) {
  type("https://hcc.example.vn/dat-lich/K7M2Q9TX?token=ab12cd\n");
  EXPECT_EQ(kiosk.screen(), kiosk_screen::check_in);
  EXPECT_EQ(checked_in(), std::vector<std::string>{"K7M2Q9TX"});
  EXPECT_EQ(kiosk.lookup().code(), "");
  auto result = issued_ticket("A013", 0);
  result.ticket.priority = domain::priority::appointment;
  kiosk.apply(reply(server.last_id(), result));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::ticket);
  EXPECT_EQ(kiosk.take_slip()->ticket.number, "A013");

  // The QR code of the code alone, as the booking's page draws it now: a code no dossier has.
  kiosk.go_home();
  type("k7m2q9tx\r");
  EXPECT_EQ(kiosk.screen(), kiosk_screen::check_in);
  EXPECT_EQ(checked_in(), (std::vector<std::string>{"K7M2Q9TX", "K7M2Q9TX"}));
  EXPECT_TRUE(looked_up().empty());
}

TEST_F(ticket_kiosk_test, KeysOnTheLookupKeypadOpenedByItsButtonAreADossiersCode) {
  kiosk.open_lookup();
  type("K7M2Q9TX\n");
  EXPECT_EQ(kiosk.screen(), kiosk_screen::lookup);
  EXPECT_EQ(looked_up(), std::vector<std::string>{"K7M2Q9TX"});
  EXPECT_TRUE(checked_in().empty());
}

TEST_F(ticket_kiosk_test, ACheckedInBookingGivesItsTicketLikeAnyOther) {
  apply_tap(kiosk, "check_in");
  EXPECT_EQ(kiosk.screen(), kiosk_screen::check_in);
  apply_tap(kiosk, "keys:k7m2-q9tx9");
  kiosk.press_key('\b');
  EXPECT_EQ(kiosk.check_in().typed(), "K7M2-Q9TX");
  apply_tap(kiosk, "enter");
  const auto sent = server.all<protocol::check_in>();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].code, "K7M2-Q9TX");
  EXPECT_EQ(sent[0].phone, std::nullopt);
  EXPECT_TRUE(kiosk.check_in().busy());
  kiosk.press_key('\n');  // a second Enter sends nothing more
  EXPECT_EQ(server.all<protocol::check_in>().size(), 1u);

  auto result = issued_ticket("A012", 0);
  result.ticket.priority = domain::priority::appointment;
  kiosk.apply(reply(server.last_id(), result));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::ticket);
  EXPECT_EQ(kiosk.issued()->ticket.priority, domain::priority::appointment);
  EXPECT_EQ(kiosk.take_slip()->ticket.number, "A012");
  EXPECT_FALSE(kiosk.check_in().busy());
}

TEST_F(ticket_kiosk_test, TheScannerTypesTheBookingsPageAndAPhoneNumberIsSentAsOne) {
  kiosk.open_check_in();
  for (char c : std::string("https://hcc.example.vn/dat-lich/K7M2Q9TX?token=ab12cd\n"))
    kiosk.press_key(c);
  EXPECT_EQ(server.all<protocol::check_in>().at(0).code, "K7M2Q9TX");
  kiosk.go_home();
  kiosk.open_check_in();
  EXPECT_EQ(kiosk.check_in().typed(), "");
  apply_tap(kiosk, "keys:+84 905 123 456");
  apply_tap(kiosk, "enter");
  EXPECT_EQ(server.all<protocol::check_in>().at(1).phone, "+84 905 123 456");
  EXPECT_EQ(server.all<protocol::check_in>().at(1).code, std::nullopt);
}

TEST_F(ticket_kiosk_test, ACheckInThatGivesNoTicketSaysWhy) {
  kiosk.open_check_in();
  apply_tap(kiosk, "keys:K7M2Q9TX");
  apply_tap(kiosk, "enter");
  protocol::error early{protocol::error_code::conflict,
                        "Lịch hẹn của bạn lúc 08:00 ngày 27/11/2026. Vui lòng quay lại từ 07:30…",
                        "Your appointment is at 08:00 …",
                        {}};
  early.retry_at = "2026-11-28T09:30:00+07:00";
  kiosk.apply(reply(server.last_id(), early));
  EXPECT_EQ(kiosk.screen(), kiosk_screen::check_in);
  EXPECT_EQ(refusal_of(*kiosk.check_in().failure()), check_in_refusal::too_early);
  EXPECT_EQ(kiosk.take_slip(), std::nullopt);

  apply_tap(kiosk, "enter");
  kiosk.apply(reply(
      server.last_id(),
      protocol::error{protocol::error_code::conflict, "Đã quá giờ xác nhận…", "Closed…", {}}));
  EXPECT_EQ(refusal_of(*kiosk.check_in().failure()), check_in_refusal::too_late);
  apply_tap(kiosk, "enter");
  kiosk.apply(reply(
      server.last_id(),
      protocol::error{protocol::error_code::not_found, "Không tìm thấy…", "No booking…", {}}));
  EXPECT_EQ(refusal_of(*kiosk.check_in().failure()), check_in_refusal::unknown);
  EXPECT_EQ(refusal_of(protocol::error{protocol::error_code::invalid, "", "", {}}),
            check_in_refusal::invalid);
  // "Lấy số thường": the home screen, where the citizen chooses the service.
  apply_tap(kiosk, "home");
  EXPECT_EQ(kiosk.screen(), kiosk_screen::home);
  EXPECT_EQ(kiosk.check_in().failure(), std::nullopt);
}

TEST_F(ticket_kiosk_test, ACheckInSentAsTheLinkDroppedGoesAgainOnReconnect) {
  kiosk.open_check_in();
  apply_tap(kiosk, "keys:K7M2Q9TX");
  apply_tap(kiosk, "enter");
  kiosk.apply(status(client::link_state::connecting));
  EXPECT_TRUE(kiosk.check_in().busy());
  kiosk.apply(status(client::link_state::online));
  ASSERT_EQ(server.all<protocol::check_in>().size(), 2u);
  EXPECT_EQ(server.all<protocol::check_in>()[1].code, "K7M2Q9TX");
}

TEST_F(ticket_kiosk_test, TheLanguageToggleSwitchesTheTicketLanguage) {
  kiosk.toggle_language();
  EXPECT_EQ(kiosk.language(), domain::lang::en);
  kiosk.choose_service(1);
  kiosk.choose_priority(domain::priority::none);
  EXPECT_EQ(server.all<protocol::take_ticket>().at(0).lang, "en");
  EXPECT_EQ(eta_text(domain::lang::en, 0), "No wait");
}

TEST(wording_test, DatesAndTimesInTheBusinessZone) {
  EXPECT_EQ(ddmmyyyy_text("2026-11-27T20:05:00Z"), "28/11/2026");
  EXPECT_EQ(hh_mm_text("2026-11-28T08:05:00+07:00"), "08:05");
  EXPECT_EQ(hh_mm_text(at("2026-11-28T01:02:03Z")), "08:02");
  EXPECT_EQ(ddmmyyyy_text("nonsense"), "");
}

}  // namespace
}  // namespace motcua::kiosk
