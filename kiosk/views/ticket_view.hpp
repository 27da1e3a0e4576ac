// Draws the ticket kiosk's screens (home, priority, ticket, keypad, dossier status, check-in) from
// a ticket_kiosk and records the taps; no logic of its own beyond the keypad's letters page.
#pragma once

#include <string>

#include "kiosk/model/ticket_kiosk.hpp"
#include "kiosk/views/view_kit.hpp"

namespace motcua::kiosk {

class ticket_view {
 public:
  ticket_view(std::string centre, bool printer) : centre_(std::move(centre)), printer_(printer) {}

  void draw(const ticket_kiosk& k, const view_context& v);
  // A message from the printer (an error), shown on the ticket screen until the next ticket.
  void set_printer_message(std::string m) { printer_message_ = std::move(m); }

 private:
  void header(const ticket_kiosk& k, const view_context& v, const char* prompt);
  void home(const ticket_kiosk& k, const view_context& v);
  void priority(const ticket_kiosk& k, const view_context& v);
  void ticket(const ticket_kiosk& k, const view_context& v);
  // The ticket's page for the citizen's phone as a QR code over what it is for: on a landscape
  // screen in the right margin from `top` (the number's block), on a portrait one under the
  // ticket's lines.
  void phone_page(const std::string& url, domain::lang l, const view_context& v, float top);
  void keypad(const ticket_kiosk& k, const view_context& v);
  void dossier(const ticket_kiosk& k, const view_context& v);
  void check_in(const ticket_kiosk& k, const view_context& v);
  void phone(const ticket_kiosk& k, const view_context& v);
  // The keypad screens' parts: what was typed (or a grey example), then the keys (digits or
  // letters, the page switch, erase and `submit`; with `skip` (the phone step), digits only and
  // that button, tap "skip_phone", where the page switch was).
  void typed_box(const view_context& v, const std::string& typed, const char* placeholder);
  void keys(const view_context& v, domain::lang l, bool enabled, bool can_submit,
            const char* submit, const char* skip = nullptr);

  std::string centre_;
  bool printer_;
  bool letters_ = false;  // the keypad shows letters instead of digits
  std::string printer_message_;
  qr_code phone_qr_;
};

}  // namespace motcua::kiosk
