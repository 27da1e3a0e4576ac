// Backups (server/engine/backups.hpp): the names and kinds of the scheduled ones, which files the
// schedule deletes on a given day, when the next one is due; a checked copy of a real engine's
// database, refused when the copy's audit chain is broken or the name is taken, nothing left
// behind; and the scheduler on a test clock writing Monday's weekly file and deleting the expired.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "server/engine/backups.hpp"
#include "server/store/database.hpp"
#include "tests/unit/engine_fixture.hpp"

namespace motcua::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;
using engine::backup_kind;

config::backup_schedule keeping(int daily, int weekly) {
  config::backup_schedule s;
  s.folder = "backups";
  s.daily = daily;
  s.weekly = weekly;
  return s;
}

std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

TEST(backups, NamesShowTheKindAndTheDay) {
  EXPECT_EQ(engine::scheduled_backup_name(backup_kind::daily, year{2026} / December / 5),
            "motcua-daily-2026-12-05.db");
  EXPECT_EQ(engine::scheduled_backup_name(backup_kind::weekly, year{2026} / November / 30),
            "motcua-weekly-2026-11-30.db");
  // 5 December 2026, 03:04:05 in Hà Nội is 4 December, 20:04:05 UTC.
  const auto t = sys_days{year{2026} / December / 4} + 20h + 4min + 5s + 678ms;
  EXPECT_EQ(engine::timestamped_backup_name(t, domain::business_zone{}),
            "motcua-20261205-030405.db");
}

TEST(backups, MondaysBackupIsTheWeeklyOneWhileWeeklyOnesAreKept) {
  const auto monday = year{2026} / November / 30, saturday = year{2026} / December / 5;
  EXPECT_EQ(engine::backup_kind_on(monday, keeping(7, 4)), backup_kind::weekly);
  EXPECT_EQ(engine::backup_kind_on(saturday, keeping(7, 4)), backup_kind::daily);
  EXPECT_EQ(engine::backup_kind_on(monday, keeping(7, 0)), backup_kind::daily);
  EXPECT_EQ(engine::backup_kind_on(saturday, keeping(0, 4)), std::nullopt);
  EXPECT_EQ(engine::backup_kind_on(monday, keeping(0, 4)), backup_kind::weekly);
}

TEST(backups, ExpiredAreTheOlderOnesOfEachKindAndNothingElse) {
  std::vector<std::string> names;
  for (int d = 1; d <= 10; ++d)  // daily files of 1-10 December (Monday the 7th has one too)
    names.push_back(engine::scheduled_backup_name(backup_kind::daily, year{2026} / December / d));
  for (int d : {9, 16, 23, 30})
    names.push_back(engine::scheduled_backup_name(backup_kind::weekly, year{2026} / November / d));
  names.push_back("motcua-weekly-2026-12-07.db");
  const std::vector<std::string> others{
      "motcua-daily-2026-12-11.db",  // after today: a clock set back; kept
      "motcua-daily-2026-02-30.db",
      "motcua-daily-2026-1-05.db",
      "motcua-daily-2026-12-05.db.bak",
      ".motcua-daily-2026-12-01.db.partial-42",
      "motcua-monthly-2026-11-01.db",
      "motcua-20261101-030000.db",
      "motcua.db",
      "notes.txt"};
  names.insert(names.end(), others.begin(), others.end());

  auto expired = engine::expired_backups(names, year{2026} / December / 10, keeping(7, 2));
  std::sort(expired.begin(), expired.end());
  EXPECT_EQ(expired, (std::vector<std::string>{
                         "motcua-daily-2026-12-01.db", "motcua-daily-2026-12-02.db",
                         "motcua-daily-2026-12-03.db", "motcua-weekly-2026-11-09.db",
                         "motcua-weekly-2026-11-16.db", "motcua-weekly-2026-11-23.db"}));

  // The day before the newest files: those of 10 December are after "today", so kept, and the
  // count starts from the 9th.
  expired = engine::expired_backups(names, year{2026} / December / 9, keeping(3, 4));
  std::sort(expired.begin(), expired.end());
  EXPECT_EQ(expired,
            (std::vector<std::string>{"motcua-daily-2026-12-01.db", "motcua-daily-2026-12-02.db",
                                      "motcua-daily-2026-12-03.db", "motcua-daily-2026-12-04.db",
                                      "motcua-daily-2026-12-05.db", "motcua-daily-2026-12-06.db",
                                      "motcua-weekly-2026-11-09.db"}));

  EXPECT_EQ(engine::expired_backups(names, year{2026} / December / 10, keeping(365, 365)),
            std::vector<std::string>{});
  EXPECT_EQ(engine::expired_backups(names, year{2026} / December / 10, keeping(0, 5)).size(), 10u);
}

