// motcua-server: flags, configuration, wiring, signals.
//
// Threads: the network runs on --threads threads, each with its own io_context and each
// connection on one of them (server/transport/io_pool.hpp); the engine, which alone writes the
// database, runs on its own thread, or for a request that finds it idle on the network thread that
// received it (engine/runner.hpp); passwords are checked on a small pool; WAL checkpoints run on
// their own thread, and so do the scheduled backups when configured.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "server/auth/crypto.hpp"
#include "server/auth/login_guard.hpp"
#include "server/auth/password_pool.hpp"
#include "server/config/config.hpp"
#include "server/engine/audit.hpp"
#include "server/engine/backups.hpp"
#include "server/engine/engine.hpp"
#include "server/engine/runner.hpp"
#include "server/log/log.hpp"
#include "server/net/centre_http.hpp"
#include "server/province/sender.hpp"
#include "server/sms/sender.hpp"
#include "server/store/checkpointer.hpp"
#include "server/store/hub_outbox_store.hpp"
#include "server/store/migrations.hpp"
#include "server/transport/listener.hpp"
#include "shared/os/command_line.hpp"
#include "shared/tls/context.hpp"

namespace {

namespace asio = boost::asio;
using namespace motcua;

struct options {
  std::string host = "127.0.0.1";
  std::string port = "8080";
  std::string db = "data/motcua.db";
  std::string config;
  bool demo = false;
  int threads = 2;
  bool verify_audit = false;
  std::string backup;
  bool resend_hub_refused = false;
  bool check_config = false;
  bool hash_password = false;
  bool print_demo = false;
  std::string log_level = "info";
  std::string tls_cert;
  std::string tls_key;
};

// The command line (CLI11). --help and --version print and give 0; a usage error prints one
// line naming the flag and gives 2.
std::variant<options, int> parse_args(int argc, char** argv) {
  options o;
  CLI::App app{
      "Một Cửa server: the centre's queue, dossiers and events (WebSocket and HTTP on "
      "one port).",
      "motcua-server"};
  os::standard_flags(app);
  std::string listen = o.host + ":" + o.port;
  os::listen_flag(app, listen);
  app.add_option("--db", o.db, "SQLite database file")->type_name("PATH")->capture_default_str();
  app.add_option("--config", o.config,
                 "centre configuration (JSON); with --demo, overrides merged on the demo set")
      ->type_name("PATH");
  app.add_flag("--demo", o.demo, "the demo centre: demo services, counters, accounts; always open");
  app.add_option("--threads", o.threads, "network threads")
      ->type_name("N")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  auto* verify = app.add_flag("--verify-audit", o.verify_audit,
                              "check the audit log's hash chain in --db and exit (0 = intact)");
  app.add_option("--backup", o.backup,
                 "copy --db (the server may be running) to DEST, or into DEST when it is a "
                 "folder; check the copy and exit (0 = written)")
      ->type_name("DEST")
      ->check(CLI::Validator(
          [](const std::string& v) { return v.empty() ? "give a file or folder path" : ""; }, "",
          "backup"))
      ->excludes(verify);
  auto* resend =
      app.add_flag(
             "--resend-hub-refused", o.resend_hub_refused,
             "once the province hub takes what it refused (kept aside in --db): send it every "
             "row again as it is now (a snapshot; the server may be running) and exit (0 = done)")
          ->excludes(verify)
          ->excludes("--backup");
  app.add_flag("--check-config", o.check_config,
               "load and check the configuration (--config, or --demo) as a start would, "
               "print what it holds and exit (0 = valid); opens no database and no port");
  app.add_flag("--hash-password", o.hash_password,
               "read a password on standard input, print its Argon2id hash, exit");
  app.add_flag("--print-demo-config", o.print_demo,
               "print the demo configuration (a template) and exit");
  for (const char* other : {"--check-config", "--hash-password", "--print-demo-config"})
    resend->excludes(other);  // each of them would be done instead, the resend not
  app.add_option("--log-level", o.log_level, "how much the log says")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  app.add_option("--tls-cert", o.tls_cert,
                 "serve https:// and wss:// (TLS only) with this PEM certificate chain")
      ->type_name("PATH");
  app.add_option("--tls-key", o.tls_key,
                 "and this PEM private key (override the config's tls.cert / tls.key)")
      ->type_name("PATH");
  if (auto done = os::parse_command_line(app, argc, argv)) return *done;
  std::tie(o.host, o.port) = *os::split_listen(listen);  // checked by listen_flag
  return o;
}

int verify_audit(const options& o) {
  if (!std::filesystem::exists(o.db)) {
    std::cerr << "no database at " << o.db << "\n";
    return 2;
  }
  store::refuse_if_newer(o.db);
  store::database db(o.db, store::durability::normal);
  auto v = engine::verify_audit(db);
  if (v.ok) {
    std::cout << "audit chain intact: " << v.entries << " entries\n";
    return 0;
  }
  std::cout << "audit chain BROKEN at entry " << *v.broken_at << ": " << v.problem << "\n";
  return 1;
}

// --backup: a checked copy of --db at DEST, or in DEST when it is a folder (named by the time,
// Vietnam's). One line on standard output, or on standard error and exit 1.
int backup(const options& o) {
  std::filesystem::path dest = o.backup;
  if (std::filesystem::is_directory(dest))
    dest /= engine::timestamped_backup_name(domain::system_clock{}.now(), domain::business_zone{});
  try {
    const auto report = engine::back_up(o.db, dest);
    std::cout << "backup written to " << dest.string() << ": " << report.audit_entries
              << " audit entries, integrity ok\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "motcua-server: cannot back up " << o.db << " to " << dest.string() << ": "
              << e.what() << "\n";
    return 1;
  }
}

// --resend-hub-refused, once the hub was mended or upgraded to take what it refused: hub_refused
// emptied and a snapshot started (every row sent again as it is now), which the running server's
// sender (or the next start's) sends. One line on standard output, or on standard error and exit 1.
int resend_hub_refused(const options& o) {
  try {
    if (!std::filesystem::exists(o.db)) throw std::runtime_error("no database at " + o.db);
    store::refuse_if_newer(o.db);
    store::database db(o.db);  // synced at commit
    const auto set_aside = store::hub_outbox_store(db).resend_refused();
    std::cout << set_aside << " record(s) the hub refused"
              << (set_aside > 0 ? ": a snapshot follows, every row of " + o.db +
                                      " sent to the hub again as it is now\n"
                                : "\n");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "motcua-server: cannot resend the records the hub refused: " << e.what() << "\n";
    return 1;
  }
}

config::settings load_settings(const options& o) {
  if (o.demo) return config::demo(o.config.empty() ? "" : config::read_file(o.config), o.config);
  if (o.config.empty())
    throw std::runtime_error("give --config PATH (or --demo to try the demo centre)");
  return config::parse(config::read_file(o.config), o.config);
}

// The TLS context when a certificate is configured (the flags win over the config), else
// null. Throws when the files cannot be used.
tls::context_ptr load_tls(const options& o, config::tls_files& files) {
  if (!o.tls_cert.empty()) files.cert = o.tls_cert;
  if (!o.tls_key.empty()) files.key = o.tls_key;
  if (files.cert.empty() != files.key.empty())
    throw std::runtime_error("TLS needs both a certificate and a key (--tls-cert and --tls-key)");
  return files.enabled() ? tls::server_context(files.cert, files.key) : nullptr;
}

// --check-config: the configuration and its TLS files loaded as serve() loads them, and one
// line saying what they hold, or what is wrong and where; no database, no socket. The systemd
// unit's ExecStartPre (a bad configuration fails the start with that one line in the journal),
// and what to run after editing the file, before restarting.
int check_config(const options& o) {
  const std::string name = !o.config.empty() ? o.config : o.demo ? "(demo)" : "(none)";
  try {
    auto settings = load_settings(o);
    load_tls(o, settings.tls);
    std::cout << "configuration " << name << " is valid: " << settings.services.size()
              << " services, " << settings.counters.size() << " counters\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "motcua-server: configuration " << name << " is invalid: " << e.what() << "\n";
    return 1;
  }
}

// Says at start whether TLS is on, and with which certificate.
void log_tls(const options& o, const tls::context_ptr& context) {
  if (!context) {
    spdlog::info(
        "TLS off: plain http:// and ws:// (give --tls-cert and --tls-key to serve "
        "https:// and wss://)");
    if (!asio::ip::make_address(o.host).is_loopback())
      spdlog::warn("TLS off on {}: passwords and session tokens cross the network in clear",
                   o.host);
    return;
  }
  spdlog::info("TLS on: https:// and wss:// only (TLS 1.2 or later), certificate {}",
               tls::describe_certificate(*context));
}

// Every connection is a descriptor: take all the system allows this process (the soft limit is
// often 1,024, the hard one far higher) and say how many that is.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  spdlog::info("open files: up to {} (hard limit {})", limit.rlim_cur, limit.rlim_max);
}

