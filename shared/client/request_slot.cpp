#include "shared/client/request_slot.hpp"

namespace motcua::client {

bool request_slot::send(const sender& send, protocol::request_params p) {
  if (busy() || !send) return false;
  id_ = send(std::move(p));
  return id_.has_value();
}

bool request_slot::keep_sending(const sender& send, protocol::request_params p) {
  if (busy()) return false;
  kept_ = std::move(p);
  online(send);
  return true;
}

bool request_slot::take(const protocol::reply& r) {
  if (!id_ || r.id != *id_) return false;
  drop();
  return true;
}

void request_slot::offline() { id_.reset(); }

void request_slot::online(const sender& send) {
  if (kept_ && !id_ && send) id_ = send(*kept_);
}

void request_slot::drop() {
  id_.reset();
  kept_.reset();
}

const protocol::error* error_of(const protocol::reply& r) {
  return std::get_if<protocol::error>(&r.body);
}

}  // namespace motcua::client
