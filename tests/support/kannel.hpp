// A real Kannel for the tests of text messages (issue 14): bearerbox and smsbox from the Debian
// package `kannel`, with `fakesmsc` (package `kannel-extras`) as the carrier, all on free loopback
// ports and configured in a directory the test owns. What reaches the carrier is read from
// fakesmsc's log on a pipe ("Got message N: <from to type text>"), decoded to UTF-8.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <sys/types.h>

namespace motcua::testing {

// One text as it reached the carrier.
struct carried_text {
  std::string from, to, text;
};

class kannel {
 public:
  // Writes the configuration into `dir` and starts the gateway (start()). A start that fails
  // (a free port taken by another test in the meantime, a machine too loaded for 30 s) is tried
  // again on new ports, three times in all.
  explicit kannel(const std::string& dir);
  ~kannel();  // stop()
  kannel(const kannel&) = delete;
  kannel& operator=(const kannel&) = delete;

  // Starts bearerbox, fakesmsc and smsbox and returns once the carrier is online and sendsms
  // answers (polling the admin status page, up to 30 s; throws otherwise).
  void start();
  // Stops all three (SIGTERM, then waits for each).
  void stop();

  // "http://127.0.0.1:PORT/cgi-bin/sendsms"
  std::string sendsms_url() const;
  static constexpr const char* username = "motcua";
  static constexpr const char* password = "kannel-test-password";

  // The next text the carrier received from sender id `from`, waiting up to `timeout` for it;
  // none when it did not come. Texts from others (fakesmsc's own traffic) are dropped.
  std::optional<carried_text> next(const std::string& from, std::chrono::milliseconds timeout);

 private:
  // Picks free ports and writes kannel.conf.
  void configure();
  void launch();
  void spawn_carrier();
  void spawn_smsbox();
  void read_carrier(int fd);

  std::string dir_;
  unsigned short admin_port_ = 0, box_port_ = 0, carrier_port_ = 0, sendsms_port_ = 0;
  pid_t bearerbox_ = -1, smsbox_ = -1, fakesmsc_ = -1;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<carried_text> received_;  // guarded by mutex_
};

}  // namespace motcua::testing
