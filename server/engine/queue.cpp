#include "server/engine/queue.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <utility>

#include "server/auth/crypto.hpp"
#include "shared/domain/person.hpp"
#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::engine {

using domain::ticket_state;
using protocol::counter_state;
using protocol::error_code;

queue::queue(const config::settings& settings, store::queue_store& store, audit_log& audit,
             text_outbox& texts, province_feed& province)
    : settings_(settings),
      store_(store),
      audit_(audit),
      texts_(texts),
      province_(province),
      service_times_(settings.eta_samples) {}

domain::queued_ticket queue::queued(const ticket_record& t) {
  return {t.id, t.service, t.priority, t.state, t.issued_at, t.target_counter};
}

void queue::apply(ticket_record& t, domain::ticket_action action) {
  auto next = domain::next_state(t.state, action);
  if (!next)
    throw std::logic_error("ticket " + t.number + ": no such transition from " +
                           std::string(domain::to_string(t.state)));
  t.state = *next;
}

std::vector<protocol::event_body> queue::take_events() { return std::exchange(events_, {}); }

// ---------------------------------------------------------------- kiosk

protocol::reply_body queue::take_ticket(const context& c, const protocol::take_ticket& r,
                                        const std::string& device) {
  const auto* service = settings_.find_service(r.service);
  if (!service)
    return make_error(error_code::not_found, "Không có lĩnh vực này.", "No such service.",
                      c.english);
  if (auto e = protocol::check_request_key(r.request_key, c.english)) return *e;
  if (r.lang != "vi" && r.lang != "en")
    return protocol::invalid_field("lang", "Ngôn ngữ phải là \"vi\" hoặc \"en\".",
                                   "lang must be \"vi\" or \"en\".", c.english);
  if (r.priority == domain::priority::appointment)
    return protocol::invalid_field(
        "priority", "Số theo lịch hẹn chỉ được cấp khi xác nhận lịch hẹn tại kiosk (check_in).",
        "An appointment ticket is given only by checking a booking in (check_in).", c.english);

  std::optional<std::string> phone;
  if (r.phone) {
    auto checked = domain::normalise_phone(*r.phone);
    if (checked.problem)
      return protocol::invalid_field("phone", checked.problem->vi, checked.problem->en, c.english);
    phone = std::move(checked.normalised);
  }

  if (auto same = again(r.request_key)) return std::move(*same);
  if (auto closure = closure_of(*service, c.now)) {
    return protocol::error{
        closure->code, c.english ? closure->message_en : closure->message, closure->message_en, {}};
  }
  return issue(c, *service, r.request_key, r.priority, r.lang, device, r.dossier, phone);
}

protocol::reply_body queue::take_appointment(const context& c, domain::service_id service,
                                             const std::string& request_key,
                                             const std::string& lang, const std::string& device,
                                             const std::string& phone) {
  if (auto same = again(request_key)) return std::move(*same);
  const auto* s = settings_.find_service(service);
  if (!s)
    return make_error(error_code::not_found, "Không có lĩnh vực này.", "No such service.",
                      c.english);
  // No closure: the booking rules chose its day and hours, and its place was kept for it.
  return issue(c, *s, request_key, domain::priority::appointment, lang, device, std::nullopt,
               phone);
}

std::optional<protocol::ticket_result> queue::again(const std::string& request_key) const {
  auto it = by_request_key_.find(request_key);
  if (it == by_request_key_.end()) return std::nullopt;
  const auto& t = tickets_.at(it->second);
  return reply_of(t, view(t));
}

std::optional<std::string> queue::page_of(const ticket_record& t) const {
  if (!t.public_token || !settings_.public_base_url) return std::nullopt;
  return *settings_.public_base_url + "/ve/" + *t.public_token;
}

protocol::ticket_result queue::reply_of(const ticket_record& t, protocol::ticket v) const {
  v.public_token = t.public_token;
  v.public_url = page_of(t);
  int ahead = ahead_of(t);
  return protocol::ticket_result{std::move(v), ahead, eta_of(t, ahead)};
}

