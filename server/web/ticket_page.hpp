// The ticket's page on the citizen's phone (issue 14, `/ve/{token}`: the slip's QR code leads
// there): the number, the service, and what the citizen needs now, in one block: people ahead
// and the estimated wait, then "Mời đến Quầy 3" large, then being served, then done (with the
// rating). Pure functions of what the HTTP layer hands them (net/ticket_pages.hpp): no engine,
// store, network or I/O; every text from the input is escaped (page.hpp).
//
// Live without reloading: a few lines of script (ticket_script, served as /ve.js, the only
// script of our pages) follow /api/v1/tickets/{token}/events and redraw the block from
// templates this page carries, one per state, made by the same function as the block itself; so
// the script holds no text of its own. When it is called, the phone vibrates and beeps where the
// browser allows. With scripts off the page reloads itself every 30 seconds.
//
// The addresses the pages write (lang=en is kept on every one of them):
//   /ve/{token}                 the ticket
//   /ve/{token}/huy             "Tôi không chờ nữa": are you sure?
//   POST /ve/{token}/huy        given up; then /ve/{token}?da-huy=1
//   /ve/{token}/danh-gia        the rating of the service, once done
//   POST /ve/{token}/danh-gia   rated (`level`); then /ve/{token}?da-danh-gia=1
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/web/page.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::web {

// The Content-Security-Policy of the ticket's pages: status_page_csp, and the one script from
// this origin with its event stream.
inline constexpr std::string_view ticket_page_csp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "script-src 'self'; connect-src 'self'";

// A ticket as its page shows it, the names already in the page's language.
struct ticket_card {
  std::string token;
  std::string number;
  std::string service;
  domain::ticket_state state = domain::ticket_state::waiting;
  int ahead = 0;                       // waiting
  std::optional<int> eta_minutes;      // waiting
  std::optional<std::string> counter;  // called, serving
};

// What the ticket's page says above the block, after a step the citizen took.
enum class ticket_notice { none, cancelled, rated, cannot_cancel };

std::string render_ticket_page(lang language, const ticket_card& ticket, ticket_notice notice);
// "Tôi không chờ nữa": the question, one button to confirm, a link back.
std::string render_ticket_cancel_page(lang language, const ticket_card& ticket);
// The satisfaction scale (`levels` 3 or 5), one button per level, best first.
std::string render_ticket_rating_page(lang language, const ticket_card& ticket, int levels);
// The token is no ticket of today's (another day's, or none).
std::string render_ticket_not_found_page(lang language);

// The script of /ve.js.
std::string_view ticket_script();

}  // namespace motcua::web
