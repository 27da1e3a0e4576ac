#include "support/server_process.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace motcua::testing {
namespace {

// fork + exec with standard output (and standard error with `with_errors`) on a pipe; returns
// the read end.
pid_t spawn(const std::vector<std::string>& args, int& out_fd, bool with_errors = false,
            const launch_options& launch = {}) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    if (with_errors) dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    if (!launch.stderr_path.empty()) {
      int err = open(launch.stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (err < 0) _exit(126);
      dup2(err, STDERR_FILENO);
      close(err);
    }
    if (launch.max_open_files) {
      rlimit limit{static_cast<rlim_t>(*launch.max_open_files),
                   static_cast<rlim_t>(*launch.max_open_files)};
      if (setrlimit(RLIMIT_NOFILE, &limit) != 0) _exit(126);
    }
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd = fds[0];
  return pid;
}

}  // namespace

std::string server_process::binary() {
  if (const char* env = std::getenv("MOTCUA_SERVER")) return env;
  return MOTCUA_SERVER_PATH;
}

server_process::server_process(const std::string& db_path, std::vector<std::string> args,
                               const launch_options& launch) {
  std::vector<std::string> argv{binary(), "--listen", "127.0.0.1:0", "--db", db_path};
  argv.insert(argv.end(), args.begin(), args.end());
  int fd = -1;
  pid_ = spawn(argv, fd, false, launch);
  // Read the first line: "listening on HOST:PORT".
  std::string line;
  char c;
  while (read(fd, &c, 1) == 1 && c != '\n') line += c;
  close(fd);  // the server writes nothing more to standard output
  const std::string prefix = "listening on ";
  auto colon = line.rfind(':');
  if (line.rfind(prefix, 0) != 0 || colon == std::string::npos) {
    stop(SIGKILL);
    throw std::runtime_error("server did not start: '" + line + "'");
  }
  host_ = line.substr(prefix.size(), colon - prefix.size());
  port_ = line.substr(colon + 1);
}

server_process::~server_process() {
  if (pid_ > 0) stop(SIGTERM);
}

int server_process::stop(int sig) {
  if (pid_ <= 0) return 0;
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

int run_command(const std::vector<std::string>& argv, std::string& output, bool with_errors) {
  int fd = -1;
  pid_t pid = spawn(argv, fd, with_errors);
  char buffer[4096];
  ssize_t n;
  output.clear();
  while ((n = read(fd, buffer, sizeof buffer)) > 0)
    output.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_server_command(const std::vector<std::string>& args, std::string& output,
                       bool with_errors) {
  std::vector<std::string> argv{server_process::binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, output, with_errors);
}

}  // namespace motcua::testing
