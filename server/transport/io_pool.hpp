// The network threads: one io_context per thread, and each connection on one of them, in turn.
// A connection's handlers then always run on the same thread: a reply the engine posts to it
// wakes that one thread, and no two threads take turns on one connection's reads and writes
// (with one io_context run by several threads, a completion often wakes another thread, a
// sleep and a wake-up more per message). The first context also carries the acceptor and the
// signals.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace motcua::net {

class io_pool {
 public:
  explicit io_pool(int threads);
  io_pool(const io_pool&) = delete;
  io_pool& operator=(const io_pool&) = delete;

  boost::asio::io_context& first() { return *contexts_.front(); }
  // The context for the next connection (round robin). Thread-safe.
  boost::asio::io_context& next();
  // Runs every context, the first on the calling thread; returns once stop() ended them all.
  void run();
  void stop();

 private:
  using guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<guard> guards_;  // each context runs until stop(), idle or not
  std::atomic<std::size_t> next_{0};
};

}  // namespace motcua::net
