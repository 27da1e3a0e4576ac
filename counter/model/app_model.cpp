#include "counter/model/app_model.hpp"

#include "shared/domain/calendar.hpp"

namespace motcua::counter {

std::optional<screen> parse_screen(std::string_view s) {
  if (s == "queue") return screen::queue;
  if (s == "intake") return screen::intake;
  if (s == "dossiers") return screen::dossiers;
  if (s == "bookings") return screen::bookings;
  if (s == "dashboard") return screen::dashboard;
  if (s == "staffing") return screen::staffing;
  if (s == "province") return screen::province;
  return std::nullopt;
}

app_model::app_model(const domain::clock& clock, client::sender send, counter_settings saved,
                     std::string key_prefix)
    : session(std::move(saved)),
      queue(centre, clock, send),
      intake(clock, send, key_prefix),
      dossiers(send),
      page(clock, send),
      dashboard(centre, clock, send),
      staffing(centre, clock, send),
      bookings(clock, send, key_prefix),
      ticket_texts(clock, send),
      province(clock, send),
      clock_(clock),
      send_(std::move(send)) {}

void app_model::go(screen s) {
  screen_ = s;  // before the login the role is not known: kept as asked (--screen) until then
  if (!online_ || session.current() != stage::working) return;
  if (is_province()) {
    s = screen::province;
  } else {
    if (s == screen::province) s = screen::dashboard;
    if ((s == screen::dashboard || s == screen::staffing) && !is_manager()) s = screen::queue;
    if ((s == screen::queue || s == screen::bookings) && is_manager()) s = screen::dashboard;
  }
  screen_ = s;
  started_ = true;
  switch (s) {
    case screen::intake:
      if (intake.procedures().empty()) intake.load();
      break;
    case screen::dossiers:
      dossiers.search();
      break;
    case screen::dashboard:
      dashboard.refresh();
      break;
    case screen::staffing:
      if (!staffing.ready() && !staffing.asking()) {
        const domain::working_calendar calendar{domain::calendar_rules{}};
        const auto next = calendar.next_working_day(domain::business_zone{}.day_of(clock_.now()));
        staffing.show_typical(std::chrono::weekday{std::chrono::sys_days{next}});
        staffing.advise(next);
      }
      break;
    case screen::queue:  // its appointment tickets are marked with their booking's slot
    case screen::bookings:
      bookings.refresh();
      break;
    case screen::province:
      province.refresh();
      break;
    case screen::dossier:
      break;
  }
}

void app_model::open_dossier(const std::string& code) {
  page.open(code);
  screen_ = screen::dossier;
}

void app_model::on_hello(const protocol::hello_result& h) {
  online_ = true;  // the link says so right after the reply
  if (h.session_token) session_token_ = h.session_token;
  session.on_hello(h, centre);
  if (session.current() == stage::working) {
    queue.set_counter(session.chosen_counter ? session.chosen_counter : centre.my_counter());
    go(screen_);  // ask again for what the screen shows (also after a reconnect)
  }
}

void app_model::apply(const client::inbox_item& item) {
  const bool applied = centre.apply(item);  // the hello's snapshot first; false: an old event
  if (const auto* s = std::get_if<client::link_status>(&item)) {
    online_ = s->state == client::link_state::online;
    if (!online_) {
      queue.offline();
      intake.offline();
      dossiers.offline();
      page.offline();
      dashboard.offline();
      staffing.offline();
      bookings.offline();
      ticket_texts.offline();
      province.offline();
    }
    session.on_status(*s);
    return;
  }
  if (const auto* r = std::get_if<protocol::reply>(&item)) {
    if (const auto* h = std::get_if<protocol::hello_result>(&r->body)) return on_hello(*h);
    if (session.on_reply(*r)) {
      if (session.current() == stage::working) {
        queue.set_counter(session.chosen_counter);
        go(screen_);
      }
      return;
    }
    if (queue.on_reply(*r)) return open_called_dossier(*r);
    intake.on_reply(*r) || dossiers.on_reply(*r) || page.on_reply(*r) || dashboard.on_reply(*r) ||
        staffing.on_reply(*r) || bookings.on_reply(*r) || ticket_texts.on_reply(*r) ||
        province.on_reply(*r);
    return;
  }
  if (!applied) return;
  const auto& e = std::get<protocol::event>(item);
  dossiers.on_event(e);
  page.on_event(e);
  bookings.on_event(e);
  if (is_manager()) dashboard.on_event(e);
  follow_ticket_texts();
}

void app_model::follow_ticket_texts() {
  const auto* t = queue.current();
  ticket_texts.follow(t && centre.texts() ? std::optional(t->id) : std::nullopt);
}

void app_model::open_called_dossier(const protocol::reply& r) {
  const auto* t = std::get_if<protocol::ticket_result>(&r.body);
  if (t && t->ticket.dossier && t->ticket.state == domain::ticket_state::called &&
      t->ticket.recalls == 0)
    open_dossier(*t->ticket.dossier);
}

bool app_model::ready() const {
  // A refused login is a finished screen too: it shows the server's message; so is a login
  // that cannot reach the server (it says why while the link keeps trying).
  if ((session.current() == stage::login || session.current() == stage::connecting) &&
      session.problem())
    return true;
  if (!online_ || session.current() != stage::working || !started_) return false;
  switch (screen_) {
    case screen::queue:
      return centre.synced() && !queue.busy() && bookings.answered() &&
             (!centre.texts() || !queue.current() || ticket_texts.answered());
    case screen::bookings:
      return bookings.answered() && !bookings.busy();
    case screen::intake:
      return !intake.procedures().empty() && !intake.busy();
    case screen::dossiers:
      return dossiers.answered() && !dossiers.busy();
    case screen::dossier:
      return page.dossier().has_value() && !page.busy();
    case screen::dashboard:
      return dashboard.period() && dashboard.month() && !dashboard.asking_ahead();
    case screen::staffing:
      return !staffing.asking() && (staffing.ready() || staffing.problem());
    case screen::province:
      return !province.busy() && (province.figures() || province.problem());
  }
  return false;
}

}  // namespace motcua::counter
