// Backups of the database (README "Backups and restore"): a checked copy on demand
// (motcua-server --backup) and the scheduled ones, one a day on a thread of their own with their
// own connection, never the engine's, and the files the schedule keeps.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/config/config.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::engine {

struct backup_report {
  std::uintmax_t bytes = 0;
  std::int64_t audit_entries = 0;
};

// Copies the database at `db` to `dest` while the server may be writing it
// (store::copy_database), refused unless the copy's audit chain is intact too. Throws a message
// naming the reason; nothing is left at `dest` then.
backup_report back_up(const std::string& db, const std::filesystem::path& dest);

// The name of a backup taken at `t` into a folder given on the command line, in `zone`'s local
// time: "motcua-20261205-030000.db".
std::string timestamped_backup_name(domain::time_point t, const domain::business_zone& zone);

enum class backup_kind { daily, weekly };

// A scheduled backup's name: "motcua-daily-2026-12-05.db", "motcua-weekly-2026-11-30.db".
std::string scheduled_backup_name(backup_kind kind, std::chrono::year_month_day day);
// The kind of the backup taken on `day`: Monday's is weekly (while any are kept), the others
// daily; none on a day whose kind keeps no file.
std::optional<backup_kind> backup_kind_on(std::chrono::year_month_day day,
                                          const config::backup_schedule& schedule);
// Of the file names in the backup folder, those to delete on `today`: the scheduled backups of
// each kind past the newest `daily` (or `weekly`) dated today or before. Any other name, and a
// backup dated after today (a clock set back), is kept.
std::vector<std::string> expired_backups(const std::vector<std::string>& names,
                                         std::chrono::year_month_day today,
                                         const config::backup_schedule& schedule);
// The first instant after `now` at local time `at` in `zone`.
domain::time_point next_backup_at(domain::time_point now, const domain::business_zone& zone,
                                  std::chrono::minutes at);

// Takes the scheduled backups on its own thread: each day at the schedule's time it writes the
// day's file (unless there already), then deletes the expired ones, and logs each step; a
// failure is logged and the next day is tried again.
class backup_scheduler {
 public:
  backup_scheduler(std::string db_path, config::backup_schedule schedule,
                   domain::business_zone zone, const domain::clock& clock);
  ~backup_scheduler();  // stops and joins; a backup under way is finished first
  backup_scheduler(const backup_scheduler&) = delete;
  backup_scheduler& operator=(const backup_scheduler&) = delete;

 private:
  void run();
  void take(std::chrono::year_month_day day);

  const std::string db_path_;
  const config::backup_schedule schedule_;
  const domain::business_zone zone_;
  const domain::clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;    // guarded by mutex_
  domain::time_point next_;  // the next backup's time (the thread's once started)
  std::thread thread_;
};

}  // namespace motcua::engine
