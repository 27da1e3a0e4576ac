// Places for connections, capped in total and per client address, so that a flood of
// connections, from one address or many, cannot crowd out the others. Every accepted TCP
// connection holds a place (listener.hpp) until it gives it back.
//
// At a centre (server/net/shared_state.hpp) these are the unauthenticated places: a connection
// (HTTP keep-alive included) holds one until its WebSocket hello succeeds, capped by
// limits.max_unauthenticated and max_unauthenticated_per_address; logged-in connections count
// toward max_connections instead. The phones following their ticket have places of their own,
// by the same rule (max_ticket_followers). At the hub every connection holds its place to the end
// (hub/net/server.hpp).
//
// Thread-safe: any session, on any thread, takes and gives back places.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <variant>

#include <boost/asio/ip/address.hpp>

#include "server/metrics/metrics.hpp"

namespace motcua::net {

class admission {
 public:
  // The caps, and the gauge of the places held (told +1 and -1; e.g. a metrics registry's).
  struct caps {
    int total = 0;
    int per_address = 0;
  };
  using gauge = std::function<void(int delta)>;

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

  admission(caps limits, gauge held) : limits_(limits), held_(std::move(held)) {}

  // A place for a connection from `address`, or which cap refused it (`unauthenticated` for the
  // total, `per_address`).
  std::variant<place, metrics::drop_reason> admit(const boost::asio::ip::address& address);

 private:
  void give_back(const boost::asio::ip::address& address);

  const caps limits_;
  const gauge held_;
  std::mutex mutex_;
  int total_ = 0;                                        // guarded by mutex_
  std::map<boost::asio::ip::address, int> per_address_;  // guarded by mutex_; no zero entries
};

// The client as every per-address rule counts it (these caps, the per-address limits, the login
// guard): an IPv4 address as it is (also when it comes IPv4-mapped), an IPv6 address by its /64
// network, since one host may hold a whole /64.
boost::asio::ip::address client_of(const boost::asio::ip::address& from);

}  // namespace motcua::net
