// Upgrades: a database left by the previous release (tests/data/release-5.db, schema version
// 5) migrates forward when today's server starts on it and keeps everything; a database from a
// newer release is refused and left exactly as it was.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "server/store/database.hpp"
#include "shared/domain/clock.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/server_process.hpp"

namespace motcua::testing {
namespace {

const std::string release_5 = std::string(MOTCUA_TEST_DATA) + "/release-5.db";
const std::string release_5_day = "2026-12-05";  // the business day its tickets were taken
const std::string release_5_dossier = "000.00.00.H99-261205-0001";

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The database at `path` replaced by a copy of `from` (without the files of its WAL).
void copy_database(const std::string& from, const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::filesystem::copy_file(from, path);
}

class upgrade_test : public server_test {};

TEST_F(upgrade_test, ADatabaseOfThePreviousReleaseMigratesOnStartAndKeepsEverything) {
  stop();
  copy_database(release_5, db_);
  start();

  auto manager = staff("manager");
  const auto dossier = get_dossier(*manager, release_5_dossier);
  EXPECT_EQ(dossier.status, "received");
  // Numbering goes on from the stored tickets on their day, from 1 on any other.
  const auto today =
      domain::format_iso_date(domain::business_zone{}.day_of(domain::system_clock{}.now()));
  auto k = kiosk();
  EXPECT_EQ(take(*k, 1, "after-upgrade").ticket.number, today == release_5_day ? "A003" : "A001");
  stop();

  store::database db(db_, store::durability::normal);
  auto version = db.prepare("SELECT MAX(version) FROM schema_migrations");
  ASSERT_TRUE(version.step());
  EXPECT_EQ(version.int64(0), 16);
  EXPECT_FALSE(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'tickets_open'").step());
  EXPECT_TRUE(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'bookings'").step());
  auto old = db.prepare("SELECT COUNT(*) FROM tickets WHERE day = ? AND number != 'A003'");
  ASSERT_TRUE(old.bind(1, release_5_day).step());
  EXPECT_EQ(old.int64(0), 4);

  const auto verified = run_server({"--verify-audit", "--db", db_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output << verified.errors;
  EXPECT_TRUE(verified.output.starts_with("audit chain intact: ")) << verified.output;
}

TEST(upgrade, ADatabaseOfANewerReleaseIsRefusedAndLeftAsItWas) {
  temp_dir dir;
  const auto path = dir.file("newer.db");
  copy_database(release_5, path);
  {
    store::database db(path, store::durability::normal);
    db.exec("INSERT INTO schema_migrations (version) VALUES (99)");
  }
  ASSERT_FALSE(std::filesystem::exists(path + "-wal"));  // all in the file after a clean close
  const auto before = bytes_of(path);

  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--demo", "--listen", "127.0.0.1:0", "--db", path}, {"--verify-audit", "--db", path}}) {
    const auto r = run_server(args);
    EXPECT_EQ(r.exit_code, 1) << args.front();
    EXPECT_EQ(r.errors, "motcua-server: database " + path +
                            " was written by a newer release (schema version 99; this release "
                            "knows up to 16): not opened, not changed. Run that release, or "
                            "restore a backup made by this one\n");
    EXPECT_TRUE(r.output.empty()) << r.output;
  }
  EXPECT_TRUE(bytes_of(path) == before);
  // Reading a WAL database makes SQLite create its WAL, left empty.
  EXPECT_TRUE(!std::filesystem::exists(path + "-wal") || bytes_of(path + "-wal").empty());
}

}  // namespace
}  // namespace motcua::testing
