#include "server/engine/engine.hpp"

#include <spdlog/spdlog.h>

#include <initializer_list>
#include <utility>
#include <variant>

#include "server/auth/crypto.hpp"
#include "server/engine/overloaded.hpp"
#include "server/log/log.hpp"
#include "server/store/migrations.hpp"
#include "shared/domain/text.hpp"
#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::engine {

using protocol::error_code;
using protocol::role;

namespace {

store::database& migrated(store::database& db) {
  store::migrate(db);
  return db;
}

// A set of roles.
class roles {
 public:
  constexpr roles(std::initializer_list<role> members) {
    for (role r : members) bits_ |= 1u << static_cast<unsigned>(r);
  }
  constexpr bool has(role r) const { return (bits_ >> static_cast<unsigned>(r)) & 1u; }

 private:
  unsigned bits_ = 0;
};

constexpr roles any_role{role::kiosk, role::display, role::clerk, role::manager, role::admin};
constexpr roles kiosk{role::kiosk};
constexpr roles clerk{role::clerk};
constexpr roles clerk_or_manager{role::clerk, role::manager};
constexpr roles manager_or_admin{role::manager, role::admin};

// A lock as the audit log keeps it (no password ever reaches the guard).
std::string lock_json(const auth::login_lock& lock, const domain::business_zone& zone) {
  return R"({"failures":)" + std::to_string(lock.failures) + R"(,"retry_after":)" +
         std::to_string(lock.retry_after_seconds) + R"(,"until":")" + zone.format(lock.until) +
         R"("})";
}

bool english(const protocol::request& r) {
  if (r.lang) return *r.lang == "en";
  if (const auto* t = std::get_if<protocol::take_ticket>(&r.params)) return t->lang == "en";
  return false;
}

}  // namespace

engine::engine(const config::settings& settings, const std::string& db_path,
               const domain::clock& clock, auth::login_guard& logins)
    : settings_(settings),
      clock_(clock),
      logins_(logins),
      db_(db_path),
      store_(migrated(db_)),
      sessions_(settings_, store_),
      audit_(db_),
      sms_store_(db_),
      texts_(settings_, sms_store_),
      hub_outbox_(db_),
      province_(settings_, hub_outbox_),
      queue_(settings_, store_, audit_, texts_, province_),
      dossier_store_(db_),
      dossiers_(settings_, dossier_store_, audit_, texts_, province_),
      forms_(settings_, dossier_store_, audit_),
      report_store_(db_),
      reports_(settings_, report_store_, queue_, audit_, texts_, province_),
      booking_store_(db_),
      bookings_(settings_, booking_store_, audit_) {
  store::transaction tx(db_);
  queue_.load(clock_.now());
  queue_.set_appointments_due(bookings_.due_soon(clock_.now()));
  eta_accuracy_ = queue_.eta_accuracy(clock_.now());
  // The services' names as the province dashboard shows them: they change only with the
  // configuration, read at start.
  for (const auto& s : settings_.services) province_.service(clock_.now(), s);
  // Without a hub nothing is recorded for one: a hub configured later is given everything.
  if (!province_.enabled()) hub_outbox_.set_snapshot({1, 0});
  audit_.commit(tx);
  last_seq_ = store_.last_seq();
  // A change held back when the server last stopped (or crashed) was never sent: every
  // service's figures go out again with the first commit, numbered after every seq sent before.
  if (settings_.queue_changed_interval_ms > 0)
    for (const auto& s : settings_.services) queue_changes_.insert(s.id);
}

void engine::begin() {
  if (reload_due_) reload_after_rollback();  // an abandon() that could not finish
  batch_.emplace(db_);
  batch_now_ = clock_.now();
  try {
    queue_.roll_over_if_new_day(batch_now_);
    for (auto& e : queue_.take_events()) number(std::move(e));
  } catch (...) {
    abandon();
    throw;
  }
}

void engine::number(protocol::event_body body) {
  const auto* changed = std::get_if<protocol::queue_changed>(&body);
  if (changed && settings_.queue_changed_interval_ms > 0)
    queue_changes_.insert(changed->service);
  else
    number_now(std::move(body));
}

