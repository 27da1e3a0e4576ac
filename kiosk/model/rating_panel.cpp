#include "kiosk/model/rating_panel.hpp"

#include <algorithm>

namespace motcua::kiosk {

rating_panel::rating_panel(const domain::clock& clock, client::sender send,
                           std::function<std::string()> new_key, protocol::counter_id counter,
                           domain::lang lang, rating_panel_options options)
    : clock_(clock),
      send_(std::move(send)),
      new_key_(std::move(new_key)),
      counter_(counter),
      lang_(lang),
      options_(options),
      since_(clock.now()) {}

std::vector<std::string> rating_panel::topics() { return {"counter/*", "tickets/*"}; }

void rating_panel::apply(const client::inbox_item& item) {
  if (!hall_.apply(item)) return;  // an event seen already
  if (const auto* status = std::get_if<client::link_status>(&item)) {
    if (status->state == client::link_state::online)
      rating_.online(send_);
    else
      rating_.offline();
  } else if (const auto* event = std::get_if<protocol::event>(&item)) {
    const auto* changed = std::get_if<protocol::ticket_changed>(&event->body);
    if (changed && changed->ticket.state == domain::ticket_state::done &&
        changed->ticket.counter == counter_) {
      ticket_ = changed->ticket;
      rating_.drop();
      screen_ = rating_screen::asking;
      since_ = clock_.now();
    }
  } else if (const auto* reply = std::get_if<protocol::reply>(&item)) {
    if (rating_.take(*reply)) {
      // Accepted or not (rated already, too late), the citizen has had their say.
      screen_ = rating_screen::thanks;
      since_ = clock_.now();
    }
  }
}

void rating_panel::rate(int level) {
  if (screen_ != rating_screen::asking || rating_.busy() || !ticket_) return;
  level = std::clamp(level, 1, levels());
  rating_.keep_sending(
      send_, protocol::rate_service{counter_, level, ticket_->id, ticket_->dossier, new_key_()});
}

void rating_panel::go_idle() {
  screen_ = rating_screen::idle;
  ticket_.reset();
  rating_.drop();
}

void rating_panel::tick() {
  const auto shown = clock_.now() - since_;
  if (screen_ == rating_screen::asking && !rating_.busy() && shown >= options_.ask_timeout)
    go_idle();
  if (screen_ == rating_screen::thanks && shown >= options_.thanks_for) go_idle();
}

std::optional<std::chrono::milliseconds> rating_panel::next_deadline() const {
  const auto shown = clock_.now() - since_;
  if (screen_ == rating_screen::asking)
    return std::max(options_.ask_timeout - shown, std::chrono::milliseconds{0});
  if (screen_ == rating_screen::thanks)
    return std::max(options_.thanks_for - shown, std::chrono::milliseconds{0});
  return std::nullopt;
}

}  // namespace motcua::kiosk
