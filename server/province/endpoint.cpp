#include "server/province/endpoint.hpp"

namespace motcua::province {

endpoint::endpoint(const config::province_hub& hub) {
  const bool https = hub.url.starts_with("https://");  // else http:// (the configuration checked)
  const auto authority = hub.url.substr(https ? 8 : 7);
  const auto colon = authority.rfind(':');
  host = authority.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')  // an IPv6 address
    host = host.substr(1, host.size() - 2);
  port = colon == std::string::npos ? (https ? "443" : "80") : authority.substr(colon + 1);
  if (https) tls = tls::client_context(hub.ca_file);
}

}  // namespace motcua::province
