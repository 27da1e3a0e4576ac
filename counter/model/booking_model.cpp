#include "counter/model/booking_model.hpp"

#include <algorithm>

#include "counter/model/format.hpp"

namespace motcua::counter {

using domain::booking_status;

booking_model::booking_model(const domain::clock& clock, client::sender send,
                             std::string key_prefix)
    : clock_(clock), send_(std::move(send)), key_prefix_(std::move(key_prefix)) {
  // Booking closes at the cut-off the working day before: tomorrow is the day most callers want.
  form.day = domain::format_ddmmyyyy(std::chrono::sys_days{today_date()} + std::chrono::days{1});
}

void booking_model::refresh() {
  today_slot_.send(send_, protocol::list_bookings{domain::format_iso_date(today_date()), {}});
}

booking_counts booking_model::counts() const {
  booking_counts out;
  for (const auto& b : today_) switch (b.status) {
      case booking_status::booked:
        ++out.booked;
        break;
      case booking_status::checked_in:
        ++out.checked_in;
        break;
      case booking_status::missed:
        ++out.missed;
        break;
      case booking_status::cancelled:
        ++out.cancelled;
        break;
    }
  return out;
}

std::optional<std::string> booking_model::slot_of(protocol::ticket_id ticket) const {
  auto it = std::ranges::find(today_, std::optional(ticket), &protocol::booking_view::ticket);
  if (it == today_.end()) return std::nullopt;
  return local_hh_mm(it->start, zone_);
}

bool booking_model::find_slots() {
  auto day = parse_ui_date(form.day);
  if (!day || form.service == 0) return false;
  form_day_.reset();
  form.start.clear();
  form_slot_.drop();  // the answer for another day or service no longer matters
  return form_slot_.send(send_,
                         protocol::list_bookings{domain::format_iso_date(*day), form.service});
}

std::vector<protocol::slot_view> booking_model::free_slots() const {
  std::vector<protocol::slot_view> out;
  if (!form_day_) return out;
  for (const auto& s : form_day_->slots) {
    auto start = domain::parse_iso8601(s.start);
    if (s.free > 0 && start && *start > clock_.now()) out.push_back(s);
  }
  return out;
}

bool booking_model::can_book() const {
  return !busy() && !form.start.empty() && !form.full_name.empty() && !form.phone.empty();
}

void booking_model::book() {
  if (!can_book()) return;
  protocol::book r;
  r.service = form.service;
  r.start = form.start;
  r.full_name = form.full_name;
  r.phone = form.phone;
  if (!form.id_number.empty()) r.id_number = form.id_number;
  r.request_key = key_prefix_ + "-booking-" + std::to_string(form_number_);
  problem_.reset();
  action_slot_.send(send_, std::move(r));
}

void booking_model::cancel(const std::string& code, std::string reason) {
  problem_.reset();
  action_slot_.send(send_, protocol::cancel_booking{code, std::move(reason)});
}

void booking_model::keep(const protocol::booking_view& b) {
  auto start = domain::parse_iso8601(b.start);
  auto it = std::ranges::find(today_, b.code, &protocol::booking_view::code);
  if (!start || zone_.day_of(*start) != today_date()) {
    if (it != today_.end()) today_.erase(it);  // moved to another day
    return;
  }
  if (it != today_.end())
    *it = b;
  else
    today_.push_back(b);
  std::ranges::stable_sort(today_, {}, &protocol::booking_view::start);
}

bool booking_model::on_reply(const protocol::reply& r) {
  if (today_slot_.take(r)) {
    if (const auto* e = client::error_of(r)) {
      problem_ = *e;
    } else if (const auto* day = std::get_if<protocol::bookings_result>(&r.body)) {
      today_ = day->bookings;
      answered_ = true;
    }
    return true;
  }
  if (form_slot_.take(r)) {
    if (const auto* e = client::error_of(r))
      problem_ = *e;
    else if (const auto* day = std::get_if<protocol::bookings_result>(&r.body))
      form_day_ = *day;
    return true;
  }
  if (!action_slot_.take(r)) return false;
  if (const auto* e = client::error_of(r)) {
    problem_ = *e;
  } else if (const auto* done = std::get_if<protocol::booking_result>(&r.body)) {
    keep(done->booking);
    if (done->booking.status == booking_status::booked) {  // book's (cancel's is cancelled)
      made_ = done->booking;
      ++form_number_;  // the next booking is another request
      form = phone_booking{form.service, form.day, {}, {}, {}, {}};
    }
  }
  return true;
}

void booking_model::on_event(const protocol::event& e) {
  const auto* changed = std::get_if<protocol::booking_changed>(&e.body);
  if (!changed) return;
  const auto& b = changed->booking;
  keep(b);
  // A place taken or freed on the form's day (a booking moved away from it frees one): its free
  // slots are asked for again.
  const bool on_form_day =
      form_day_ && (b.start.starts_with(form_day_->date) ||
                    std::ranges::find(form_day_->bookings, b.code, &protocol::booking_view::code) !=
                        form_day_->bookings.end());
  if (on_form_day && b.service == form.service && !form_slot_.busy())
    form_slot_.send(send_, protocol::list_bookings{form_day_->date, form.service});
}

void booking_model::offline() {
  today_slot_.drop();
  form_slot_.drop();
  action_slot_.drop();
}

}  // namespace motcua::counter
