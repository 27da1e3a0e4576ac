// Backups (README "Backups and restore"): `motcua-server --backup` copies the database while
// eight kiosks take tickets; the copy holds every ticket acknowledged before it began, restores
// as the centre's database with its audit chain intact, and numbering goes on from it. The
// command's refusals leave nothing behind.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server/store/database.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/server_process.hpp"

namespace motcua::testing {
namespace {

namespace fs = std::filesystem;

// The tickets acknowledged so far, and a wait for the first few.
class acknowledged {
 public:
  void add(protocol::ticket_id id) {
    {
      std::lock_guard lock(mutex_);
      ids_.insert(id);
    }
    grew_.notify_all();
  }
  bool wait_for_at_least(std::size_t n) {
    std::unique_lock lock(mutex_);
    return grew_.wait_for(lock, std::chrono::seconds(30), [&] { return ids_.size() >= n; });
  }
  std::set<protocol::ticket_id> now() {
    std::lock_guard lock(mutex_);
    return ids_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable grew_;
  std::set<protocol::ticket_id> ids_;
};

std::set<protocol::ticket_id> tickets_in(const std::string& path) {
  store::database db(path, store::durability::normal);
  std::set<protocol::ticket_id> ids;
  for (auto q = db.prepare("SELECT id FROM tickets"); q.step();) ids.insert(q.int64(0));
  return ids;
}

// The number the next ticket of service 1 (prefix A) gets after the tickets in `path`.
std::string next_a_number(const std::string& path) {
  store::database db(path, store::durability::normal);
  auto q = db.prepare("SELECT COUNT(*) FROM tickets WHERE issued_service = 1");
  EXPECT_TRUE(q.step());
  char number[32];
  std::snprintf(number, sizeof number, "A%03lld", static_cast<long long>(q.int64(0)) + 1);
  return number;
}

class backup_test : public server_test {
 protected:
  backup_test() {
    start_demo_with(R"({"limits": {"messages_per_second": 1000, "message_burst": 1000}})");
  }
};

TEST_F(backup_test, ACopyTakenUnderLoadRestoresWithItsAuditChainAndNumberingGoesOn) {
  // Eight kiosks take tickets until the copy is written (at most 120 each, within the four
  // services' daily limits), so that the server commits all the while the copy is made.
  constexpr int kiosks = 8, most_per_kiosk = 120;
  acknowledged acked;
  std::atomic<bool> copied_already = false;
  std::vector<client_ptr> ks;
  for (int k = 0; k < kiosks; ++k) ks.push_back(kiosk());
  std::vector<std::thread> load;
  for (int k = 0; k < kiosks; ++k)
    load.emplace_back([&, k] {
      for (int t = 0; t < most_per_kiosk && !copied_already; ++t)
        acked.add(take(*ks[k], 1 + (k + t) % 4,
                       "backup-load-" + std::to_string(k) + "-" + std::to_string(t))
                      .ticket.id);
    });

  ASSERT_TRUE(acked.wait_for_at_least(40));
  const auto before = acked.now();
  const auto copy = dir_.file("copy.db");
  const auto backup = run_server({"--backup", copy, "--db", db_});
  copied_already = true;
  for (auto& t : load) t.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.errors;
  EXPECT_TRUE(backup.output.starts_with("backup written to " + copy + ": ")) << backup.output;
  EXPECT_TRUE(backup.errors.empty()) << backup.errors;

  // Every ticket acknowledged before the copy began is in it, and no ticket the server did not
  // acknowledge.
  const auto copied = tickets_in(copy);
  const auto all = acked.now();
  for (auto id : before) EXPECT_TRUE(copied.contains(id)) << "ticket " << id << " missing";
  for (auto id : copied) EXPECT_TRUE(all.contains(id)) << "ticket " << id << " unknown";
  std::cout << "backup under load: " << before.size() << " tickets before the copy, "
            << copied.size() << " in it, " << all.size() << " in all\n";

  // Restore: the server stopped, the copy put in place of the database and its WAL.
  stop();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix);
  fs::copy_file(copy, db_);
  const auto verified = run_server({"--verify-audit", "--db", db_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output << verified.errors;
  EXPECT_TRUE(verified.output.starts_with("audit chain intact: ")) << verified.output;

  const auto next = next_a_number(db_);
  start();
  EXPECT_EQ(take(*kiosk(), 1, "after-restore").ticket.number, next);
}

TEST_F(backup_test, IntoAFolderTheCopyIsNamedByTheTime) {
  const auto folder = dir_.path() / "backups";
  fs::create_directories(folder);
  const auto r = run_server({"--backup", folder.string(), "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.push_back(e.path().filename());
  ASSERT_EQ(names.size(), 1u);
  const auto& name = names.front();  // motcua-YYYYMMDD-HHMMSS.db
  EXPECT_EQ(name.size(), std::string("motcua-20261205-030405.db").size()) << name;
  EXPECT_TRUE(name.starts_with("motcua-") && name.ends_with(".db")) << name;
  EXPECT_EQ(r.output.substr(0, r.output.find(':')),
            "backup written to " + (folder / name).string());
}

TEST_F(backup_test, RefusalsSayWhyAndLeaveNothingBehind) {
  const auto taken = dir_.file("taken.db");
  std::ofstream(taken) << "mine";
  const std::string prefix = "motcua-server: cannot back up " + db_ + " to ";
  const struct {
    std::vector<std::string> args;
    std::string error;
  } cases[] = {
      {{"--backup", taken, "--db", db_}, prefix + taken + ": it already exists\n"},
      {{"--backup", dir_.file("no/such/folder.db"), "--db", db_},
       prefix + dir_.file("no/such/folder.db") + ": no folder " + dir_.file("no/such") + "\n"},
      {{"--backup", dir_.file("copy.db"), "--db", dir_.file("none.db")},
       "motcua-server: cannot back up " + dir_.file("none.db") + " to " + dir_.file("copy.db") +
           ": no database at " + dir_.file("none.db") + "\n"},
  };
  for (const auto& c : cases) {
    const auto r = run_server(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.args[1];
    EXPECT_TRUE(r.errors.starts_with(c.error)) << r.errors;
    EXPECT_TRUE(r.output.empty()) << r.output;
  }
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(dir_.path())) left.insert(e.path().filename());
  EXPECT_EQ(left, (std::set<std::string>{"motcua.db", "motcua.db-wal", "motcua.db-shm",
                                         "overrides.json", "taken.db"}));
  std::ifstream in(taken);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "mine");

  // A usage error: --backup with --verify-audit, or with no destination.
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--backup", dir_.file("x.db"), "--verify-audit", "--db", db_}, {"--backup", ""}}) {
    const auto r = run_server(args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_FALSE(fs::exists(dir_.file("x.db")));
  }
}

}  // namespace
}  // namespace motcua::testing
