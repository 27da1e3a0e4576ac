#include "server/transport/io_pool.hpp"

#include <algorithm>
#include <thread>

namespace motcua::net {

io_pool::io_pool(int threads) {
  for (int i = 0; i < std::max(threads, 1); ++i) {
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    guards_.emplace_back(contexts_.back()->get_executor());
  }
}

boost::asio::io_context& io_pool::next() {
  return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size()];
}

void io_pool::run() {
  std::vector<std::thread> others;
  for (std::size_t i = 1; i < contexts_.size(); ++i)
    others.emplace_back([c = contexts_[i].get()] { c->run(); });
  contexts_.front()->run();
  for (auto& t : others) t.join();
}

void io_pool::stop() {
  for (auto& c : contexts_) c->stop();
}

}  // namespace motcua::net