protocol::ticket_result queue::issue(const context& c, const config::service& service,
                                     const std::string& request_key, domain::priority priority,
                                     const std::string& lang, const std::string& device,
                                     const std::optional<std::string>& dossier,
                                     const std::optional<std::string>& phone) {
  ticket_record t;
  t.day = day_;
  t.issued_service = service.id;
  t.sequence = last_sequence_[service.id] + 1;
  t.number = domain::format_ticket_number(service.prefix, t.sequence);
  t.service = service.id;
  t.priority = priority;
  t.request_key = request_key;
  t.device = device;
  t.lang = lang;
  t.issued_at = c.now;
  t.dossier = dossier;
  t.phone = phone;
  // 128 random bits, 32 hexadecimal digits: unguessable, and short in the slip's QR code.
  t.public_token = auth::random_token().substr(0, 32);
  // The wait the reply tells, kept with the ticket to be compared with the real one (issue 16).
  // Issued now with the largest id, it goes where the line's order puts it; counted from the
  // nearer end (a walk-in's place is at the back, a priority ticket's near the front).
  const auto& line = waiting_.of(service.id);
  const auto group = domain::group_of(priority);
  const auto place =
      line.lower_bound({group, c.now, std::numeric_limits<domain::ticket_id>::max()});
  const auto ahead =
      group == domain::call_group::walk_in
          ? static_cast<std::ptrdiff_t>(line.size()) - std::distance(place, line.end())
          : std::distance(line.begin(), place);
  t.eta_minutes = eta_of(t, static_cast<int>(ahead));
  store_.insert_ticket(t);
  province_.ticket(c.now, t);
  auto issued = view(t);  // made once: for the audit, the event and the reply
  audit_.append({c.now, c.who.name, "take_ticket", "ticket:" + std::to_string(t.id), "",
                 protocol::encode(issued), ""});

  last_sequence_[service.id] = t.sequence;
  by_request_key_[t.request_key] = t.id;
  by_public_token_[*t.public_token] = t.id;
  waiting_.add(queued(t));
  const auto& stored = tickets_[t.id] = std::move(t);
  if (texts_.enabled() && ahead_of(stored) <= texts_.ahead_threshold(stored.service))
    texts_.near(c.now, stored);

  emit(protocol::ticket_issued{issued});
  emit_queue_changed(stored.service);
  auto reply = reply_of(stored, std::move(issued));
  reply.eta_minutes = stored.eta_minutes;  // the wait told is the one kept (worked out before
  return reply;                            // the ticket was in its line, as the kiosk's was)
}

// ---------------------------------------------------------------- the ticket's own page

const queue::ticket_record* queue::held_by(const std::string& token) const {
  auto it = by_public_token_.find(token);
  return it == by_public_token_.end() ? nullptr : &tickets_.at(it->second);
}

std::optional<domain::ticket_id> queue::held_id(const std::string& token) const {
  const auto* t = held_by(token);
  return t ? std::optional(t->id) : std::nullopt;
}

std::optional<domain::counter_id> queue::served_at(const std::string& token) const {
  const auto* t = held_by(token);
  return t && t->state == ticket_state::done ? t->counter : std::nullopt;
}

std::variant<protocol::error, protocol::public_ticket> queue::public_view(const std::string& token,
                                                                          bool english) const {
  const auto* t = held_by(token);
  if (!t)
    return make_error(error_code::not_found, "Không tìm thấy số thứ tự này.", "No such ticket.",
                      english);
  protocol::public_ticket v;
  v.number = t->number;
  v.service = t->service;
  if (const auto* s = settings_.find_service(t->service)) {
    v.service_name = s->name;
    v.service_name_en = s->name_en;
  }
  v.state = t->state;
  if (t->state == ticket_state::waiting) {
    v.ahead = ahead_of(*t);
    v.eta_minutes = eta_of(*t, v.ahead);
  }
  if (t->counter && (t->state == ticket_state::called || t->state == ticket_state::serving)) {
    v.counter = t->counter;
    if (const auto* counter = settings_.find_counter(*t->counter)) {
      v.counter_name = counter->name;
      v.counter_name_en = counter->name_en;
    }
  }
  return v;
}