void engine::number_now(protocol::event_body body) {
  auto topic = protocol::topic_of(body);
  protocol::event e{++last_seq_, std::move(body), ++topic_seqs_[topic]};
  // Serialised now, not at commit: a hello with `since` later in the batch replays it.
  frame text(protocol::encode(e));
  batch_events_.push_back({std::move(e), topic, std::move(text)});
}

void engine::number_due_queue_changes() {
  const std::chrono::milliseconds interval{settings_.queue_changed_interval_ms};
  for (auto it = queue_changes_.begin(); it != queue_changes_.end();) {
    auto last = queue_changed_at_.find(*it);
    // Due once the interval has passed (or the clock went back).
    bool due = last == queue_changed_at_.end() || batch_now_ - last->second >= interval ||
               batch_now_ < last->second;
    if (!due) {
      ++it;
      continue;
    }
    queue_changed_at_[*it] = batch_now_;
    number_now(queue_.queue_figures(*it));
    it = queue_changes_.erase(it);
  }
}

std::optional<std::chrono::milliseconds> engine::queue_changes_due_in() const {
  if (queue_changes_.empty()) return std::nullopt;
  const std::chrono::milliseconds interval{settings_.queue_changed_interval_ms};
  auto now = clock_.now();
  auto soonest = std::chrono::milliseconds::max();
  for (auto service : queue_changes_) {
    auto last = queue_changed_at_.find(service);
    if (last == queue_changed_at_.end() || now < last->second) return std::chrono::milliseconds{0};
    // Rounded up: at 0 the change is due, so the empty batch that sends it is never wasted.
    auto left = std::chrono::ceil<std::chrono::milliseconds>(last->second + interval - now);
    soonest = std::min(soonest, std::max(left, std::chrono::milliseconds{0}));
  }
  return soonest;
}

void engine::reload_memory(domain::time_point now) {
  queue_.take_events();
  dossiers_.take_events();
  bookings_.take_events();
  dossiers_.reload();
  audit_.reload();
  queue_.load(now);
}

template <class Work>
bool engine::in_savepoint(std::string_view what, Work work) {
  bool failed = false;
  {
    store::savepoint sp(db_);  // rolls back unless released
    try {
      work();
      queue_.write_texts(batch_now_);  // in the request's savepoint: its texts are its own
      sp.release();
    } catch (const std::exception& e) {
      spdlog::error("engine: {} failed: {}", what, e.what());
      failed = true;
    }
  }
  if (failed) {
    reload_memory(batch_now_);  // the savepoint undid these writes
    return false;
  }
  // A booking made, cancelled, checked in or missed changes the appointments due.
  auto booking_events = bookings_.take_events();
  if (!booking_events.empty()) queue_.set_appointments_due(bookings_.due_soon(batch_now_));
  for (auto& e : queue_.take_events()) number(std::move(e));
  for (auto& e : dossiers_.take_events()) number(std::move(e));
  for (auto& e : booking_events) number(std::move(e));
  return true;
}

outcome engine::handle(connection_state& conn, const protocol::request& r,
                       auth::password_check check) {
  outcome out;
  if (!in_savepoint(protocol::verb_of(r.params),
                    [&] { out.body = run(conn, r, check, out.replay); }))
    return {protocol::internal_error(english(r)), {}};
  return out;
}

