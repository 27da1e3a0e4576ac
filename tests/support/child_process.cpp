#include "tests/support/child_process.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace motcua::testing {
namespace {

// How the child's standard streams and limits are set up before exec.
struct child_setup {
  int input = -1;   // dup'ed to standard input (else ours)
  int output = -1;  // dup'ed to standard output (else ours)
  int errors = -1;  // dup'ed to standard error (else ours)
  bool own_group = false;
  std::optional<long> max_open_files;
};

// This process's environment with `changes` ("NAME=value") set or replaced.
std::vector<std::string> environment_with(const std::vector<std::string>& changes) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('=') + 1);
    bool replaced = false;
    for (const auto& c : changes) replaced = replaced || c.rfind(name, 0) == 0;
    if (!replaced) out.push_back(entry);
  }
  out.insert(out.end(), changes.begin(), changes.end());
  return out;
}

std::vector<char*> pointers(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// fork + exec; only async-signal-safe calls in the child.
pid_t start(const std::vector<std::string>& argv, const child_setup& setup,
            const std::vector<std::string>& environment) {
  if (argv.empty()) throw std::runtime_error("no program to run");
  const auto args = pointers(argv);
  const auto envp = pointers(environment);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (setup.own_group) setpgid(0, 0);
    if (setup.input >= 0) dup2(setup.input, STDIN_FILENO);
    if (setup.output >= 0) dup2(setup.output, STDOUT_FILENO);
    if (setup.errors >= 0) dup2(setup.errors, STDERR_FILENO);
    if (setup.max_open_files) {
      rlimit limit{static_cast<rlim_t>(*setup.max_open_files),
                   static_cast<rlim_t>(*setup.max_open_files)};
      if (setrlimit(RLIMIT_NOFILE, &limit) != 0) _exit(126);
    }
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  if (setup.own_group) setpgid(pid, pid);  // also here: the child may not have run yet
  return pid;
}

// An unnamed temporary file (gone when closed).
int temporary_file() {
  char path[] = "/tmp/motcua-child-XXXXXX";
  const int fd = mkostemp(path, O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot make a temporary file");
  unlink(path);
  return fd;
}

// All of `fd` from its start; closes it.
std::string read_all(int fd) {
  std::string out;
  lseek(fd, 0, SEEK_SET);
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
    out.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return out;
}

}  // namespace

run_result run_program(const std::vector<std::string>& argv, const run_options& options) {
  // Files, not pipes: nothing blocks on a full pipe or on a helper keeping it open.
  const int input = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int output = temporary_file();
  const int errors = options.errors_to_output ? output : temporary_file();
  child_setup setup{input, output, errors, true, std::nullopt};
  const pid_t pid = start(argv, setup, environment_with(options.environment));
  close(input);

  run_result result;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  kill(-pid, SIGKILL);  // helpers left behind, if any
  if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.output = read_all(output);
  if (errors != output) result.errors = read_all(errors);
  return result;
}

spawned spawn_program(const std::vector<std::string>& argv, const spawn_options& options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  int errors = -1;
  if (!options.stderr_path.empty()) {
    errors = open(options.stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (errors < 0) throw std::runtime_error("cannot open " + options.stderr_path);
  }
  child_setup setup{-1, fds[1], options.errors_to_output ? fds[1] : errors, false,
                    options.max_open_files};
  const pid_t pid = start(argv, setup, environment_with({}));
  close(fds[1]);
  if (errors >= 0) close(errors);
  return {pid, fds[0]};
}

run_result run_under_xvfb(const std::string& screen, const std::vector<std::string>& argv,
                          const run_options& options) {
  static std::atomic<int> runs{0};
  const auto authority =
      std::filesystem::temp_directory_path() /
      ("motcua-xvfb-" + std::to_string(::getpid()) + "-" + std::to_string(runs++) + ".Xauthority");
  std::ofstream{authority};  // there, as xvfb-run's own would be (xauth warns of a missing one)
  std::vector<std::string> full{"xvfb-run",         "-a", "-f",
                                authority.string(), "-s", "-screen 0 " + screen};
  full.insert(full.end(), argv.begin(), argv.end());
  auto result = run_program(full, options);
  std::filesystem::remove(authority);
  return result;
}

std::string without_leak_reports() {
  const char* asan = std::getenv("ASAN_OPTIONS");
  return "ASAN_OPTIONS=" + std::string(asan ? asan : "") + ":detect_leaks=0";
}

}  // namespace motcua::testing
