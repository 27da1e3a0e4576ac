// The hall display board as a plain class: the calls in the order the server made them, each
// shown as the big "latest call" for at least `min_show` (a burst of calls is queued, none
// dropped), flashing for `flash` when it appears, and announced once when it appears (a recall
// is a call of its own, so it is shown and announced again). Calls already shown move to the
// list of last calls. Calls older than `stale_after` when they arrive (replayed after a long
// outage) take their turn silently: no flash, no announcement, no minimum time. A snapshot (first
// connection, or a resync the server could not replay) shows the server's latest call in the big
// place, without flash or announcement.
//
// The board shows the hall mirror's services (now serving, waiting) beside the calls. An event
// the mirror has seen already (its seq not new) is not shown again.
// Not thread-safe: the UI thread owns it.
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/hall_mirror.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::kiosk {

struct call_board_options {
  std::chrono::milliseconds min_show{5000};
  std::chrono::milliseconds flash{2000};
  std::chrono::milliseconds stale_after{120000};
  std::size_t history = 8;
};

// A call to speak: the number and the counter.
struct announcement {
  std::string number;
  protocol::counter_id counter = 0;
  bool recall = false;
  bool operator==(const announcement&) const = default;
};

class call_board {
 public:
  explicit call_board(const domain::clock& clock, call_board_options options = {});

  void apply(const client::inbox_item& item);
  // Time passes: the next queued call takes the big place when the current one has been shown
  // long enough. Call once a frame.
  void tick();

  const client::hall_mirror& hall() const { return hall_; }
  // The big call, if any.
  const std::optional<protocol::call_view>& current() const { return current_; }
  // True while the current call has just appeared.
  bool flashing() const;
  // Calls shown before the current one, newest first.
  const std::deque<protocol::call_view>& history() const { return history_; }
  // Calls waiting for their turn in the big place.
  std::size_t queued() const { return queue_.size(); }
  // What to announce, oldest first, each once.
  std::vector<announcement> take_announcements();
  // How long until tick() may change something; nullopt when nothing is queued or flashing.
  std::optional<std::chrono::milliseconds> next_deadline() const;

 private:
  struct queued_call {
    protocol::call_view call;
    bool fresh = true;  // flash, announce and keep for the minimum time
  };

  void show_next();
  void to_history(protocol::call_view call);
  bool stale(const protocol::call_view& call) const;

  const domain::clock& clock_;
  const call_board_options options_;
  client::hall_mirror hall_;
  std::deque<queued_call> queue_;
  std::optional<protocol::call_view> current_;
  domain::time_point shown_at_;  // as if earlier by min_show for a silent call
  std::deque<protocol::call_view> history_;
  std::vector<announcement> announcements_;
};

}  // namespace motcua::kiosk
