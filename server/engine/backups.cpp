#include "server/engine/backups.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>

#include "server/engine/audit.hpp"
#include "server/store/backup.hpp"

namespace motcua::engine {
namespace {

using namespace std::chrono;
namespace fs = std::filesystem;

std::string_view word_of(backup_kind kind) {
  return kind == backup_kind::daily ? "daily" : "weekly";
}

// `text` as a whole unsigned number, or none.
std::optional<unsigned> number_in(std::string_view text) {
  unsigned n = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// The day in a scheduled backup's name of `kind`, or none when `name` is not exactly one.
std::optional<year_month_day> day_in(std::string_view name, backup_kind kind) {
  const std::string prefix = "motcua-" + std::string(word_of(kind)) + "-";
  if (!name.starts_with(prefix) || name.size() != prefix.size() + 13) return std::nullopt;
  const auto date = name.substr(prefix.size(), 10);
  auto y = number_in(date.substr(0, 4)), m = number_in(date.substr(5, 2)),
       d = number_in(date.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  const year_month_day day{year{static_cast<int>(*y)}, month{*m}, std::chrono::day{*d}};
  if (!day.ok() || scheduled_backup_name(kind, day) != name) return std::nullopt;
  return day;
}

}  // namespace

backup_report back_up(const std::string& db, const fs::path& dest) {
  backup_report report;
  report.bytes = store::copy_database(db, dest, [&](store::database& copy) {
    const auto verdict = verify_audit(copy);
    if (!verdict.ok)
      throw std::runtime_error("audit chain broken at entry " +
                               std::to_string(verdict.broken_at.value_or(0)) + ": " +
                               verdict.problem);
    report.audit_entries = verdict.entries;
  });
  return report;
}

std::string timestamped_backup_name(domain::time_point t, const domain::business_zone& zone) {
  const auto local = floor<seconds>(t) + zone.offset;
  const auto midnight = floor<days>(local);
  const year_month_day day{midnight};
  const hh_mm_ss time{local - midnight};
  char name[48];
  std::snprintf(name, sizeof name, "motcua-%04d%02u%02u-%02d%02d%02d.db",
                static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return name;
}

std::string scheduled_backup_name(backup_kind kind, year_month_day day) {
  std::string name = "motcua-";
  name.append(word_of(kind)).append("-").append(domain::format_iso_date(day)).append(".db");
  return name;
}

std::optional<backup_kind> backup_kind_on(year_month_day day,
                                          const config::backup_schedule& schedule) {
  if (weekday{sys_days{day}} == Monday && schedule.weekly > 0) return backup_kind::weekly;
  if (schedule.daily > 0) return backup_kind::daily;
  return std::nullopt;
}

std::vector<std::string> expired_backups(const std::vector<std::string>& names,
                                         year_month_day today,
                                         const config::backup_schedule& schedule) {
  std::vector<std::string> expired;
  for (auto kind : {backup_kind::daily, backup_kind::weekly}) {
    std::vector<std::pair<year_month_day, std::string>> dated;
    for (const auto& name : names)
      if (auto day = day_in(name, kind); day && *day <= today) dated.emplace_back(*day, name);
    std::sort(dated.rbegin(), dated.rend());  // newest first
    const auto kept =
        static_cast<std::size_t>(kind == backup_kind::daily ? schedule.daily : schedule.weekly);
    for (std::size_t i = kept; i < dated.size(); ++i) expired.push_back(dated[i].second);
  }
  return expired;
}

domain::time_point next_backup_at(domain::time_point now, const domain::business_zone& zone,
                                  minutes at) {
  const auto today = zone.day_of(now);
  const auto t = zone.at(today, at);
  return t > now ? t : zone.at(year_month_day{sys_days{today} + days{1}}, at);
}

backup_scheduler::backup_scheduler(std::string db_path, config::backup_schedule schedule,
                                   domain::business_zone zone, const domain::clock& clock)
    : db_path_(std::move(db_path)),
      schedule_(std::move(schedule)),
      zone_(std::move(zone)),
      clock_(clock),
      next_(next_backup_at(clock_.now(), zone_, schedule_.at)),
      thread_([this] { run(); }) {
  spdlog::info("backups: each day at {} into {}, the newest {} daily and {} weekly (Monday) kept",
               domain::format_hh_mm(schedule_.at), schedule_.folder, schedule_.daily,
               schedule_.weekly);
}

backup_scheduler::~backup_scheduler() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void backup_scheduler::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto now = clock_.now();
    // The clock set back by more than a day: the next time from now on.
    if (next_ - now > days{1}) next_ = next_backup_at(now, zone_, schedule_.at);
    if (now < next_) {
      // A minute at most, so that a clock set forward is noticed.
      wake_.wait_for(lock, std::min<milliseconds>(next_ - now, minutes{1}),
                     [&] { return stopping_; });
      continue;
    }
    lock.unlock();
    take(zone_.day_of(now));
    next_ = next_backup_at(clock_.now(), zone_, schedule_.at);
    lock.lock();
  }
}

void backup_scheduler::take(year_month_day day) {
  const fs::path folder = schedule_.folder;
  try {
    fs::create_directories(folder);
    if (auto kind = backup_kind_on(day, schedule_)) {
      const auto file = (folder / scheduled_backup_name(*kind, day)).string();
      if (fs::exists(file)) {
        spdlog::info("backup {}: there already", file);
      } else {
        const auto report = back_up(db_path_, file);
        spdlog::info("backup {}: {} bytes, {} audit entries", file, report.bytes,
                     report.audit_entries);
      }
    }
    // Only after the day's backup is there: a failed one leaves the older ones in place.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
      names.push_back(entry.path().filename().string());
    for (const auto& name : expired_backups(names, day, schedule_)) {
      fs::remove(folder / name);
      spdlog::info("backup {}: deleted (older than the newest kept)", (folder / name).string());
    }
  } catch (const std::exception& e) {
    spdlog::error("backup into {} failed: {}", folder.string(), e.what());
  }
}

}  // namespace motcua::engine
