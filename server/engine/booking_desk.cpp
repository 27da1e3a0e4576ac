#include "server/engine/booking_desk.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "server/auth/crypto.hpp"
#include "shared/domain/booking_code.hpp"
#include "shared/domain/person.hpp"
#include "shared/domain/text_policy.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::engine {

using domain::booking_status;
using protocol::error_code;

namespace {

using namespace std::chrono_literals;

// A request_key of a booking must be hard to guess: the same key returns the booking with its
// manage token (a random UUID has 36 characters).
constexpr std::size_t min_booking_request_key = 16;
// A code drawn again when it is taken; with 30^8 codes a second draw is already rare.
constexpr int code_draws = 8;
const domain::booking_rules default_rules;

// What a person filling in the booking calls each field, for the error's message.
struct field_label {
  std::string_view field, vi, en;
};
constexpr field_label field_labels[] = {
    {"service", "Lĩnh vực", "Service"},
    {"procedure", "Thủ tục", "Procedure"},
    {"start", "Giờ hẹn", "Appointment time"},
    {"full_name", "Họ và tên", "Full name"},
    {"phone", "Số điện thoại", "Phone number"},
    {"id_number", "Số định danh cá nhân", "Personal ID number"},
    {"request_key", "Mã yêu cầu (request_key)", "Request key"},
};

// A message made at run time, in both languages.
struct both {
  std::string vi;
  std::string en;
};

// "08:00 ngày 01/12/2026" / "08:00 on 01/12/2026".
both when(domain::time_point t, const domain::business_zone& zone) {
  const auto hh_mm = domain::format_hh_mm(zone.time_of_day(t));
  const auto day = domain::format_ddmmyyyy(zone.day_of(t));
  return {hh_mm + " ngày " + day, hh_mm + " on " + day};
}

// The booking as the audit log keeps it: no personal data.
std::string audit_json(const store::booking_record& b, const domain::business_zone& zone) {
  return R"({"code":")" + b.code + R"(","service":)" + std::to_string(b.service) + R"(,"start":")" +
         zone.format(b.start) + R"(","status":")" + std::string(domain::to_string(b.status)) +
         R"("})";
}

}  // namespace

booking_desk::booking_desk(const config::settings& settings, store::booking_store& store,
                           audit_log& audit)
    : settings_(settings), calendar_(settings.catalogue.calendar), store_(store), audit_(audit) {}

std::vector<protocol::event_body> booking_desk::take_events() { return std::exchange(events_, {}); }

const domain::booking_rules& booking_desk::rules_of(domain::service_id service) const {
  const auto* s = settings_.find_service(service);
  return s && s->booking ? *s->booking : default_rules;
}

std::pair<domain::time_point, domain::time_point> booking_desk::bounds(
    std::chrono::year_month_day day) const {
  const auto begins = settings_.zone.at(day, 0min);
  return {begins, begins + std::chrono::days{1}};  // a fixed-offset zone: every day is 24 hours
}

protocol::booking_view booking_desk::view(const store::booking_record& b, bool staff) const {
  const auto& zone = settings_.zone;
  const auto window = domain::check_in_window_of(rules_of(b.service), b.start);
  protocol::booking_view v;
  v.code = b.code;
  v.service = b.service;
  v.procedure = b.procedure;
  v.start = zone.format(b.start);
  v.end = zone.format(b.end);
  v.status = b.status;
  v.check_in_from = zone.format(window.opens);
  v.check_in_until = zone.format(window.closes);
  // Valid UTF-8 on the wire whatever a restored row holds (domain::displayable).
  v.full_name = domain::displayable(b.full_name, domain::line_breaks::refused);
  v.phone = b.phone;
  v.lang = b.lang;
  v.created_at = zone.format(b.created_at);
  if (b.cancel_reason) v.cancel_reason = domain::displayable(*b.cancel_reason);
  if (staff) {
    v.id_number = b.id_number;
    v.booked_by = b.booked_by;
    v.ticket = b.ticket;
  }
  return v;
}

// ---------------------------------------------------------------- slots

