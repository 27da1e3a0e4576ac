#include "counter/model/session_model.hpp"

#include <algorithm>

namespace motcua::counter {
namespace {

protocol::error message(const char* vi, const char* en) {
  return {protocol::error_code::invalid, vi, en, {}};
}

}  // namespace

std::optional<client::credentials> session_model::submit() {
  if (username.empty() || password.empty()) {
    problem_ = message("Nhập tên đăng nhập và mật khẩu.", "Enter your username and password.");
    return std::nullopt;
  }
  problem_.reset();
  stage_ = stage::connecting;
  return client::credentials::staff(username, password);
}

void session_model::on_status(const client::link_status& s) {
  if (s.state == client::link_state::offline && stage_ == stage::connecting) {
    // Still trying: say why the server is out of reach (down, or its certificate refused).
    problem_ = protocol::error{protocol::error_code::internal,
                               "Không kết nối được máy chủ: " + s.detail,
                               "Cannot reach the server: " + s.detail,
                               {}};
    return;
  }
  if (s.state != client::link_state::refused) return;
  problem_ = protocol::error{protocol::error_code::unauthorized, s.detail, s.detail, {}};
  stage_ = stage::login;
  password.clear();
}

void session_model::on_hello(const protocol::hello_result& h, const client::hall_mirror& centre) {
  role_ = h.role;
  display_name_ = h.display_name.value_or(h.user);
  if (stage_ != stage::connecting) return;
  problem_.reset();
  if (!protocol::is_staff(h.role) && h.role != protocol::role::province_manager) {
    problem_ =
        message("Tài khoản này không dùng được ở quầy.", "This account cannot use a counter.");
    stage_ = stage::login;
    return;
  }
  if (h.role != protocol::role::clerk) {
    stage_ = stage::working;
    return;
  }
  stage_ = stage::choose_counter;
  // Already holding a counter (the app restarted): straight back to work.
  if (auto mine = centre.my_counter()) {
    chosen_counter = mine;
    if (const auto* c = centre.counter(*mine)) chosen_services = c->services;
    stage_ = stage::working;
    return;
  }
  if (saved_.counter && centre.counter(*saved_.counter)) {
    chosen_counter = saved_.counter;
    chosen_services = saved_.services;
  } else if (!centre.counters().empty()) {
    choose_counter(centre.counters().front().id, centre);
  }
}

void session_model::choose_counter(protocol::counter_id id, const client::hall_mirror& centre) {
  chosen_counter = id;
  if (const auto* c = centre.counter(id)) chosen_services = c->services;
}

void session_model::toggle_service(protocol::service_id id) {
  auto it = std::find(chosen_services.begin(), chosen_services.end(), id);
  if (it == chosen_services.end())
    chosen_services.push_back(id);
  else
    chosen_services.erase(it);
}

bool session_model::can_open() const {
  return chosen_counter && !chosen_services.empty() && !slot_.busy();
}

void session_model::open(const client::sender& send) {
  if (!can_open()) return;
  problem_.reset();
  slot_.send(send, protocol::open_counter{*chosen_counter, chosen_services});
}

bool session_model::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  if (const auto* e = client::error_of(r)) {
    problem_ = *e;
    return true;
  }
  saved_.counter = chosen_counter;
  saved_.services = chosen_services;
  stage_ = stage::working;
  return true;
}

}  // namespace motcua::counter
