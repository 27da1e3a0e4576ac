// The form and status page answers of net/http_handler: whatever fails while drawing becomes a
// 500 `internal` JSON error (Vietnamese and English) instead of an exception that would end
// the server (issue 9, defect 1).
#include "server/net/http_handler.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace motcua::net {
namespace {

TEST(HttpHandler, AFormThatCannotBeDrawnIsA500InternalErrorNotAnException) {
  http::request<http::string_body> req{http::verb::get, "/api/v1/dossiers/X/forms/05.pdf", 11};
  engine::form_outcome outcome;
  // The 2018 set has no stop notice: docs::render throws std::invalid_argument.
  outcome.document = docs::stop_notice{};
  outcome.set = docs::form_set::y2018;
  outcome.file_name = "X-05.pdf";
  response res;
  ASSERT_NO_THROW(res = form_response(req, outcome, domain::business_zone{}));
  EXPECT_EQ(res.result(), http::status::internal_server_error);
  EXPECT_EQ(res[http::field::content_type], "application/json");
  const auto body = boost::json::parse(res.body()).as_object();
  const auto& error = body.at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "internal");
  EXPECT_EQ(error.at("message").as_string(),
            "Lỗi máy chủ khi tạo trang hoặc biểu mẫu; vui lòng thử lại sau.");
  EXPECT_EQ(error.at("message_en").as_string(),
            "Server error while making the page or form; please try again later.");
}

TEST(HttpHandler, AStoredNonCharacterStillDrawsTheForm) {
  http::request<http::string_body> req{http::verb::get, "/api/v1/dossiers/X/forms/01.pdf", 11};
  engine::form_outcome outcome;
  docs::form01 receipt;
  receipt.who.full_name = "Nguyễn \uFFFF\uFDD0 An";
  outcome.document = receipt;
  const auto res = form_response(req, outcome, domain::business_zone{});
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_TRUE(res.body().starts_with("%PDF-"));
}

// The search form's GET redirects to the dossier's own address with the code percent-encoded
// as the status page's links are (domain::percent_encode): `~` stays as typed (RFC 3986
// unreserved), since the path is looked up as it stands and "%7E" would not match.
TEST(HttpHandler, SearchFormRedirectsToTheCodesAddressPercentEncoded) {
  const metrics::public_state state;
  const metrics::registry metrics;
  http::request<http::string_body> req{http::verb::get, "/tra-cuu?code=A~B%20C%0D%0AX&lang=en", 11};
  const auto handled = handle_request(req, state, metrics);
  const auto* res = std::get_if<response>(&handled);
  ASSERT_NE(res, nullptr);
  EXPECT_EQ(res->result(), http::status::see_other);
  EXPECT_EQ((*res)[http::field::location], "/tra-cuu/A~B%20C%0D%0AX?lang=en");
}

TEST(HttpHandler, KannelsDeliveryReportGoesToTheEngineAndAnythingLessIsA404) {
  const metrics::public_state state;
  const metrics::registry metrics;
  auto handle = [&](const char* target) {
    return handle_request({http::verb::get, target, 11}, state, metrics);
  };
  const auto report = handle("/api/v1/sms/dlr?id=12&key=abc&status=1");
  const auto* asked = std::get_if<engine::public_request>(&report);
  ASSERT_NE(asked, nullptr);
  const auto& r = std::get<engine::text_report>(*asked);
  EXPECT_EQ(r.id, 12);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.key, "abc");
  for (const auto* target : {"/api/v1/sms/dlr?id=12&key=abc", "/api/v1/sms/dlr?id=x&key=a&status=1",
                             "/api/v1/sms/dlr?id=1&status=1"}) {
    const auto handled = handle(target);
    const auto* res = std::get_if<response>(&handled);
    ASSERT_NE(res, nullptr) << target;
    EXPECT_EQ(res->result(), http::status::not_found) << target;
  }
  const auto posted =
      handle_request({http::verb::post, "/api/v1/sms/dlr?id=1", 11}, state, metrics);
  const auto* post = std::get_if<response>(&posted);
  ASSERT_NE(post, nullptr);
  EXPECT_EQ(post->result(), http::status::method_not_allowed);
}

}  // namespace
}  // namespace motcua::net
