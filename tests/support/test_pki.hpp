// Certificates for tests, made with the `openssl` command as a centre would make its own: a
// private certificate authority and server certificates it signs, all in a directory the test
// owns (temp_dir). EC P-256 keys, valid for two days.
#pragma once

#include <filesystem>
#include <string>

namespace motcua::testing {

class test_pki {
 public:
  struct issued {
    std::string cert;  // PEM files
    std::string key;
  };

  // Makes the CA (ca.crt, ca.key) in `dir`. Throws std::runtime_error when openssl fails.
  explicit test_pki(std::filesystem::path dir);

  const std::string& ca_cert() const { return ca_cert_; }

  // A server certificate `name`.crt with its key `name`.key, signed by the CA, naming
  // `alt_names` (subjectAltName, e.g. "IP:127.0.0.1,DNS:localhost").
  issued issue(const std::string& name,
               const std::string& alt_names = "IP:127.0.0.1,DNS:localhost") const;

  // The base64 SHA-256 of the certificate's public key (SubjectPublicKeyInfo), as Chromium's
  // --ignore-certificate-errors-spki-list takes it.
  static std::string spki_sha256(const std::string& cert);

 private:
  std::filesystem::path dir_;
  std::string ca_cert_;
  std::string ca_key_;
};

}  // namespace motcua::testing
