#include "server/store/checkpointer.hpp"

#include <spdlog/spdlog.h>

#include "server/store/database.hpp"

namespace motcua::store {

checkpointer::checkpointer(std::string db_path, std::chrono::milliseconds interval)
    : path_(std::move(db_path)), interval_(interval), thread_([this] { run(); }) {}

checkpointer::~checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void checkpointer::run() {
  try {
    database db(path_, durability::full);
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [&] { return stopping_; })) {
      lock.unlock();
      db.checkpoint();
      lock.lock();
    }
  } catch (const std::exception& e) {
    spdlog::warn("checkpointer: {}", e.what());
  }
}

}  // namespace motcua::store