public_answer engine::public_route(const public_request& r) {
  // The citizen on the public route: no account, no device.
  static const actor citizen{protocol::role::kiosk, std::string(store::booked_publicly), ""};
  const bool en = std::visit(
      overloaded{[](const protocol::book& b) { return b.lang == "en"; },
                 [](const text_report&) { return false; }, [](const auto& q) { return q.english; }},
      r);
  const context c{citizen, en, batch_now_};
  public_answer out;
  auto answer = [&out](auto body, bool created) {
    std::visit([&](auto& x) { out.body = std::move(x); }, body);
    out.created = created;
  };
  if (!in_savepoint("public", [&] {
        std::visit(
            overloaded{[&](const slots_query& q) { answer(bookings_.slots(q, c.now), false); },
                       [&](const protocol::book& b) {
                         auto made = bookings_.book(c, b, true);
                         answer(std::move(made.body), made.created);
                       },
                       [&](const booking_lookup& l) { answer(bookings_.own(c, l).body, false); },
                       [&](const ticket_lookup& t) {
                         answer(t.cancel ? queue_.give_up(c, t.token)
                                         : queue_.public_view(t.token, c.english),
                                false);
                       },
                       [&](const ticket_rating& t) { answer(rate_ticket(c, t), false); },
                       [&](const text_report& t) {
                         if (texts_.report(c.now, t))
                           out.body = text_reported{};
                         else
                           out.body = make_error(error_code::not_found, "Không có tin nhắn này.",
                                                 "No such text message.", false);
                       }},
            r);
      }))
    return {protocol::internal_error(en)};
  return out;
}

std::variant<protocol::error, protocol::public_ticket> engine::rate_ticket(const context& c,
                                                                           const ticket_rating& r) {
  auto view = queue_.public_view(r.token, c.english);
  if (std::holds_alternative<protocol::error>(view)) return view;
  const auto counter = queue_.served_at(r.token);
  if (!counter)
    return make_error(error_code::conflict, "Chỉ đánh giá được sau khi đã được phục vụ xong.",
                      "A service can be rated once it is over.", c.english);
  // Its request_key names the ticket: a second rating (a double tap) is the first one.
  auto rated = reports_.rate_service(
      c, protocol::rate_service{*counter, r.level, queue_.held_id(r.token), {}, "ve:" + r.token});
  if (auto* refusal = std::get_if<protocol::error>(&rated)) return std::move(*refusal);
  return view;
}

std::variant<protocol::error, followed_ticket> engine::followed(const std::string& token,
                                                                bool english) const {
  auto view = queue_.public_view(token, english);
  if (auto* refusal = std::get_if<protocol::error>(&view)) return std::move(*refusal);
  return followed_ticket{*queue_.held_id(token),
                         std::get<protocol::public_ticket>(std::move(view))};
}

protocol::reply_body engine::check_in(const context& c, const protocol::check_in& r,
                                      const std::string& device) {
  auto found = bookings_.to_check_in(c, r);
  if (auto* refusal = std::get_if<protocol::error>(&found)) return std::move(*refusal);
  auto& b = std::get<store::booking_record>(found);
  // One ticket per booking: its request_key names the booking, so a second check-in (a double
  // tap, a retry after a lost reply) gets the same ticket.
  auto out = queue_.take_appointment(c, b.service, "booking:" + b.code, b.lang, device, b.phone);
  if (const auto* ok = std::get_if<protocol::ticket_result>(&out))
    bookings_.checked_in(c, std::move(b), ok->ticket.id);
  return out;
}

protocol::reply_body engine::take_ticket(const context& c, const protocol::take_ticket& r,
                                         const std::string& device) {
  if (!r.dossier) return queue_.take_ticket(c, r, device);
  auto linked = r;
  linked.dossier = domain::to_upper_ascii(domain::trim_ascii(*r.dossier));
  auto offer = dossiers_.ticket_offer(*linked.dossier);
  if (!offer || offer->service != r.service)
    return protocol::invalid_field("dossier", "Hồ sơ này không cần lấy số cho lĩnh vực này.",
                                   "This dossier needs no ticket for this service.", c.english);
  return queue_.take_ticket(c, linked, device);
}

protocol::reply_body engine::register_dossier(const context& c, const protocol::register_dossier& r,
                                              const std::string& clerk) {
  auto out = dossiers_.register_dossier(c, r, queue_.ticket_of_clerk(clerk));
  if (const auto* ok = std::get_if<protocol::dossier_result>(&out); ok && ok->dossier.ticket)
    queue_.link_dossier(c, *ok->dossier.ticket, ok->dossier.code);
  return out;
}

