// motcua-hub (issue 15; README "A province of centres"): the province hub. It takes each centre's
// records over HTTP(S) and keeps the province's copy of every centre's dossiers and figures in
// PostgreSQL (hub/store), and shows them to the province managers on its WebSocket (the province
// dashboard); the centres and managers it knows are registered from --config at each start.
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include <boost/asio/signal_set.hpp>
#include <boost/json.hpp>

#include "hub/net/server.hpp"
#include "hub/store/pg.hpp"
#include "hub/store/province_store.hpp"
#include "hub/store/schema.hpp"
#include "server/auth/crypto.hpp"
#include "server/log/log.hpp"
#include "shared/os/command_line.hpp"
#include "shared/tls/context.hpp"

using namespace motcua;

namespace {

struct options {
  std::string pg;
  std::string listen = "127.0.0.1:8090";
  std::string config;
  int threads = 4;
  hub::net::connection_caps caps;
  std::string tls_cert;
  std::string tls_key;
  std::string log_level = "info";
};

std::variant<options, int> parse_args(int argc, char** argv) {
  options o;
  CLI::App app{"Một Cửa province hub: every centre's dossiers and figures, in PostgreSQL.",
               "motcua-hub"};
  os::standard_flags(app);
  app.add_option(
         "--pg", o.pg,
         "PostgreSQL connection string (libpq), e.g. \"host=/run/postgresql dbname=motcua_hub\"")
      ->type_name("CONNINFO")
      ->required();
  os::listen_flag(app, o.listen);
  app.add_option("--config", o.config,
                 "the province's centres and managers (JSON: {\"centres\":[{\"unit\",\"name\","
                 "\"token\" or \"token_sha256\"}],\"staff\":[{\"username\",\"display_name\","
                 "\"password_hash\"}]}), registered at each start")
      ->type_name("PATH");
  app.add_option("--threads", o.threads,
                 "workers for the centres' pushes, and as many for the rest (lookups, figures, "
                 "dashboards, logins), each with its PostgreSQL connection")
      ->type_name("N")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--max-connections", o.caps.total, "connections at once; past it one is refused")
      ->type_name("N")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-connections-per-address", o.caps.per_address,
                 "of them, from one client address (an IPv6 /64)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-dashboards", o.caps.dashboards,
                 "of them, province dashboards (WebSocket); past it an upgrade gets 503")
      ->type_name("N")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--tls-cert", o.tls_cert, "serve https:// with this PEM certificate chain")
      ->type_name("PATH");
  app.add_option("--tls-key", o.tls_key, "and this PEM private key")->type_name("PATH");
  app.add_option("--log-level", o.log_level, "how much the log says")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  if (auto done = os::parse_command_line(app, argc, argv)) return *done;
  if (o.tls_cert.empty() != o.tls_key.empty())
    return os::usage_error(app, "--tls-cert and --tls-key go together");
  return o;
}

// The centres and the province managers of --config, registered (a unit or a username again:
// its name and token or password replaced; a manager no longer listed removed).
void register_config(const std::string& path, hub::store::province_store& store) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(text.str(), ec);
  if (ec) throw std::runtime_error(path + ": not JSON: " + ec.message());
  if (!doc.is_object()) throw std::runtime_error(path + ": expected an object");
  // The objects of the array `key` (none when absent), each with its fields' text.
  auto each = [&](const char* key, bool required, auto&& take) {
    const auto* list = doc.as_object().if_contains(key);
    if (!list && !required) return;
    if (!list || !list->is_array())
      throw std::runtime_error(path + ": " + key + ": expected an array");
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
      const auto& item = list->as_array()[i];
      auto fail = [&](const std::string& what) {
        throw std::runtime_error(path + ": " + key + "[" + std::to_string(i) + "]: " + what);
      };
      if (!item.is_object()) fail("expected an object");
      auto text_of = [&](const char* field) -> std::string {
        const auto* v = item.as_object().if_contains(field);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      take(text_of, fail);
    }
  };
  each("centres", true, [&](auto&& text_of, auto&& fail) {
    const auto unit = text_of("unit"), name = text_of("name");
    auto hash = text_of("token_sha256");
    if (const auto token = text_of("token"); !token.empty()) {
      if (token.size() < 16) fail("token: 16 characters or more");
      hash = auth::sha256_hex(token);
    }
    if (unit.empty() || name.empty()) fail("unit and name: both required");
    if (hash.size() != 64) fail("token (or token_sha256, 64 hex digits): required");
    store.register_centre(unit, name, hash);
  });
  std::vector<std::string> managers;
  each("staff", false, [&](auto&& text_of, auto&& fail) {
    hub::store::staff_account a{text_of("username"), text_of("display_name"),
                                text_of("password_hash")};
    if (a.username.empty()) fail("username: required");
    if (a.display_name.empty()) a.display_name = a.username;
    if (!a.password_hash.starts_with("$argon2id$"))
      fail("password_hash: expected an Argon2id hash (motcua-server --hash-password)");
    store.register_staff(a);
    managers.push_back(a.username);
  });
  store.keep_only_staff(managers);  // an account taken out of the file no longer logs in
}

int serve(options o) {
  // A PostgreSQL that does not answer at all (its host gone from the network) is given up after
  // 5 s, not the operating system's minutes, unless the connection string (key=value form)
  // says otherwise.
  if (!o.pg.starts_with("postgres") && o.pg.find("connect_timeout") == std::string::npos)
    o.pg += " connect_timeout=5";
  // Nor is a worker held longer than 30 s by one statement (a lock a stuck transaction
  // holds, a dashboard over years of a large province): PostgreSQL cancels it, the request gets
  // 503 and the connection serves the next one.
  if (!o.pg.starts_with("postgres") && o.pg.find("options") == std::string::npos)
    o.pg += " options='-c statement_timeout=30000'";
  {
    hub::store::pg::connection db(o.pg);
    hub::store::migrate(db);
    if (!o.config.empty()) {
      hub::store::province_store store(db);
      register_config(o.config, store);
    }
  }
  hub::net::store_pool stores(o.pg, hub::net::server::connections_for(o.threads));
  tls::context_ptr tls;
  if (!o.tls_cert.empty()) tls = tls::server_context(o.tls_cert, o.tls_key);
  const auto [host, port] = *os::split_listen(o.listen);
  hub::net::server server(host, port, o.threads, o.caps, stores, tls.get());
  boost::asio::io_context signals_context;
  boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) {
    spdlog::info("shutting down");
    server.stop();
  });
  std::thread signal_thread([&] { signals_context.run(); });
  const auto bound = server.local_endpoint();
  std::cout << "listening on " << bound.address().to_string() << ":" << bound.port() << std::endl;
  server.run();
  signals_context.stop();
  signal_thread.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  auto parsed = parse_args(argc, argv);
  if (const int* done = std::get_if<int>(&parsed)) return *done;
  const auto& o = std::get<options>(parsed);
  try {
    log::init(o.log_level);
    auth::init_crypto();
    return serve(o);
  } catch (const std::exception& e) {
    std::cerr << "motcua-hub: " << e.what() << "\n";
    return 1;
  }
}
