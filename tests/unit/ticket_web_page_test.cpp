// The ticket's pages on the phone (web/ticket_page.hpp), rendered without a server: what each
// state says, the templates the script draws from, escaping, the script and its fallback.
#include "server/web/ticket_page.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace motcua::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string token(32, 'a');

ticket_card waiting(int ahead) {
  ticket_card t;
  t.token = token;
  t.number = "B047";
  t.service = "Bảo trợ xã hội";
  t.ahead = ahead;
  t.eta_minutes = 45;
  return t;
}

ticket_card in_state(domain::ticket_state s) {
  auto t = waiting(0);
  t.state = s;
  t.eta_minutes.reset();
  if (s == domain::ticket_state::called || s == domain::ticket_state::serving) t.counter = "Quầy 3";
  return t;
}

TEST(ticket_web_page, AWaitingTicketSaysWhoIsAheadAndFollowsItsStream) {
  const auto html = render_ticket_page(lang::vi, waiting(23), ticket_notice::none);
  EXPECT_THAT(html, HasSubstr(">B047</p>"));
  EXPECT_THAT(html, HasSubstr("Còn 23 người trước quý vị"));
  EXPECT_THAT(html, HasSubstr("Dự kiến chờ khoảng 45 phút"));
  EXPECT_THAT(html, HasSubstr("href=\"/ve/" + token + "/huy\">Tôi không chờ nữa"));
  EXPECT_THAT(html, HasSubstr("<script src=\"/ve.js\" defer></script>"));
  EXPECT_THAT(html, HasSubstr("<noscript><meta http-equiv=\"refresh\" content=\"30\">"));
  EXPECT_THAT(html, HasSubstr("script-src &#39;self&#39;; connect-src &#39;self&#39;"));
  EXPECT_THAT(html, HasSubstr("data-token=\"" + token + "\""));
  // The script's templates leave the figures for it to fill.
  for (const char* state : {"waiting", "next", "called", "serving", "done", "no_show", "cancelled"})
    EXPECT_THAT(html, HasSubstr(std::string("<template id=\"tpl-") + state + "\"")) << state;
  EXPECT_THAT(html, HasSubstr("Còn {ahead} người trước quý vị"));
  EXPECT_THAT(html, HasSubstr("Mời đến {counter}"));
}

TEST(ticket_web_page, EachStateSaysWhatTheCitizenNeedsNow) {
  using s = domain::ticket_state;
  const std::pair<ticket_card, std::string> cases[] = {
      {waiting(0), "Quý vị là người tiếp theo"},
      {in_state(s::called), "Mời đến Quầy 3"},
      {in_state(s::serving), "Đang phục vụ tại Quầy 3"},
      {in_state(s::done), "Đã xong. Cảm ơn quý vị!"},
      {in_state(s::no_show), "Quý vị đã không có mặt khi được gọi"},
      {in_state(s::cancelled), "Số này đã huỷ"}};
  for (const auto& [ticket, says] : cases) {
    const auto html = render_ticket_page(lang::vi, ticket, ticket_notice::none);
    const auto now = html.substr(html.find("id=\"now\""));
    EXPECT_THAT(now.substr(0, now.find("</div>")), HasSubstr(says)) << says;
  }
  const auto called = render_ticket_page(lang::vi, in_state(s::called), ticket_notice::none);
  const auto block = called.substr(called.find("<div id=\"now\""));
  EXPECT_THAT(block.substr(0, block.find("</div>")), Not(HasSubstr(">Tôi không chờ nữa<")))
      << "only a waiting ticket gives up";
  EXPECT_THAT(called, HasSubstr("class=\"status tone-call\""));
}

TEST(ticket_web_page, AnEndedTicketHasNoScriptAndItsRatingOnce) {
  const auto done =
      render_ticket_page(lang::vi, in_state(domain::ticket_state::done), ticket_notice::none);
  EXPECT_THAT(done, Not(HasSubstr("<script")));
  EXPECT_THAT(done, Not(HasSubstr("<template")));
  EXPECT_THAT(done, HasSubstr("href=\"/ve/" + token + "/danh-gia\">Đánh giá sự phục vụ"));
  const auto rated =
      render_ticket_page(lang::vi, in_state(domain::ticket_state::done), ticket_notice::rated);
  EXPECT_THAT(rated, HasSubstr("Cảm ơn quý vị đã đánh giá."));
  EXPECT_THAT(rated, Not(HasSubstr("/danh-gia\"")));
}

TEST(ticket_web_page, TheStepsPostToTheTicketsOwnAddressInItsLanguage) {
  const auto cancel = render_ticket_cancel_page(lang::en, waiting(3));
  EXPECT_THAT(cancel, HasSubstr("<form class=\"actions\" method=\"post\" action=\"/ve/" + token +
                                "/huy?lang=en\">"));
  EXPECT_THAT(cancel, HasSubstr("Yes, cancel B047"));
  const auto rating = render_ticket_rating_page(lang::vi, in_state(domain::ticket_state::done), 3);
  const auto best = rating.find("value=\"3\">Rất hài lòng");
  const auto worst = rating.find("value=\"1\">Không hài lòng");
  ASSERT_NE(best, std::string::npos);
  ASSERT_NE(worst, std::string::npos);
  EXPECT_LT(best, worst) << "best first";
}

TEST(ticket_web_page, TextFromTheCentreIsEscaped) {
  auto t = in_state(domain::ticket_state::called);
  t.service = "<script>alert(1)</script>";
  t.counter = "Quầy \"3\" <b>";
  const auto html = render_ticket_page(lang::vi, t, ticket_notice::none);
  EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("Mời đến Quầy &quot;3&quot; &lt;b&gt;"));
}

TEST(ticket_web_page, TheNotFoundPageSaysOnlyTodaysNumbersWork) {
  EXPECT_THAT(render_ticket_not_found_page(lang::en), HasSubstr("only on the day"));
  EXPECT_THAT(render_ticket_not_found_page(lang::vi), HasSubstr("chỉ dùng được trong ngày"));
}

}  // namespace
}  // namespace motcua::web