protocol::reply_body engine::run(connection_state& conn, const protocol::request& r,
                                 auth::password_check check, std::vector<published_event>& replay) {
  const bool en = english(r);
  // A verb that only a connection logged in with one of `may` may use.
  auto only = [&](roles may, auto verb) -> protocol::reply_body {
    if (!conn.who)
      return make_error(error_code::unauthorized, "Hãy đăng nhập (hello) trước.",
                        "Say hello (log in) first.", en);
    if (!may.has(conn.who->role))
      return make_error(error_code::forbidden, "Vai trò của bạn không được làm việc này.",
                        "Your role may not do this.", en);
    return verb(context{*conn.who, en, batch_now_});
  };
  return std::visit(
      overloaded{
          // The login itself, on any connection (hello() refuses a second one).
          [&](const protocol::hello& h) -> protocol::reply_body {
            return hello(conn, r, h, check, replay);
          },
          [&](const protocol::list_services&) {
            return only(any_role, [&](const context& c) {
              return protocol::services_result{queue_.services(c.now)};
            });
          },
          [&](const protocol::take_ticket& p) {
            return only(kiosk, [&](const context& c) { return take_ticket(c, p, c.who.name); });
          },
          [&](const protocol::open_counter& p) {
            return only(clerk, [&](const context& c) { return queue_.open_counter(c, p); });
          },
          [&](const protocol::call_next&) {
            return only(clerk, [&](const context& c) { return queue_.call_next(c); });
          },
          [&](const protocol::call_ticket& p) {
            return only(clerk, [&](const context& c) { return queue_.call_ticket(c, p); });
          },
          [&](const protocol::recall&) {
            return only(clerk, [&](const context& c) { return queue_.recall(c); });
          },
          [&](const protocol::start_service&) {
            return only(clerk, [&](const context& c) { return queue_.start_service(c); });
          },
          [&](const protocol::no_show&) {
            return only(clerk, [&](const context& c) { return queue_.no_show(c); });
          },
          [&](const protocol::transfer& p) {
            return only(clerk, [&](const context& c) { return queue_.transfer(c, p); });
          },
          [&](const protocol::finish& p) {
            return only(clerk, [&](const context& c) { return queue_.finish(c, p); });
          },
          [&](const protocol::pause_counter&) {
            return only(clerk, [&](const context& c) { return queue_.pause_counter(c); });
          },
          [&](const protocol::resume_counter&) {
            return only(clerk, [&](const context& c) { return queue_.resume_counter(c); });
          },
          [&](const protocol::close_counter&) {
            return only(clerk, [&](const context& c) { return queue_.close_counter(c); });
          },
          [&](const protocol::list_procedures& p) {
            return only(any_role, [&](const context& c) { return dossiers_.procedures(c, p); });
          },
          [&](const protocol::register_dossier& p) {
            return only(clerk,
                        [&](const context& c) { return register_dossier(c, p, c.who.name); });
          },
          [&](const protocol::get_dossier& p) {
            return only(clerk_or_manager,
                        [&](const context& c) { return dossiers_.get_dossier(c, p); });
          },
          [&](const protocol::search_dossiers& p) {
            return only(clerk_or_manager, [&](const context& c) { return dossiers_.search(c, p); });
          },
          [&](const protocol::advance_dossier& p) {
            return only(clerk_or_manager,
                        [&](const context& c) { return dossiers_.advance(c, p); });
          },
          [&](const protocol::lookup_dossier& p) {
            return only(any_role, [&](const context& c) { return dossiers_.lookup(c, p); });
          },
          [&](const protocol::get_stats& p) {
            return only(manager_or_admin,
                        [&](const context& c) { return reports_.get_stats(c, p); });
          },
          [&](const protocol::rate_service& p) {
            return only(kiosk, [&](const context& c) { return reports_.rate_service(c, p); });
          },
          [&](const protocol::unlock_login& p) {
            return only(manager_or_admin, [&](const context& c) { return unlock_login(c, p); });
          },
          [&](const protocol::list_login_locks&) {
            return only(manager_or_admin, [&](const context&) {
              return protocol::login_locks_result{lock_views(logins_.locks()), {}};
            });
          },
          [&](const protocol::book& p) {
            return only(clerk, [&](const context& c) {
              return std::visit([](auto&& x) -> protocol::reply_body { return std::move(x); },
                                bookings_.book(c, p, false).body);
            });
          },
          [&](const protocol::check_in& p) {
            return only(kiosk, [&](const context& c) { return check_in(c, p, c.who.name); });
          },
          [&](const protocol::get_recorded_days& p) {
            return only(manager_or_admin,
                        [&](const context& c) { return reports_.recorded_days(c, p); });
          },
          [&](const protocol::list_texts& p) {
            return only(clerk_or_manager, [&](const context&) -> protocol::reply_body {
              return protocol::texts_result{texts_.of_ticket(p.ticket)};
            });
          },
          [&](const protocol::list_bookings& p) {
            return only(clerk_or_manager, [&](const context& c) { return bookings_.list(c, p); });
          },
          [&](const protocol::cancel_booking& p) {
            return only(clerk, [&](const context& c) { return bookings_.cancel(c, p); });
          },
          [&](const protocol::move_booking& p) {
            return only(clerk, [&](const context& c) { return bookings_.move(c, p); });
          },
          // The province's figures are the hub's (motcua-hub), never a centre's.
          [&](const protocol::get_province_stats&) {
            return only(any_role, [&](const context& c) -> protocol::reply_body {
              return make_error(
                  error_code::forbidden, "Số liệu toàn tỉnh chỉ có ở trục tỉnh (motcua-hub).",
                  "The province's figures are at the province hub (motcua-hub).", c.english);
            });
          },
      },
      r.params);
}