std::variant<protocol::error, protocol::public_ticket> queue::give_up(const context& c,
                                                                      const std::string& token) {
  const auto* t = held_by(token);
  if (!t) return public_view(token, c.english);  // not_found
  if (t->state == ticket_state::called || t->state == ticket_state::serving)
    return make_error(error_code::conflict,
                      "Số của quý vị đã được gọi: mời đến quầy, không huỷ được nữa.",
                      "Your number has been called: please go to the counter; it can no longer "
                      "be cancelled.",
                      c.english);
  if (t->state == ticket_state::waiting) {
    auto after = *t;
    apply(after, domain::ticket_action::cancel);
    after.ended_at = c.now;
    commit_ticket(c, *t, after, "cancel_ticket", "citizen");
    const auto& cancelled = tickets_.at(after.id);
    emit(protocol::ticket_changed{view(cancelled)});
    emit_queue_changed(cancelled.service);
  }
  return public_view(token, c.english);  // cancelled now, or as it ended
}

void queue::link_dossier(const context& c, domain::ticket_id ticket, const std::string& code) {
  auto it = tickets_.find(ticket);
  if (it == tickets_.end() || it->second.dossier) return;
  auto after = it->second;
  after.dossier = code;
  commit_ticket(c, it->second, after, "link_dossier", "");
  emit(protocol::ticket_changed{view(it->second)});
  for (const auto& [id, counter] : counters_)
    if (counter.ticket == ticket) emit_counter_changed(counter);
}

// ---------------------------------------------------------------- counters

protocol::reply_body queue::open_counter(const context& c, const protocol::open_counter& r) {
  auto it = counters_.find(r.counter);
  if (it == counters_.end())
    return make_error(error_code::not_found, "Không có quầy này.", "No such counter.", c.english);
  if (r.services.empty())
    return protocol::invalid_field("services", "Chọn ít nhất một lĩnh vực.",
                                   "Choose at least one service.", c.english);
  for (auto id : r.services) {
    if (!settings_.find_service(id))
      return protocol::invalid_field("services",
                                     "Có lĩnh vực không tồn tại: " + std::to_string(id) + ".",
                                     "Unknown service: " + std::to_string(id) + ".", c.english);
    if (std::count(r.services.begin(), r.services.end(), id) > 1)
      return protocol::invalid_field("services", "Một lĩnh vực được chọn hai lần.",
                                     "A service is listed twice.", c.english);
  }
  auto& counter = it->second;
  if (counter.state != counter_state::closed && counter.clerk && *counter.clerk != c.who.name) {
    std::string name = view(counter).name;
    return make_error(error_code::conflict, name + " đang do " + *counter.clerk + " phụ trách.",
                      name + " is held by " + *counter.clerk + ".", c.english);
  }
  if (auto* held = counter_of(c.who.name); held && held->id != counter.id) {
    if (held->ticket)
      return make_error(error_code::conflict,
                        "Hãy kết thúc số đang phục vụ ở quầy cũ trước khi chuyển quầy.",
                        "Finish the ticket at your current counter before moving.", c.english);
    auto released = *held;
    released.state = counter_state::closed;
    released.clerk.reset();
    released.since = c.now;
    commit_counter(c, released, "close_counter");
  }
  auto opened = counter;
  opened.state =
      counter.state == counter_state::paused ? counter_state::paused : counter_state::open;
  opened.clerk = c.who.name;
  opened.services = r.services;
  if (counter.state == counter_state::closed) opened.since = c.now;
  commit_counter(c, opened, "open_counter");
  return protocol::counter_result{view(counters_.at(r.counter))};
}

