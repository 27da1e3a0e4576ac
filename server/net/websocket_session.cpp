#include "server/net/websocket_session.hpp"

#include <algorithm>
#include <span>
#include <typeinfo>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/core/demangle.hpp>

#include "server/log/log.hpp"
#include "server/net/http_handler.hpp"
#include "shared/domain/text.hpp"
#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::net {

using protocol::error_code;
namespace http = beast::http;

std::optional<http::response<http::string_body>> refuse_upgrade(const upgrade_request& req,
                                                                const config::settings& settings) {
  bool offered = false;
  for (auto part : http::token_list(req[http::field::sec_websocket_protocol]))
    offered = offered || part == protocol::subprotocol;
  std::optional<http::response<http::string_body>> refusal;
  if (!offered) {
    refusal = error(req, http::status::bad_request, error_code::bad_request,
                    "Sec-WebSocket-Protocol: kết nối phải đề nghị sub-protocol motcua.v1.",
                    "Sec-WebSocket-Protocol: the upgrade must offer the sub-protocol motcua.v1.");
  } else if (auto origin = req.find(http::field::origin); origin != req.end()) {
    const auto& allowed = settings.allowed_origins;
    if (std::find(allowed.begin(), allowed.end(), origin->value()) == allowed.end())
      refusal = error(req, http::status::forbidden, error_code::forbidden,
                      "Origin: trang web này không được phép kết nối tới máy chủ.",
                      "Origin: this web origin may not connect to the server.");
  }
  if (!refusal) return refusal;
  refusal->keep_alive(false);
  log::throttled(spdlog::level::info, "upgrade refused",
                 offered ? "upgrade refused: Origin not allowed"
                         : "upgrade refused: sub-protocol motcua.v1 not offered");
  return refusal;
}

websocket_session::websocket_session(tls::stream&& stream, shared_state& state,
                                     admission::place place)
    : ws_(std::move(stream)),
      state_(state),
      id_(state.next_connection++),
      place_(std::move(place)),
      deadline_(ws_.get_executor()),
      tokens_(state.settings.limits.message_burst),
      refilled_(std::chrono::steady_clock::now()) {
  beast::error_code gone;  // then the address stays unspecified
  peer_ = beast::get_lowest_layer(ws_).socket().remote_endpoint(gone).address();
}

websocket_session::~websocket_session() {
  if (registered_) state_.runner.disconnect(id_);
  if (authenticated_) --state_.authenticated_connections;
}

void websocket_session::run(upgrade_request upgrade) {
  const auto& limits = state_.settings.limits;
  // refuse_upgrade made sure the client offered motcua.v1.
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
    res.set(http::field::server, "motcua");
    res.set(http::field::sec_websocket_protocol, protocol::subprotocol);
  }));
  // Set before anything else, refused connections included: every step has a deadline.
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.handshake_timeout = std::chrono::seconds(limits.close_timeout_seconds);
  timeouts.idle_timeout = std::chrono::seconds(limits.idle_timeout_seconds);
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.read_message_max(protocol::max_frame_bytes);
  arm_hello_deadline(std::chrono::seconds(limits.hello_timeout_seconds), false);
  // Past the cap the handshake still completes, then a "try again later" close.
  bool refused = state_.authenticated_connections.load() >= limits.max_connections;
  ws_.async_accept(upgrade, beast::bind_front_handler(&websocket_session::on_accept,
                                                      shared_from_this(), refused));
}

void websocket_session::arm_hello_deadline(std::chrono::seconds after, bool grace) {
  deadline_.expires_after(after);
  deadline_.async_wait([weak = weak_from_this(), grace](beast::error_code ec) {
    auto self = weak.lock();
    if (ec || !self || self->authenticated_) return;
    self->guard("hello deadline", [&] {
      // A hello on its way (its password being checked, or in the engine) decides: it gets
      // close_timeout_seconds more, once, rather than an answer cut off or a login half-done.
      if (!grace && (self->checking_password_ || self->replies_owed_ > 0))
        return self->arm_hello_deadline(
            std::chrono::seconds(self->state_.settings.limits.close_timeout_seconds), true);
      self->drop(metrics::drop_reason::hello_timeout, websocket::close_code::policy_error);
    });
  });
}

