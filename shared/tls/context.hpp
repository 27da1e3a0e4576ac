// The TLS settings of Một Cửa, in one place: the server's context (its certificate and key)
// and the clients' (which certificate authorities they trust). TLS 1.2 at least, OpenSSL's
// default ciphers, no renegotiation.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace motcua::tls {

using context_ptr = std::shared_ptr<boost::asio::ssl::context>;

// The server's context from a PEM certificate chain (the server's certificate first) and its
// PEM private key. Throws std::runtime_error naming the file and what is wrong when a file is
// missing or unreadable, or when the key does not belong to the certificate.
context_ptr server_context(const std::string& cert_file, const std::string& key_file);

// A line for the start-up log: the certificate's subject and its validity ("CN=..., valid
// until ..."), and "EXPIRED" when it is no longer valid.
std::string describe_certificate(boost::asio::ssl::context& server);

// A client's context: it verifies the server's certificate against the PEM certificate(s) in
// `ca_file`, or the system's trust store (/etc/ssl/certs) when `ca_file` is empty. Throws
// std::runtime_error when `ca_file` cannot be read.
context_ptr client_context(const std::string& ca_file = "");

}  // namespace motcua::tls
