// The counter app as a whole, without a window: which screen is open, what the live link
// said (online or not, the session token for the HTTP forms), and the routing of every inbox
// item to the screen models — hello replies reset the hall's state, replies go to the model
// that sent the request, events to every model that follows them. Plain C++; UI thread only.
#pragma once

#include <optional>
#include <string>

#include "counter/model/booking_model.hpp"
#include "counter/model/dashboard_model.hpp"
#include "counter/model/dossier_list_model.hpp"
#include "counter/model/dossier_page_model.hpp"
#include "counter/model/intake_model.hpp"
#include "counter/model/province_model.hpp"
#include "counter/model/queue_model.hpp"
#include "counter/model/session_model.hpp"
#include "counter/model/staffing_model.hpp"
#include "counter/model/ticket_texts_model.hpp"
#include "shared/client/hall_mirror.hpp"
#include "shared/client/live_link.hpp"

namespace motcua::counter {

// `province`: the province dashboard, the one screen of a province manager logged in to the hub.
enum class screen { queue, intake, dossiers, dossier, bookings, dashboard, staffing, province };
// "queue", "intake", "dossiers", "bookings", "dashboard", "staffing", "province" (the --screen
// flag); nothing otherwise.
std::optional<screen> parse_screen(std::string_view s);

class app_model {
 public:
  // `key_prefix` makes register_dossier's request keys unique to this desk and run.
  app_model(const domain::clock& clock, client::sender send, counter_settings saved,
            std::string key_prefix);

  client::hall_mirror centre;  // the hall as the server said it
  session_model session;
  queue_model queue;
  intake_model intake;
  dossier_list_model dossiers;
  dossier_page_model page;
  dashboard_model dashboard;
  staffing_model staffing;          // managers: what if, and the staffing advice
  booking_model bookings;           // clerks only: managers have no `book` nor `cancel_booking`
  ticket_texts_model ticket_texts;  // the texts of the counter's ticket, when the centre texts
  province_model province;          // province managers, at the hub

  void apply(const client::inbox_item& item);

  screen current() const { return screen_; }
  // Opens a screen and asks for what it shows. Clerks have no dashboard and no staffing;
  // managers no queue and no bookings screen; a province manager has the province screen only. The
  // staffing screen opens on the typical day of the next working day's weekday, and the advice for
  // that day.
  void go(screen s);
  void open_dossier(const std::string& code);
  // Opens the chosen counter with the chosen services (session_model::open).
  void open_counter() { session.open(send_); }
  bool online() const { return online_; }
  domain::time_point now() const { return clock_.now(); }
  const std::optional<std::string>& session_token() const { return session_token_; }
  bool is_manager() const { return session.role() != protocol::role::clerk; }
  bool is_province() const { return session.role() == protocol::role::province_manager; }
  // Keeps ticket_texts on the counter's current ticket (after each event, and every frame the
  // queue screen is drawn: texts on their way are asked for again).
  void follow_ticket_texts();
  // Everything the open screen needs has arrived (for --screenshot).
  bool ready() const;

 private:
  void on_hello(const protocol::hello_result& h);
  // A ticket taken for a dossier (at the kiosk: collect a result, bring papers) opens that
  // dossier's page when the clerk calls it.
  void open_called_dossier(const protocol::reply& r);

  const domain::clock& clock_;
  client::sender send_;
  screen screen_ = screen::queue;
  bool online_ = false;
  bool started_ = false;  // the first screen's data was asked for
  std::optional<std::string> session_token_;
};

}  // namespace motcua::counter