protocol::reply_body queue::pause_counter(const context& c) {
  return set_counter_state(c, counter_state::open, counter_state::paused, "pause_counter");
}

protocol::reply_body queue::resume_counter(const context& c) {
  return set_counter_state(c, counter_state::paused, counter_state::open, "resume_counter");
}

protocol::reply_body queue::close_counter(const context& c) {
  protocol::reply_body error;
  auto* counter = require_counter(c, error);
  if (!counter) return error;
  if (counter->ticket)
    return make_error(error_code::conflict, "Hãy kết thúc số đang phục vụ trước khi đóng quầy.",
                      "Finish the current ticket before closing the counter.", c.english);
  auto closed = *counter;
  closed.state = counter_state::closed;
  closed.clerk.reset();
  closed.since = c.now;
  auto id = closed.id;
  commit_counter(c, closed, "close_counter");
  return protocol::counter_result{view(counters_.at(id))};
}

protocol::reply_body queue::set_counter_state(const context& c, counter_state from,
                                              counter_state to, const std::string& action) {
  protocol::reply_body error;
  auto* counter = require_counter(c, error);
  if (!counter) return error;
  if (counter->ticket)
    return make_error(error_code::conflict, "Hãy kết thúc số đang phục vụ trước.",
                      "Finish the current ticket first.", c.english);
  if (counter->state != from)
    return make_error(error_code::conflict,
                      to == counter_state::paused ? "Quầy đang tạm nghỉ." : "Quầy không tạm nghỉ.",
                      to == counter_state::paused ? "The counter is already paused."
                                                  : "The counter is not paused.",
                      c.english);
  auto changed = *counter;
  changed.state = to;
  changed.since = c.now;
  commit_counter(c, changed, action);
  return protocol::counter_result{view(changed)};
}

// ---------------------------------------------------------------- calling

protocol::reply_body queue::call_next(const context& c) {
  protocol::reply_body error;
  auto* counter = require_ready_counter(c, error);
  if (!counter) return error;
  const auto* next = select_next(*counter);
  if (!next)
    return make_error(error_code::empty, "Không có công dân nào đang chờ.", "Nobody is waiting.",
                      c.english);
  return call(c, *counter, tickets_.at(next->id), "");
}

protocol::reply_body queue::call_ticket(const context& c, const protocol::call_ticket& r) {
  protocol::reply_body error;
  auto* counter = require_ready_counter(c, error);
  if (!counter) return error;
  auto it = tickets_.find(r.ticket);
  if (it == tickets_.end())
    return make_error(error_code::not_found, "Không có số thứ tự này hôm nay.",
                      "No such ticket today.", c.english);
  auto& t = it->second;
  if (t.state != ticket_state::waiting)
    return make_error(error_code::conflict, "Số " + t.number + " không còn đang chờ.",
                      "Ticket " + t.number + " is not waiting.", c.english);
  if (t.target_counter && *t.target_counter != counter->id)
    return make_error(error_code::conflict, "Số " + t.number + " được chuyển cho quầy khác.",
                      "Ticket " + t.number + " was transferred to another counter.", c.english);
  auto reason = r.reason;
  if (auto e = protocol::apply_text_policy(domain::text_fields::reason, reason, c.english))
    return *e;
  const auto* next = select_next(*counter);
  if ((!next || next->id != t.id) && reason.value_or("").empty())
    return protocol::invalid_field("reason", "Gọi không theo thứ tự: cần ghi lý do.",
                                   "Calling out of order needs a reason.", c.english);
  return call(c, *counter, t, reason.value_or(""));
}

