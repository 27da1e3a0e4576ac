// Room for unauthenticated connections: every accepted TCP connection (HTTP keep-alive
// included) holds a place until its WebSocket hello succeeds. Places are capped in total
// (limits.max_unauthenticated) and per client address (max_unauthenticated_per_address), so a
// flood of connections that never log in, from one address or many, cannot crowd out the
// devices and staff who do: they count toward max_connections instead. The phones following
// their ticket have places of their own, by the same rule (max_ticket_followers).
//
// Thread-safe: any session, on any thread, takes and gives back places.
#pragma once

#include <map>
#include <mutex>
#include <variant>

#include <boost/asio/ip/address.hpp>

#include "server/config/config.hpp"
#include "server/metrics/metrics.hpp"

namespace motcua::net {

class admission {
 public:
  // The caps, and the gauge of the places held (a registry member such as unauthenticated).
  struct caps {
    int total = 0;
    int per_address = 0;
  };
  using gauge = void (metrics::registry::*)(int delta);

  // One place, given back when released or destroyed. Move-only.
  class place {
   public:
    place() = default;
    place(place&& other) noexcept;
    place& operator=(place&& other) noexcept;
    ~place() { release(); }
    void release();
    bool held() const { return owner_ != nullptr; }

   private:
    friend class admission;
    place(admission* owner, boost::asio::ip::address address)
        : owner_(owner), address_(std::move(address)) {}
    admission* owner_ = nullptr;
    boost::asio::ip::address address_;
  };

  admission(caps limits, metrics::registry& metrics, gauge held)
      : limits_(limits), metrics_(metrics), held_(held) {}

  // A place for a connection from `address`, or which cap refused it (`unauthenticated` for the
  // total, `per_address`).
  std::variant<place, metrics::drop_reason> admit(const boost::asio::ip::address& address);

 private:
  void give_back(const boost::asio::ip::address& address);

  const caps limits_;
  metrics::registry& metrics_;
  const gauge held_;
  std::mutex mutex_;
  int total_ = 0;                                        // guarded by mutex_
  std::map<boost::asio::ip::address, int> per_address_;  // guarded by mutex_; no zero entries
};

}  // namespace motcua::net
