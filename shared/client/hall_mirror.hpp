// What a client knows of the hall, kept current from the server: the services (open, waiting,
// estimated wait), the counters (state, services, current ticket), the latest calls and every
// waiting ticket in call order (staff snapshots carry them; ticket events move them). One
// mirror for the kiosk's screens and the counter app, which add their own screen state on top.
//
// Fed with every item of a live link's inbox, in order: the hello reply resets it from its
// snapshot (as of the reply's `seq`); after a hello that replayed the missed events instead,
// those events follow. An event whose seq is not after the snapshot's or the last event's is
// stale (already in the picture) and ignored. The call order and which tickets a counter may
// take are the domain's rule (domain/call_order.hpp), the one behind the server's call_next.
//
// Plain C++ (no window library); not thread-safe: the UI thread owns it.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/live_link.hpp"
#include "shared/domain/call_order.hpp"
#include "shared/protocol/limits.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::client {

class hall_mirror {
 public:
  static constexpr std::size_t max_calls = protocol::max_recent_calls;

  // An item of the link's inbox: the link's status, the hello reply, a list_services reply
  // (the services' list refreshed), an event; other replies are not the hall's. False when the
  // item is a stale event (ignored): the screens ignore it too.
  bool apply(const inbox_item& item);
  // The picture of a snapshot, as of event `seq`.
  void reset(const protocol::snapshot& s, std::int64_t seq = 0);
  // An event; false when stale (ignored).
  bool apply(const protocol::event& e);

  bool online() const { return online_; }
  // The server refused the credentials (a device token it does not know): the link has
  // stopped trying, and only a person can put it right.
  bool refused() const { return refused_; }
  // Why the link is down (the network's error, a refused certificate, the server's refusal);
  // empty while online.
  const std::string& offline_detail() const { return offline_detail_; }
  // Set once the hall came (a hello reply, or reset()): the screens have something to show.
  bool synced() const { return synced_; }

  const std::vector<protocol::service_view>& services() const { return services_; }
  const protocol::service_view* service(protocol::service_id id) const;
  const std::vector<protocol::counter_view>& counters() const { return counters_; }
  const protocol::counter_view* counter(protocol::counter_id id) const;
  // Newest first, at most max_calls.
  const std::deque<protocol::call_view>& calls() const { return calls_; }
  // The number last called for `service` ("" when none today).
  std::string now_serving(protocol::service_id service) const;
  // Waiting tickets in call order, each line whole (domain::position_of): a counter's own order
  // interleaves its walk-ins with the appointments (waiting_for).
  const std::vector<protocol::ticket>& waiting() const { return waiting_; }
  // The waiting tickets counter `id` may take (domain::may_take with the counter's services),
  // in the order its call_next takes them (domain::calls_in_order from the counter's run of
  // appointments); none for a counter the hall does not have.
  std::vector<const protocol::ticket*> waiting_for(protocol::counter_id id) const;
  // The counter the logged-in clerk holds, as the snapshot said.
  std::optional<protocol::counter_id> my_counter() const { return my_counter_; }
  // The rating scale from the server (3 or 5).
  int rating_levels() const { return rating_levels_; }
  // The centre sends text messages: take_ticket may carry a phone.
  bool texts() const { return texts_; }

 private:
  void update_ticket(const protocol::ticket& t);
  void add_waiting(const protocol::ticket& t);

  bool online_ = false;
  bool refused_ = false;
  std::string offline_detail_;
  bool synced_ = false;
  std::int64_t seq_ = 0;  // the last event in the picture
  std::vector<protocol::service_view> services_;
  std::vector<protocol::counter_view> counters_;
  std::deque<protocol::call_view> calls_;
  std::vector<protocol::ticket> waiting_;
  std::vector<domain::queued_ticket> waiting_order_;  // waiting_[i] as the rule reads it
  std::optional<protocol::counter_id> my_counter_;
  int rating_levels_ = 5;
  bool texts_ = false;
};

}  // namespace motcua::client
