// The real motcua-server binary in a child process, on a free loopback port
// (--listen 127.0.0.1:0), with its database in a directory the test owns.
#pragma once

#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace motcua::testing {

// How the child process is set up besides its arguments.
struct launch_options {
  std::optional<long> max_open_files;  // its RLIMIT_NOFILE, soft and hard
  std::string stderr_path;             // its standard error goes to this file (else ours)
};

class server_process {
 public:
  // Starts the server with `args` after the listen and db flags and waits
  // until it prints "listening on HOST:PORT". Throws if it does not.
  server_process(const std::string& db_path, std::vector<std::string> args = {"--demo"},
                 const launch_options& launch = {});
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

// Runs `argv` (argv[0] a path, or a name looked up on $PATH) to completion; returns the exit
// code (-1 when killed by a signal) and fills `output` with what it printed on standard
// output, and on standard error too with `with_errors` (else that goes to the test's).
int run_command(const std::vector<std::string>& argv, std::string& output,
                bool with_errors = false);

// run_command with the server binary and `args`.
int run_server_command(const std::vector<std::string>& args, std::string& output,
                       bool with_errors = false);

}  // namespace motcua::testing