std::variant<protocol::error, protocol::slots_result> booking_desk::slots(const slots_query& q,
                                                                          domain::time_point now) {
  const auto* service = settings_.find_service(q.service);
  if (!service || !service->booking)
    return make_error(error_code::not_found, "Lĩnh vực này không nhận đặt lịch.",
                      "This service takes no appointments.", q.english);
  const auto day = domain::parse_date(q.date);
  if (!day)
    return protocol::invalid_field("date", "Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-12-01.",
                                   "The date must be YYYY-MM-DD, e.g. 2026-12-01.", q.english);
  protocol::slots_result out{service->id, domain::format_iso_date(*day), {}, {}, {}};
  const auto& rules = *service->booking;
  if (auto refused = domain::refusal_of(rules, calendar_, settings_.zone, *day, now)) {
    const auto why = domain::refusal_text(*refused);
    out.reason = why.vi;
    out.reason_en = why.en;
    return out;
  }
  const auto [from, to] = bounds(*day);
  for (const auto& s : domain::day_slots(rules, calendar_, settings_.zone, *day,
                                         store_.held(service->id, from, to)))
    if (s.capacity > 0)  // a start off the slots holds old bookings only: nothing to book there
      out.slots.push_back({std::nullopt, settings_.zone.format(s.start),
                           settings_.zone.format(s.end), s.capacity, s.free, std::nullopt,
                           s.over_booked});
  return out;
}

// ---------------------------------------------------------------- booking

booking_outcome booking_desk::book(const context& c, const protocol::book& r, bool public_route) {
  const bool en = c.english;
  const auto today = settings_.zone.day_of(c.now);
  const auto start = domain::parse_iso8601(r.start);
  const auto phone = domain::normalise_phone(r.phone);

  // The same request again: the booking it made, with its manage token, as it stands now (moved
  // since, at its new time). The key with another service or phone is another request.
  const bool key_fits = r.request_key.size() >= min_booking_request_key &&
                        r.request_key.size() <= protocol::max_request_key_size;
  const auto request_hash = auth::sha256_hex(r.request_key);
  if (key_fits)
    if (auto before = store_.find_by_request(request_hash)) {
      if (before->service != r.service || before->phone != phone.normalised)
        return {protocol::invalid_field(
            "request_key", "Mã yêu cầu (request_key) này đã được dùng cho một lịch hẹn khác.",
            "This request_key was used for another booking.", en)};
      auto again = view(*before, false);
      again.manage_token = auth::seal_token(before->sealed_token, r.request_key);
      return {protocol::booking_result{std::move(again)}};
    }

  // Every problem at once, field by field.
  std::map<std::string, both> problems;
  auto problem = [&](std::string field, both what) {
    problems.emplace(std::move(field), std::move(what));
  };
  const auto* service = settings_.find_service(r.service);
  if (!service)
    problem("service", {"Chọn lĩnh vực cần đặt lịch.", "Choose the service to book."});
  else if (!service->booking)
    problem("service",
            {"Lĩnh vực này không nhận đặt lịch.", "This service takes no appointments."});
  if (r.procedure) {
    const auto* procedure = settings_.catalogue.find_procedure(*r.procedure);
    if (!procedure || procedure->service != r.service || !procedure->version_on(today))
      problem("procedure",
              {"Lĩnh vực này không có thủ tục đã chọn.", "The service has no such procedure."});
  }
  auto name = domain::check_text(domain::text_fields::booking_name, r.full_name);
  if (name.problem)
    problem("full_name", {name.problem->vi, name.problem->en});
  else if (name.text.empty())
    problem("full_name", {"Cần họ và tên người đến làm thủ tục.",
                          "The full name of the person coming is needed."});
  if (phone.problem) problem("phone", {phone.problem->vi, phone.problem->en});
  if (r.id_number)
    if (auto p = domain::check_personal_id(*r.id_number, today))
      problem("id_number", {p->vi, p->en});
  if (!key_fits) {
    const auto least = std::to_string(min_booking_request_key);
    const auto most = std::to_string(protocol::max_request_key_size);
    problem("request_key", {"Mã yêu cầu (request_key) phải dài từ " + least + " đến " + most +
                                " ký tự (một UUID ngẫu nhiên).",
                            "The request_key must have " + least + " to " + most +
                                " characters (a random UUID)."});
  }
  std::optional<domain::booking_slot> slot;
  if (!start) {
    problem("start", {"Giờ hẹn phải là một thời điểm ISO 8601, ví dụ 2026-12-01T08:00:00+07:00.",
                      "The appointment time must be ISO 8601, e.g. 2026-12-01T08:00:00+07:00."});
  } else if (service && service->booking) {
    auto found = slot_at(*service, *start, c.now);
    if (auto* why = std::get_if<domain::field_problem>(&found))
      problem("start", {why->vi, why->en});
    else
      slot = std::get<domain::booking_slot>(found);
  }
  if (!problems.empty()) {
    std::string vi, english;
    for (const auto& l : field_labels)
      if (problems.contains(std::string(l.field))) {
        vi += (vi.empty() ? "" : ", ") + std::string(l.vi);
        english += (english.empty() ? "" : ", ") + std::string(l.en);
      }
    auto e = make_error(error_code::invalid, "Thông tin đặt lịch chưa hợp lệ: " + vi + ".",
                        "The booking is not valid: " + english + ".", en);
    for (auto& [field, what] : problems) e.fields.emplace(field, en ? what.en : what.vi);
    return {std::move(e)};
  }
  if (auto refused = refusal(c, *service, *slot, phone.normalised, public_route))
    return {std::move(*refused)};

  store::booking_record b;
  for (int draw = 0; b.code.empty(); ++draw) {
    if (draw == code_draws) throw std::runtime_error("book: no free booking code");
    auto code = auth::random_code(domain::booking_code_alphabet, domain::booking_code_length);
    if (!store_.find_by_code(code)) b.code = std::move(code);
  }
  const auto token = auth::random_token();
  b.token_hash = auth::sha256_hex(token);
  b.sealed_token = auth::seal_token(token, r.request_key);
  b.request_hash = request_hash;
  b.service = service->id;
  b.procedure = r.procedure;
  b.start = slot->start;
  b.end = slot->end;
  b.full_name = std::move(name.text);
  b.phone = phone.normalised;
  b.id_number = r.id_number;
  b.lang = r.lang;
  b.booked_by = public_route ? std::string(store::booked_publicly) : c.who.name;
  b.created_at = b.changed_at = c.now;
  store_.insert(b);
  audit_.append(
      {c.now, c.who.name, "book", "booking:" + b.code, "", audit_json(b, settings_.zone), ""});
  events_.push_back(protocol::booking_changed{view(b, true)});
  auto made = view(b, false);
  made.manage_token = token;
  return {protocol::booking_result{std::move(made)}, true};
}

