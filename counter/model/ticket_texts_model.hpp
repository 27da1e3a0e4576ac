// The text messages of the ticket at the clerk's counter (issue 14): what the citizen was sent
// ("Sắp đến lượt: đã đến máy", "Mời đến quầy: chờ gửi"), so that a clerk can answer "I got no
// message". Asked with list_texts when the counter's ticket changes, and again while a text is
// still on its way (every refresh_interval, on the injected clock) or when the clerk asks.
// Only when the centre sends texts (the hello snapshot's `texts`). Plain C++; UI thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"

namespace motcua::counter {

// One text as a line: "Mời đến quầy: đã đến máy (09:12)"; with the reason when it was not sent
// ("Sắp đến lượt: không gửi — ngoài giờ nhắn tin (21:30)").
std::string text_line(domain::lang l, const protocol::text_view& t);
// Whether the text may still change (queued, sending, sent: no delivery report yet).
bool on_its_way(const protocol::text_view& t);

class ticket_texts_model {
 public:
  static constexpr auto refresh_interval = std::chrono::seconds(10);

  ticket_texts_model(const domain::clock& clock, client::sender send)
      : clock_(clock), send_(std::move(send)) {}

  // The counter's ticket now (none: nothing to show); call it every frame the panel is drawn.
  void follow(std::optional<protocol::ticket_id> ticket);
  // Asks again now (the panel's button).
  void refresh();
  const std::vector<protocol::text_view>& texts() const { return texts_; }
  // The texts shown are the current ticket's (answered at least once).
  bool answered() const { return answered_; }

  bool on_reply(const protocol::reply& r);
  void offline() { slot_.drop(); }

 private:
  void ask();

  const domain::clock& clock_;
  client::sender send_;
  client::request_slot slot_;
  std::optional<protocol::ticket_id> ticket_;
  std::vector<protocol::text_view> texts_;
  bool answered_ = false;
  domain::time_point asked_at_;
};

}  // namespace motcua::counter
