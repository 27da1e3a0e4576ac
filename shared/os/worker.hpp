// A thread of its own that runs a step again and again until stopped: the servers' background
// senders (text messages to Kannel, records to the province hub). Each step says how long to
// wait before the next one (zero: at once); stop() wakes the wait, lets the step in progress
// finish and joins.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace motcua::os {

class worker {
 public:
  worker() = default;
  ~worker() { stop(); }
  worker(const worker&) = delete;
  worker& operator=(const worker&) = delete;

  // `step` runs on the worker's thread; what it returns is the pause before the next call.
  void start(std::function<std::chrono::milliseconds()> step) {
    thread_ = std::thread([this, step = std::move(step)] {
      std::unique_lock lock(mutex_);
      while (!stopping_) {
        lock.unlock();
        const auto pause = step();
        lock.lock();
        if (pause.count() > 0) wake_.wait_for(lock, pause, [this] { return stopping_; });
      }
    });
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace motcua::os
