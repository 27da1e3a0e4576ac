#include "kiosk/model/ticket_kiosk.hpp"

#include <algorithm>

#include "kiosk/model/keypad_input.hpp"
#include "shared/domain/person.hpp"

namespace motcua::kiosk {

ticket_kiosk::ticket_kiosk(const domain::clock& clock, client::sender send,
                           std::function<std::string()> new_key, domain::lang lang,
                           ticket_kiosk_options options)
    : clock_(clock),
      send_(std::move(send)),
      new_key_(std::move(new_key)),
      lang_(lang),
      options_(options),
      lookup_(send_),
      check_in_(send_),
      last_touch_(clock.now()),
      last_refresh_(clock.now()) {}

std::vector<std::string> ticket_kiosk::topics() { return {"queue/*", "counter/*"}; }

void ticket_kiosk::apply(const client::inbox_item& item) {
  hall_.apply(item);
  if (const auto* status = std::get_if<client::link_status>(&item)) {
    if (status->state == client::link_state::online) {
      last_refresh_ = clock_.now();  // the hello snapshot is fresh
      take_.online(send_);
      check_in_.on_online();
    } else {
      take_.offline();  // no reply will come on that connection
      check_in_.on_offline();
      lookup_.on_offline();
    }
  } else if (const auto* reply = std::get_if<protocol::reply>(&item)) {
    on_reply(*reply);
  }
}

void ticket_kiosk::on_reply(const protocol::reply& r) {
  if (lookup_.on_reply(r)) {
    if (lookup_.found()) screen_ = kiosk_screen::dossier;
    return;
  }
  if (check_in_.on_reply(r)) {
    if (const auto* result = std::get_if<protocol::ticket_result>(&r.body)) show(*result);
    touched();
    return;
  }
  if (!take_.take(r)) return;
  if (const auto* result = std::get_if<protocol::ticket_result>(&r.body)) {
    show(*result);
  } else {
    refusal_ = std::get<protocol::error>(r.body);
    screen_ = kiosk_screen::home;
    refresh_services();
  }
  touched();
}

void ticket_kiosk::show(const protocol::ticket_result& issued) {
  issued_ = issued;
  slip_due_ = true;
  refusal_.reset();
  screen_ = kiosk_screen::ticket;
}

void ticket_kiosk::tick() {
  const auto now = clock_.now();
  const bool waiting_online = take_.in_flight() || check_in_.in_flight();
  if (screen_ != kiosk_screen::home && !waiting_online && now - last_touch_ >= return_after())
    go_home();
  if (hall_.online() && now - last_refresh_ >= options_.services_refresh) refresh_services();
}

std::chrono::milliseconds ticket_kiosk::return_after() const {
  return screen_ == kiosk_screen::ticket ? options_.ticket_return : options_.idle_return;
}

std::chrono::milliseconds ticket_kiosk::next_deadline() const {
  const auto now = clock_.now();
  auto until_refresh = options_.services_refresh - (now - last_refresh_);
  if (screen_ == kiosk_screen::home) return std::max(until_refresh, std::chrono::milliseconds{0});
  const auto until_return = return_after() - (now - last_touch_);
  return std::max(std::min(until_refresh, until_return), std::chrono::milliseconds{0});
}

void ticket_kiosk::refresh_services() {
  last_refresh_ = clock_.now();
  send_(protocol::list_services{});
}

const protocol::service_view* ticket_kiosk::chosen() const {
  return chosen_ ? hall_.service(*chosen_) : nullptr;
}

bool ticket_kiosk::can_take(const protocol::service_view& s) const {
  return hall_.online() && s.open && !take_.busy();
}

void ticket_kiosk::choose_service(protocol::service_id id) {
  touched();
  const auto* s = hall_.service(id);
  if (screen_ != kiosk_screen::home || !s || !can_take(*s)) return;
  chosen_ = id;
  refusal_.reset();
  screen_ = kiosk_screen::priority;
}

void ticket_kiosk::choose_priority(domain::priority p) {
  touched();
  if (screen_ != kiosk_screen::priority || !chosen_ || take_.busy() || !hall_.online()) return;
  priority_ = p;
  if (!hall_.texts()) return take_chosen(std::nullopt);
  phone_.clear();
  phone_wrong_ = false;
  screen_ = kiosk_screen::phone;
}

void ticket_kiosk::skip_phone() {
  touched();
  if (screen_ == kiosk_screen::phone) take_chosen(std::nullopt);
}

void ticket_kiosk::confirm_phone() {
  touched();
  if (screen_ != kiosk_screen::phone) return;
  auto checked = domain::normalise_phone(phone_);
  phone_wrong_ = checked.problem.has_value();
  if (!phone_wrong_) take_chosen(std::move(checked.normalised));
}

void ticket_kiosk::take_chosen(std::optional<std::string> phone) {
  if (!chosen_ || take_.busy() || !hall_.online()) return;
  take(protocol::take_ticket{
      *chosen_, new_key_(), priority_, std::string(domain::code_of(lang_)), {}, std::move(phone)});
}

void ticket_kiosk::take_offered_ticket() {
  touched();
  const auto& dossier = lookup_.found();
  if (screen_ != kiosk_screen::dossier || !dossier || !dossier->ticket_offer || take_.busy() ||
      !hall_.online())
    return;
  take(protocol::take_ticket{dossier->ticket_offer->service,
                             new_key_(),
                             domain::priority::none,
                             std::string(domain::code_of(lang_)),
                             dossier->code,
                             {}});
}

void ticket_kiosk::take(protocol::take_ticket request) {
  take_.keep_sending(send_, std::move(request));
}

void ticket_kiosk::go_home() {
  screen_ = kiosk_screen::home;
  scanned_ = false;
  chosen_.reset();
  phone_.clear();
  phone_wrong_ = false;
  issued_.reset();
  lookup_.reset();
  check_in_.reset();
  if (!take_.in_flight()) take_.drop();  // nobody is waiting for it any more
}

void ticket_kiosk::open_lookup() {
  touched();
  if (screen_ != kiosk_screen::home) return;
  lookup_.reset();
  screen_ = kiosk_screen::lookup;
  scanned_ = false;
}

void ticket_kiosk::open_check_in() {
  touched();
  if (screen_ != kiosk_screen::home) return;
  check_in_.reset();
  screen_ = kiosk_screen::check_in;
}

void ticket_kiosk::press_key(char key) {
  touched();
  const bool enter = key == '\n' || key == '\r';
  if (screen_ == kiosk_screen::home && !enter && key != '\b') {
    // A scanner typing on the home screen: a dossier's code or status page, or a booking's. Which
    // one is known at its Enter, so the keys go to the lookup (shown) and the check-in both.
    open_lookup();
    check_in_.reset();
    scanned_ = true;
  }
  if (screen_ == kiosk_screen::lookup && scanned_) {
    if (!enter) {
      check_in_.press(key);
    } else {
      scanned_ = false;
      if (appointment_check_in::is_booking(check_in_.typed())) {
        lookup_.reset();
        screen_ = kiosk_screen::check_in;
      } else {
        check_in_.reset();
      }
    }
  }
  if (screen_ == kiosk_screen::phone) {
    phone_wrong_ = false;
    // A mobile number: 10 digits, or 12 with 84 in front.
    if (type_key(phone_, key, 12, [](char c) { return c >= '0' && c <= '9'; })) confirm_phone();
  }
  if (screen_ == kiosk_screen::lookup) lookup_.press(key);
  if (screen_ == kiosk_screen::check_in) check_in_.press(key);
}

std::optional<protocol::ticket_result> ticket_kiosk::take_slip() {
  if (!slip_due_) return std::nullopt;
  slip_due_ = false;
  return issued_;
}

}  // namespace motcua::kiosk
