// What the kiosk prints for an issued ticket: its lines in Vietnamese, and the QR code of the
// ticket's phone page exactly when the server gave that page's address.
#include "kiosk/model/ticket_slip.hpp"

#include <gtest/gtest.h>

#include "tests/unit/kiosk_fixture.hpp"

namespace motcua::kiosk {
namespace {

using namespace testing;

protocol::ticket_result issued(std::optional<std::string> public_url) {
  protocol::ticket_result r{ticket(7, "A005", 1), 4, 12};
  r.ticket.public_token = "0123456789abcdef0123456789abcdef";
  r.ticket.public_url = std::move(public_url);
  return r;
}

TEST(ticket_slip_test, TheQrCodeHoldsTheTicketsPhonePage) {
  const auto s = service(1, "Người có công", "A");
  const devices::slip slip = ticket_slip(
      issued("https://motcua.example.vn/ve/0123456789abcdef0123456789abcdef"), &s, "Trung tâm");
  EXPECT_EQ(slip.qr_payload, "https://motcua.example.vn/ve/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(slip.centre, "Trung tâm");
  EXPECT_EQ(slip.service, "Người có công");
  EXPECT_EQ(slip.number, "A005");
  EXPECT_EQ(slip.issued_at, "09:00 28/11/2026");
  EXPECT_EQ(slip.ahead, "4");
  EXPECT_EQ(slip.eta, "khoảng 12 phút");  // after "Thời gian chờ dự kiến: "
}

TEST(ticket_slip_test, WithoutAPublicAddressTheSlipHasNoQrCode) {
  // The token alone leads nowhere a phone can open: no code rather than a useless one.
  auto no_address = issued(std::nullopt);
  no_address.eta_minutes = 0;
  const devices::slip slip = ticket_slip(no_address, nullptr, "Trung tâm");
  EXPECT_EQ(slip.qr_payload, "");
  EXPECT_EQ(slip.service, "");
  EXPECT_EQ(slip.eta, "không phải chờ");
}

}  // namespace
}  // namespace motcua::kiosk
