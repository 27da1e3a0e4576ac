// A live link whose inbox a test reads as a UI thread would: woken by the link's callback,
// waiting (never sleeping) until the item it expects arrives.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "shared/client/live_link.hpp"

namespace motcua::testing {

class link_reader {
 public:
  // `ca_file`: the CA a wss:// link trusts (empty: the system's trust store).
  link_reader(const std::string& address, client::credentials creds,
              const std::string& ca_file = {})
      : link_(
            address, std::move(creds), [this] { wake(); }, {}, ca_file) {}

  client::live_link& link() { return link_; }

  // Items up to and including the first one `last` accepts; throws after `timeout`.
  std::vector<client::inbox_item> until(
      const std::function<bool(const client::inbox_item&)>& last,
      std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    std::vector<client::inbox_item> seen;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      for (auto& item : link_.drain()) {
        seen.push_back(std::move(item));
        if (last(seen.back())) return seen;
      }
      std::unique_lock lock(mutex_);
      if (!woken_.wait_until(lock, deadline, [this] { return wakes_ > 0; }))
        throw std::runtime_error("the link did not deliver what the test waited for");
      wakes_ = 0;
    }
  }

 private:
  void wake() {
    {
      std::lock_guard lock(mutex_);
      ++wakes_;
    }
    woken_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable woken_;
  int wakes_ = 0;  // guarded by mutex_
  client::live_link link_;
};

}  // namespace motcua::testing
