// The fixture of every integration test: the real motcua-server (demo centre) on a loopback
// port with its database in a fresh temporary directory, and helpers for connecting clients in
// each role.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/wire.hpp"

namespace motcua::testing {

class server_test : public ::testing::Test {
 protected:
  server_test() { start(); }

  // (Re)starts the server on the same database, with `args` after --listen and --db.
  void start(std::vector<std::string> args = {"--demo"}, const launch_options& launch = {}) {
    server_.reset();
    server_.emplace(db_, std::move(args), launch);
  }
  // Stops the server with `sig`; returns its wait status.
  int stop(int sig = SIGTERM) { return server_->stop(sig); }

  const server_process& server() const { return *server_; }
  client_ptr connect() { return connect_to(*server_); }

  client_ptr kiosk() { return device("demo-kiosk"); }
  client_ptr display() { return device("demo-display"); }
  client_ptr device(const std::string& token) {
    auto c = connect();
    hello_device(*c, token);
    return c;
  }
  // A clerk logged in with a password, holding `counter` for `services`.
  client_ptr clerk(const std::string& username, domain::counter_id counter,
                   std::vector<domain::service_id> services) {
    auto c = connect();
    hello_staff(*c, username);
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
};

}  // namespace motcua::testing
