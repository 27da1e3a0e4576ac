#include "tests/support/kannel.hpp"

#include <csignal>
#include <fstream>
#include <stdexcept>

#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "tests/support/child_process.hpp"
#include "tests/support/http_get.hpp"

namespace motcua::testing {
namespace {

constexpr const char* admin_password = "kannel-test-admin";
constexpr const char* fakesmsc = "/usr/lib/kannel/test/fakesmsc";

// A port free on the loopback now (the kernel's pick for port 0).
unsigned short free_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(
      ioc, {boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(0)});
  return a.local_endpoint().port();
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// fakesmsc's url-encoding ("%00M+%1E%DD"): '+' a space, %XX a byte.
std::string url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() + 0 && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// UCS-2 (UTF-16 big-endian, as Kannel hands a coding=2 text to the carrier) as UTF-8.
std::string from_ucs2(const std::string& bytes) {
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t unit =
        static_cast<unsigned char>(bytes[i]) << 8 | static_cast<unsigned char>(bytes[i + 1]);
    if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < bytes.size()) {
      char32_t low =
          static_cast<unsigned char>(bytes[i + 2]) << 8 | static_cast<unsigned char>(bytes[i + 3]);
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    append_utf8(out, unit);
  }
  return out;
}

// Whether the child `pid` has ended (reaped then, and `pid` set to -1).
bool ended(pid_t& pid) {
  int status = 0;
  if (pid <= 0 || waitpid(pid, &status, WNOHANG) != pid) return false;
  pid = -1;
  return true;
}

// SIGTERM, and SIGKILL when it has not ended 3 s later: bearerbox's own shutdown waits about
// 10 s, and on a loaded machine it once did not end at all (the test timed out in the fixture's
// destructor). The tests need no orderly end of Kannel: its directory is thrown away.
void terminate(pid_t& pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  // Awaits its end (a pidfd is readable once the process has ended), 3 s at most.
  if (const int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); fd >= 0) {
    pollfd ended_fd{fd, POLLIN, 0};
    poll(&ended_fd, 1, 3000);
    close(fd);
  }
  if (ended(pid)) return;
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  pid = -1;
}

}  // namespace

kannel::kannel(const std::string& dir) : dir_(dir) {
  for (int attempt = 1;; ++attempt) {
    configure();
    try {
      start();
      return;
    } catch (const std::runtime_error&) {
      if (attempt == 3) throw;
    }
  }
}

void kannel::configure() {
  admin_port_ = free_port();
  box_port_ = free_port();
  carrier_port_ = free_port();
  sendsms_port_ = free_port();
  std::ofstream(dir_ + "/kannel.conf")
      << "group = core\n"
      << "admin-port = " << admin_port_ << "\nadmin-interface = 127.0.0.1\n"
      << "admin-password = " << admin_password << "\nstatus-password = " << admin_password
      << "\nadmin-allow-ip = 127.0.0.1\n"
      << "smsbox-port = " << box_port_
      << "\nsmsbox-interface = 127.0.0.1\nbox-allow-ip = 127.0.0.1\n"
      << "log-file = " << dir_ << "/bearerbox.log\nlog-level = 1\ndlr-storage = internal\n"
      << "store-type = file\nstore-location = " << dir_ << "/kannel.store\n\n"
      << "group = smsc\nsmsc = fake\nsmsc-id = fake\nhost = 127.0.0.1\nport = " << carrier_port_
      << "\nconnect-allow-ip = 127.0.0.1\n\n"
      << "group = smsbox\nbearerbox-host = 127.0.0.1\nbearerbox-port = " << box_port_
      << "\nsendsms-port = " << sendsms_port_ << "\nsendsms-interface = 127.0.0.1\n"
      << "log-file = " << dir_ << "/smsbox.log\nlog-level = 1\n\n"
      << "group = sendsms-user\nusername = " << username << "\npassword = " << password
      << "\nconcatenation = true\nmax-messages = 3\n";
}

kannel::~kannel() { stop(); }

std::string kannel::sendsms_url() const {
  return "http://127.0.0.1:" + std::to_string(sendsms_port_) + "/cgi-bin/sendsms";
}

void kannel::start() {
  try {
    launch();
  } catch (...) {
    stop();  // nothing left running behind a failed start
    throw;
  }
}

