// The announcer's queue: order, nothing dropped, no overlap, fallback, shutdown. A recording
// backend that the test can hold inside speak() replaces the audio.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "kiosk/devices/announcer.hpp"

namespace motcua::devices {
namespace {

// Records what it is asked to say. While `hold()` is on, speak() waits inside until release();
// wait_for(n) returns once n texts have been started.
class recording_backend final : public speech_backend {
 public:
  struct shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> spoken;  // guarded by mutex
    bool held = false;                // guarded by mutex
    int overlaps = 0;                 // guarded by mutex
    bool inside = false;              // guarded by mutex

    void hold() {
      std::lock_guard lock(mutex);
      held = true;
    }
    void release() {
      {
        std::lock_guard lock(mutex);
        held = false;
      }
      changed.notify_all();
    }
    void wait_for(std::size_t n) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return spoken.size() >= n; });
    }
    std::vector<std::string> texts() {
      std::lock_guard lock(mutex);
      return spoken;
    }
  };

  explicit recording_backend(std::shared_ptr<shared> s) : s_(std::move(s)) {}

  void speak(const std::string& text) override {
    std::unique_lock lock(s_->mutex);
    if (s_->inside) ++s_->overlaps;
    s_->inside = true;
    s_->spoken.push_back(text);
    s_->changed.notify_all();
    s_->changed.wait(lock, [&] { return !s_->held; });
    s_->inside = false;
  }

 private:
  std::shared_ptr<shared> s_;
};

// Fails every time; counts its calls, and wait_for(n) returns after the n-th.
class failing_backend final : public speech_backend {
 public:
  struct counter {
    std::mutex mutex;
    std::condition_variable changed;
    int calls = 0;  // guarded by mutex

    void wait_for(int n) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return calls >= n; });
    }
  };

  explicit failing_backend(counter& c) : c_(c) {}
  void speak(const std::string&) override {
    {
      std::lock_guard lock(c_.mutex);
      ++c_.calls;
    }
    c_.changed.notify_all();
    throw speech_error("no audio device");
  }

 private:
  counter& c_;
};

template <typename... Backends>
std::vector<std::unique_ptr<speech_backend>> chain(std::unique_ptr<Backends>... backends) {
  std::vector<std::unique_ptr<speech_backend>> out;
  (out.push_back(std::move(backends)), ...);
  return out;
}

std::vector<std::string> numbered(int count) {
  std::vector<std::string> texts;
  for (int i = 1; i <= count; ++i) texts.push_back("call " + std::to_string(i));
  return texts;
}

TEST(KioskDevicesAnnouncer, BurstOfTenIsSpokenInOrderOneAtATime) {
  auto s = std::make_shared<recording_backend::shared>();
  s->hold();  // the first call stays "being spoken" while the other nine arrive
  announcer a(chain(std::make_unique<recording_backend>(s)));
  for (const std::string& text : numbered(10)) a.announce(text);
  s->wait_for(1);
  EXPECT_EQ(s->texts().size(), 1u);  // nothing else starts while one is spoken
  s->release();
  s->wait_for(10);
  EXPECT_EQ(s->texts(), numbered(10));
  std::lock_guard lock(s->mutex);
  EXPECT_EQ(s->overlaps, 0);
}

TEST(KioskDevicesAnnouncer, FailingBackendIsLoggedOnceAndTheNextSpeaks) {
  auto s = std::make_shared<recording_backend::shared>();
  failing_backend::counter failures;
  std::vector<std::string> log;  // written by the worker, read after it is joined
  {
    announcer a(
        chain(std::make_unique<failing_backend>(failures), std::make_unique<recording_backend>(s)),
        [&](const std::string& line) { log.push_back(line); });
    for (const std::string& text : numbered(3)) a.announce(text);
    s->wait_for(3);
  }
  EXPECT_EQ(s->texts(), numbered(3));  // the first text is not lost to the failure
  EXPECT_EQ(failures.calls, 1);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("no audio device"), std::string::npos);
}

TEST(KioskDevicesAnnouncer, LastBackendFailingIsLoggedOnlyOnce) {
  failing_backend::counter failures;
  std::vector<std::string> log;
  {
    announcer a(chain(std::make_unique<failing_backend>(failures)),
                [&](const std::string& line) { log.push_back(line); });
    for (const std::string& text : numbered(4)) a.announce(text);
    failures.wait_for(4);  // the last backend is kept and tried for every text
  }
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("no other backend left"), std::string::npos);
}

TEST(KioskDevicesAnnouncer, StopFinishesTheCurrentTextAndDropsTheRest) {
  auto s = std::make_shared<recording_backend::shared>();
  s->hold();
  auto a = std::make_unique<announcer>(chain(std::make_unique<recording_backend>(s)));
  for (const std::string& text : numbered(5)) a->announce(text);
  s->wait_for(1);
  a->stop();
  a->announce("after stop");
  s->release();
  a.reset();  // joins: returns once "call 1" is finished
  EXPECT_EQ(s->texts(), numbered(1));
}

TEST(KioskDevicesAnnouncer, DestructorWhileSpeakingDoesNotHang) {
  auto s = std::make_shared<recording_backend::shared>();
  s->hold();
  auto a = std::make_unique<announcer>(chain(std::make_unique<recording_backend>(s)));
  for (const std::string& text : numbered(5)) a->announce(text);
  s->wait_for(1);
  std::thread destroy([&] { a.reset(); });
  s->release();
  destroy.join();
  const auto spoken = s->texts();
  ASSERT_FALSE(spoken.empty());
  const std::vector<std::string> all = numbered(5);
  EXPECT_EQ(spoken, std::vector<std::string>(all.begin(), all.begin() + spoken.size()));
}

// True when `f` returns within `bound`. It runs on a thread of its own, left behind when it hangs
// (the test fails; `f` must own what it uses).
bool returns_within(std::chrono::seconds bound, std::function<void()> f) {
  auto done = std::make_shared<std::promise<void>>();
  auto returned = done->get_future();
  std::thread([f = std::move(f), done] {
    f();
    done->set_value();
  }).detach();
  return returned.wait_for(bound) == std::future_status::ready;
}

constexpr auto bound = std::chrono::seconds{10};  // the calls take microseconds

TEST(KioskDevicesAnnouncer, IdleDestructorAndMutedAnnouncerReturn) {
  // Idle: nothing queued, the worker waiting; the destructor wakes and joins it.
  auto s = std::make_shared<recording_backend::shared>();
  auto idle = std::make_shared<std::unique_ptr<announcer>>(
      std::make_unique<announcer>(chain(std::make_unique<recording_backend>(s))));
  EXPECT_TRUE(returns_within(bound, [idle] { idle->reset(); }));
  EXPECT_TRUE(s->texts().empty());

  // Muted: it takes texts, says nothing (no backend fails, nothing reaches the terminal) and
  // its destructor returns.
  ::testing::internal::CaptureStderr();
  auto muted = std::make_shared<std::unique_ptr<announcer>>(announcer::create(true));
  const bool returned = returns_within(bound, [muted] {
    for (int i = 1; i <= 3; ++i) (*muted)->announce(call_sentence("A012", i, false));
    muted->reset();
  });
  const std::string errors = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(returned);
  EXPECT_EQ(errors, "");
}

TEST(KioskDevicesAnnouncer, EmptyChainIsRefused) {
  EXPECT_THROW(announcer(std::vector<std::unique_ptr<speech_backend>>{}), std::invalid_argument);
}

}  // namespace
}  // namespace motcua::devices
