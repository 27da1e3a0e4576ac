// Runs WAL checkpoints on its own thread and connection, off the request
// path (the engine's connection has automatic checkpoints turned off).
// PASSIVE checkpoints never block the writer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace motcua::store {

class checkpointer {
 public:
  checkpointer(std::string db_path, std::chrono::milliseconds interval);
  ~checkpointer();  // stops and joins
  checkpointer(const checkpointer&) = delete;
  checkpointer& operator=(const checkpointer&) = delete;

 private:
  void run();

  std::string path_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace motcua::store