void kannel::launch() {
  const auto conf = dir_ + "/kannel.conf";
  spawn_options quiet;
  quiet.stderr_path = dir_ + "/kannel.stderr";
  auto bearerbox = spawn_program({"/usr/sbin/bearerbox", conf}, quiet);
  close(bearerbox.output_fd);
  bearerbox_ = bearerbox.pid;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  // Polls `url` on the loopback until `ready` says yes of its answer; each look is one round
  // trip (refused while nothing listens yet).
  auto await = [&](unsigned short port, const std::string& target, auto ready) {
    for (;;) {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("Kannel did not become ready; see " + dir_);
      try {
        if (ready(http_get("127.0.0.1", std::to_string(port), target, "", std::chrono::seconds(2))
                      .body))
          return;
      } catch (const std::runtime_error&) {  // not listening yet
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  };
  const auto status = "/status.txt?password=" + std::string(admin_password);
  await(admin_port_, status,
        [](const std::string& page) { return page.find("Status: running") != std::string::npos; });
  // The carrier and smsbox connect to bearerbox, so they start once it runs. Both give up at once
  // when they cannot connect, and "running" may come before bearerbox listens for them: one that
  // ended before all is online is started again.
  spawn_carrier();
  spawn_smsbox();
  await(admin_port_, status, [this](const std::string& page) {
    if (ended(fakesmsc_)) spawn_carrier();
    if (ended(smsbox_)) spawn_smsbox();
    return page.find("(online") != std::string::npos &&
           page.find("No boxes connected") == std::string::npos;
  });
  // smsbox's HTTP side: up once it answers at all (403 without a user).
  await(sendsms_port_, "/cgi-bin/sendsms", [](const std::string&) { return true; });
}

// The carrier's log (the texts it carries) comes on the pipe; it generates one message of its
// own and then none for a day (next() drops that one: it is not from the server's sender id).
void kannel::spawn_carrier() {
  spawn_options carrier;
  carrier.errors_to_output = true;
  auto fake = spawn_program({fakesmsc, "-H", "127.0.0.1", "-r", std::to_string(carrier_port_), "-i",
                             "100000", "-m", "-1", "0 0 text nop"},
                            carrier);
  fakesmsc_ = fake.pid;
  if (reader_.joinable()) reader_.join();  // the last carrier's pipe, closed when it ended
  reader_ = std::thread([this, fd = fake.output_fd] { read_carrier(fd); });
}

void kannel::spawn_smsbox() {
  spawn_options quiet;
  quiet.stderr_path = dir_ + "/kannel.stderr";
  auto smsbox = spawn_program({"/usr/sbin/smsbox", dir_ + "/kannel.conf"}, quiet);
  close(smsbox.output_fd);
  smsbox_ = smsbox.pid;
}

void kannel::stop() {
  terminate(smsbox_);
  terminate(fakesmsc_);
  terminate(bearerbox_);
  if (reader_.joinable()) reader_.join();  // the pipe closed with fakesmsc
}

void kannel::read_carrier(int fd) {
  std::string pending;
  char buffer[4096];
  for (;;) {
    const auto n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(n));
    for (auto end = pending.find('\n'); end != std::string::npos; end = pending.find('\n')) {
      const auto line = pending.substr(0, end);
      pending.erase(0, end + 1);
      // "... DEBUG: Got message 1: <MOTCUA 84912345678 ucs-2 %00M%1E%DD>"
      const auto open = line.find(": <");
      if (line.find("Got message") == std::string::npos || open == std::string::npos ||
          !line.ends_with('>'))
        continue;
      const auto body = line.substr(open + 3, line.size() - open - 4);
      const auto a = body.find(' '), b = body.find(' ', a + 1), c = body.find(' ', b + 1);
      if (c == std::string::npos) continue;
      const auto type = body.substr(b + 1, c - b - 1);
      auto text = url_decode(body.substr(c + 1));
      if (type == "ucs-2") text = from_ucs2(text);
      std::lock_guard lock(mutex_);
      received_.push_back({body.substr(0, a), body.substr(a + 1, b - a - 1), std::move(text)});
      arrived_.notify_all();
    }
  }
  close(fd);
}

std::optional<carried_text> kannel::next(const std::string& from,
                                         std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    while (!received_.empty()) {
      auto t = std::move(received_.front());
      received_.pop_front();
      if (t.from == from) return t;
    }
    if (arrived_.wait_until(lock, deadline) == std::cv_status::timeout && received_.empty())
      return std::nullopt;
  }
}

}  // namespace motcua::testing
