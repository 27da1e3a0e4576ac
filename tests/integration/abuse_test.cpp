// The "abuse" test of issue 9: against one server, at the same time, 500 idle sockets, a
// wrong-password flood from 50 connections, floods of malformed and of binary frames, while a
// kiosk keeps taking tickets and a clerk logs in and serves. The kiosk's and the clerk's
// requests all succeed, the server's CPU and memory stay bounded (printed), and every ticket
// acknowledged is still there after a restart. Attackers use other loopback addresses
// (127.0.0.2-9), the kiosk and the clerk 127.0.0.1.
#include <future>
#include <set>

#include "shared/protocol/codec.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/raw_peer.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;
using protocol::error_code;
using std::chrono::steady_clock;

// A count other threads wait on.
class tally {
 public:
  void add() {
    {
      std::lock_guard lock(mutex_);
      ++count_;
    }
    changed_.notify_all();
  }
  bool wait_for(int at_least, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return count_ >= at_least; });
  }
  int count() {
    std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
};

std::optional<protocol::reply> reply_in(const std::string& text) {
  auto decoded = protocol::decode_server_message(text);
  const auto* m = std::get_if<protocol::server_message>(&decoded);
  const auto* r = m ? std::get_if<protocol::reply>(m) : nullptr;
  return r ? std::optional(*r) : std::nullopt;
}

bool is_error(const protocol::reply& r, error_code code) {
  const auto* e = std::get_if<protocol::error>(&r.body);
  return e && e->code == code;
}

// 50 connections from 127.0.0.7 each trying a wrong password for `manager` again as soon as
// the last try is answered, until `stop`; a connection closed (the hello deadline) is replaced.
// Returns how many were answered (`unauthorized`, or `limit` when the pool is full).
int wrong_password_flood(const server_process& server, const std::atomic<bool>& stop) {
  const upgrade_options from{.source = "127.0.0.7", .subprotocol = true, .origin = {}};
  std::vector<std::unique_ptr<raw_peer>> peers;
  for (int i = 0; i < 50; ++i) peers.push_back(std::make_unique<raw_peer>(server, from));
  int refused = 0;
  while (!stop) {
    for (auto& p : peers) {
      try {
        p->send_text(R"({"type":"hello","id":1,"username":"manager","password":"guess"})");
      } catch (const std::runtime_error&) {
        p = std::make_unique<raw_peer>(server, from);  // cut off: a new connection
      }
    }
    for (auto& p : peers) {
      if (stop) break;
      auto frame = p->read(20s);
      if (!frame) {
        p = std::make_unique<raw_peer>(server, from);  // closed at the hello deadline
        continue;
      }
      auto r = reply_in(*frame);
      if (!r || !(is_error(*r, error_code::unauthorized) || is_error(*r, error_code::limit)))
        throw std::runtime_error("wrong password answered with " + *frame);
      ++refused;
    }
  }
  return refused;
}

// Connections from `source` each sending 500 bad frames (text that is not JSON, or binary)
// until `stop`; each must get replies, then a 1008 close, counted in `closes`. Returns how many
// were closed so.
int frame_flood(const server_process& server, const std::string& source, bool binary,
                const std::atomic<bool>& stop, tally& closes) {
  int closed = 0;
  while (!stop) {
    raw_peer p(server, {.source = source, .subprotocol = true, .origin = {}});
    try {
      for (int i = 0; i < 500; ++i)
        binary ? p.send_binary("\x00\x01") : p.send_text("{\"type\":\"hello\",");
    } catch (const std::runtime_error&) {
      // closed by the server before the last frame
    }
    int replies = 0;
    while (auto frame = p.read(10s)) {
      auto r = reply_in(*frame);
      if (!r || !(is_error(*r, error_code::bad_request) || is_error(*r, error_code::limit)))
        throw std::runtime_error("a bad frame answered with " + *frame);
      ++replies;
    }
    if (p.close_code() != 1008 || replies < 60)
      throw std::runtime_error("flood from " + source + ": " + std::to_string(replies) +
                               " replies, close " + std::to_string(p.close_code()));
    ++closed;
    closes.add();
  }
  return closed;
}

class abuse_test : public server_test {};