std::variant<domain::booking_slot, domain::field_problem> booking_desk::slot_at(
    const config::service& service, domain::time_point start, domain::time_point now) {
  const auto day = settings_.zone.day_of(start);
  const auto& rules = *service.booking;
  if (auto refused = domain::refusal_of(rules, calendar_, settings_.zone, day, now)) {
    const auto why = domain::refusal_text(*refused);
    return domain::field_problem{"start", why.vi, why.en};
  }
  const auto [from, to] = bounds(day);
  auto slots =
      domain::day_slots(rules, calendar_, settings_.zone, day, store_.held(service.id, from, to));
  auto it = std::ranges::find(slots, start, &domain::booking_slot::start);
  if (it == slots.end() || it->capacity == 0) {
    const auto at = when(start, settings_.zone);
    return domain::field_problem{"start", "Không có khung giờ hẹn nào bắt đầu lúc " + at.vi + ".",
                                 "No appointment slot starts at " + at.en + "."};
  }
  return *it;
}

std::optional<protocol::error> booking_desk::refusal(const context& c,
                                                     const config::service& service,
                                                     const domain::booking_slot& slot,
                                                     const std::string& phone, bool public_route,
                                                     const store::booking_record* moving) {
  const bool en = c.english;
  if (public_route) {  // (a move is never: it makes no booking)
    // Bookings made through the public route by this phone in the last 24 hours: past the
    // limit, it waits until the oldest of them is a day old.
    const auto day = std::chrono::hours{24};
    const auto made = store_.made_since(phone, store::booked_publicly, c.now - day);
    if (static_cast<int>(made.size()) >= settings_.limits.bookings_per_phone_per_day) {
      const auto wait = std::chrono::ceil<std::chrono::seconds>(made.front() + day - c.now);
      return protocol::retry_later(
          "Số điện thoại này đã đặt nhiều lịch hẹn trong 24 giờ qua; vui lòng thử lại sau",
          "This phone number has made many bookings in the last 24 hours; please try again in",
          static_cast<int>(std::max(wait.count(), std::int64_t{1})), en);
    }
  }
  const auto& rules = *service.booking;
  const auto [from, to] = bounds(settings_.zone.day_of(slot.start));
  for (const auto& other : store_.of_phone(phone, from, to))
    if (other.service == service.id && other.status == booking_status::booked &&
        (!moving || other.id != moving->id)) {
      const auto day = domain::format_ddmmyyyy(settings_.zone.day_of(slot.start));
      return make_error(error_code::conflict,
                        "Số điện thoại này đã có lịch hẹn cho lĩnh vực này ngày " + day +
                            ". Hãy huỷ lịch đó trước khi đặt giờ khác.",
                        "This phone number already has an appointment for this service on " + day +
                            ". Cancel it before booking another time.",
                        en);
    }
  if (!moving && store_.active_of_phone(phone, service.id) >= rules.max_active_per_phone) {
    const auto most = std::to_string(rules.max_active_per_phone);
    return make_error(
        error_code::conflict,
        "Số điện thoại này đã có " + most + " lịch hẹn đang chờ cho lĩnh vực này, là số tối đa.",
        "This phone number already holds " + most +
            " appointments for this service, the most it may hold.",
        en);
  }
  if (slot.free == 0)
    return make_error(error_code::conflict, "Khung giờ này đã hết chỗ. Vui lòng chọn giờ khác.",
                      "This time is fully booked. Please choose another time.", en);
  return std::nullopt;
}

