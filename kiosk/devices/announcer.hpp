// The call announcer of the display board: a queue of texts spoken one at a time, in the order
// given, none dropped, none overlapping, by a worker thread it owns. announce() never blocks
// on speech. Backends form a chain of preference (espeak-ng, chime, bell); when one fails it
// is logged once and the next one says the same text. Shutdown (stop() or the destructor):
// the text being spoken is finished, the rest of the queue is dropped, the thread is joined.
// All member functions are thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "kiosk/devices/call_sentence.hpp"
#include "kiosk/devices/speech_backend.hpp"

namespace motcua::devices {

class announcer {
 public:
  using log_function = std::function<void(const std::string&)>;

  // `chain`: backends in order of preference (must not be empty). `log` receives one line per
  // backend that failed (default: stderr).
  explicit announcer(std::vector<std::unique_ptr<speech_backend>> chain, log_function log = {});
  ~announcer();
  announcer(const announcer&) = delete;
  announcer& operator=(const announcer&) = delete;

  // muted: silent. Otherwise espeak-ng with `voice` ("vi", or "en" for an English hall) when the
  // program is on $PATH, then a chime through aplay or paplay when one exists, then the bell.
  static std::unique_ptr<announcer> create(bool muted, std::string voice = "vi");

  // Queues `text`; ignored after stop().
  void announce(std::string text);

  // Drops the queued texts and stops taking new ones; returns at once (the text being spoken
  // is finished by the worker). The destructor calls it and waits for the worker.
  void stop();

 private:
  void run();
  void speak(const std::string& text);

  std::vector<std::unique_ptr<speech_backend>> chain_;  // used by the worker thread only
  std::size_t current_ = 0;                             // worker thread only
  bool last_failure_logged_ = false;                    // worker thread only
  log_function log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;  // guarded by mutex_
  bool stopping_ = false;          // guarded by mutex_
  std::thread worker_;             // last: started when everything else exists
};

}  // namespace motcua::devices