TEST_F(abuse_test, KioskAndClerkAreServedWhileFloodsComeFromEverywhere) {
  const pid_t pid = server().pid();
  const auto cpu_start = cpu_time(pid);
  const auto wall_start = steady_clock::now();
  long peak_rss = resident_kib(pid);

  // 500 idle WebSockets that never say hello, 100 from each of five addresses.
  std::vector<std::unique_ptr<crowd>> idle;
  for (int a = 2; a <= 6; ++a)
    idle.push_back(std::make_unique<crowd>(server(), "127.0.0." + std::to_string(a), 100));
  for (auto& c : idle) ASSERT_TRUE(c->wait_opened(64, 10s)) << c->opened();

  std::atomic<bool> stop{false};
  tally flooders_closed;
  auto passwords =
      std::async(std::launch::async, [&] { return wrong_password_flood(server(), stop); });
  auto malformed = std::async(std::launch::async, [&] {
    return frame_flood(server(), "127.0.0.8", false, stop, flooders_closed);
  });
  auto binary = std::async(std::launch::async, [&] {
    return frame_flood(server(), "127.0.0.9", true, stop, flooders_closed);
  });
  // However the test ends, the floods stop (the futures wait for their threads).
  struct stopper {
    std::atomic<bool>& stop;
    ~stopper() { stop = true; }
  } stop_floods{stop};
  auto flood_failure = [&] {
    for (auto* f : {&passwords, &malformed, &binary})
      if (f->wait_for(0s) == std::future_status::ready) try {
          f->get();
        } catch (const std::exception& e) {
          return std::string(e.what());
        }
    return std::string("none");
  };

  // The kiosk takes a ticket every few flooders cut off; the clerk logs in in the middle.
  std::set<std::string> taken, served;
  client_ptr clerk;
  {
    auto k = kiosk();
    for (int i = 0; i < 30; ++i) {
      ASSERT_TRUE(flooders_closed.wait_for(i * 4, 30s))
          << "the frame floods stalled at " << flooders_closed.count()
          << "; flood failure: " << flood_failure();
      taken.insert(take(*k, 1, "abuse-" + std::to_string(i)).ticket.number);
      peak_rss = std::max(peak_rss, resident_kib(pid));
      if (i == 10) {
        clerk = connect();
        auto hello = clerk->call(protocol::hello{{}, "clerk2", "demo", {}, {}, {}}, 30s);
        ASSERT_EQ(result_of<protocol::hello_result>(hello).role, protocol::role::clerk)
            << "the clerk could not log in during the flood";
        open_counter(*clerk, 2, {1});
      }
      if (clerk && i % 5 == 0) {
        served.insert(clerk_do(*clerk, protocol::call_next{}).number);
        clerk_do(*clerk, protocol::start_service{});
        clerk_do(*clerk, protocol::finish{});
      }
    }
  }
  stop = true;
  const int guessed = passwords.get();
  const int malformed_closes = malformed.get();
  const int binary_closes = binary.get();
  const auto wall =
      std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - wall_start);
  const auto cpu = cpu_time(pid) - cpu_start;
  peak_rss = std::max(peak_rss, resident_kib(pid));
  int idle_opened = 0;
  for (auto& c : idle) idle_opened += c->opened();
  std::cout << "abuse: " << wall.count() << " ms, server CPU " << cpu.count() << " ms ("
            << 100 * cpu.count() / std::max<long>(1, wall.count()) << " %), peak RSS "
            << peak_rss / 1024 << " MiB; " << idle_opened << " of 500 idle sockets let in, "
            << guessed << " wrong passwords answered, " << malformed_closes << " + "
            << binary_closes << " flooders closed with 1008, " << taken.size() << " tickets taken, "
            << served.size() << " served\n";
  EXPECT_LE(idle_opened, 5 * 64);  // the per-address cap
  EXPECT_GE(malformed_closes, 1);
  EXPECT_GE(binary_closes, 1);
  // Bounded: the password pool's two threads and a little more; memory far from exhausted.
  EXPECT_LT(cpu, wall * 5 / 2);
  EXPECT_LT(peak_rss, 512 * 1024);
  idle.clear();

  // Nothing stored is lost: after a restart every ticket taken is waiting or was served.
  start();
  auto manager = connect();
  auto snapshot = hello_staff(*manager, "clerk3").snapshot;
  ASSERT_TRUE(snapshot);
  std::set<std::string> stored = served;
  for (const auto& t : snapshot->waiting) stored.insert(t.number);
  EXPECT_EQ(stored, taken);
}

}  // namespace
}  // namespace motcua::testing
