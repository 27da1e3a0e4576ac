#include "tests/support/server_process.hpp"

#include <cstdlib>
#include <stdexcept>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace motcua::testing {

std::string server_process::binary() {
  if (const char* env = std::getenv("MOTCUA_SERVER")) return env;
  return MOTCUA_SERVER_PATH;
}

namespace {

std::vector<std::string> server_argv(const std::string& db_path,
                                     const std::vector<std::string>& args) {
  std::vector<std::string> argv{server_process::binary(), "--listen", "127.0.0.1:0", "--db",
                                db_path};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

server_process::server_process(const std::string& db_path, std::vector<std::string> args,
                               const launch_options& launch)
    : server_process(program{server_argv(db_path, args)}, launch) {}

server_process::server_process(const program& p, const launch_options& launch) {
  const auto child = spawn_program(p.argv, launch);
  pid_ = child.pid;
  const int fd = child.output_fd;
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

run_result run_server(const std::vector<std::string>& args, const run_options& options) {
  std::vector<std::string> argv{server_process::binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, options);
}

}  // namespace motcua::testing
