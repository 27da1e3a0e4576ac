// The real motcua-server binary in a child process, on a free loopback port
// (--listen 127.0.0.1:0), with its database in a directory the test owns.
#pragma once

#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "tests/support/child_process.hpp"

namespace motcua::testing {

// How the child process is set up besides its arguments (its open-file limit, a file for its
// standard error).
using launch_options = spawn_options;

class server_process {
 public:
  // Starts the server with `args` after the listen and db flags and waits
  // until it prints "listening on HOST:PORT". Throws if it does not.
  server_process(const std::string& db_path, std::vector<std::string> args = {"--demo"},
                 const launch_options& launch = {});
  // Any program that first prints "listening on HOST:PORT" (the province hub): `argv` whole.
  struct program {
    std::vector<std::string> argv;
  };
  explicit server_process(const program& p, const launch_options& launch = {});
  ~server_process();  // SIGTERM, then waits
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  const std::string& host() const { return host_; }
  const std::string& port() const { return port_; }
  // The server's process id (-1 once stopped).
  pid_t pid() const { return pid_; }

  // Sends `sig` and waits for the process; returns its wait status.
  int stop(int sig = SIGTERM);

  // The path of the server binary under test.
  static std::string binary();

 private:
  pid_t pid_ = -1;
  std::string host_;
  std::string port_;
};

// run_program with the server binary and `args` (e.g. --verify-audit).
run_result run_server(const std::vector<std::string>& args, const run_options& options = {});

}  // namespace motcua::testing