// ---------------------------------------------------------------- one booking

booking_outcome booking_desk::own(const context& c, const booking_lookup& r) {
  auto code = domain::parse_booking_code(r.code);
  auto b = code ? store_.find_by_code(*code) : std::nullopt;
  if (!b || r.token.empty() || auth::sha256_hex(r.token) != b->token_hash)
    return {make_error(error_code::not_found, "Không tìm thấy lịch hẹn này.", "No such booking.",
                       r.english)};
  if (r.cancel) {
    if (b->status == booking_status::checked_in || b->status == booking_status::missed)
      return {make_error(error_code::conflict,
                         b->status == booking_status::checked_in
                             ? "Lịch hẹn đã được xác nhận tại trung tâm, không huỷ được nữa."
                             : "Lịch hẹn đã quá giờ, không huỷ được nữa.",
                         b->status == booking_status::checked_in
                             ? "The booking was checked in at the centre: it can no longer be "
                               "cancelled."
                             : "The booking's time has passed: it can no longer be cancelled.",
                         r.english)};
    if (b->status == booking_status::booked)
      change(c, *b, booking_status::cancelled, "cancel_booking", std::nullopt);
  }
  if (r.move_to)
    if (auto refused = move(c, *b, *r.move_to)) return {std::move(*refused)};
  return {protocol::booking_result{view(*b, false)}};
}

protocol::reply_body booking_desk::cancel(const context& c, const protocol::cancel_booking& r) {
  auto reason = r.reason;
  if (auto e = protocol::apply_text_policy(domain::text_fields::reason, reason, c.english))
    return *e;
  if (!reason || reason->empty())
    return protocol::invalid_field("reason", "Cần lý do huỷ lịch hẹn.",
                                   "A reason for cancelling is needed.", c.english);
  auto code = domain::parse_booking_code(r.code);
  auto b = code ? store_.find_by_code(*code) : std::nullopt;
  if (!b)
    return make_error(error_code::not_found, "Không có lịch hẹn với mã này.",
                      "No booking has this code.", c.english);
  if (b->status != booking_status::booked)
    return make_error(error_code::conflict, "Chỉ huỷ được lịch hẹn đang chờ.",
                      "Only a booking still booked can be cancelled.", c.english);
  change(c, *b, booking_status::cancelled, "cancel_booking", std::move(reason));
  return protocol::booking_result{view(*b, true)};
}

protocol::reply_body booking_desk::move(const context& c, const protocol::move_booking& r) {
  auto code = domain::parse_booking_code(r.code);
  auto b = code ? store_.find_by_code(*code) : std::nullopt;
  if (!b)
    return make_error(error_code::not_found, "Không có lịch hẹn với mã này.",
                      "No booking has this code.", c.english);
  if (auto refused = move(c, *b, r.start)) return std::move(*refused);
  return protocol::booking_result{view(*b, true)};
}

