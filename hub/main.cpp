// motcua-hub (issue 15; README "A province of centres"): the province hub. It takes each centre's
// records over HTTP(S) and keeps the province's copy of every centre's dossiers and figures in
// PostgreSQL (hub/store); the centres it knows are registered from --config at each start.
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
                 "the province's centres (JSON: {\"centres\":[{\"unit\",\"name\",\"token\" or "
                 "\"token_sha256\"}]}), registered at each start")
      ->type_name("PATH");
  app.add_option("--threads", o.threads, "network threads, each with its PostgreSQL connection")
      ->type_name("N")
      ->check(CLI::Range(1, 64))
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

// The centres of --config, registered (a unit again: its name and token replaced).
void register_centres(const std::string& path, hub::store::province_store& store) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(text.str(), ec);
  if (ec) throw std::runtime_error(path + ": not JSON: " + ec.message());
  auto fail = [&](std::size_t i, const std::string& what) {
    throw std::runtime_error(path + ": centres[" + std::to_string(i) + "]: " + what);
  };
  const auto* centres = doc.is_object() ? doc.as_object().if_contains("centres") : nullptr;
  if (!centres || !centres->is_array())
    throw std::runtime_error(path + ": centres: expected an array");
  const auto& list = centres->as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object()) fail(i, "expected an object");
    const auto& c = list[i].as_object();
    auto text_of = [&](const char* key) -> std::string {
      const auto* v = c.if_contains(key);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    const auto unit = text_of("unit"), name = text_of("name");
    auto hash = text_of("token_sha256");
    if (const auto token = text_of("token"); !token.empty()) {
      if (token.size() < 16) fail(i, "token: 16 characters or more");
      hash = auth::sha256_hex(token);
    }
    if (unit.empty() || name.empty()) fail(i, "unit and name: both required");
    if (hash.size() != 64) fail(i, "token (or token_sha256, 64 hex digits): required");
    store.register_centre(unit, name, hash);
  }
}

int serve(options o) {
  // A PostgreSQL that does not answer at all (its host gone from the network) is given up after
  // 5 s, not the operating system's minutes, unless the connection string (key=value form)
  // says otherwise.
  if (!o.pg.starts_with("postgres") && o.pg.find("connect_timeout") == std::string::npos)
    o.pg += " connect_timeout=5";
  {
    hub::store::pg::connection db(o.pg);
    hub::store::migrate(db);
    if (!o.config.empty()) {
      hub::store::province_store store(db);
      register_centres(o.config, store);
    }
  }
  hub::net::store_pool stores(o.pg, o.threads);
  tls::context_ptr tls;
  if (!o.tls_cert.empty()) tls = tls::server_context(o.tls_cert, o.tls_key);
  const auto [host, port] = *os::split_listen(o.listen);
  hub::net::server server(host, port, o.threads, stores, tls.get());
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
