#include "shared/tls/stream.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

namespace motcua::tls {
namespace {

class certificate_error_category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "motcua.certificate"; }
  std::string message(int value) const override {
    return std::string(
               "chứng chỉ của máy chủ không được tin cậy / the server's certificate is "
               "not trusted: ") +
           X509_verify_cert_error_string(value);
  }
};

bool is_address(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

const boost::system::error_category& certificate_category() {
  static const certificate_error_category category;
  return category;
}

stream::stream(beast::tcp_stream tcp, ssl::context* context)
    : stream_(context ? decltype(stream_)(std::in_place_type<tls_stream>, std::move(tcp), *context)
                      : decltype(stream_)(std::in_place_type<beast::tcp_stream>, std::move(tcp))) {}

beast::tcp_stream& stream::next_layer() {
  return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); },
                    stream_);
}

void stream::verify_server(const std::string& host) {
  auto& s = std::get<tls_stream>(stream_);
  const bool address = is_address(host);
  if (!address) SSL_set_tlsext_host_name(s.native_handle(), host.c_str());
  s.set_verify_mode(ssl::verify_peer);
  s.set_verify_callback([check = ssl::host_name_verification(host), address](
                            bool preverified, ssl::verify_context& context) {
    if (!preverified) return false;  // OpenSSL has set the reason
    if (check(preverified, context)) return true;
    // Name the reason, so that explain() can tell a wrong name from an unknown issuer.
    X509_STORE_CTX_set_error(context.native_handle(), address ? X509_V_ERR_IP_ADDRESS_MISMATCH
                                                              : X509_V_ERR_HOSTNAME_MISMATCH);
    return false;
  });
}

beast::error_code stream::explain(beast::error_code ec) {
  if (!ec || !is_tls()) return ec;
  const long verdict = SSL_get_verify_result(std::get<tls_stream>(stream_).native_handle());
  if (verdict == X509_V_OK) return ec;
  return {static_cast<int>(verdict), certificate_category()};
}

}  // namespace motcua::tls
