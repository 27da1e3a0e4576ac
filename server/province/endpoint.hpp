// The province hub's address as the centre reaches it: host, port, and the TLS context for an
// https:// hub (its certificate checked against hub.ca_file, or the system's CAs).
#pragma once

#include <string>

#include "server/config/config.hpp"
#include "shared/tls/context.hpp"

namespace motcua::province {

struct endpoint {
  explicit endpoint(const config::province_hub& hub);
  std::string host, port;
  tls::context_ptr tls;  // null: plain http://
};

}  // namespace motcua::province
