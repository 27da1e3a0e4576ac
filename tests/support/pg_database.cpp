#include "tests/support/pg_database.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "hub/store/pg.hpp"

namespace motcua::testing {
namespace {

namespace pg = hub::store::pg;

std::string read_conninfo() {
  const char* dir = std::getenv("MOTCUA_TEST_PG_DIR");
  if (!dir || !*dir) {
    throw std::runtime_error(
        "MOTCUA_TEST_PG_DIR is not set: run this test through ctest, which starts PostgreSQL "
        "(fixture `postgres`, tests/support/pg_cluster.sh)");
  }
  std::string path = std::string(dir) + "/conninfo";
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) {
    throw std::runtime_error("no PostgreSQL for the test: " + path +
                             " is missing (did the ctest fixture postgres_start run and pass?)");
  }
  return line;
}

// Lower-case letters and digits only, so the name needs no quoting beyond the usual.
std::string random_name() {
  std::random_device device;
  std::mt19937_64 random(
      (static_cast<std::uint64_t>(device()) << 32) ^ device() ^
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::ostringstream name;
  name << "motcua_test_" << std::hex << random();
  return name.str();
}

}  // namespace

pg_database::pg_database() : server_conninfo_(read_conninfo()), name_(random_name()) {
  pg::connection server(server_conninfo_);
  // CREATE DATABASE takes no parameters; the name is ours, [a-z0-9_] only.
  server.exec("CREATE DATABASE \"" + name_ + "\"");
  conninfo_ = server_conninfo_ + " dbname=" + name_;  // the later dbname wins
}

pg_database::~pg_database() {
  try {
    pg::connection server(server_conninfo_);
    server.exec("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
  } catch (...) {
    // The cluster is gone already: so is the database, with the fixture's directory.
  }
}

}  // namespace motcua::testing
