#include "net/websocket_session.hpp"

#include <iostream>

#include "engine/texts.hpp"
#include "protocol/codec.hpp"

namespace motcua::net {

using protocol::error_code;

websocket_session::websocket_session(boost::asio::ip::tcp::socket&& socket, shared_state& state)
    : ws_(std::move(socket)),
      state_(state),
      id_(state.next_connection++),
      tokens_(state.settings.limits.message_burst),
      refilled_(std::chrono::steady_clock::now()) {
  beast::error_code ec;
  auto peer = beast::get_lowest_layer(ws_).socket().remote_endpoint(ec);
  if (!ec) address_ = peer.address().to_string();
}

websocket_session::~websocket_session() {
  if (registered_) state_.runner.disconnect(id_);
  if (counted_) --state_.websocket_connections;
}

void websocket_session::run(beast::http::request<beast::http::string_body> upgrade) {
  const auto& limits = state_.settings.limits;
  bool offered = false;
  for (auto part : beast::http::token_list(upgrade[beast::http::field::sec_websocket_protocol]))
    offered = offered || part == protocol::subprotocol;
  ws_.set_option(websocket::stream_base::decorator([offered](websocket::response_type& res) {
    res.set(beast::http::field::server, "motcua");
    if (offered) res.set(beast::http::field::sec_websocket_protocol, protocol::subprotocol);
  }));
  if (++state_.websocket_connections > limits.max_connections) {
    --state_.websocket_connections;
    // Refuse politely: the handshake completes, then a "try again later" close.
    ws_.async_accept(upgrade, [self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->drop(metrics::drop_reason::capacity, websocket::close_code::try_again_later);
    });
    return;
  }
  counted_ = true;
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.idle_timeout = std::chrono::seconds(limits.idle_timeout_seconds);
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.read_message_max(protocol::max_frame_bytes);
  ws_.async_accept(upgrade, beast::bind_front_handler(&websocket_session::on_accept,
                                                      shared_from_this()));
}

void websocket_session::on_accept(beast::error_code ec) {
  if (ec) return;
  registered_ = true;
  state_.runner.connect(id_, weak_from_this());
  do_read();
}

void websocket_session::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read,
                                                    shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == websocket::error::message_too_big) {
    state_.metrics.dropped(metrics::drop_reason::too_big);  // Beast closes with 1009
    return;
  }
  if (ec == beast::error::timeout) state_.metrics.dropped(metrics::drop_reason::idle);
  if (ec) return;
  std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (buffer_.capacity() > 4096) buffer_.shrink_to_fit();
  if (!ws_.got_text()) {
    reply_error(std::nullopt, engine::make_error(error_code::bad_request,
                                                 "Chỉ nhận khung văn bản (JSON).",
                                                 "Only text frames (JSON) are accepted.", false));
    return do_read();
  }
  on_frame(std::move(text));
}

void websocket_session::on_frame(std::string text) {
  auto received = std::chrono::steady_clock::now();
  auto decoded = protocol::decode_request(text);
  if (auto* failure = std::get_if<protocol::decode_failure>(&decoded)) {
    if (take_token()) reply_error(failure->id, failure->error);
    return do_read();
  }
  auto& r = std::get<protocol::request>(decoded);
  if (!take_token()) {
    if (++strikes_ > state_.settings.limits.strikes_before_disconnect)
      return drop(metrics::drop_reason::rate_limit, websocket::close_code::policy_error);
    reply_error(r.id, engine::make_error(error_code::limit,
                                         "Gửi quá nhanh, vui lòng chậm lại.",
                                         "Too many requests; slow down.", r.lang == "en"));
    return do_read();
  }
  strikes_ = 0;
  const auto* h = std::get_if<protocol::hello>(&r.params);
  if (h && !h->device_token && !h->session_token) {
    // Password logins are checked on the pool; reading waits so that the
    // requests after the hello reach the engine after it.
    auto username = h->username.value_or("");
    auto password = h->password.value_or("");
    auto self = shared_from_this();
    auto refusal = state_.passwords.verify(
        std::move(username), std::move(password), address_, r.lang == "en",
        [self, r](auth::check_result checked) mutable {
          boost::asio::post(self->ws_.get_executor(),
                            [self, r = std::move(r), checked = std::move(checked)]() mutable {
                              self->on_password_checked(std::move(r), std::move(checked));
                            });
        });
    if (refusal) {  // held back or busy: answered now, nothing hashed
      reply_error(r.id, std::move(*refusal));
      return do_read();
    }
    return;
  }
  state_.runner.submit(id_, std::move(r), engine::password_check::not_needed, received);
  do_read();
}

void websocket_session::on_password_checked(protocol::request r, auth::check_result checked) {
  if (checked.refusal)
    reply_error(r.id, std::move(*checked.refusal));
  else
    state_.runner.submit(
        id_, std::move(r),
        checked.accepted ? engine::password_check::accepted : engine::password_check::rejected,
        std::chrono::steady_clock::now());
  do_read();
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
  queue_write(std::make_shared<const std::string>(protocol::encode(protocol::reply{id, std::move(e)})));
}

void websocket_session::deliver(std::vector<engine::frame> frames) {
  boost::asio::post(ws_.get_executor(), [self = shared_from_this(), frames = std::move(frames)] {
    for (const auto& f : frames) self->queue_write(f);
  });
}

void websocket_session::queue_write(engine::frame text) {
  if (closing_) return;
  if (static_cast<int>(outbox_.size()) >= state_.settings.limits.outgoing_queue_messages) {
    // Too slow or gone: drop it rather than hold memory or stall anyone else.
    state_.metrics.dropped(metrics::drop_reason::overflow);
    closing_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    return;
  }
  outbox_.push_back(std::move(text));
  if (outbox_.size() == 1) do_write();
}

void websocket_session::do_write() {
  ws_.text(true);
  ws_.async_write(boost::asio::buffer(*outbox_.front()),
                  beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(beast::error_code ec, std::size_t) {
  if (ec) {
    outbox_.clear();
    return;
  }
  outbox_.pop_front();
  if (!outbox_.empty())
    do_write();
  else if (close_code_)
    do_close();
}

void websocket_session::drop(metrics::drop_reason reason, websocket::close_code code) {
  if (closing_) return;
  closing_ = true;
  close_code_ = code;
  state_.metrics.dropped(reason);
  if (outbox_.empty()) do_close();  // else after the last queued write (one write at a time)
}

void websocket_session::do_close() {
  ws_.async_close(*close_code_, [self = shared_from_this()](beast::error_code) {});
}

}  // namespace motcua::net
