// The tests' one way to run another program (openssl, pdftotext, zbarimg, chromium, xvfb-run,
// the server itself): fork and exec, argv[0] a path or a name looked up on $PATH, no shell.
// run_program runs one to completion in its own process group, standard input from /dev/null,
// and keeps what it wrote; spawn_program starts a long-lived one (the server) with its standard
// output on a pipe for the test to read.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace motcua::testing {

struct run_options {
  bool errors_to_output = false;         // standard error into `output` too (else `errors`)
  std::vector<std::string> environment;  // "NAME=value", set (or replaced) in the child only
  // After this the whole process group is killed and the result says timed_out.
  std::chrono::milliseconds timeout = std::chrono::minutes{5};
};

struct run_result {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string output;  // standard output
  std::string errors;  // standard error (empty with errors_to_output)
};

// Runs `argv` until it exits or times out; then kills what is left of its process group, so no
// helper it started outlives the call. Throws std::runtime_error when it cannot fork.
run_result run_program(const std::vector<std::string>& argv, const run_options& options = {});

struct spawn_options {
  std::optional<long> max_open_files;  // its RLIMIT_NOFILE, soft and hard
  std::string stderr_path;             // its standard error appended to this file (else ours)
  bool errors_to_output = false;       // its standard error on the pipe too (fakesmsc logs there)
};

struct spawned {
  pid_t pid = -1;
  int output_fd = -1;  // the read end of its standard output; the caller closes it
};

// Starts `argv` with its standard output on a pipe and returns at once; the caller waits for it.
spawned spawn_program(const std::vector<std::string>& argv, const spawn_options& options = {});

// Runs the GUI program `argv` as run_program does, in a fresh virtual X server with a screen of
// `screen` ("1920x1080x24"), through `xvfb-run -a`. Its X authority file is the test's own,
// removed afterwards: xvfb-run removes a temporary directory of its own before it stops Xvfb,
// which now and then fails, and it then exits 5 whatever the program did.
run_result run_under_xvfb(const std::string& screen, const std::vector<std::string>& argv,
                          const run_options& options = {});

// "ASAN_OPTIONS=…:detect_leaks=0" (this process's options plus that), for run_options::
// environment: under AddressSanitizer, no leak report for a child whose libraries (the OpenGL
// driver, X, fontconfig) keep memory to the end; our own code's leaks are checked by unit tests.
std::string without_leak_reports();

}  // namespace motcua::testing