protocol::reply_body queue::call(const context& c, counter_record& counter, ticket_record& t,
                                 const std::string& reason) {
  auto after = t;
  apply(after, domain::ticket_action::call);
  after.counter = counter.id;
  after.clerk = c.who.name;
  after.called_at = c.now;
  after.visit.reset();  // a new visit
  after.started_at.reset();
  after.ended_at.reset();
  after.recalls = 0;
  after.outcome.reset();
  after.target_counter.reset();
  commit_ticket(c, t, after, reason.empty() ? "call_next" : "call_ticket", reason);
  appointments_called_[counter.id] =
      domain::after_call(run_of(counter.id), domain::group_of(t.priority)).called;
  // The call goes out first: it is what the hall display waits for.
  protocol::call_view call{view(t), counter.id, view(counter).name, settings_.zone.format(c.now),
                           false};
  recent_calls_.push_front(call);
  if (recent_calls_.size() > protocol::max_recent_calls) recent_calls_.pop_back();
  emit(protocol::ticket_called{call.ticket, call.counter, call.counter_name, false});
  if (texts_.enabled()) texts_.called(c.now, {t, 0, call.counter_name, page_of(t).value_or("")});
  auto updated = counter;
  updated.ticket = t.id;
  commit_counter(c, updated, "");
  emit_queue_changed(t.service);
  return protocol::ticket_result{view(t), {}, {}};
}

protocol::reply_body queue::recall(const context& c) {
  protocol::reply_body error;
  auto [counter, t] = require_ticket(c, ticket_state::called, error);
  if (!t) return error;
  if (t->recalls >= settings_.max_recalls)
    return end_visit(c, *counter, *t, domain::ticket_action::no_show, "no_show_after_recalls", {});
  auto after = *t;
  ++after.recalls;
  commit_ticket(c, *t, after, "recall", "");
  protocol::call_view call{view(*t), counter->id, view(*counter).name, settings_.zone.format(c.now),
                           true};
  recent_calls_.push_front(call);
  if (recent_calls_.size() > protocol::max_recent_calls) recent_calls_.pop_back();
  emit(protocol::ticket_called{call.ticket, call.counter, call.counter_name, true});
  return protocol::ticket_result{view(*t), {}, {}};
}

protocol::reply_body queue::start_service(const context& c) {
  protocol::reply_body error;
  auto [counter, t] = require_ticket(c, ticket_state::called, error);
  if (!t) return error;
  auto after = *t;
  apply(after, domain::ticket_action::start);
  after.started_at = c.now;
  commit_ticket(c, *t, after, "start_service", "");
  emit(protocol::ticket_changed{view(*t)});
  emit_counter_changed(*counter);
  return protocol::ticket_result{view(*t), {}, {}};
}

protocol::reply_body queue::no_show(const context& c) {
  protocol::reply_body error;
  auto [counter, t] = require_ticket(c, ticket_state::called, error);
  if (!t) return error;
  return end_visit(c, *counter, *t, domain::ticket_action::no_show, "no_show", {});
}

protocol::reply_body queue::finish(const context& c, const protocol::finish& r) {
  protocol::reply_body error;
  auto [counter, t] = require_ticket(c, ticket_state::serving, error);
  if (!t) return error;
  auto outcome = r.outcome;
  if (auto e = protocol::apply_text_policy(domain::text_fields::outcome, outcome, c.english))
    return *e;
  return end_visit(c, *counter, *t, domain::ticket_action::finish, "finish", std::move(outcome));
}

protocol::reply_body queue::end_visit(const context& c, counter_record& counter, ticket_record& t,
                                      domain::ticket_action how, const std::string& action,
                                      std::optional<std::string> outcome) {
  auto after = t;
  apply(after, how);
  after.ended_at = c.now;
  after.outcome = std::move(outcome);
  commit_ticket(c, t, after, action, "");
  auto updated = counter;
  updated.ticket.reset();
  commit_counter(c, updated, "");
  if (t.state == ticket_state::done && t.called_at)
    service_times_.add(
        t.service,
        static_cast<int>(
            std::chrono::duration_cast<std::chrono::seconds>(c.now - *t.called_at).count()));
  emit(protocol::ticket_changed{view(t)});
  emit_queue_changed(t.service);
  return protocol::ticket_result{view(t), {}, {}};
}

