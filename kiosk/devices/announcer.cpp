#include "kiosk/devices/announcer.hpp"

#include <iostream>
#include <stdexcept>

#include "shared/os/process.hpp"

namespace motcua::devices {

announcer::announcer(std::vector<std::unique_ptr<speech_backend>> chain, log_function log)
    : chain_(std::move(chain)), log_(std::move(log)) {
  if (chain_.empty()) throw std::invalid_argument("announcer without a speech backend");
  if (!log_) log_ = [](const std::string& line) { std::cerr << line << '\n'; };
  worker_ = std::thread([this] { run(); });
}

announcer::~announcer() {
  stop();
  worker_.join();
}

std::unique_ptr<announcer> announcer::create(bool muted, std::string voice) {
  std::vector<std::unique_ptr<speech_backend>> chain;
  if (muted) {
    chain.push_back(std::make_unique<silent_backend>());
    return std::make_unique<announcer>(std::move(chain));
  }
  if (auto espeak = os::find_program("espeak-ng"))
    chain.push_back(std::make_unique<espeak_backend>(*espeak, std::move(voice)));
  auto player = os::find_program("paplay");
  if (!player) player = os::find_program("aplay");
  if (player) {
    try {
      chain.push_back(std::make_unique<chime_backend>(*player));
    } catch (const std::exception& e) {  // no temporary file: go without the chime
      std::cerr << "announcer: no chime: " << e.what() << '\n';
    }
  }
  chain.push_back(std::make_unique<bell_backend>());
  return std::make_unique<announcer>(std::move(chain));
}

void announcer::announce(std::string text) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    queue_.push_back(std::move(text));
  }
  wake_.notify_one();
}

void announcer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_one();
}

void announcer::run() {
  for (;;) {
    std::string text;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      text = std::move(queue_.front());
      queue_.pop_front();
    }
    speak(text);
  }
}

void announcer::speak(const std::string& text) {
  // Each failing backend is logged once; the last one is kept (and not logged again).
  for (;;) {
    try {
      chain_[current_]->speak(text);
      return;
    } catch (const std::exception& e) {
      const bool last = current_ + 1 == chain_.size();
      if (!last_failure_logged_)
        log_(std::string("announcer: ") + e.what() +
             (last ? "; no other backend left" : "; falling back to the next backend"));
      if (last) {
        last_failure_logged_ = true;
        return;
      }
      ++current_;
    }
  }
}

}  // namespace motcua::devices
