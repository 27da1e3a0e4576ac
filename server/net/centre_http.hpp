// The centre's HTTP service on its connections (server/transport/http_session.hpp): upgrades
// `/ws` to a websocket_session (which takes over the connection's unauthenticated place),
// answers every other request with handle_request (net/http_handler.hpp), asking the engine,
// or the province hub for another unit's dossier, where the answer needs them. Public requests
// draw on the per-address limits first (net/address_limits.hpp); a refused one gets 429.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "server/net/http_handler.hpp"
#include "server/net/shared_state.hpp"
#include "server/transport/http_session.hpp"

namespace motcua::net {

class centre_http final : public http_service {
 public:
  explicit centre_http(shared_state& state);
  void serve(const std::shared_ptr<http_session>& session) override;
  std::string_view failed(const http_request& req) override;

 private:
  using session_ptr = std::shared_ptr<http_session>;
  // The request's limits, route, then the response or a question to the engine.
  void answer(const session_ptr& session);
  // A booking route: its own budgets, then the engine's answer, made a response by `finish` (the
  // JSON one, or a page) on the session's thread.
  void ask_public(const session_ptr& session, engine::public_request asked, metrics::route route,
                  std::chrono::steady_clock::time_point now,
                  std::function<response(const engine::public_answer&)> finish);
  // GET /api/v1/tickets/{token}/events: the connection becomes a ticket_stream.
  void stream_ticket(const session_ptr& session, ticket_stream_request asked);
  // A dossier's public view: from the engine, or from the hub for another unit's.
  void find_dossier(const session_ptr& session, dossier_request asked, metrics::route route,
                    std::chrono::steady_clock::time_point now);

  shared_state& state_;
};

}  // namespace motcua::net