TEST(backups, TheNextBackupIsTheFirstAtItsLocalTimeAfterNow) {
  const domain::business_zone hanoi;
  const auto at = 3h;
  const auto saturday_3am = hanoi.at(year{2026} / December / 5, at);
  const auto sunday_3am = hanoi.at(year{2026} / December / 6, at);
  EXPECT_EQ(engine::next_backup_at(saturday_3am - 1ms, hanoi, at), saturday_3am);
  EXPECT_EQ(engine::next_backup_at(saturday_3am, hanoi, at), sunday_3am);
  EXPECT_EQ(engine::next_backup_at(saturday_3am + 20h, hanoi, at), sunday_3am);
  // The local day decides: 02:00 on the 5th is still the 4th in UTC.
  EXPECT_EQ(engine::next_backup_at(hanoi.at(year{2026} / December / 5, 2h), hanoi, at),
            saturday_3am);
  EXPECT_EQ(engine::next_backup_at(hanoi.at(year{2026} / December / 4, 23h + 30min), hanoi, at),
            saturday_3am);
}

// A real engine's database with tickets and their audit entries.
class backup_copy_test : public engine_fixture {
 protected:
  backup_copy_test() {
    auto kiosk = login_device("demo-kiosk");
    for (int i = 0; i < 5; ++i) take(kiosk, 1, "backup-" + std::to_string(i));
  }

  std::string db() const { return dir_.file("motcua.db"); }
  // What is in the folder besides the live database's files.
  std::set<std::string> left_in(const fs::path& folder) {
    auto names = names_in(folder);
    for (const char* live : {"motcua.db", "motcua.db-wal", "motcua.db-shm"}) names.erase(live);
    return names;
  }
};

TEST_F(backup_copy_test, TheCopyIsCheckedAndReadableByItsOwnerOnly) {
  const auto dest = dir_.file("copy.db");
  const auto report = engine::back_up(db(), dest);
  EXPECT_GE(report.audit_entries, 5);
  EXPECT_EQ(report.bytes, fs::file_size(dest));
  EXPECT_EQ(fs::status(dest).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(left_in(dir_.path()), std::set<std::string>{"copy.db"});
  store::database copy(dest, store::durability::normal);
  auto q = copy.prepare("SELECT COUNT(*) FROM tickets");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), 5);
}

TEST_F(backup_copy_test, ATakenNameIsRefusedAndKeptAsItWas) {
  const auto dest = dir_.file("copy.db");
  std::ofstream(dest) << "mine";
  try {
    engine::back_up(db(), dest);
    ADD_FAILURE() << "written over " << dest;
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "it already exists");
  }
  EXPECT_EQ(fs::file_size(dest), 4u);
  EXPECT_EQ(left_in(dir_.path()), std::set<std::string>{"copy.db"});
}

TEST_F(backup_copy_test, ABrokenAuditChainIsRefusedAndNothingIsLeft) {
  {
    store::database tamper(db(), store::durability::normal);
    tamper.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'x' WHERE id = 2;");
  }
  try {
    engine::back_up(db(), dir_.file("copy.db"));
    ADD_FAILURE() << "a broken chain copied";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "audit chain broken at entry 2: entry 2 was altered (hash mismatch)");
  }
  EXPECT_EQ(left_in(dir_.path()), std::set<std::string>{});
}

// The scheduler on a test clock: at 03:00 on Monday it writes the weekly file and deletes the
// older scheduled files past the counts kept; other files stay.
TEST_F(backup_copy_test, TheSchedulerTakesMondaysWeeklyBackupAndDeletesTheExpired) {
  const fs::path folder = dir_.path() / "backups";
  fs::create_directories(folder);
  for (const char* name :
       {"motcua-weekly-2026-11-16.db", "motcua-weekly-2026-11-23.db", "motcua-daily-2026-11-27.db",
        "motcua-daily-2026-11-28.db", "motcua-daily-2026-11-29.db", "notes.txt"})
    std::ofstream(folder / name) << "older";
  auto schedule = keeping(2, 2);
  schedule.folder = folder.string();
  const domain::business_zone hanoi;
  const auto monday_3am = hanoi.at(year{2026} / November / 30, 3h);
  domain::test_clock clock(monday_3am - 50ms);
  const std::set<std::string> expected{"motcua-weekly-2026-11-30.db", "motcua-weekly-2026-11-23.db",
                                       "motcua-daily-2026-11-28.db", "motcua-daily-2026-11-29.db",
                                       "notes.txt"};
  {
    engine::backup_scheduler scheduler(db(), schedule, hanoi, clock);
    clock.set(monday_3am);
    const auto deadline = steady_clock::now() + 20s;
    while (names_in(folder) != expected && steady_clock::now() < deadline)
      std::this_thread::sleep_for(10ms);  // bounded wait for the scheduler's thread
  }
  EXPECT_EQ(names_in(folder), expected);
  store::database copy((folder / "motcua-weekly-2026-11-30.db").string(),
                       store::durability::normal);
  auto q = copy.prepare("SELECT COUNT(*) FROM tickets");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), 5);
}

}  // namespace
}  // namespace motcua::testing