protocol::reply_body queue::transfer(const context& c, const protocol::transfer& r) {
  protocol::reply_body error;
  auto* counter = require_counter(c, error);
  if (!counter) return error;
  auto* t = current_ticket(*counter);
  if (!t)
    return make_error(error_code::conflict, "Không có số nào để chuyển.",
                      "There is no ticket to transfer.", c.english);
  if (!settings_.find_service(r.service))
    return protocol::invalid_field("service", "Không có lĩnh vực này.", "No such service.",
                                   c.english);
  if (r.counter && !counters_.count(*r.counter))
    return protocol::invalid_field("counter", "Không có quầy này.", "No such counter.", c.english);
  if (r.service == t->service && (!r.counter || *r.counter == counter->id))
    return protocol::invalid_field("service", "Số này đã ở lĩnh vực và quầy đó.",
                                   "The ticket is already in that service and counter.", c.english);
  auto reason = r.reason;
  if (auto e = protocol::apply_text_policy(domain::text_fields::reason, reason, c.english))
    return *e;

  auto after = *t;
  auto from_service = t->service;
  after.ended_at = c.now;  // the visit here ends; the issue time stays
  apply(after, domain::ticket_action::transfer);
  after.service = r.service;
  after.target_counter = r.counter;
  commit_ticket(c, *t, after, "transfer", reason.value_or(""));
  auto updated = *counter;
  updated.ticket.reset();
  commit_counter(c, updated, "");
  emit(protocol::ticket_changed{view(*t)});
  emit_queue_changed(from_service);
  if (from_service != r.service) emit_queue_changed(r.service);
  return protocol::ticket_result{view(*t), {}, {}};
}

// ---------------------------------------------------------------- helpers

queue::counter_record* queue::counter_of(const std::string& clerk) {
  for (auto& [id, counter] : counters_)
    if (counter.state != counter_state::closed && counter.clerk == clerk) return &counter;
  return nullptr;
}

queue::counter_record* queue::require_counter(const context& c, protocol::reply_body& error) {
  auto* counter = counter_of(c.who.name);
  if (!counter)
    error = make_error(error_code::conflict, "Bạn chưa mở quầy nào.",
                       "You have not opened a counter.", c.english);
  return counter;
}

queue::counter_record* queue::require_ready_counter(const context& c, protocol::reply_body& error) {
  auto* counter = require_counter(c, error);
  if (!counter) return nullptr;
  if (counter->ticket) {
    error = make_error(error_code::conflict, "Hãy kết thúc số đang phục vụ trước khi gọi số mới.",
                       "Finish the current ticket before calling the next one.", c.english);
    return nullptr;
  }
  if (counter->state == counter_state::paused) {
    error = make_error(error_code::conflict, "Quầy đang tạm nghỉ.", "The counter is paused.",
                       c.english);
    return nullptr;
  }
  return counter;
}

std::pair<queue::counter_record*, queue::ticket_record*> queue::require_ticket(
    const context& c, ticket_state state, protocol::reply_body& error) {
  auto* counter = require_counter(c, error);
  if (!counter) return {nullptr, nullptr};
  auto* t = current_ticket(*counter);
  if (t && t->state == state) return {counter, t};
  error = state == ticket_state::serving
              ? make_error(error_code::conflict, "Không có công dân nào đang được phục vụ.",
                           "Nobody is being served.", c.english)
              : make_error(error_code::conflict, "Không có số nào đang được gọi.",
                           "No ticket is being called.", c.english);
  return {counter, nullptr};
}

queue::ticket_record* queue::current_ticket(const counter_record& counter) {
  if (!counter.ticket) return nullptr;
  auto it = tickets_.find(*counter.ticket);
  return it == tickets_.end() ? nullptr : &it->second;
}