protocol::reply_body engine::hello(connection_state& conn, const protocol::request& r,
                                   const protocol::hello& h, auth::password_check check,
                                   std::vector<published_event>& replay) {
  const bool en = english(r);
  if (conn.who)
    return make_error(error_code::conflict, "Kết nối này đã đăng nhập.",
                      "This connection is already logged in.", en);
  std::optional<protocol::subscription> asked;
  if (h.topics) {
    std::string bad;
    asked = protocol::subscription::parse(*h.topics, bad);
    if (asked &&
        !asked->within([&](std::int64_t id) { return settings_.find_service(id) != nullptr; },
                       [&](std::int64_t id) { return settings_.find_counter(id) != nullptr; }, bad))
      asked.reset();
    if (!asked)
      return protocol::invalid_field(
          "topics",
          "Không có chủ đề '" + bad + "' (ví dụ: calls, queue/*, queue/3, tickets/*, counter/2).",
          "No topic '" + bad + "' (for example calls, queue/*, queue/3, tickets/*, counter/2).",
          en);
  }
  // Its own savepoint: a login refused for its topics opens no session.
  store::savepoint sp(db_);
  auto accepted = sessions_.hello(h, check, batch_now_, en);
  if (auto* refusal = std::get_if<protocol::error>(&accepted)) return std::move(*refusal);
  auto& login = std::get<auth::login>(accepted);
  const auto& allowed = protocol::subscription::allowed_for(login.role);
  if (asked && !allowed.covers(*asked))
    return make_error(error_code::forbidden,
                      "Vai trò này không được nhận một số chủ đề đã yêu cầu (topics).",
                      "This role may not receive some of the topics asked for.", en);
  sp.release();
  // The role's default is one object shared by its connections: the runner filters each batch
  // once per subscription, not once per connection.
  conn.topics =
      asked ? shared(std::move(*asked))
            : std::shared_ptr<const protocol::subscription>(
                  std::shared_ptr<void>{}, &protocol::subscription::default_for(login.role));
  if (login.new_session)
    audit_.append({batch_now_, login.name, "login", "session:" + login.name, "", "", ""});
  const actor who{login.role, login.name, login.display_name};
  protocol::hello_result result;
  result.session_token = login.session_token;
  if (login.session_expires_at)
    result.session_expires_at = settings_.zone.format(*login.session_expires_at);
  result.role = who.role;
  result.user = who.name;
  result.display_name = who.display_name;
  result.seq = last_seq_;
  result.server_time = settings_.zone.format(batch_now_);
  for (const auto& [topic, seq] : topic_seqs_)
    if (conn.topics->has(topic)) result.topics[protocol::to_string(topic)] = seq;
  auto missed = h.since ? replay_since(*h.since, *conn.topics) : std::nullopt;
  if (missed) {
    result.replayed = static_cast<int>(missed->size());
    replay = std::move(*missed);
  } else {
    result.snapshot = queue_.snapshot(who, batch_now_);
  }
  conn.who = who;
  return result;
}

