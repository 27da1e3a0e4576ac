#include "server/transport/http_answers.hpp"

#include "shared/protocol/codec.hpp"

namespace motcua::net {

response respond(const http_request& req, http::status status, std::string content_type,
                 std::string body) {
  response res{status, req.version()};
  res.set(http::field::server, "motcua");
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = req.method() == http::verb::head ? std::string() : std::move(body);
  res.prepare_payload();
  return res;
}

response error(const http_request& req, http::status status, protocol::error_code code,
               std::string message_vi, std::string message_en) {
  return respond(
      req, status, "application/json",
      protocol::encode_http_error({code, std::move(message_vi), std::move(message_en), {}}));
}

response bad_request(beast::error_code why) {
  http_request none{http::verb::get, "/", 11};
  none.keep_alive(false);
  if (why == http::error::header_limit)
    return error(none, http::status::request_header_fields_too_large,
                 protocol::error_code::bad_request, "Phần đầu (header) của yêu cầu quá lớn.",
                 "The request's headers are too large.");
  if (why == http::error::body_limit)
    return error(none, http::status::payload_too_large, protocol::error_code::bad_request,
                 "Nội dung yêu cầu quá lớn.", "The request's body is too large.");
  return error(none, http::status::bad_request, protocol::error_code::bad_request,
               "Yêu cầu HTTP không hợp lệ.", "Malformed HTTP request.");
}

response internal_error(const http_request& req) {
  auto res = error(req, http::status::internal_server_error, protocol::error_code::internal,
                   "Lỗi máy chủ khi xử lý yêu cầu; vui lòng thử lại sau.",
                   "The server failed to handle this request; please try again later.");
  res.keep_alive(false);
  return res;
}

}  // namespace motcua::net
