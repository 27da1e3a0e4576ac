#include "server/net/centre_http.hpp"

#include <boost/beast/websocket.hpp>

#include "server/net/booking_pages.hpp"
#include "server/net/ticket_pages.hpp"
#include "server/net/ticket_stream.hpp"
#include "server/net/websocket_session.hpp"

namespace motcua::net {

centre_http::centre_http(shared_state& state)
    : http_service({std::chrono::seconds(state.settings.tls.handshake_timeout_seconds),
                    protocol::max_http_body_bytes}),
      state_(state) {}

std::string_view centre_http::failed(const http_request& req) {
  state_.metrics.http_failed();
  auto route = route_of(req.target());
  return route ? metrics::name_of(*route) : "health";
}

void centre_http::serve(const session_ptr& session) {
  auto& req = session->request();
  if (beast::websocket::is_upgrade(req)) {
    std::string_view target = req.target();
    if (target.substr(0, target.find('?')) == "/ws") {
      if (auto refused = refuse_upgrade(req, state_.settings))
        return session->write(std::move(*refused));
      auto taken = session->hand_over();
      taken.stream.expires_never();
      std::make_shared<websocket_session>(std::move(taken.stream), state_, std::move(taken.place))
          ->run(std::move(req));
      return;
    }
  }
  answer(session);
}

void centre_http::answer(const session_ptr& session) {
  const auto& req = session->request();
  auto now = std::chrono::steady_clock::now();
  auto route = route_of(req.target());
  if (route)
    if (auto v = state_.addresses.request(session->peer(), *route, now); !v.allowed)
      return session->write(too_many_requests(req, v.retry_after));
  auto handled = handle_request(req, *state_.runner.state(), state_.metrics);
  if (auto* res = std::get_if<response>(&handled)) return session->write(std::move(*res));
  if (auto* form = std::get_if<engine::form_request>(&handled)) {
    // The engine checks the session and fills the form; the PDF is drawn on the connection's
    // thread, not the engine's.
    state_.runner.form(std::move(*form), [this, session](engine::form_outcome outcome) {
      session->later([this, session, outcome = std::move(outcome)] {
        session->write(form_response(session->request(), outcome, state_.settings.zone));
      });
    });
    return;
  }
  if (auto* booking = std::get_if<engine::public_request>(&handled))
    return ask_public(session, std::move(*booking), route.value_or(metrics::route::other), now,
                      [session](const engine::public_answer& a) {
                        return public_response(session->request(), a);
                      });
  if (auto* follow = std::get_if<ticket_stream_request>(&handled))
    return stream_ticket(session, std::move(*follow));
  if (std::holds_alternative<page_request>(handled)) {
    std::string_view path = req.target();
    auto page =
        ticket_pages(path.substr(0, path.find('?')))
            ? ticket_page(req, state_.settings)
            : booking_page(req, state_.settings, state_.form_key, domain::system_clock{}.now());
    if (auto* res = std::get_if<response>(&page)) return session->write(std::move(*res));
    auto& asked = std::get<page_ask>(page);
    return ask_public(session, std::move(asked.ask), route.value_or(metrics::route::other), now,
                      std::move(asked.finish));
  }
  find_dossier(session, std::get<dossier_request>(std::move(handled)),
               route.value_or(metrics::route::other), now);
}

void centre_http::find_dossier(const session_ptr& session, dossier_request asked,
                               metrics::route route, std::chrono::steady_clock::time_point now) {
  // The dossier lives with the engine: ask it, answer when it replies. A lookup also draws on
  // the address's lookup budget, and an unknown code costs more.
  auto v = state_.addresses.lookup(session->peer(), route, now);
  if (!v.allowed) return session->write(too_many_requests(session->request(), v.retry_after));
  if (state_.hub.remote(asked.code)) {  // another unit's: the province hub knows it
    state_.hub.find(asked.code, [this, session, asked](province::remote_dossier r) {
      session->later([this, session, asked, r = std::move(r)] {
        using outcome = province::remote_dossier::outcome;
        if (r.result == outcome::unreachable)
          return session->write(dossier_unreachable(session->request(), asked));
        if (!r.view) state_.addresses.missed(session->peer(), std::chrono::steady_clock::now());
        session->write(dossier_response(session->request(), asked, r.view, state_.settings.zone));
      });
    });
    return;
  }
  auto code = asked.code;
  state_.runner.lookup(std::move(code), [this, session, asked](auto found) {
    session->later([this, session, asked, found = std::move(found)] {
      if (!found) state_.addresses.missed(session->peer(), std::chrono::steady_clock::now());
      session->write(dossier_response(session->request(), asked, found, state_.settings.zone));
    });
  });
}

void centre_http::ask_public(const session_ptr& session, engine::public_request asked,
                             metrics::route route, std::chrono::steady_clock::time_point now,
                             std::function<response(const engine::public_answer&)> finish) {
  // A booking asked for by its code and token draws on the lookup budget (a wrong one costs
  // more, like an unknown dossier code); a booking made, cancelled or moved, a ticket given up
  // or rated, on the budget for writes. A ticket read by its token does not: see stream_ticket.
  const auto* booking = std::get_if<engine::booking_lookup>(&asked);
  const auto* ticket = std::get_if<engine::ticket_lookup>(&asked);
  const bool rating = std::holds_alternative<engine::ticket_rating>(asked);
  const bool lookup = booking != nullptr;
  const bool writes = std::holds_alternative<protocol::book>(asked) ||
                      (booking && booking->writes()) || (ticket && ticket->cancel) || rating;
  if (lookup)
    if (auto v = state_.addresses.lookup(session->peer(), route, now); !v.allowed)
      return session->write(too_many_requests(session->request(), v.retry_after));
  if (writes)
    if (auto v = state_.addresses.write(session->peer(), route, now); !v.allowed)
      return session->write(too_many_requests(session->request(), v.retry_after));
  state_.runner.public_route(std::move(asked), [this, session, lookup, finish = std::move(finish)](
                                                   engine::public_answer answer) {
    session->later([this, session, lookup, finish, answer = std::move(answer)] {
      const auto* e = std::get_if<protocol::error>(&answer.body);
      if (lookup && e && e->code == protocol::error_code::not_found)
        state_.addresses.missed(session->peer(), std::chrono::steady_clock::now());
      session->write(finish(answer));
    });
  });
}

void centre_http::stream_ticket(const session_ptr& session, ticket_stream_request asked) {
  // A ticket's token is 128 random bits: nothing to walk, so its page, JSON and stream draw on
  // no lookup budget, found or not (only on the address's request budget, as every public
  // request). A hall's phones share the centre's one Wi-Fi address: a budget of lookups would
  // refuse them all after a few dozen opens, or after a few stale tabs of yesterday's tickets.
  // The stream then holds a follower's place instead of the connection's unauthenticated one.
  auto admitted = state_.ticket_followers.admit(session->peer());
  if (!std::holds_alternative<admission::place>(admitted))  // every place taken: later
    return session->write(too_many_requests(session->request(), std::chrono::seconds(30)));
  const auto peer = session->peer();
  auto request = std::move(session->request());
  auto taken = session->hand_over();  // its unauthenticated place is given back here
  std::make_shared<ticket_stream>(std::move(taken.stream), state_,
                                  std::get<admission::place>(std::move(admitted)),
                                  std::move(request), peer)
      ->run(std::move(asked.token), asked.english);
}

}  // namespace motcua::net
