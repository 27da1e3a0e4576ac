#include "shared/client/blocking_client.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace motcua::client {

namespace {

// Applies `change` under the lock, then wakes every waiter.
template <class Change>
void update(std::mutex& mutex, std::condition_variable& changed, Change change) {
  {
    std::lock_guard lock(mutex);
    change();
  }
  changed.notify_all();
}

}  // namespace

blocking_client::blocking_client(std::string host, std::string port, std::string target,
                                 tls::context_ptr tls, std::string local_address)
    : work_(net::make_work_guard(ioc_)),
      host_(std::move(host)),
      port_(std::move(port)),
      target_(std::move(target)),
      local_address_(std::move(local_address)) {
  connection_ = connection::create(
      ioc_.get_executor(),
      connection_handlers{
          .on_open = [this] { update(mutex_, changed_, [this] { opened_ = true; }); },
          .on_reply =
              [this](const protocol::reply& r) {
                update(mutex_, changed_, [&] { replies_.push_back(r); });
              },
          .on_event =
              [this](const protocol::event& e) {
                update(mutex_, changed_, [&] { events_.push_back(e); });
              },
          .on_raw = {},
          .decode_if = {},
          .on_close =
              [this](beast::error_code ec, int code) {
                update(mutex_, changed_, [&] {
                  closed_ = true;
                  close_code_ = code;
                  close_error_ = ec;
                });
              },
      },
      std::move(tls));
  thread_ = std::thread([this] { ioc_.run(); });
}

blocking_client::~blocking_client() {
  if (is_open()) {
    close();
    wait_closed(close_grace);
  }
  ioc_.stop();  // abandons whatever is still pending, e.g. a close the server never answers
  thread_.join();
}

bool blocking_client::connect(milliseconds timeout) {
  connection_->connect(host_, port_, target_, local_address_);
  std::unique_lock lock(mutex_);
  if (!changed_.wait_for(lock, timeout, [this] { return opened_ || closed_; })) {
    connection_->close();  // gives up on the attempt
  }
  return opened_ && !closed_;
}

protocol::reply blocking_client::call(protocol::request_params params, milliseconds timeout,
                                      std::optional<std::string> lang) {
  const std::string verb(protocol::verb_of(params));
  const std::int64_t id = send(std::move(params), std::move(lang));
  std::unique_lock lock(mutex_);
  auto found = replies_.end();
  changed_.wait_for(lock, timeout, [&] {
    found = std::ranges::find(replies_, std::optional(id), &protocol::reply::id);
    return found != replies_.end() || closed_;
  });
  if (found != replies_.end()) {
    protocol::reply reply = std::move(*found);
    replies_.erase(found);
    return reply;
  }
  const std::string why = closed_ ? "connection closed (close code " + std::to_string(close_code_) +
                                        ", " + close_error_.message() + ")"
                                  : "no reply within " + std::to_string(timeout.count()) + " ms";
  throw std::runtime_error("call " + verb + " (id " + std::to_string(id) + "): " + why);
}

std::int64_t blocking_client::send(protocol::request_params params,
                                   std::optional<std::string> lang) {
  return connection_->send(std::move(params), std::move(lang));
}

void blocking_client::send_raw(std::string text) { connection_->send_raw(std::move(text)); }

std::optional<protocol::reply> blocking_client::next_reply(milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return !replies_.empty() || closed_; });
  if (replies_.empty()) return std::nullopt;
  protocol::reply reply = std::move(replies_.front());
  replies_.pop_front();
  return reply;
}

std::optional<protocol::event> blocking_client::next_event(milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return !events_.empty() || closed_; });
  if (events_.empty()) return std::nullopt;
  protocol::event event = std::move(events_.front());
  events_.pop_front();
  return event;
}

std::vector<protocol::event> blocking_client::drain_events() {
  std::lock_guard lock(mutex_);
  std::vector<protocol::event> events(std::make_move_iterator(events_.begin()),
                                      std::make_move_iterator(events_.end()));
  events_.clear();
  return events;
}

bool blocking_client::wait_closed(milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return closed_; });
}

int blocking_client::close_code() const {
  std::lock_guard lock(mutex_);
  return close_code_;
}

beast::error_code blocking_client::close_error() const {
  std::lock_guard lock(mutex_);
  return close_error_;
}

bool blocking_client::is_open() const {
  std::lock_guard lock(mutex_);
  return opened_ && !closed_;
}

void blocking_client::close() { connection_->close(); }

}  // namespace motcua::client