std::shared_ptr<const protocol::subscription> engine::shared(protocol::subscription topics) {
  std::erase_if(subscriptions_, [](const auto& w) { return w.expired(); });
  for (const auto& w : subscriptions_)
    if (auto same = w.lock(); same && *same == topics) return same;
  auto made = std::make_shared<const protocol::subscription>(std::move(topics));
  subscriptions_.push_back(made);
  return made;
}

std::string engine::lock_key(const auth::login_lock& lock) const {
  // A "username" that is no account may be a password typed in the wrong box: never shown.
  if (lock.kind == auth::lock_kind::username && !settings_.find_account(lock.key)) return "?";
  return lock.key;
}

std::string engine::lock_entity(const auth::login_lock& lock) const {
  return (lock.kind == auth::lock_kind::address ? "address:" : "login:") + lock_key(lock);
}

std::vector<protocol::login_lock_view> engine::lock_views(
    const std::vector<auth::login_lock>& locks) const {
  std::vector<protocol::login_lock_view> out;
  for (const auto& l : locks)
    out.push_back({std::string(auth::to_string(l.kind)), lock_key(l), l.failures,
                   settings_.zone.format(l.until), l.retry_after_seconds});
  return out;
}

void engine::record_lockout(const auth::login_lock& lock) {
  // The address may be logged, a username may not (it may be a mistyped password).
  log::throttled(
      spdlog::level::warn, "login_lock",
      fmt::format("login: {} held back for {} s after {} failed logins",
                  lock.kind == auth::lock_kind::address ? "address " + lock.key : "a username",
                  lock.retry_after_seconds, lock.failures));
  bool failed = false;
  {
    store::savepoint sp(db_);  // rolls back unless released
    try {
      audit_.append({batch_now_, "system", "login_locked", lock_entity(lock), "",
                     lock_json(lock, settings_.zone), ""});
      sp.release();
    } catch (const std::exception& e) {
      spdlog::error("engine: recording a login lock failed: {}", e.what());
      failed = true;
    }
  }
  if (failed) audit_.reload();
}

int engine::login_locks() const { return static_cast<int>(logins_.locks().size()); }

protocol::reply_body engine::unlock_login(const context& c, const protocol::unlock_login& u) {
  if (!u.username && !u.address)
    return protocol::invalid_field("username",
                                   "Cần tên đăng nhập hoặc địa chỉ (address) để mở khoá.",
                                   "Give the username or the address to unlock.", c.english);
  auto lifted = logins_.unlock(u.username, u.address);
  if (lifted.empty())
    return make_error(error_code::not_found, "Không có khoá đăng nhập nào như vậy.",
                      "No such login lock.", c.english);
  for (const auto& l : lifted)
    audit_.append(
        {c.now, c.who.name, "unlock_login", lock_entity(l), lock_json(l, settings_.zone), "", ""});
  return protocol::login_locks_result{lock_views(logins_.locks()), lock_views(lifted)};
}

std::optional<std::vector<published_event>> engine::replay_since(
    std::int64_t since, const protocol::subscription& topics) const {
  if (since > last_seq_) return std::nullopt;  // a different (restored) server: start afresh
  std::int64_t oldest = !ring_.empty()           ? ring_.front().event.seq
                        : !batch_events_.empty() ? batch_events_.front().event.seq
                                                 : last_seq_ + 1;
  if (since + 1 < oldest) return std::nullopt;  // too old for the ring: send a snapshot
  // More than the connection's outgoing queue could take beside a batch's events (it would be
  // cut, ask again with the same `since`, and be cut again): a snapshot.
  const auto most = static_cast<std::size_t>(settings_.limits.outgoing_queue_messages / 2);
  std::vector<published_event> out;
  auto collect = [&](const auto& events) {
    for (const auto& e : events)
      if (e.event.seq > since && topics.has(e.topic) && out.size() <= most) out.push_back(e);
  };
  collect(ring_);
  collect(batch_events_);
  if (out.size() > most) return std::nullopt;
  return out;
}