int serve(const options& o) {
  auto settings = load_settings(o);
  store::refuse_if_newer(o.db);
  auto tls_context = load_tls(o, settings.tls);
  log_tls(o, tls_context);
  raise_open_file_limit();
  // The address first: when it cannot be had, nothing has been created on disk.
  net::bound_port port(net::tcp::endpoint(asio::ip::make_address(o.host),
                                          static_cast<unsigned short>(std::stoi(o.port))));
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
  std::optional<engine::backup_scheduler> backups;  // stopped (joined) when serve returns
  if (settings.backups.enabled()) backups.emplace(o.db, settings.backups, settings.zone, clock);
  province::hub_lookup hub_lookup(settings);
  net::shared_state state{settings, runner, passwords, logins, metrics, hub_lookup};
  net::centre_http service(state);
  // Declared after what the sessions use: its destructor destroys the sessions.
  net::io_pool network(o.threads);

  auto listener = std::make_shared<net::listener>(network, port, state.unauthenticated, metrics,
                                                  service, tls_context.get());
  runner.start();
  listener->run();

  asio::signal_set signals(network.first(), SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) {
    spdlog::info("shutting down");
    listener->stop();
    network.stop();
  });

  auto bound = listener->local_endpoint();
  // Texts go out once the server is up, from a thread of their own (server/sms/sender.hpp).
  std::optional<sms::sender> texts;
  if (settings.sms) {
    auto own = "http://" + bound.address().to_string() + ":" + std::to_string(bound.port());
    texts.emplace(*settings.sms, settings.zone,
                  settings.sms->report_base_url.empty() ? own : settings.sms->report_base_url, o.db,
                  clock, metrics);
    texts->start();
  }
  // The province hub is told of every change from a thread of its own
  // (server/province/sender.hpp).
  std::optional<province::sender> hub;
  if (settings.hub) {
    hub.emplace(settings, o.db, clock, metrics);
    hub->start();
  }
  std::cout << "listening on " << bound.address().to_string() << ":" << bound.port() << std::endl;

  network.run();
  passwords.stop();   // before the io_context its callbacks post to goes away
  hub_lookup.stop();  // the same
  runner.stop();      // finishes queued requests: everything acknowledged is committed
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe or socket is an error code, not a crash
  auto parsed = parse_args(argc, argv);
  if (const int* done = std::get_if<int>(&parsed)) return *done;
  const auto& o = std::get<options>(parsed);
  try {
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
    if (o.check_config) return check_config(o);
    if (o.verify_audit) return verify_audit(o);
    if (!o.backup.empty()) return backup(o);
    if (o.resend_hub_refused) return resend_hub_refused(o);
    return serve(o);
  } catch (const std::exception& e) {  // a runtime failure: the configuration, the port, a file
    std::cerr << "motcua-server: " << e.what() << "\n";
    return 1;
  }
}
