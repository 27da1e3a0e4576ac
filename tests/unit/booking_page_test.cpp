#include "server/web/booking_page.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace motcua::web {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;
using ::testing::Not;

const business_zone vietnam{};

const service_option merit{1, "Người có công", "Merit"};

slot_option slot_at(int hour, int minute, int free) {
  const auto start = vietnam.at(year{2026} / 12 / 8, hours{hour} + minutes{minute});
  return {vietnam.format(start), start, start + minutes{15}, free};
}

TEST(booking_page, a_full_time_is_shown_not_linked) {
  const auto html = render_times_page({merit, std::nullopt}, year{2026} / 12 / 8,
                                      {slot_at(7, 0, 2), slot_at(7, 15, 0)}, "", lang::vi, vietnam);
  EXPECT_THAT(html, HasSubstr("07:00–07:15 <small>còn 2 chỗ</small></a>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"full\" aria-disabled=\"true\">07:15–07:30"));
  EXPECT_THAT(html, Not(HasSubstr("start=2026-12-08T07%3A15")));
}

TEST(booking_page, the_form_names_each_bad_field_and_escapes_what_was_typed) {
  booking_form f;
  f.choice = {merit, procedure_option{6, "Trợ cấp", "", {{"Đơn đề nghị", true}}, 50000}};
  f.slot = slot_at(7, 0, 1);
  f.full_name = "<script>alert(1)</script>";
  f.phone = "12";
  f.problems = {{"phone", "Số điện thoại không hợp lệ."}};
  f.request_key = "k\"ey";
  f.form_token = "1.abc";
  const auto html = render_form_page(f, lang::vi, vietnam);
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
  EXPECT_THAT(html, HasSubstr("aria-describedby=\"phone-error\" aria-invalid=\"true\""));
  EXPECT_THAT(html, HasSubstr("<label for=\"phone\">Số điện thoại</label>"));
  EXPECT_THAT(html, HasSubstr("name=\"request_key\" value=\"k&quot;ey\""));
  EXPECT_THAT(html, HasSubstr("50.000 đồng"));
  EXPECT_THAT(html, HasSubstr("<li>Đơn đề nghị</li>"));
}

TEST(booking_page, the_calendar_file_has_crlf_lines_folded_at_75_octets) {
  own_booking b;
  b.code = "ABCD2345";
  b.service = std::string(60, 'x') + " Người có công, ưu đãi; và";
  b.start = vietnam.at(year{2026} / 12 / 8, hours{7});
  b.end = b.start + minutes{15};
  const auto ics = booking_ics(b, "Bộ phận Một cửa", b.start);
  EXPECT_THAT(ics, HasSubstr("\r\nDTSTART:20261208T000000Z\r\nDTEND:20261208T001500Z\r\n"));
  EXPECT_THAT(ics, HasSubstr("ưu đãi\\; và"));
  EXPECT_THAT(ics, HasSubstr("\\,"));
  std::size_t from = 0;
  for (auto end = ics.find("\r\n"); end != std::string::npos; end = ics.find("\r\n", from)) {
    EXPECT_LE(end - from, 75u) << ics.substr(from, end - from);
    from = end + 2;
  }
  EXPECT_EQ(from, ics.size());
}

TEST(booking_page, the_own_page_asks_before_cancelling) {
  own_booking b;
  b.code = "ABCD2345";
  b.token = std::string(64, 'a');
  b.start = vietnam.at(year{2026} / 12 / 8, hours{7});
  b.end = b.start + minutes{15};
  const auto page = render_own_booking_page(b, lang::en, vietnam, own_page_mode::plain, "");
  EXPECT_THAT(page, HasSubstr("<html lang=\"en\""));
  EXPECT_THAT(page, HasSubstr("&amp;huy=1&amp;lang=en\""));
  EXPECT_THAT(page, Not(HasSubstr("<form")));
  const auto confirm =
      render_own_booking_page(b, lang::en, vietnam, own_page_mode::confirm_cancel, "1.mac");
  EXPECT_THAT(confirm, HasSubstr("<form class=\"card actions\" method=\"post\" "
                                 "action=\"/dat-lich/ABCD2345/huy\">"));
  EXPECT_THAT(confirm, HasSubstr("name=\"form_token\" value=\"1.mac\""));
}

}  // namespace
}  // namespace motcua::web
