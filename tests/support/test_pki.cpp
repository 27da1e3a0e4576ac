#include "tests/support/test_pki.hpp"

#include <fstream>
#include <stdexcept>
#include <vector>

#include "tests/support/child_process.hpp"

namespace motcua::testing {
namespace {

// Runs openssl (or a shell pipeline of it) and returns what it printed on standard output
// (with standard error when `with_errors`); throws when it fails.
std::string run(const std::vector<std::string>& argv, bool with_errors = true) {
  run_options options;
  options.errors_to_output = with_errors;
  auto r = run_program(argv, options);
  if (r.exit_code != 0)
    throw std::runtime_error("test_pki: " + argv.at(1) + " failed: " + r.output + r.errors);
  return r.output;
}

}  // namespace

test_pki::test_pki(std::filesystem::path dir)
    : dir_(std::move(dir)),
      ca_cert_((dir_ / "ca.crt").string()),
      ca_key_((dir_ / "ca.key").string()) {
  run({"openssl",
       "req",
       "-x509",
       "-newkey",
       "ec",
       "-pkeyopt",
       "ec_paramgen_curve:prime256v1",
       "-nodes",
       "-keyout",
       ca_key_,
       "-out",
       ca_cert_,
       "-days",
       "2",
       "-subj",
       "/O=Motcua tests/CN=Motcua test CA",
       "-addext",
       "basicConstraints=critical,CA:TRUE",
       "-addext",
       "keyUsage=critical,keyCertSign,cRLSign"});
}

test_pki::issued test_pki::issue(const std::string& name, const std::string& alt_names) const {
  const auto file = [&](const char* ext) { return (dir_ / (name + ext)).string(); };
  issued out{file(".crt"), file(".key")};
  std::ofstream(file(".ext")) << "subjectAltName=" << alt_names
                              << "\nbasicConstraints=critical,CA:FALSE"
                                 "\nkeyUsage=critical,digitalSignature"
                                 "\nextendedKeyUsage=serverAuth\n";
  run({"openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", out.key, "-out", file(".csr"), "-subj", "/CN=" + name});
  run({"openssl", "x509", "-req", "-in", file(".csr"), "-CA", ca_cert_, "-CAkey", ca_key_,
       "-CAcreateserial", "-days", "2", "-extfile", file(".ext"), "-out", out.cert});
  return out;
}

std::string test_pki::spki_sha256(const std::string& cert) {
  auto digest = run({"/bin/sh", "-c",
                     "openssl x509 -in \"$1\" -pubkey -noout | openssl pkey -pubin -outform der "
                     "| openssl dgst -sha256 -binary | openssl enc -base64",
                     "sh", cert},
                    false);
  while (!digest.empty() && (digest.back() == '\n' || digest.back() == '\r')) digest.pop_back();
  return digest;
}

}  // namespace motcua::testing