template <class Step>
void websocket_session::guard(std::string_view step, Step&& run) noexcept {
  try {
    run();
  } catch (const std::exception& e) {
    // Never what() it says: it may quote what the client sent.
    log::throttled(spdlog::level::err, "websocket failed",
                   fmt::format("websocket {}: {} failed ({}); connection closed", peer_.to_string(),
                               step, boost::core::demangle(typeid(e).name())));
    cut(step, boost::asio::error::fault);
  } catch (...) {
    log::throttled(
        spdlog::level::err, "websocket failed",
        fmt::format("websocket {}: {} failed; connection closed", peer_.to_string(), step));
    cut(step, boost::asio::error::fault);
  }
}

void websocket_session::on_accept(bool refused, beast::error_code ec) {
  if (ec) {
    log::throttled(spdlog::level::info, "websocket handshake",
                   "websocket handshake: " + ec.message());
    return;
  }
  accepted_ = true;
  if (closing_) return close_when_done();  // the hello deadline passed during the handshake
  if (refused) return drop(metrics::drop_reason::capacity, websocket::close_code::try_again_later);
  registered_ = true;
  state_.runner.connect(id_, weak_from_this());
  do_read();
}

void websocket_session::do_read() {
  ws_.async_read(buffer_,
                 beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec, std::size_t) {
  if (ec) {
    if (ec == websocket::error::message_too_big)
      state_.metrics.dropped(metrics::drop_reason::too_big);  // Beast closes with 1009
    else if (ec == beast::error::timeout)
      state_.metrics.dropped(metrics::drop_reason::idle);
    if (ec != websocket::error::closed) return cut("read", ec);
    close_sent_ = true;  // Beast answered the client's close: no frame may follow it
    deadline_.cancel();  // closed cleanly: nothing left to wait for
    return;
  }
  if (closing_) return;  // read before the decision to close: the close is on its way
  guard("read", [&] {
    std::string bytes = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (buffer_.capacity() > 4096) buffer_.shrink_to_fit();
    on_frame(ws_.next_layer().was_text(), std::move(bytes));
  });
}

void websocket_session::on_frame(bool text, std::string bytes) {
  auto received = std::chrono::steady_clock::now();
  // Every frame counts against the rate limit and gets one reply, whatever it holds.
  std::variant<protocol::request, protocol::decode_failure> decoded;
  if (!text)
    decoded = protocol::decode_failure{
        std::nullopt,
        protocol::make_error(error_code::bad_request, "Chỉ nhận khung văn bản (JSON).",
                             "Only text frames (JSON) are accepted.", false)};
  else if (!domain::is_valid_utf8(bytes))
    decoded = protocol::decode_failure{
        std::nullopt,
        protocol::make_error(error_code::bad_request, "Khung văn bản không phải UTF-8 hợp lệ.",
                             "The text frame is not valid UTF-8.", false)};
  else
    decoded = protocol::decode_request(bytes);
  auto* failure = std::get_if<protocol::decode_failure>(&decoded);
  auto* r = std::get_if<protocol::request>(&decoded);
  if (!take_token()) {
    if (++strikes_ > state_.settings.limits.strikes_before_disconnect)
      return drop(metrics::drop_reason::rate_limit, websocket::close_code::policy_error);
    reply_error(failure ? failure->id : std::optional(r->id),
                protocol::make_error(error_code::limit, "Gửi quá nhanh, vui lòng chậm lại.",
                                     "Too many requests; slow down.", r && r->lang == "en"));
    return do_read();
  }
  strikes_ = 0;
  if (failure) {
    reply_error(failure->id, failure->error);
    return do_read();
  }
  const auto* h = std::get_if<protocol::hello>(&r->params);
  if (h && !h->device_token && !h->session_token) {
    // Password logins are checked on the pool; reading waits so that the
    // requests after the hello reach the engine after it.
    auto username = h->username.value_or("");
    auto password = h->password.value_or("");
    auto self = shared_from_this();
    auto refusal = state_.passwords.verify(
        std::move(username), std::move(password), client_of(peer_).to_string(), r->lang == "en",
        [self, r = *r](auth::check_result checked) mutable {
          boost::asio::post(self->ws_.get_executor(),
                            [self, r = std::move(r), checked = std::move(checked)]() mutable {
                              self->on_password_checked(std::move(r), std::move(checked));
                            });
        });
    if (refusal) {  // held back or busy: answered now, nothing hashed
      reply_error(r->id, std::move(*refusal));
      return do_read();
    }
    checking_password_ = true;
    return;
  }
  if (h && !authenticated_) {  // a device or session token: guessing it counts per address
    if (auto wait = state_.logins.held_back(client_of(peer_).to_string())) {
      reply_error(r->id, auth::held_back_error(*wait, r->lang == "en"));
      return do_read();
    }
    token_hello_ = true;
  }
  // The address's lookup budget; before a hello the engine answers `unauthorized` anyway.
  if (authenticated_ && std::holds_alternative<protocol::lookup_dossier>(r->params)) {
    auto v = state_.addresses.lookup(peer_, metrics::route::lookup_dossier, received);
    if (!v.allowed) {
      reply_error(r->id, limit_error(v.retry_after, r->lang == "en"));
      return do_read();
    }
    if (const auto& code = std::get<protocol::lookup_dossier>(r->params).code;
        state_.hub.remote(code)) {  // another unit's: the province hub knows it
      ask_hub(r->id, code, r->lang == "en");
      return do_read();
    }
  }
  submit(std::move(*r), auth::password_check::not_needed, received);
  do_read();
}

void websocket_session::on_password_checked(protocol::request r, auth::check_result checked) {
  checking_password_ = false;
  if (closing_) return close_when_done();  // closed while the password was checked
  guard("login", [&] {
    if (checked.refusal)
      reply_error(r.id, std::move(*checked.refusal));
    else
      submit(std::move(r),
             checked.accepted ? auth::password_check::accepted : auth::password_check::rejected,
             std::chrono::steady_clock::now());
    do_read();
  });
}

void websocket_session::submit(protocol::request r, auth::password_check check,
                               std::chrono::steady_clock::time_point received) {
  ++replies_owed_;
  state_.runner.submit(id_, std::move(r), check, received);
}

bool websocket_session::take_token() {
  const auto& limits = state_.settings.limits;
  auto now = std::chrono::steady_clock::now();
  tokens_ = std::min<double>(limits.message_burst,
                             tokens_ + std::chrono::duration<double>(now - refilled_).count() *
                                           limits.messages_per_second);
  refilled_ = now;
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void websocket_session::reply_error(std::optional<std::int64_t> id, protocol::error e) {
  queue_write(engine::frame(protocol::encode(protocol::reply{id, std::move(e)})));
}

void websocket_session::deliver(engine::delivery d) {
  // Run in place when the request was run on this connection's own thread (a lone client,
  // runner::run_alone): the reply goes out before the next read is even tried.
  boost::asio::dispatch(ws_.get_executor(), [self = shared_from_this(),
                                             d = std::move(d)]() mutable {
    self->replies_owed_ -= d.replies;
    self->guard("deliver", [&] {
      if (self->token_hello_ && d.replies > 0) {  // the token hello's answer is among these
        self->token_hello_ = false;
        auto from = client_of(self->peer_).to_string();
        if (d.logged_in)
          self->state_.logins.succeeded_token(from);
        else if (d.bad_credentials)  // not a refusal for its topics: that was no guess
          self->state_.logins.failed_token(from);
      }
      if (d.logged_in && !self->closing_) self->on_logged_in();
      if (!d.own.empty())
        self->queue_write(std::make_shared<const std::vector<engine::frame>>(std::move(d.own)), 0);
      // Closing: the replies still owed go out, the hall's events no longer.
      if (d.events && !self->closing_) self->queue_write(std::move(d.events), d.first_event);
      self->close_when_done();
    });
  });
}

void websocket_session::ask_hub(std::optional<std::int64_t> id, const std::string& code,
                                bool english) {
  ++replies_owed_;
  state_.hub.find(code, [self = shared_from_this(), id, english](province::remote_dossier r) {
    boost::asio::post(self->ws_.get_executor(), [self, id, english, r = std::move(r)] {
      --self->replies_owed_;
      self->guard("province lookup", [&] {
        using outcome = province::remote_dossier::outcome;
        if (r.result == outcome::found)
          self->queue_write(engine::frame(
              protocol::encode(protocol::reply{id, protocol::lookup_result{*r.view}})));
        else
          self->reply_error(
              id, r.result == outcome::unknown
                      ? protocol::make_error(protocol::error_code::not_found, "Không có hồ sơ này.",
                                             "No such dossier.", english)
                      : province::hub_lookup::unreachable_error(english));
        self->close_when_done();
      });
    });
  });
}

void websocket_session::on_logged_in() {
  if (++state_.authenticated_connections > state_.settings.limits.max_connections) {
    --state_.authenticated_connections;
    return drop(metrics::drop_reason::capacity, websocket::close_code::try_again_later);
  }
  authenticated_ = true;
  place_.release();
}

void websocket_session::queue_write(engine::frame f) {
  queue_write(std::make_shared<const std::vector<engine::frame>>(1, std::move(f)), 0);
}

void websocket_session::queue_write(std::shared_ptr<const std::vector<engine::frame>> frames,
                                    std::size_t first) {
  if (!may_write() || first >= frames->size()) return;
  auto count = frames->size() - first;
  if (queued_ + count > static_cast<std::size_t>(state_.settings.limits.outgoing_queue_messages)) {
    // Too slow or gone: drop it rather than hold memory or stall anyone else.
    state_.metrics.dropped(metrics::drop_reason::overflow);
    return cut("write", boost::asio::error::no_buffer_space);  // the queue is full
  }
  outbox_.push_back({std::move(frames), first});
  queued_ += count;
  if (in_flight_ == 0) do_write();
}

bool websocket_session::may_write() const {
  // Beast stops being open before it writes a close frame of its own (an answer to the
  // client's close, or a protocol error); before the handshake nothing is open yet.
  return !close_sent_ && (!accepted_ || ws_.is_open());
}

void websocket_session::do_write() {
  constexpr std::size_t max_gather = 64;  // Asio's limit of buffers per sendmsg
  gather_.clear();
  for (const auto& p : outbox_) {
    for (auto i = p.next; i < p.frames->size() && gather_.size() < max_gather; ++i) {
      auto bytes = (*p.frames)[i].bytes();
      gather_.emplace_back(bytes.data(), bytes.size());
    }
    if (gather_.size() == max_gather) break;
  }
  in_flight_ = gather_.size();
  // Straight to the layer below Beast, which writes one thing at a time (text_frames.hpp).
  ws_.next_layer().async_write_some(
      std::span<const boost::asio::const_buffer>(gather_),
      beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(beast::error_code ec, std::size_t) {
  if (ec) {
    outbox_.clear();
    queued_ = in_flight_ = 0;
    return cut("write", ec);
  }
  queued_ -= in_flight_;
  for (auto done = std::exchange(in_flight_, 0); done > 0;) {
    auto& p = outbox_.front();
    auto n = std::min(done, p.frames->size() - p.next);
    p.next += n;
    done -= n;
    if (p.next == p.frames->size()) outbox_.pop_front();
  }
  if (!may_write()) {  // a close frame went out meanwhile: nothing may follow it
    outbox_.clear();
    queued_ = 0;
  }
  if (!outbox_.empty())
    do_write();
  else
    close_when_done();
}

void websocket_session::drop(metrics::drop_reason reason, websocket::close_code code) {
  if (closing_) return;
  closing_ = true;
  close_code_ = code;
  state_.metrics.dropped(reason);
  // The close deadline replaces the hello deadline; it holds the session until then.
  deadline_.expires_after(std::chrono::seconds(state_.settings.limits.close_timeout_seconds));
  deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (!ec) self->cut("close", beast::error::timeout);
  });
  close_when_done();
}

void websocket_session::close_when_done() {
  if (!closing_ || close_sent_ || !accepted_ || replies_owed_ > 0 || !outbox_.empty()) return;
  close_sent_ = true;
  ws_.async_close(*close_code_, [self = shared_from_this()](beast::error_code ec) {
    if (ec) return self->cut("close", ec);
    self->deadline_.cancel();
  });
}

void websocket_session::cut(std::string_view step, beast::error_code ec) {
  if (ec != boost::asio::error::operation_aborted)
    log::throttled(spdlog::level::info, "websocket " + std::string(step),
                   "websocket " + std::string(step) + ": " + ec.message());
  close_sent_ = true;
  beast::get_lowest_layer(ws_).close();
  deadline_.cancel();
}

}  // namespace motcua::net