std::optional<protocol::error> booking_desk::move(const context& c, store::booking_record& b,
                                                  const std::string& start_text) {
  const bool en = c.english;
  if (b.status != booking_status::booked)
    return make_error(error_code::conflict, "Chỉ đổi được giờ của lịch hẹn đang chờ.",
                      "Only a booking still booked can be moved.", en);
  if (domain::check_in_window_of(rules_of(b.service), b.start).verdict(c.now) ==
      domain::check_in_verdict::too_late)
    return make_error(error_code::conflict, "Lịch hẹn đã quá giờ, không đổi được nữa.",
                      "The booking's time has passed: it can no longer be moved.", en);
  const auto start = domain::parse_iso8601(start_text);
  if (!start)
    return protocol::invalid_field(
        "start", "Giờ hẹn phải là một thời điểm ISO 8601, ví dụ 2026-12-01T08:00:00+07:00.",
        "The appointment time must be ISO 8601, e.g. 2026-12-01T08:00:00+07:00.", en);
  if (*start == b.start) return std::nullopt;  // already there: nothing to change
  const auto* service = settings_.find_service(b.service);
  if (!service || !service->booking)
    return protocol::invalid_field("start", "Lĩnh vực này không còn nhận đặt lịch.",
                                   "This service no longer takes appointments.", en);
  auto found = slot_at(*service, *start, c.now);
  if (const auto* why = std::get_if<domain::field_problem>(&found))
    return protocol::invalid_field("start", why->vi, why->en, en);
  const auto& slot = std::get<domain::booking_slot>(found);
  if (auto refused = refusal(c, *service, slot, b.phone, false, &b)) return refused;
  const auto before = audit_json(b, settings_.zone);
  b.start = slot.start;
  b.end = slot.end;
  write(c, b, before, "move_booking", std::nullopt);
  return std::nullopt;
}

void booking_desk::change(const context& c, store::booking_record& b, booking_status to,
                          const std::string& action, std::optional<std::string> reason) {
  const auto before = audit_json(b, settings_.zone);
  b.status = to;
  if (to == booking_status::cancelled) b.cancel_reason = reason;
  write(c, b, before, action, reason);
}

void booking_desk::write(const context& c, store::booking_record& b, const std::string& before,
                         const std::string& action, const std::optional<std::string>& reason) {
  b.changed_at = c.now;
  store_.update(b);
  audit_.append({c.now, c.who.name, action, "booking:" + b.code, before,
                 audit_json(b, settings_.zone), reason.value_or("")});
  events_.push_back(protocol::booking_changed{view(b, true)});
}

// ---------------------------------------------------------------- the day

protocol::reply_body booking_desk::list(const context& c, const protocol::list_bookings& r) {
  const auto day = domain::parse_date(r.date);
  if (!day)
    return protocol::invalid_field("date", "Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-12-01.",
                                   "The date must be YYYY-MM-DD, e.g. 2026-12-01.", c.english);
  if (r.service && !settings_.find_service(*r.service))
    return protocol::invalid_field("service", "Không có lĩnh vực này.", "No such service.",
                                   c.english);
  const auto [from, to] = bounds(*day);
  protocol::bookings_result out;
  out.date = domain::format_iso_date(*day);
  for (const auto& b : store_.starting(from, to, r.service)) out.bookings.push_back(view(b, true));
  for (const auto& s : settings_.services) {
    if (!s.booking || (r.service && *r.service != s.id)) continue;
    const auto held = store_.held(s.id, from, to);
    for (const auto& slot : domain::day_slots(*s.booking, calendar_, settings_.zone, *day, held)) {
      const auto it = held.find(slot.start);
      out.slots.push_back({s.id, settings_.zone.format(slot.start), settings_.zone.format(slot.end),
                           slot.capacity, slot.free, it == held.end() ? 0 : it->second,
                           slot.over_booked});
    }
  }
  return out;
}

// ---------------------------------------------------------------- check-in

namespace {

// Which of one phone's bookings of today and tomorrow a check-in means: one checked in already,
// else one in its window, else the next to come, else one past its window; the earliest of each.
int rank(const store::booking_record& b, domain::check_in_verdict verdict) {
  switch (b.status) {
    case booking_status::checked_in:
      return 0;
    case booking_status::booked:
      return verdict == domain::check_in_verdict::in_window   ? 1
             : verdict == domain::check_in_verdict::too_early ? 2
                                                              : 3;
    case booking_status::missed:
      return 4;
    case booking_status::cancelled:
      break;
  }
  return 5;
}

}  // namespace

