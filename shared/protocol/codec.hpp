// The one JSON codec (Boost.JSON) for every message of the wire contract.
// Decoding validates types and required fields and says precisely what is
// wrong ("take_ticket.service: expected an integer, got a string"); unknown
// fields are ignored so that the contract can grow.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shared/protocol/messages.hpp"

namespace motcua::protocol {

// A request that could not be decoded: the reply to send back. `id` is set
// when the frame was a JSON object with an integer `id`.
struct decode_failure {
  std::optional<std::int64_t> id;
  protocol::error error;  // always bad_request
};

std::variant<request, decode_failure> decode_request(std::string_view text);
std::string encode(const request& r);

// Server -> client. `decode_server_message` fails with a bad_request error
// describing the first problem found.
std::string encode(const reply& r);
std::string encode(const event& e);
std::variant<server_message, error> decode_server_message(std::string_view text);

// One view as a JSON object (the audit log keeps entities' before/after so).
std::string encode(const ticket& t);
std::string encode(const counter_view& c);
std::string encode(const public_dossier& d);  // GET /api/v1/dossiers/{code}
std::string encode(const public_ticket& t);   // GET /api/v1/tickets/{token}
std::string encode(const booking_result& b);  // POST /api/v1/bookings and /api/v1/bookings/{code}
std::string encode(const slots_result& s);    // GET /api/v1/slots

// HTTP bodies.
std::string encode_services(const std::vector<service_view>& services);  // JSON array
// {"error":{"code","message","message_en","fields"?,"retry_after"?,"retry_at"?}}
std::string encode_http_error(const error& e);
// The body of POST /api/v1/bookings: the fields of `book`, and `lang`. A body that is no JSON
// object, or a field of the wrong type: the bad_request error naming it.
std::variant<book, error> decode_book(std::string_view body);
// The body of PATCH /api/v1/bookings/{code}: {"start"}, the booking's `code` from the address;
// errors in English when `english` (the route's ?lang=en).
std::variant<move_booking, error> decode_move(std::string_view body, std::string code,
                                              bool english);

}  // namespace motcua::protocol
