// What the hall's public screens know of the server: the services (open, waiting, estimated
// wait), the counters (who is serving which ticket) and the latest calls, kept current from the
// hello snapshot and the queue events. Shared by the ticket kiosk, the display board and the
// rating screen, which each add their own screen state on top.
//
// Not thread-safe: the UI thread owns it.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include "shared/client/live_link.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::kiosk {

class hall_state {
 public:
  static constexpr std::size_t max_calls = 10;

  // Every item of the link's inbox, in order. Returns true when the services or calls changed.
  bool apply(const client::inbox_item& item);

  bool online() const { return online_; }
  // Why the link is down (the network's error, a refused certificate); empty while online.
  const std::string& offline_detail() const { return offline_detail_; }
  // Set once the first hello reply came (the screens have something to show).
  bool synced() const { return synced_; }
  // The device's role as the server said it (kiosk or display).
  protocol::role role() const { return role_; }

  const std::vector<protocol::service_view>& services() const { return services_; }
  const protocol::service_view* service(protocol::service_id id) const;
  const std::vector<protocol::counter_view>& counters() const { return counters_; }
  const protocol::counter_view* counter(protocol::counter_id id) const;
  // Newest first, at most max_calls.
  const std::deque<protocol::call_view>& calls() const { return calls_; }
  // The number last called for `service` ("" when none today).
  std::string now_serving(protocol::service_id service) const;
  // The rating scale from the server (3 or 5).
  int rating_levels() const { return rating_levels_; }

 private:
  void apply_snapshot(const protocol::snapshot& s);
  bool apply_event(const protocol::event& e);

  bool online_ = false;
  std::string offline_detail_;
  bool synced_ = false;
  protocol::role role_ = protocol::role::kiosk;
  std::vector<protocol::service_view> services_;
  std::vector<protocol::counter_view> counters_;
  std::deque<protocol::call_view> calls_;
  int rating_levels_ = 5;
};

}  // namespace motcua::kiosk