const queue::ticket_record* queue::select_next(const counter_record& counter) const {
  auto next = waiting_.next_for(counter.id, counter.services, run_of(counter.id));
  return next ? &tickets_.at(*next) : nullptr;
}

domain::appointment_run queue::run_of(domain::counter_id counter) const {
  auto it = appointments_called_.find(counter);
  return {it == appointments_called_.end() ? 0 : it->second, settings_.appointments_in_a_row};
}

void queue::commit_ticket(const context& c, const ticket_record& before, const ticket_record& after,
                          const std::string& action, const std::string& reason) {
  auto t = after;
  store_.update_ticket(t);
  if (!t.visit && t.called_at)
    store_.insert_visit(t);
  else
    store_.update_visit(t);
  province_.ticket(c.now, t);
  audit_.append({c.now, c.who.name, action, "ticket:" + std::to_string(t.id),
                 protocol::encode(view(before)), protocol::encode(view(t)), reason});
  waiting_.add(queued(t));  // its new place, or out of the lines
  tickets_[t.id] = std::move(t);
}

void queue::commit_counter(const context& c, const counter_record& after,
                           const std::string& action) {
  auto& slot = counters_.at(after.id);
  store_.save_counter(after);
  if (!action.empty())
    audit_.append({c.now, c.who.name, action, "counter:" + std::to_string(after.id),
                   protocol::encode(view(slot)), protocol::encode(view(after)), ""});
  auto services_before = slot.services;
  // The ETA of its services depends on the open counters, and on which of them are busy.
  bool serving_changed = slot.state != after.state || slot.services != after.services ||
                         slot.ticket.has_value() != after.ticket.has_value();
  slot = after;
  emit_counter_changed(slot);
  if (serving_changed) {
    std::set<domain::service_id> touched(services_before.begin(), services_before.end());
    touched.insert(after.services.begin(), after.services.end());
    for (auto s : touched) emit_queue_changed(s);
  }
}

protocol::queue_changed queue::queue_figures(domain::service_id service) const {
  int waiting = static_cast<int>(waiting_count(service));
  return {service, waiting, eta_for(service, waiting + appointments_due(service))};
}

void queue::set_appointments_due(std::map<domain::service_id, int> due) {
  std::set<domain::service_id> changed;
  for (const auto& [service, count] : due)
    if (appointments_due(service) != count) changed.insert(service);
  for (const auto& [service, count] : appointments_due_)
    if (!due.contains(service)) changed.insert(service);
  appointments_due_ = std::move(due);
  for (auto service : changed) emit_queue_changed(service);
}

void queue::emit_queue_changed(domain::service_id service) {
  // The estimates of the services sharing an open counter with it read its line too.
  std::set<domain::service_id> sharing{service};
  for (const auto& [id, c] : counters_)
    if (c.state == counter_state::open &&
        std::find(c.services.begin(), c.services.end(), service) != c.services.end())
      sharing.insert(c.services.begin(), c.services.end());
  for (auto s : sharing) emit(queue_figures(s));
  if (texts_.enabled()) front_changed_.insert(service);
}

void queue::write_texts(domain::time_point now) {
  for (auto service : std::exchange(front_changed_, {})) {
    const auto& waiting = waiting_.of(service);
    // The first `threshold` + 1 in the call order are those with `threshold` or fewer ahead.
    const int threshold = texts_.ahead_threshold(service);
    int ahead = 0;
    for (auto k = waiting.begin(); k != waiting.end() && ahead <= threshold; ++k, ++ahead) {
      const auto& t = tickets_.at(k->id);
      if (t.phone) texts_.ahead(now, {t, ahead, "", page_of(t).value_or("")});
    }
  }
}

void queue::emit_counter_changed(const counter_record& c) {
  emit(protocol::counter_changed{view(c)});
}

}  // namespace motcua::engine
