// motcua_login_bench: how fast can wrong passwords be tried against the real server? Each
// scenario starts a fresh demo server, then connections send wrong-password hellos for a fixed
// time, each its next one as soon as the last is answered but at most ten a second (under the
// per-connection rate limit, so that nobody is cut off). The figure is what the server really
// hashed (motcua_password_checks_total), per second. Usage: motcua_login_bench [SECONDS]
// (default 60).
#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

#include "tests/bench/bench_support.hpp"
#include "tests/support/http_get.hpp"

namespace motcua::bench {
namespace {

struct scenario {
  std::string name;
  int connections = 1;
  // The client address of connection i ("" = 127.0.0.1), and the username of its nth guess.
  std::function<std::string(int)> address;
  std::function<std::string(int, int)> username;
};

void run(const scenario& s, bench_clock::duration duration) {
  testing::temp_dir dir;
  testing::server_process server(dir.file("motcua.db"), {"--demo", "--log-level", "warn"});
  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  std::vector<std::shared_ptr<client::connection>> connections;
  std::vector<std::atomic<bool>> waiting(static_cast<std::size_t>(s.connections));
  std::atomic<long> held_back{0};
  for (int i = 0; i < s.connections; ++i) {
    auto c = client::connection::create(
        ioc.get_executor(), client::connection_handlers{
                                .on_open = {},
                                .on_reply =
                                    [&, i](const protocol::reply& r) {
                                      const auto* e = std::get_if<protocol::error>(&r.body);
                                      if (e && e->retry_after) ++held_back;
                                      waiting[static_cast<std::size_t>(i)] = false;
                                    },
                                .on_event = {},
                                .on_raw = {},
                                .decode_if = {},
                                .on_close = {},
                            });
    c->connect(server.host(), server.port(), "/ws", s.address(i));
    connections.push_back(std::move(c));
  }
  std::thread network([&] { ioc.run(); });
  const auto start = bench_clock::now();
  for (int n = 0; bench_clock::now() - start < duration; ++n) {
    for (std::size_t i = 0; i < connections.size(); ++i)
      if (!waiting[i].exchange(true))
        connections[i]->send(
            protocol::hello{{}, s.username(static_cast<int>(i), n), "wrong-guess", {}, {}, {}});
    std::this_thread::sleep_for(100ms);
  }
  const double seconds = to_s(bench_clock::now() - start);
  const double hashed = metric(testing::http_get(server.host(), server.port(), "/metrics").body,
                               "motcua_password_checks_total");
  for (auto& c : connections) c->close();
  work.reset();
  ioc.run_for(2s);
  ioc.stop();
  network.join();
  print_figure(s.name + "_hashed", hashed);
  print_figure(s.name + "_held_back", static_cast<double>(held_back));
  print_figure(s.name + "_hashed_per_s", hashed / seconds);
}

std::string loopback(int i) { return "127.0.0." + std::to_string(10 + i); }

}  // namespace
}  // namespace motcua::bench

int main(int argc, char** argv) {
  using namespace motcua::bench;
  std::signal(SIGPIPE, SIG_IGN);
  try {
    const auto duration = std::chrono::seconds(argc > 1 ? std::stoi(argv[1]) : 60);
    auto same = [](int) { return std::string(); };
    auto clerk1 = [](int, int) { return std::string("clerk1"); };
    auto fresh = [](int i, int n) {
      return "guess" + std::to_string(i) + "-" + std::to_string(n);  // never the same twice
    };
    auto own = [](int i, int) { return "guess" + std::to_string(i); };  // one per connection
    print_figure("seconds", static_cast<double>(duration.count()));
    run({"one_connection_one_user", 1, same, clerk1}, duration);
    run({"one_address_20_connections_one_user", 20, same, clerk1}, duration);
    run({"one_address_20_connections_any_user", 20, same, fresh}, duration);
    run({"20_addresses_one_user", 20, loopback, clerk1}, duration);
    run({"20_addresses_20_users", 20, loopback, own}, duration);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "motcua_login_bench: " << e.what() << "\n";
    return 1;
  }
}