std::variant<store::booking_record, protocol::error> booking_desk::to_check_in(
    const context& c, const protocol::check_in& r) {
  const bool en = c.english;
  std::optional<store::booking_record> b;
  if (r.code) {
    auto code = domain::parse_booking_code(*r.code);
    if (code) b = store_.find_by_code(*code);
    if (!b)
      return make_error(error_code::not_found, "Không tìm thấy lịch hẹn với mã này.",
                        "No booking has this code.", en);
  } else if (r.phone) {
    auto phone = domain::normalise_phone(*r.phone);
    if (phone.problem)
      return protocol::invalid_field("phone", phone.problem->vi, phone.problem->en, en);
    // Today's bookings and tomorrow's: a window may open before midnight, and one who comes a
    // day early is told when to come back.
    const auto from = bounds(settings_.zone.day_of(c.now)).first;
    auto near = store_.of_phone(phone.normalised, from, from + std::chrono::days{2});
    auto verdict = [&](const store::booking_record& x) {
      return domain::check_in_window_of(rules_of(x.service), x.start).verdict(c.now);
    };
    auto best =
        std::ranges::min_element(near, {}, [&](const auto& x) { return rank(x, verdict(x)); });
    if (best == near.end())
      return make_error(error_code::not_found, "Không có lịch hẹn hôm nay với số điện thoại này.",
                        "No booking today has this phone number.", en);
    b = std::move(*best);
  } else {
    return protocol::invalid_field("code", "Nhập mã lịch hẹn hoặc số điện thoại đã dùng để đặt.",
                                   "Type the booking's code or the phone number it was made with.",
                                   en);
  }

  const auto window = domain::check_in_window_of(rules_of(b->service), b->start);
  const auto at = when(b->start, settings_.zone);
  switch (b->status) {
    case booking_status::checked_in:
      return std::move(*b);
    case booking_status::cancelled:
      return make_error(error_code::conflict, "Lịch hẹn này đã được huỷ.",
                        "This booking was cancelled.", en);
    case booking_status::missed:
    case booking_status::booked:
      break;
  }
  switch (window.verdict(c.now)) {
    case domain::check_in_verdict::in_window:
      if (b->status == booking_status::booked) return std::move(*b);
      break;  // missed as its window closed, then the clock went back: late all the same
    case domain::check_in_verdict::too_early: {
      const auto from = when(window.opens, settings_.zone);
      auto e = make_error(
          error_code::conflict,
          "Lịch hẹn của bạn lúc " + at.vi + ". Vui lòng quay lại từ " + from.vi + " để xác nhận.",
          "Your appointment is at " + at.en + ". Please come back from " + from.en +
              " to check in.",
          en);
      e.retry_at = settings_.zone.format(window.opens);
      return e;
    }
    case domain::check_in_verdict::too_late:
      break;
  }
  const auto until = when(window.closes, settings_.zone);
  return make_error(error_code::conflict,
                    "Đã quá giờ xác nhận lịch hẹn lúc " + at.vi + " (đến " + until.vi +
                        "). Vui lòng lấy số thường.",
                    "The check-in for the appointment at " + at.en + " closed at " + until.en +
                        ". Please take a walk-in ticket.",
                    en);
}

void booking_desk::checked_in(const context& c, store::booking_record b, domain::ticket_id ticket) {
  if (b.status == booking_status::checked_in) return;
  b.ticket = ticket;
  change(c, b, booking_status::checked_in, "check_in", std::nullopt);
}

void booking_desk::mark_missed(domain::time_point now) {
  const actor system{protocol::role::admin, "system", "system"};
  const context c{system, false, now};
  for (auto& b : store_.booked_before(now))
    if (domain::check_in_window_of(rules_of(b.service), b.start).verdict(now) ==
        domain::check_in_verdict::too_late)
      change(c, b, booking_status::missed, "booking_missed", std::nullopt);
}

std::map<domain::service_id, int> booking_desk::due_soon(domain::time_point now) {
  std::map<domain::service_id, int> out;
  for (const auto& b : store_.booked_before(now + 60min))
    if (domain::check_in_window_of(rules_of(b.service), b.start).verdict(now) !=
        domain::check_in_verdict::too_late)
      ++out[b.service];
  return out;
}

}  // namespace motcua::engine
