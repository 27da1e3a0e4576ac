// HTTP on the WebSocket port: /healthz, /metrics, /api/v1/services, the
// public dossier view (/api/v1/dossiers/{code}, JSON) and status pages
// (/tra-cuu, HTML), the printed forms for staff
// (/api/v1/dossiers/{code}/forms/{form}.pdf, /api/v1/tracking-book.pdf), the booking routes
// (GET /api/v1/slots, POST /api/v1/bookings, GET and DELETE /api/v1/bookings/{code}, JSON), the
// booking pages (/dat-lich, HTML: net/booking_pages.hpp), the ticket's (GET
// /api/v1/tickets/{token}, its /events stream and POST .../cancel, JSON; the pages /ve/{token},
// net/ticket_pages.hpp), and a JSON 404 for anything else. Plain functions of the request, testable
// (and fuzzed) without a socket.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/beast/http.hpp>

#include "server/engine/engine.hpp"
#include "server/engine/forms.hpp"
#include "server/metrics/metrics.hpp"
#include "server/transport/http_answers.hpp"
#include "shared/domain/clock.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::net {

// A request that needs a dossier's public view from the engine first.
struct dossier_request {
  std::string code;
  bool html = false;  // the status page (else the JSON view)
};

// A booking page (/dat-lich: net/booking_pages.hpp answers it with the settings and the clock)
// or a ticket's page (/ve/{token}, /ve.js: net/ticket_pages.hpp).
struct page_request {};

// GET /api/v1/tickets/{token}/events: the ticket followed as Server-Sent Events
// (net/ticket_stream.hpp).
struct ticket_stream_request {
  std::string token;
  bool english = false;
};

// The response, or what the engine must answer first.
using handled_request = std::variant<response, dossier_request, engine::form_request,
                                     engine::public_request, page_request, ticket_stream_request>;
handled_request handle_request(const http::request<http::string_body>& req,
                               const metrics::public_state& state,
                               const metrics::registry& metrics);

// The answer to a public request (a booking's, a ticket's) once the engine has answered it: 200
// (201 for a booking made), or the JSON error with its status (400, 404, 409, 429 with
// Retry-After, 500).
response public_response(const http::request<http::string_body>& req,
                         const engine::public_answer& answer);

// The answer to a dossier_request for another unit's dossier while the province hub cannot be
// reached: 503, the JSON error or the page saying so.
response dossier_unreachable(const http::request<http::string_body>& req,
                             const dossier_request& asked);
// The answer to a dossier_request once the engine has looked the code up.
response dossier_response(const http::request<http::string_body>& req, const dossier_request& asked,
                          const std::optional<protocol::public_dossier>& found,
                          const domain::business_zone& zone);

// The answer to a form request once the engine has filled the form: the PDF, rendered here (on
// the calling thread), or the JSON error.
response form_response(const http::request<http::string_body>& req,
                       const engine::form_outcome& outcome, const domain::business_zone& zone);

// What `target` asks for, as the per-address limits count it; nullopt for /healthz, which
// monitoring probes poll and which is never limited.
std::optional<metrics::route> route_of(std::string_view target);

// 429 for a request refused by the per-address limits, with "Retry-After: N": the `limit` JSON
// error, or for the /tra-cuu and /dat-lich pages (a browser) a page saying so.
response too_many_requests(const http::request<http::string_body>& req,
                           std::chrono::seconds retry_after);

}  // namespace motcua::net
