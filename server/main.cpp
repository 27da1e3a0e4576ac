// motcua-server: flags, configuration, wiring, signals.
//
// Threads: the network runs on an io_context with a few threads (one strand
// per connection); the engine runs on its own thread (engine/runner.hpp) and
// alone writes the database; passwords are checked on a small pool; WAL
// checkpoints run on their own thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "auth/crypto.hpp"
#include "auth/login_guard.hpp"
#include "auth/password_pool.hpp"
#include "config/config.hpp"
#include "engine/audit.hpp"
#include "engine/engine.hpp"
#include "engine/runner.hpp"
#include "log/log.hpp"
#include "net/listener.hpp"
#include "store/checkpointer.hpp"

namespace {

namespace asio = boost::asio;
using namespace motcua;

constexpr const char* usage = R"(usage: motcua-server [options]
  --listen HOST:PORT     address to serve (default 127.0.0.1:8080; port 0 picks one)
  --db PATH              SQLite database file (default data/motcua.db)
  --config PATH          centre configuration (JSON); with --demo, overrides merged on the demo set
  --demo                 the demo centre: demo services, counters, accounts; always open
  --threads N            network threads (default 2)
  --verify-audit         check the audit log's hash chain in --db and exit (0 = intact)
  --hash-password        read a password on standard input, print its Argon2id hash, exit
  --print-demo-config    print the demo configuration (a template) and exit
  --log-level LEVEL      trace, debug, info (default), warn, error, critical or off
)";

struct options {
  std::string host = "127.0.0.1";
  std::string port = "8080";
  std::string db = "data/motcua.db";
  std::string config;
  bool demo = false;
  int threads = 2;
  bool verify_audit = false;
  bool hash_password = false;
  bool print_demo = false;
  std::string log_level = "info";
};

options parse_args(int argc, char** argv) {
  options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto value = [&](std::size_t& i) -> std::string {
    if (i + 1 >= args.size()) throw std::runtime_error(args[i] + " needs a value");
    return args[++i];
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--listen") {
      auto v = value(i);
      auto colon = v.rfind(':');
      if (colon == std::string::npos) throw std::runtime_error("--listen needs HOST:PORT");
      o.host = v.substr(0, colon);
      o.port = v.substr(colon + 1);
    } else if (a == "--db") {
      o.db = value(i);
    } else if (a == "--config") {
      o.config = value(i);
    } else if (a == "--threads") {
      o.threads = std::max(1, std::stoi(value(i)));
    } else if (a == "--log-level") {
      o.log_level = value(i);
    } else if (a == "--demo") {
      o.demo = true;
    } else if (a == "--verify-audit") {
      o.verify_audit = true;
    } else if (a == "--hash-password") {
      o.hash_password = true;
    } else if (a == "--print-demo-config") {
      o.print_demo = true;
    } else {
      throw std::runtime_error("unknown option " + a);
    }
  }
  return o;
}

int verify_audit(const options& o) {
  if (!std::filesystem::exists(o.db)) {
    std::cerr << "no database at " << o.db << "\n";
    return 2;
  }
  store::database db(o.db, store::durability::normal);
  auto v = engine::verify_audit(db);
  if (v.ok) {
    std::cout << "audit chain intact: " << v.entries << " entries\n";
    return 0;
  }
  std::cout << "audit chain BROKEN at entry " << *v.broken_at << ": " << v.problem << "\n";
  return 1;
}

config::settings load_settings(const options& o) {
  if (o.demo) return config::demo(o.config.empty() ? "" : config::read_file(o.config));
  if (o.config.empty())
    throw std::runtime_error("give --config PATH (or --demo to try the demo centre)");
  return config::parse(config::read_file(o.config));
}

int serve(const options& o) {
  auto settings = load_settings(o);
  if (auto dir = std::filesystem::path(o.db).parent_path(); !dir.empty())
    std::filesystem::create_directories(dir);

  domain::system_clock clock;
  auth::login_guard logins(settings.limits, clock);
  engine::engine engine(settings, o.db, clock, logins);
  metrics::registry metrics;
  engine::runner runner(engine, metrics);
  logins.on_lockout([&runner](const auth::login_lock& lock) { runner.lockout(lock); });
  auth::password_pool passwords(settings, logins, metrics);
  store::checkpointer checkpoints(o.db, std::chrono::seconds(1));
  net::shared_state state{settings, runner, passwords, metrics};
  // Declared after what the sessions use: its destructor destroys the sessions.
  asio::io_context ioc(o.threads);

  auto endpoint = net::tcp::endpoint(asio::ip::make_address(o.host),
                                     static_cast<unsigned short>(std::stoi(o.port)));
  auto listener = std::make_shared<net::listener>(ioc, endpoint, state);
  runner.start();
  listener->run();

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) {
    spdlog::info("shutting down");
    listener->stop();
    ioc.stop();
  });

  auto bound = listener->local_endpoint();
  std::cout << "listening on " << bound.address().to_string() << ":" << bound.port() << std::endl;

  std::vector<std::thread> threads;
  for (int i = 1; i < o.threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  passwords.stop();  // before the io_context its callbacks post to goes away
  runner.stop();     // finishes queued requests: everything acknowledged is committed
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe or socket is an error code, not a crash
  try {
    auto o = parse_args(argc, argv);
    log::init(o.log_level);
    auth::init_crypto();
    if (o.print_demo) {
      std::cout << config::demo_json() << "\n";
      return 0;
    }
    if (o.hash_password) {
      std::string password;
      std::getline(std::cin, password);
      std::cout << auth::hash_password(password) << "\n";
      return 0;
    }
    if (o.verify_audit) return verify_audit(o);
    return serve(o);
  } catch (const std::exception& e) {
    std::cerr << "motcua-server: " << e.what() << "\n" << usage;
    return 2;
  }
}
