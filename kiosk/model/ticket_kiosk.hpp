// The ticket kiosk's screens as a plain class: home (services), priority step, the phone step
// (when the centre sends text messages: a mobile number for "your turn is near" and "called",
// optional, skipped with one tap), the issued ticket, dossier lookup (keypad), the dossier's public
// status with its ticket offer, and the check-in of a booking (keypad; its ticket shown and printed
// as any other). The draw code (kiosk/ticket_view) shows what the accessors say and calls the tap
// methods; tests drive the same methods with a test clock and a recording client::sender.
//
// Rules it keeps:
// - One ticket per tap: a take_ticket keeps its request_key until a reply arrives. When the
//   connection drops before the reply, the same request (same key) is sent again as soon as
//   the link is back online, so a retry never issues a second ticket; further taps are ignored
//   while one is pending.
// - Nothing that needs the server can be tapped while offline (can_take is false).
// - Back to home by itself after `idle_return` without a touch (`ticket_return` on the ticket
//   screen), not while a request the citizen waits for is being answered online.
// - The service list is refreshed every `services_refresh` (opening hours change without an
//   event) and after a refusal.
//
// Not thread-safe: the UI thread owns it.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/model/appointment_check_in.hpp"
#include "kiosk/model/dossier_lookup.hpp"
#include "shared/client/hall_mirror.hpp"
#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"

namespace motcua::kiosk {

enum class kiosk_screen { home, priority, phone, ticket, lookup, dossier, check_in };

struct ticket_kiosk_options {
  std::chrono::milliseconds idle_return{30000};
  std::chrono::milliseconds ticket_return{15000};
  std::chrono::milliseconds services_refresh{60000};
};

class ticket_kiosk {
 public:
  ticket_kiosk(const domain::clock& clock, client::sender send,
               std::function<std::string()> new_key, domain::lang lang,
               ticket_kiosk_options options = {});

  // The topics its link's hello asks for (protocol/topics.hpp): the services' counts and the
  // counters (which services are open); it shows no calls.
  static std::vector<std::string> topics();

  // ---- inputs
  void apply(const client::inbox_item& item);
  // Time passes: idle return, periodic refresh. Call once a frame.
  void tick();
  // Any touch or key: restarts the idle timer.
  void touched() { last_touch_ = clock_.now(); }

  // ---- taps
  void choose_service(protocol::service_id id);  // home -> priority
  // priority -> take_ticket (none: no priority group), or -> the phone step when the centre
  // sends texts.
  void choose_priority(domain::priority p);
  // The phone step: take the ticket without a phone, or with the number typed (keys 0-9 and
  // '\b' through press_key, whose Enter confirms). A number that cannot be one is not sent:
  // phone_wrong() says so until the next key.
  void skip_phone();
  void confirm_phone();
  void go_home();
  void open_lookup();    // home -> keypad
  void open_check_in();  // home -> keypad for a booking ("Tôi đã đặt lịch hẹn")
  // Keypad or scanner; '\n' looks up or checks in. Keys typed on the home screen open the lookup;
  // when they turn out to be a booking's page address or code, their Enter checks it in instead.
  void press_key(char key);
  void take_offered_ticket();  // dossier view -> take_ticket with the dossier
  void toggle_language() { lang_ = domain::other(lang_); }

  // ---- what to show
  kiosk_screen screen() const { return screen_; }
  domain::lang language() const { return lang_; }
  const client::hall_mirror& hall() const { return hall_; }
  const dossier_lookup& lookup() const { return lookup_; }
  const appointment_check_in& check_in() const { return check_in_; }
  // The phone step's number as typed, and whether it was refused.
  const std::string& phone() const { return phone_; }
  bool phone_wrong() const { return phone_wrong_; }
  // The service chosen on the priority step.
  const protocol::service_view* chosen() const;
  // Whether a service's button takes a tap: online, open, nothing pending.
  bool can_take(const protocol::service_view& s) const;
  // A take_ticket is waiting for its reply ("Đang lấy số…"). A late check-in's walk-in ticket is
  // taken on the home screen: the refusal does not say the booking's service.
  bool busy() const { return take_.busy(); }
  // The ticket on the ticket screen.
  const std::optional<protocol::ticket_result>& issued() const { return issued_; }
  // The server's last refusal of a ticket (closed, limit), shown on the home screen.
  const std::optional<protocol::error>& refusal() const { return refusal_; }
  // A newly issued ticket to print, once.
  std::optional<protocol::ticket_result> take_slip();
  // How long until tick() may change something (for the frame loop's sleep).
  std::chrono::milliseconds next_deadline() const;

 private:
  void take(protocol::take_ticket request);
  // The chosen service's ticket with the chosen priority (and `phone`).
  void take_chosen(std::optional<std::string> phone);
  void on_reply(const protocol::reply& r);
  // A ticket issued (taken or checked in): the ticket screen, and its slip to print.
  void show(const protocol::ticket_result& issued);
  void refresh_services();
  std::chrono::milliseconds return_after() const;

  const domain::clock& clock_;
  client::sender send_;
  std::function<std::string()> new_key_;
  domain::lang lang_;
  const ticket_kiosk_options options_;

  client::hall_mirror hall_;
  dossier_lookup lookup_;
  appointment_check_in check_in_;
  kiosk_screen screen_ = kiosk_screen::home;
  bool scanned_ = false;  // the lookup was opened by keys on the home screen, until their Enter
  std::optional<protocol::service_id> chosen_;
  domain::priority priority_ = domain::priority::none;  // chosen, for the phone step
  std::string phone_;
  bool phone_wrong_ = false;
  client::request_slot take_;  // the take_ticket, kept until its reply
  std::optional<protocol::ticket_result> issued_;
  bool slip_due_ = false;
  std::optional<protocol::error> refusal_;
  domain::time_point last_touch_;
  domain::time_point last_refresh_;
};

}  // namespace motcua::kiosk
