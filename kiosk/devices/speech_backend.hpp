// What the announcer speaks through. speak() is called from the announcer's worker thread
// only, one call at a time, and returns when the text has been said (or the chime played).
// When a backend cannot speak (program missing, no audio device) it throws speech_error; the
// announcer then stops using it and moves to the next backend of its chain.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

namespace motcua::devices {

struct speech_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class speech_backend {
 public:
  virtual ~speech_backend() = default;
  virtual void speak(const std::string& text) = 0;
};

// Says nothing (muted).
class silent_backend final : public speech_backend {
 public:
  void speak(const std::string&) override {}
};

// Runs `espeak-ng -v VOICE -- TEXT` (program: the path of espeak-ng) and waits for it; TEXT is
// made displayable on one line first (domain::displayable: no NUL, control or invisible
// character reaches the program). espeak-ng
// 1.51 exits 0 even when it has no audio device and only prints "error: ..." on stderr, so any
// stderr line starting with "error" also counts as failure.
class espeak_backend final : public speech_backend {
 public:
  espeak_backend(std::string program, std::string voice);
  void speak(const std::string& text) override;

 private:
  std::string program_;
  std::string voice_;
};

// A two-note chime (0.6 s, written once to a temporary WAV file) played with `player`
// (aplay or paplay); the text itself is not said.
class chime_backend final : public speech_backend {
 public:
  explicit chime_backend(std::string player);
  ~chime_backend() override;
  chime_backend(const chime_backend&) = delete;
  chime_backend& operator=(const chime_backend&) = delete;
  void speak(const std::string& text) override;

 private:
  std::string player_;
  std::string wav_path_;
};

// The terminal bell (BEL on stderr when stderr is a terminal): the last resort when no audio
// player exists. Never fails.
class bell_backend final : public speech_backend {
 public:
  void speak(const std::string& text) override;
};

}  // namespace motcua::devices
