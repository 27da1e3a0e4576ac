#include "shared/client/live_link.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <boost/asio/post.hpp>

#include "shared/protocol/codec.hpp"

namespace motcua::client {

std::chrono::milliseconds backoff_delay(int failures, double jitter) {
  auto delay = backoff_base;
  for (int i = 0; i < failures && delay < backoff_cap; ++i) delay *= 2;
  delay = std::min(delay, backoff_cap);
  jitter = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(static_cast<double>(delay.count()) * (0.5 + jitter / 2)));
}

namespace {

endpoint parse_or_throw(const std::string& address) {
  auto parsed = parse_endpoint(address);
  if (!parsed) throw std::invalid_argument("not a server address: " + address);
  return *parsed;
}

}  // namespace

live_link::live_link(std::string address, credentials creds, std::function<void()> wake,
                     std::optional<std::string> lang, const std::string& ca_file)
    : endpoint_(parse_or_throw(address)),
      tls_(endpoint_.tls ? tls::client_context(ca_file) : nullptr),
      lang_(std::move(lang)),
      wake_(std::move(wake)),
      work_(net::make_work_guard(ioc_)),
      retry_timer_(ioc_),
      jitter_source_(std::random_device{}()),
      creds_(std::move(creds)) {
  std::promise<void> done;
  ran_out_ = done.get_future();
  thread_ = std::thread([this, done = std::move(done)]() mutable {
    ioc_.run();
    done.set_value();
  });
  net::post(ioc_, [this] { do_open(); });
}

live_link::~live_link() {
  std::shared_ptr<connection> current;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    ++generation_;  // callbacks still pending are ignored
    current = std::move(connection_);
  }
  net::post(ioc_, [this] { retry_timer_.cancel(); });
  if (current) current->close();
  work_.reset();
  // The close handshake normally ends quickly; a server that never answers is abandoned.
  ran_out_.wait_for(close_grace);
  ioc_.stop();
  thread_.join();
}

std::optional<std::int64_t> live_link::send(protocol::request_params params) {
  std::lock_guard lock(mutex_);
  if (!online_ || !connection_) return std::nullopt;
  const std::int64_t id = next_id_++;
  connection_->send_raw(protocol::encode(protocol::request{id, lang_, std::move(params)}));
  return id;
}

std::vector<inbox_item> live_link::drain() {
  std::lock_guard lock(mutex_);
  return std::exchange(inbox_, {});
}

bool live_link::online() const {
  std::lock_guard lock(mutex_);
  return online_;
}

std::int64_t live_link::last_seq() const {
  std::lock_guard lock(mutex_);
  return last_seq_;
}

void live_link::do_open() {
  std::shared_ptr<connection> c;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    const std::uint64_t generation = ++generation_;
    c = connection::create(
        ioc_.get_executor(),
        connection_handlers{
            .on_open = [this, generation] { on_open(generation); },
            .on_reply = [this, generation](const protocol::reply& r) { on_reply(generation, r); },
            .on_event = [this, generation](const protocol::event& e) { on_event(generation, e); },
            .on_raw = {},
            .decode_if = {},
            .on_close = [this, generation](beast::error_code ec, int) { on_close(generation, ec); },
        },
        tls_);
    connection_ = c;
    online_ = false;
    hello_id_.reset();
  }
  push(link_status{link_state::connecting, {}, {}});
  c->connect(endpoint_.host, endpoint_.port, endpoint_.target);
}

protocol::hello live_link::make_hello() const {
  protocol::hello h;
  if (creds_.device_token) {
    h.device_token = creds_.device_token;
  } else if (session_token_) {
    h.session_token = session_token_;
  } else {
    h.username = creds_.username;
    h.password = creds_.password;
  }
  if (last_seq_ > 0) h.since = last_seq_;
  h.topics = creds_.topics;
  return h;
}

void live_link::on_open(std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (generation != generation_) return;
  hello_id_ = next_id_++;
  connection_->send_raw(protocol::encode(protocol::request{*hello_id_, lang_, make_hello()}));
}

std::int64_t seq_after_hello(std::int64_t last, const protocol::hello_result& hello) {
  return hello.snapshot ? hello.seq : last;
}

void live_link::on_reply(std::uint64_t generation, const protocol::reply& r) {
  std::optional<link_status> status;
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    if (hello_id_ && r.id == hello_id_) {
      if (const auto* hello = std::get_if<protocol::hello_result>(&r.body)) {
        online_ = true;
        failures_ = 0;
        if (hello->session_token) session_token_ = hello->session_token;
        last_seq_ = seq_after_hello(last_seq_, *hello);
        status = link_status{link_state::online, {}, {}};
      } else if (session_token_) {
        // The server forgot the session (expired, or a restored database): log in with the
        // password on a new connection at once.
        session_token_.reset();
        failures_ = 0;
        connection_->close();
        return;
      } else if (const auto& e = std::get<protocol::error>(r.body);
                 creds_.device_token && (e.code == protocol::error_code::limit ||
                                         e.code == protocol::error_code::internal)) {
        // Not the token's fault (a held-back address, a failing server): try again later.
        hello_failed_.emplace(e.message, std::chrono::seconds(e.retry_after.value_or(0)));
        connection_->close();
        return;
      } else {
        stopping_ = true;
        status = link_status{link_state::refused, e.message, {}};
        connection_->close();
      }
    }
  }
  // The reply first: a screen sees the snapshot before it is told it is online.
  push(r);
  if (status) push(*status);
}

void live_link::on_event(std::uint64_t generation, const protocol::event& e) {
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    last_seq_ = std::max(last_seq_, e.seq);
  }
  push(e);
}

void live_link::on_close(std::uint64_t generation, beast::error_code ec) {
  std::optional<std::pair<std::string, std::chrono::milliseconds>> hello_failed;
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_ || stopping_) return;
    online_ = false;
    connection_.reset();
    hello_failed = std::exchange(hello_failed_, std::nullopt);
  }
  if (hello_failed)
    schedule_retry(std::move(hello_failed->first), hello_failed->second);
  else
    schedule_retry(ec.message());
}

void live_link::schedule_retry(std::string detail, std::chrono::milliseconds at_least) {
  std::chrono::milliseconds delay;
  {
    std::lock_guard lock(mutex_);
    const double jitter = std::uniform_real_distribution<double>(0, 1)(jitter_source_);
    delay = std::max(backoff_delay(failures_, jitter), at_least);
    ++failures_;
  }
  push(link_status{link_state::offline, std::move(detail), delay});
  retry_timer_.expires_after(delay);
  retry_timer_.async_wait([this](beast::error_code ec) {
    if (!ec) do_open();
  });
}

void live_link::push(inbox_item item) {
  {
    std::lock_guard lock(mutex_);
    inbox_.push_back(std::move(item));
  }
  if (wake_) wake_();
}

}  // namespace motcua::client
