#include "shared/tls/context.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace motcua::tls {
namespace {

namespace ssl = boost::asio::ssl;

// Throws, naming `what` and `path`, unless the file can be opened for reading.
void need_readable(const std::string& what, const std::string& path) {
  if (path.empty()) throw std::runtime_error("TLS: no " + what + " file given");
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("TLS: cannot read the " + what + " file '" + path +
                             "': " + std::strerror(errno));
}

context_ptr make_context(ssl::context::method method) {
  auto context = std::make_shared<ssl::context>(method);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
  return context;
}

std::string time_text(const ASN1_TIME* t) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  ASN1_TIME_print(bio.get(), t);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

context_ptr server_context(const std::string& cert_file, const std::string& key_file) {
  need_readable("certificate", cert_file);
  need_readable("key", key_file);
  auto context = make_context(ssl::context::tls_server);
  boost::system::error_code ec;
  // The key first: a certificate loaded after a key that is not its own drops that key, which
  // the check below then names, rather than a parsing error.
  context->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error("TLS: the key file '" + key_file +
                             "' holds no usable PEM private key: " + ec.message());
  context->use_certificate_chain_file(cert_file, ec);
  if (ec)
    throw std::runtime_error("TLS: the certificate file '" + cert_file +
                             "' holds no usable PEM certificate: " + ec.message());
  if (SSL_CTX_check_private_key(context->native_handle()) != 1)
    throw std::runtime_error("TLS: the key '" + key_file +
                             "' does not belong to the certificate '" + cert_file + "'");
  return context;
}

std::string describe_certificate(ssl::context& server) {
  X509* cert = SSL_CTX_get0_certificate(server.native_handle());
  if (!cert) return "no certificate";
  char subject[256] = "";
  X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
  std::string line = std::string(subject) + ", valid until " + time_text(X509_get0_notAfter(cert));
  if (X509_cmp_current_time(X509_get0_notAfter(cert)) < 0) line += " (EXPIRED)";
  if (X509_cmp_current_time(X509_get0_notBefore(cert)) > 0) line += " (NOT YET VALID)";
  return line;
}

context_ptr client_context(const std::string& ca_file) {
  auto context = make_context(ssl::context::tls_client);
  context->set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (ca_file.empty()) {
    context->set_default_verify_paths(ec);
    if (ec) throw std::runtime_error("TLS: cannot use the system's trust store: " + ec.message());
    return context;
  }
  need_readable("CA", ca_file);
  context->load_verify_file(ca_file, ec);
  if (ec)
    throw std::runtime_error("TLS: the CA file '" + ca_file +
                             "' holds no usable PEM certificate: " + ec.message());
  return context;
}

}  // namespace motcua::tls
