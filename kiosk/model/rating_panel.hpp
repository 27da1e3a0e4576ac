// The citizen-facing evaluation screen beside one counter, as a plain class. Idle until a
// ticket served at this counter finishes (ticket_changed: state done, counter = ours); then it
// asks for a rating on the server's scale (3 or 5 levels), sends rate_service tied to the
// ticket, its dossier and the counter (the server adds the clerk), thanks the citizen and goes
// back to idle. Without a tap it goes back to idle after `ask_timeout`.
//
// A rating keeps its request_key until the reply arrives and is sent again (same key) after a
// reconnect. Not thread-safe: the UI thread owns it.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/hall_mirror.hpp"
#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"

namespace motcua::kiosk {

enum class rating_screen { idle, asking, thanks };

struct rating_panel_options {
  std::chrono::milliseconds ask_timeout{60000};
  std::chrono::milliseconds thanks_for{5000};
};

class rating_panel {
 public:
  rating_panel(const domain::clock& clock, client::sender send,
               std::function<std::string()> new_key, protocol::counter_id counter,
               domain::lang lang, rating_panel_options options = {});

  // The topics its link's hello asks for (protocol/topics.hpp): every ticket the counters
  // finish, and the counters.
  static std::vector<std::string> topics();

  void apply(const client::inbox_item& item);
  void tick();
  // A face tapped: 1 (worst) .. levels() (best).
  void rate(int level);
  void toggle_language() { lang_ = domain::other(lang_); }

  rating_screen screen() const { return screen_; }
  domain::lang language() const { return lang_; }
  const client::hall_mirror& hall() const { return hall_; }
  int levels() const { return hall_.rating_levels(); }
  protocol::counter_id counter() const { return counter_; }
  // The ticket being rated.
  const std::optional<protocol::ticket>& ticket() const { return ticket_; }
  // A rating is waiting for its reply.
  bool busy() const { return rating_.busy(); }
  std::optional<std::chrono::milliseconds> next_deadline() const;

 private:
  void go_idle();

  const domain::clock& clock_;
  client::sender send_;
  std::function<std::string()> new_key_;
  const protocol::counter_id counter_;
  domain::lang lang_;
  const rating_panel_options options_;
  client::hall_mirror hall_;
  rating_screen screen_ = rating_screen::idle;
  std::optional<protocol::ticket> ticket_;
  client::request_slot rating_;  // the rate_service, kept until its reply
  domain::time_point since_;
};

}  // namespace motcua::kiosk
