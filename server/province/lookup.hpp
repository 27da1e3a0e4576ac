// Another centre's dossier, found through the province hub (issue 15): a dossier code names the
// unit that received it, so a code of another unit is asked of the hub
// (GET /api/v1/hub/dossiers/{code}, this centre's token) instead of this centre's database, by
// lookup_dossier, GET /api/v1/dossiers/{code} and /tra-cuu/{code}. The question runs on a thread
// of this object's own (never on a network thread, never on the engine's), waits at most the
// hub's lookup_timeout_ms, and the answer is one of: found (the public view), unknown, or the hub
// not reachable now — which the caller says as such (503 on HTTP, `internal` on the WebSocket),
// while this centre's own dossiers and its hall go on as ever.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/thread_pool.hpp>

#include "server/config/config.hpp"
#include "server/province/endpoint.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::province {

struct remote_dossier {
  enum class outcome { found, unknown, unreachable };
  outcome result = outcome::unreachable;
  std::optional<protocol::public_dossier> view;  // when found
};

class hub_lookup {
 public:
  explicit hub_lookup(const config::settings& settings);
  ~hub_lookup();
  hub_lookup(const hub_lookup&) = delete;
  hub_lookup& operator=(const hub_lookup&) = delete;

  // The code is another unit's (and this centre has a hub to ask); any case, spaces around.
  bool remote(std::string_view code) const;
  // Asks the hub; `done` runs on this object's thread. At most max_in_flight questions wait or
  // run at once (two at a time): one more is answered unreachable at once, so a flood of lookups
  // of other units' codes while the hub is slow queues nothing.
  void find(std::string code, std::function<void(remote_dossier)> done);
  // Answers what waits as unreachable and joins the threads: before the sessions' io_contexts
  // go away.
  void stop();
  static constexpr int max_in_flight = 16;
  // The same, waiting for the answer (tests and tools).
  remote_dossier find(const std::string& code);

  // What a caller says when the hub is not reachable.
  static protocol::error unreachable_error(bool english);

 private:
  const config::settings& settings_;
  std::optional<endpoint> hub_at_;
  std::atomic<int> in_flight_{0};
  std::atomic<bool> stopped_{false};
  boost::asio::thread_pool threads_{2};
};

}  // namespace motcua::province