std::vector<published_event> engine::commit() {
  try {
    number_due_queue_changes();
    store_.set_last_seq(last_seq_);
    audit_.commit(*batch_);
    batch_.reset();
  } catch (...) {
    abandon();
    throw;
  }
  auto events = std::exchange(batch_events_, {});
  ring_.insert(ring_.end(), events.begin(), events.end());
  while (static_cast<int>(ring_.size()) > settings_.event_ring_size) ring_.pop_front();
  return events;
}

void engine::abandon() {
  if (!batch_) return;
  batch_.reset();  // rolls back
  for (const auto& e : batch_events_) {
    if (--topic_seqs_[e.topic] == 0) topic_seqs_.erase(e.topic);
    if (const auto* changed = std::get_if<protocol::queue_changed>(&e.event.body))
      queue_changes_.insert(changed->service);  // numbered again, with the reloaded figures
  }
  batch_events_.clear();
  reload_due_ = true;
  reload_after_rollback();
}

void engine::reload_after_rollback() {
  last_seq_ = store_.last_seq();
  store::transaction tx(db_);
  reload_memory(clock_.now());  // may close an earlier day: audit entries
  // The reloaded memory may be of a new day whose roll-over, events and all, was rolled back (the
  // reload closes the earlier day without any): every counter and service is announced again,
  // numbered by the next batch (a roll-over there drops these and announces its own).
  queue_.announce_all();
  audit_.commit(tx);
  reload_due_ = false;
}

bool engine::checkpoint_due() const { return db_.wal_pages() >= settings_.wal_checkpoint_pages; }

void engine::checkpoint_if_due() {
  if (checkpoint_due()) db_.checkpoint();
}

std::vector<published_event> engine::tick() {
  begin();
  const auto stats_sent = last_stats_;
  try {
    tick_work();
    return commit();
  } catch (...) {
    abandon();                 // nothing left to do when the commit itself failed
    last_stats_ = stats_sent;  // the figures go out at a later tick
    throw;
  }
}

void engine::tick_work() {
  dossiers_.flag_due_soon(batch_now_);
  for (auto& e : dossiers_.take_events()) number(std::move(e));
  in_savepoint("marking missed bookings", [&] {
    bookings_.mark_missed(batch_now_);
    // The clock moves bookings into the next hour as well.
    queue_.set_appointments_due(bookings_.due_soon(batch_now_));
  });
  auto interval = std::chrono::seconds{settings_.stats_interval_seconds};
  if (batch_now_ - last_stats_at_ >= interval) {  // worked out once an interval, sent if changed
    last_stats_at_ = batch_now_;
    eta_accuracy_ = queue_.eta_accuracy(batch_now_);
    auto s = queue_.stats(batch_now_);
    auto previous = last_stats_;
    previous.at = s.at;
    if (s != previous) {
      last_stats_ = s;
      number(std::move(s));
    }
  }
}

const std::map<std::string, int>& engine::dossier_counts() const { return dossiers_.counts(); }

form_outcome engine::form(const form_request& r) {
  const auto* account = sessions_.account_of(r.session_token, batch_now_);
  if (!account) {
    form_outcome out;
    out.status = 401;
    out.message = "Cần đăng nhập (Authorization: Bearer <session_token>).";
    out.message_en = "Log in first (Authorization: Bearer <session_token>).";
    return out;
  }
  return forms_.fill({account->role, account->username, account->display_name}, r, batch_now_);
}

std::optional<protocol::public_dossier> engine::public_dossier(const std::string& code) {
  return dossiers_.public_view(code, clock_.now());
}

std::vector<protocol::service_view> engine::services() const {
  return queue_.services(clock_.now());
}

}  // namespace motcua::engine
