// The login screen and the choice of counter and services. The clerk types a username and a
// password; submit() hands the credentials to the app, which opens the live link with them.
// A refused login shows the server's message (Vietnamese unless the app asked for English).
// A clerk then chooses a counter and the services it serves today (preselected from the saved
// settings, else the counter's configured services) and opens it; a manager goes on to the
// dashboard. Plain C++; UI thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "counter/model/counter_settings.hpp"
#include "shared/client/hall_mirror.hpp"
#include "shared/client/live_link.hpp"
#include "shared/client/request_slot.hpp"

namespace motcua::counter {

enum class stage {
  login,           // typing credentials
  connecting,      // credentials given, waiting for the hello reply
  choose_counter,  // clerk: counter and services
  working,         // clerk at an open counter, or a manager
};

class session_model {
 public:
  explicit session_model(counter_settings saved) : saved_(std::move(saved)) {}

  std::string username;
  std::string password;

  // The credentials to log in with; nothing (and a message) when a field is empty.
  std::optional<client::credentials> submit();
  void on_status(const client::link_status& s);
  // A hello reply (every reconnect gives one; only the first login moves the stage).
  void on_hello(const protocol::hello_result& h, const client::hall_mirror& centre);

  stage current() const { return stage_; }
  protocol::role role() const { return role_; }
  const std::string& display_name() const { return display_name_; }
  // The last problem to show on the login or counter screen: Vietnamese and English.
  const std::optional<protocol::error>& problem() const { return problem_; }

  // Counter choice.
  std::optional<protocol::counter_id> chosen_counter;
  std::vector<protocol::service_id> chosen_services;  // in preference order
  void choose_counter(protocol::counter_id id, const client::hall_mirror& centre);
  void toggle_service(protocol::service_id id);
  bool can_open() const;
  void open(const client::sender& send);
  bool opening() const { return slot_.busy(); }
  // True when `r` was the open_counter reply; on success the choice is saved in `saved()`.
  bool on_reply(const protocol::reply& r);
  const counter_settings& saved() const { return saved_; }
  // Back to the counter choice (the clerk closed the counter).
  void reopen_choice() { stage_ = stage::choose_counter; }

 private:
  stage stage_ = stage::login;
  protocol::role role_ = protocol::role::clerk;
  std::string display_name_;
  std::optional<protocol::error> problem_;
  counter_settings saved_;
  client::request_slot slot_;
};

}  // namespace motcua::counter
