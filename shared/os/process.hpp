// Running a helper program (espeak-ng, aplay) without a shell: posix_spawn, wait for it, and
// keep what it wrote to stderr (some programs report failure only there). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::os {

struct process_result {
  int exit_code = 0;   // the exit status, or 128 + signal number when killed by a signal
  std::string errors;  // stderr, the first 4 KB
};

// Runs `program` (a path) with `args` (argv[1..]); stdin and stdout are /dev/null. Blocks until
// it exits. Throws std::system_error when it cannot be started.
process_result run_process(const std::string& program, const std::vector<std::string>& args);

// The first executable `name` on $PATH, or nullopt.
std::optional<std::string> find_program(std::string_view name);

}  // namespace motcua::os
