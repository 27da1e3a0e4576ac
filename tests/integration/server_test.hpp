// The fixture of every integration test: the real motcua-server (demo centre) on a loopback
// port with its database in a fresh temporary directory, and helpers for connecting clients in
// each role; over TLS after start_tls().
#pragma once

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "shared/tls/context.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/wire.hpp"

namespace motcua::testing {

class server_test : public ::testing::Test {
 protected:
  server_test() { start(); }

  // (Re)starts the server on the same database, with `args` after --listen and --db.
  void start(std::vector<std::string> args = {"--demo"}, const launch_options& launch = {}) {
    server_.reset();
    server_.emplace(db_, std::move(args), launch);
  }
  // Restarts the server on the same database serving TLS only (wss://, https://), with `args`
  // before the TLS flags and a certificate for 127.0.0.1 and localhost from a test CA made
  // here; connect() and the role helpers then trust that CA (see trust()).
  void start_tls(std::vector<std::string> args = {"--demo"}) {
    if (!pki_) {
      pki_.emplace(dir_.path());
      cert_ = pki_->issue("server");
    }
    args.insert(args.end(), {"--tls-cert", cert_.cert, "--tls-key", cert_.key});
    start(std::move(args));
    trust_ = tls::client_context(pki_->ca_cert());
  }
  // Restarts the server on the same database as the demo centre with `overrides` (a JSON
  // object) merged over it.
  void start_demo_with(const std::string& overrides) {
    const auto file = dir_.file("overrides.json");
    std::ofstream(file) << overrides;
    start({"--demo", "--config", file});
  }
  // Stops the server with `sig`; returns its wait status.
  int stop(int sig = SIGTERM) { return server_->stop(sig); }

  const server_process& server() const { return *server_; }
  // The server's WebSocket address, ws:// or wss:// (after start_tls).
  std::string address() const {
    return (trust_ ? "wss://" : "ws://") + server().host() + ":" + server().port() + "/ws";
  }
  // After start_tls: the clients' TLS context trusting the test CA; else null (plain).
  const tls::context_ptr& trust() const { return trust_; }
  client_ptr connect() { return connect_to(*server_, trust_); }

  client_ptr kiosk() { return device("demo-kiosk"); }
  client_ptr display() { return device("demo-display"); }
  client_ptr device(const std::string& token) {
    auto c = connect();
    hello_device(*c, token);
    return c;
  }
  // Staff logged in with a password: a manager receives every topic.
  client_ptr staff(const std::string& username) {
    auto c = connect();
    hello_staff(*c, username);
    return c;
  }
  // A clerk logged in with a password, holding `counter` for `services`.
  client_ptr clerk(const std::string& username, domain::counter_id counter,
                   std::vector<domain::service_id> services) {
    auto c = staff(username);
    open_counter(*c, counter, std::move(services));
    return c;
  }

  // A fresh connection is accepted and served.
  void expect_serves_new_clients() {
    auto c = kiosk();
    EXPECT_EQ(list_services(*c).size(), 4u);
  }

  temp_dir dir_;
  const std::string db_ = dir_.file("motcua.db");
  std::optional<server_process> server_;
  std::optional<test_pki> pki_;  // after start_tls: the test CA, its certificate for the server
  test_pki::issued cert_;
  tls::context_ptr trust_;
};

}  // namespace motcua::testing
