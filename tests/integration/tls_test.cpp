// TLS on the server's port (issue 9, defect 6): with --tls-cert and --tls-key the real server
// speaks wss:// and https:// only, to clients that verify its certificate against the centre's
// CA (made here with the openssl command). A client that does not trust the CA, a certificate
// for another name, a plain client, a client that never says anything and a TLS 1.1 client are
// all refused, and the server keeps serving; a bad certificate or key stops it at start.
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/json.hpp>
#include <fstream>

#include "tests/integration/server_test.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/link_reader.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace ssl = asio::ssl;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class tls_test : public server_test {
 protected:
  // The handshake deadline comes from the configuration, the certificate from the flags.
  tls_test() {
    std::ofstream(config_) << R"({"tls": {"handshake_timeout_seconds": 1}})";
    start_tls({"--demo", "--config", config_});
  }

  // A wss:// client trusting `trust`, not yet connected.
  client_ptr unconnected(tls::context_ptr trust) const {
    return std::make_unique<client::blocking_client>(server().host(), server().port(), "/ws",
                                                     std::move(trust));
  }

  http_response get(const std::string& target, const tls::context_ptr& trust) const {
    return http_get(server().host(), server().port(), target, "", 5s, trust);
  }

  // The server with `args`, killed after 20 s should it start after all; its exit code and
  // what it wrote.
  int refused_start(const std::vector<std::string>& args, std::string& output) const {
    std::vector<std::string> argv{"timeout",     "20",   server_process::binary(), "--listen",
                                  "127.0.0.1:0", "--db", dir_.file("refused.db"),  "--demo"};
    argv.insert(argv.end(), args.begin(), args.end());
    run_options merged;
    merged.errors_to_output = true;
    auto r = run_program(argv, merged);
    output = std::move(r.output);
    return r.exit_code;
  }

  const std::string config_ = dir_.file("tls.json");
};

TEST_F(tls_test, KioskTakesATicketAndAClerkLogsInAndCallsItOverWss) {
  auto k = kiosk();
  auto ticket = take(*k, 1, "tls-1").ticket;
  auto clerk1 = clerk("clerk1", 1, {1});
  EXPECT_EQ(clerk_do(*clerk1, protocol::call_next{}).number, ticket.number);
}

TEST_F(tls_test, TheGuiLinkGoesOnlineOverWssWithTheCaFile) {
  link_reader reader(address(), client::credentials::device("demo-kiosk"), pki_->ca_cert());
  reader.until([](const client::inbox_item& item) {
    const auto* s = std::get_if<client::link_status>(&item);
    return s && s->state == client::link_state::online;
  });
  EXPECT_TRUE(reader.link().online());
}

TEST_F(tls_test, HttpsServesHealthzAndTheServices) {
  auto health = get("/healthz", trust());
  EXPECT_EQ(health.status, 200);
  EXPECT_TRUE(contains(health.body, R"("status":"ok")")) << health.body;

  auto services = get("/api/v1/services", trust());
  EXPECT_EQ(services.status, 200);
  EXPECT_EQ(boost::json::parse(services.body).as_array().size(), 4u);
}

