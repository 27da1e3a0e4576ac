#include "server/net/page_response.hpp"

namespace motcua::net {

http::request<http::string_body> request_shape(const http::request<http::string_body>& req) {
  http::request<http::string_body> shape{req.method(), "", req.version()};
  shape.keep_alive(req.keep_alive());
  return shape;
}

response html(const http::request<http::string_body>& req, http::status status, std::string body,
              std::string_view csp) {
  response res{status, req.version()};
  res.set(http::field::server, "motcua");
  res.set(http::field::content_type, "text/html; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.set("Content-Security-Policy", csp);
  res.set("Referrer-Policy", "no-referrer");
  res.keep_alive(req.keep_alive());
  res.body() = req.method() == http::verb::head ? std::string() : std::move(body);
  res.prepare_payload();
  return res;
}

response see_other(const http::request<http::string_body>& req, const std::string& location) {
  auto res = html(req, http::status::see_other, "");
  res.set(http::field::location, location);
  return res;
}

bool same_origin(const http::request<http::string_body>& req) {
  const std::string_view origin = req[http::field::origin];
  const std::string host(req[http::field::host]);
  return origin.empty() || origin == "null" || origin == "http://" + host ||
         origin == "https://" + host;
}

}  // namespace motcua::net
