// libFuzzer target: raw bytes as an HTTP request, parsed by Beast with the
// server's limits and answered by the server's handle_request.
#include <cstddef>
#include <cstdint>

#include <boost/beast/http.hpp>

#include "server/metrics/metrics.hpp"
#include "server/net/http_handler.hpp"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const motcua::metrics::public_state state{
      {motcua::protocol::service_view{1,
                                      "NCC",
                                      "Người có công",
                                      "People with meritorious services",
                                      "A",
                                      true,
                                      3,
                                      12,
                                      {},
                                      30,
                                      20}},
      {{"received", 2}, {"processing", 1}},
      0,
      {{"NCC", {}}}};
  static motcua::metrics::registry metrics;

  http::request_parser<http::string_body> parser;
  parser.body_limit(8 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  auto handled = motcua::net::handle_request(parser.get(), state, metrics);
  // Forms, bookings, the public pages and the ticket's event stream need the engine: a parsed
  // request for one is as far as the fuzzer goes.
  if (std::holds_alternative<motcua::engine::form_request>(handled) ||
      std::holds_alternative<motcua::engine::public_request>(handled) ||
      std::holds_alternative<motcua::net::page_request>(handled) ||
      std::holds_alternative<motcua::net::ticket_stream_request>(handled))
    return 0;
  auto res = std::holds_alternative<motcua::net::response>(handled)
                 ? std::get<motcua::net::response>(std::move(handled))
                 : motcua::net::dossier_response(parser.get(),
                                                 std::get<motcua::net::dossier_request>(handled),
                                                 std::nullopt, motcua::domain::business_zone{});
  if (res.result_int() < 200 || res.result_int() > 599) __builtin_trap();
  return 0;
}
