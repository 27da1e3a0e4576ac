#include "model/request_slot.hpp"

namespace motcua::counter {

bool request_slot::send(const sender& send, protocol::request_params p) {
  if (id_ || !send) return false;
  id_ = send(std::move(p));
  return id_.has_value();
}

bool request_slot::take(const protocol::reply& r) {
  if (!id_ || r.id != id_) return false;
  id_.reset();
  return true;
}

const protocol::error* error_of(const protocol::reply& r) {
  return std::get_if<protocol::error>(&r.body);
}

}  // namespace motcua::counter
