#include "net/http_handler.hpp"

#include "protocol/codec.hpp"

namespace motcua::net {
namespace {

http::response<http::string_body> respond(const http::request<http::string_body>& req,
                                          http::status status, std::string content_type,
                                          std::string body) {
  http::response<http::string_body> res{status, req.version()};
  res.set(http::field::server, "motcua");
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = req.method() == http::verb::head ? std::string() : std::move(body);
  res.prepare_payload();
  return res;
}

http::response<http::string_body> error(const http::request<http::string_body>& req,
                                        http::status status, protocol::error_code code,
                                        std::string message_vi, std::string message_en) {
  return respond(req, status, "application/json",
                 protocol::encode_http_error({code, std::move(message_vi), std::move(message_en), {}}));
}

}  // namespace

http::response<http::string_body> bad_request(const http::request<http::string_body>& req) {
  return error(req, http::status::bad_request, protocol::error_code::bad_request,
               "Yêu cầu HTTP không hợp lệ.", "Malformed HTTP request.");
}

http::response<http::string_body> handle_request(const http::request<http::string_body>& req,
                                                 const metrics::public_state& state,
                                                 const metrics::registry& metrics) {
  constexpr auto json = "application/json";
  std::string_view target = req.target();
  target = target.substr(0, target.find('?'));

  if (req.method() != http::verb::get && req.method() != http::verb::head)
    return error(req, http::status::method_not_allowed, protocol::error_code::bad_request,
                 "Chỉ hỗ trợ GET.", "Only GET is supported.");
  if (target == "/healthz") return respond(req, http::status::ok, json, R"({"status":"ok"})");
  if (target == "/metrics")
    return respond(req, http::status::ok, "text/plain; version=0.0.4; charset=utf-8",
                   metrics.render(state));
  if (target == "/api/v1/services")
    return respond(req, http::status::ok, json, protocol::encode_services(state.services));
  if (target == "/ws")
    return error(req, http::status::upgrade_required, protocol::error_code::bad_request,
                 "Cần kết nối WebSocket (motcua.v1).", "A WebSocket upgrade (motcua.v1) is needed.");
  return error(req, http::status::not_found, protocol::error_code::not_found,
               "Không tìm thấy địa chỉ này.", "Not found.");
}

}  // namespace motcua::net