TEST_F(tls_test, AClientWithoutTheCentresCaRefusesTheCertificate) {
  // The system's trust store does not know the centre's private CA.
  auto c = unconnected(tls::client_context());
  EXPECT_FALSE(c->connect());
  EXPECT_EQ(c->close_error().category(), tls::certificate_category());
  EXPECT_EQ(c->close_error().value(), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
      << c->close_error().message();
  EXPECT_TRUE(contains(c->close_error().message(), "not trusted"));

  try {
    get("/healthz", tls::client_context());
    ADD_FAILURE() << "https without the CA was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "unable to get local issuer certificate")) << e.what();
  }

  // The GUI link says why in its offline status.
  link_reader reader(address(), client::credentials::device("demo-kiosk"));
  auto items = reader.until([](const client::inbox_item& item) {
    const auto* s = std::get_if<client::link_status>(&item);
    return s && s->state == client::link_state::offline;
  });
  EXPECT_TRUE(contains(std::get<client::link_status>(items.back()).detail, "certificate"));
}

TEST_F(tls_test, ACertificateForAnotherNameIsRefused) {
  const auto other = pki_->issue("other", "DNS:other.example");
  start({"--demo", "--tls-cert", other.cert, "--tls-key", other.key});
  auto c = unconnected(trust());
  EXPECT_FALSE(c->connect());
  EXPECT_EQ(c->close_error().category(), tls::certificate_category());
  EXPECT_EQ(c->close_error().value(), X509_V_ERR_IP_ADDRESS_MISMATCH) << c->close_error().message();
}

TEST_F(tls_test, APlainClientFailsCleanlyAndTheServerStaysUp) {
  auto plain = unconnected(nullptr);
  EXPECT_FALSE(plain->connect());
  EXPECT_THROW(get("/healthz", nullptr), std::runtime_error);

  EXPECT_EQ(kill(server().pid(), 0), 0) << "the server died";
  expect_serves_new_clients();
}

TEST_F(tls_test, AClientThatSaysNothingIsCutAtTheHandshakeDeadline) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(std::stoi(server().port())));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  timeval limit{10, 0};  // the test's bound; the server's deadline is 1 s
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  const auto start = std::chrono::steady_clock::now();
  char byte;
  const auto got = recv(fd, &byte, 1, 0);
  const auto waited = std::chrono::steady_clock::now() - start;
  const int error = errno;
  close(fd);
  EXPECT_TRUE(got == 0 || (got < 0 && error == ECONNRESET)) << "recv " << got << " errno " << error;
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 5s);
}

// A handshake limited to exactly `version`, certificate not checked: only the protocol
// version is on trial. Returns the error (none when it succeeded).
boost::system::error_code handshake_at(const server_process& server, int version) {
  ssl::context context(ssl::context::tls_client);
  SSL_CTX_set_security_level(context.native_handle(), 0);  // OpenSSL 3 otherwise drops TLS 1.1
  SSL_CTX_set_min_proto_version(context.native_handle(), version);
  SSL_CTX_set_max_proto_version(context.native_handle(), version);
  context.set_verify_mode(ssl::verify_none);
  asio::io_context ioc;
  ssl::stream<asio::ip::tcp::socket> stream(ioc, context);
  asio::ip::tcp::resolver resolver(ioc);
  asio::connect(stream.next_layer(), resolver.resolve(server.host(), server.port()));
  boost::system::error_code ec;
  stream.handshake(ssl::stream_base::client, ec);
  return ec;
}

TEST_F(tls_test, TlsOneOneIsRefusedAndTlsOneTwoIsServed) {
  EXPECT_FALSE(handshake_at(server(), TLS1_2_VERSION));
  const auto old = handshake_at(server(), TLS1_1_VERSION);
  EXPECT_EQ(ERR_GET_REASON(old.value()), SSL_R_TLSV1_ALERT_PROTOCOL_VERSION) << old.message();
}

TEST_F(tls_test, TheConfigurationAloneTurnsTlsOn) {
  const std::string config = dir_.file("config-tls.json");
  std::ofstream(config) << R"({"tls": {"cert": ")" << cert_.cert << R"(", "key": ")" << cert_.key
                        << R"("}})";
  start({"--demo", "--config", config});
  EXPECT_EQ(get("/healthz", trust()).status, 200);
}

// A runtime failure at start (exit 1, not the usage errors' 2), with the reason in one line.
TEST_F(tls_test, ABadCertificateOrKeyStopsTheServerAtStartWithAClearMessage) {
  std::string out;
  // A key that is not the certificate's (the CA's key with the server's certificate).
  EXPECT_EQ(refused_start({"--tls-cert", cert_.cert, "--tls-key", dir_.file("ca.key")}, out), 1);
  EXPECT_TRUE(contains(out, "does not belong to the certificate")) << out;

  EXPECT_EQ(refused_start({"--tls-cert", dir_.file("missing.crt"), "--tls-key", cert_.key}, out),
            1);
  EXPECT_TRUE(contains(out, "cannot read the certificate file")) << out;

  EXPECT_EQ(refused_start({"--tls-cert", cert_.key, "--tls-key", cert_.key}, out), 1);
  EXPECT_TRUE(contains(out, "holds no usable PEM certificate")) << out;

  EXPECT_EQ(refused_start({"--tls-cert", cert_.cert}, out), 1);
  EXPECT_TRUE(contains(out, "both a certificate and a key")) << out;
}

}  // namespace
}  // namespace motcua::testing
