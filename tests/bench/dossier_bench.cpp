// motcua_dossier_bench: the dossier figures with 1,000,000 dossiers in the database, measured
// against the real server binary on 127.0.0.1 (tests/support/server_process.hpp) with its
// database in a temporary directory. Prints one line per figure, "name value"; progress and
// errors go to standard error.
//
//   dossier_count, dossier_load_s  the fixture: dossiers written straight into the database
//                                  (see load_dossiers), and how long that took
//   search_code_*                  search_dossiers by one existing code, exactly
//   search_name_*                  by a folded name without diacritics ("nguyen thi hong")
//   search_status_*                by status only (processing, limit 50)
//   search_phone_*                 by one existing phone number
//       *_p50_ms, *_p99_ms         request to reply, one clerk, one query after another
//                                  (target: p99 under 20 ms); *_count the queries timed
//   search_name_matches_p50        the median `total` of the name queries
//   register_count, register_per_s durable register_dossier replies from 3 clerks, 4 requests
//                                  in flight each, for 3 s
//   register_p50_ms, register_p99_ms  request to reply during that run
//   register_requests_per_commit   requests that shared each commit during that run
//   db_bytes_per_dossier           database file (main + WAL, after a checkpoint) / dossiers;
//   db_bytes_per_dossier_<part>    the same for the dossier rows with their indexes, the
//                                  word indexes of names and addresses, the history rows and
//                                  the audit rows
//
// `motcua_dossier_bench --keep PATH` also copies the database, checkpointed, to PATH (for
// EXPLAIN QUERY PLAN and the like). Every wait has a time limit: the whole run takes two to
// five minutes, most of it the fixture and the slowest kind of query.
#include <algorithm>
#include <array>
#include <csignal>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "server/config/config.hpp"
#include "server/engine/audit.hpp"
#include "server/store/database.hpp"
#include "server/store/dossier_store.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/domain/dossier.hpp"
#include "shared/domain/dossier_code.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/domain/text.hpp"
#include "shared/protocol/messages.hpp"
#include "tests/bench/bench_support.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace motcua;
using namespace motcua::bench;
using domain::dossier_status;
using domain::time_point;
using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int dossier_count = 1'000'000;
constexpr int min_per_day = 1100;  // dossiers received per working day: 1,100 to 1,500,
constexpr int max_per_day = 1500;  // about 3 years of working days for 1,000,000
constexpr int people = 700'000;    // citizens; some of them file several dossiers
constexpr int dossiers_per_transaction = 50'000;
constexpr int book_lines_per_volume = 500;  // as the server numbers its tracking book

constexpr int search_queries = 300;        // per kind of query, at most...
constexpr auto search_max_duration = 20s;  // ...and for at most this long
constexpr int search_warm_up = 5;          // queries of each kind run untimed first
constexpr int register_clerks = 3;
constexpr int register_in_flight = 4;  // per clerk
constexpr auto register_duration = 3s;
constexpr std::int64_t register_procedure = 9;  // "Hỗ trợ thăm viếng mộ liệt sĩ": one document

// ---------------------------------------------------------------- random, reproducible

struct rng {
  std::uint64_t state;

  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + below(10));
    return s;
  }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
  }
};

struct weighted {
  std::string_view text;
  int weight;
};

std::string_view pick(rng& r, std::span<const weighted> items) {
  int total = 0;
  for (const auto& i : items) total += i.weight;
  int at = r.below(total);
  for (const auto& i : items)
    if ((at -= i.weight) < 0) return i.text;
  return items.back().text;
}

// ---------------------------------------------------------------- citizens

// Family names with their rough shares (per mille) in Vietnam.
constexpr std::array<weighted, 16> family_names{{{"Nguyễn", 380},
                                                 {"Trần", 110},
                                                 {"Lê", 95},
                                                 {"Phạm", 70},
                                                 {"Hoàng", 30},
                                                 {"Huỳnh", 30},
                                                 {"Phan", 45},
                                                 {"Vũ", 20},
                                                 {"Võ", 30},
                                                 {"Đặng", 21},
                                                 {"Bùi", 20},
                                                 {"Đỗ", 14},
                                                 {"Hồ", 13},
                                                 {"Ngô", 13},
                                                 {"Dương", 10},
                                                 {"Lý", 5}}};
constexpr std::array<weighted, 11> male_middle{{{"Văn", 40},
                                                {"Hữu", 8},
                                                {"Đức", 8},
                                                {"Minh", 8},
                                                {"Quốc", 6},
                                                {"Công", 5},
                                                {"Thanh", 5},
                                                {"Xuân", 4},
                                                {"Đình", 5},
                                                {"Ngọc", 4},
                                                {"Anh", 3}}};
constexpr std::array<weighted, 10> female_middle{{{"Thị", 50},
                                                  {"Ngọc", 8},
                                                  {"Thu", 6},
                                                  {"Thanh", 5},
                                                  {"Kim", 5},
                                                  {"Phương", 4},
                                                  {"Mỹ", 4},
                                                  {"Bích", 3},
                                                  {"Thùy", 4},
                                                  {"Hồng", 4}}};
constexpr std::array<std::string_view, 30> male_given{
    "An",    "Bình",  "Dũng", "Hải",   "Hùng",  "Long",  "Nam",   "Phúc", "Quang", "Sơn",
    "Tâm",   "Tuấn",  "Hiếu", "Khánh", "Minh",  "Thắng", "Trung", "Việt", "Huy",   "Đạt",
    "Cường", "Hoàng", "Kiên", "Lâm",   "Phong", "Thành", "Vinh",  "Tùng", "Bảo",   "Hưng"};
constexpr std::array<std::string_view, 32> female_given{
    "Chi",  "Hà",   "Hạnh",  "Hoa",   "Lan",  "Linh", "Mai",    "Nga",   "Nhung", "Thảo", "Trang",
    "Vy",   "Hồng", "Hương", "Huyền", "Ngọc", "Oanh", "Phương", "Quyên", "Thủy",  "Vân",  "Yến",
    "Loan", "Hằng", "Dung",  "Duyên", "Hiền", "My",   "Nhi",    "Tuyết", "Tâm",   "An"};
constexpr std::array<std::string_view, 10> foreign_names{
    "Kim Min Jun", "Park Ji Hoon", "Tanaka Hiroshi", "Sato Yuki",    "Wang Wei",
    "Li Na",       "John Smith",   "David Miller",   "Lee Seo Yeon", "Chen Jian Guo"};
// Streets and wards of Đà Nẵng (the wards with their districts, as addresses were written
// before the 2025 reorganisation).
constexpr std::array<std::string_view, 40> streets{
    "Nguyễn Văn Linh",   "Lê Duẩn",        "Hùng Vương",
    "Trần Phú",          "Bạch Đằng",      "Điện Biên Phủ",
    "Nguyễn Tri Phương", "Hàm Nghi",       "Lê Lợi",
    "Phan Châu Trinh",   "Ông Ích Khiêm",  "Hoàng Diệu",
    "Núi Thành",         "2 Tháng 9",      "Trưng Nữ Vương",
    "Ngô Quyền",         "Võ Nguyên Giáp", "Phạm Văn Đồng",
    "Nguyễn Tất Thành",  "Tôn Đức Thắng",  "Âu Cơ",
    "Trường Chinh",      "Tôn Đản",        "Nguyễn Lương Bằng",
    "Hoàng Văn Thụ",     "Lê Đình Lý",     "Hà Huy Tập",
    "Nguyễn Hữu Thọ",    "Lê Văn Hiến",    "Cách Mạng Tháng Tám",
    "Trần Cao Vân",      "Yên Bái",        "Quang Trung",
    "Thái Phiên",        "Hải Phòng",      "Lý Thái Tổ",
    "Nguyễn Chí Thanh",  "Hồ Nghinh",      "Duy Tân",
    "Xô Viết Nghệ Tĩnh"};
struct ward {
  std::string_view name;
  std::string_view district;
};
constexpr std::array<ward, 30> wards{
    {{"Thạch Thang", "Hải Châu"},   {"Hải Châu I", "Hải Châu"},      {"Phước Ninh", "Hải Châu"},
     {"Bình Hiên", "Hải Châu"},     {"Hòa Thuận Tây", "Hải Châu"},   {"Nam Dương", "Hải Châu"},
     {"Hòa Cường Bắc", "Hải Châu"}, {"Thanh Bình", "Hải Châu"},      {"Thuận Phước", "Hải Châu"},
     {"Tam Thuận", "Thanh Khê"},    {"Xuân Hà", "Thanh Khê"},        {"Chính Gián", "Thanh Khê"},
     {"Thạc Gián", "Thanh Khê"},    {"An Khê", "Thanh Khê"},         {"Hòa Khê", "Thanh Khê"},
     {"Mân Thái", "Sơn Trà"},       {"Thọ Quang", "Sơn Trà"},        {"Nại Hiên Đông", "Sơn Trà"},
     {"An Hải Bắc", "Sơn Trà"},     {"Phước Mỹ", "Sơn Trà"},         {"Mỹ An", "Ngũ Hành Sơn"},
     {"Khuê Mỹ", "Ngũ Hành Sơn"},   {"Hòa Hải", "Ngũ Hành Sơn"},     {"Hòa Quý", "Ngũ Hành Sơn"},
     {"Hòa Minh", "Liên Chiểu"},    {"Hòa Khánh Bắc", "Liên Chiểu"}, {"Hòa Hiệp Nam", "Liên Chiểu"},
     {"Khuê Trung", "Cẩm Lệ"},      {"Hòa Thọ Đông", "Cẩm Lệ"},      {"Hòa Xuân", "Cẩm Lệ"}}};
// Provinces of birth registration (ID digits 1-3): mostly Đà Nẵng and its neighbours.
constexpr std::array<weighted, 12> provinces{{{"048", 55},
                                              {"049", 20},
                                              {"046", 5},
                                              {"051", 4},
                                              {"052", 3},
                                              {"045", 2},
                                              {"044", 2},
                                              {"042", 2},
                                              {"040", 2},
                                              {"038", 1},
                                              {"001", 2},
                                              {"079", 2}}};
constexpr std::array<weighted, 12> phone_prefixes{{{"090", 30},
                                                   {"093", 15},
                                                   {"091", 8},
                                                   {"094", 5},
                                                   {"098", 8},
                                                   {"097", 6},
                                                   {"096", 4},
                                                   {"077", 5},
                                                   {"070", 4},
                                                   {"079", 3},
                                                   {"083", 3},
                                                   {"035", 3}}};

// A citizen: the applicant part of a registration.
using citizen = protocol::applicant;

// "Nguyễn Thị Thu Hà": a family name, one or two middle names and a given name.
std::string vietnamese_name(rng& r, bool female) {
  std::string name(pick(r, family_names));
  const auto& middle =
      female ? std::span<const weighted>(female_middle) : std::span<const weighted>(male_middle);
  name += " ";
  name += pick(r, middle);
  if (r.chance(0.2)) {
    name += " ";
    name += pick(r, middle);
  }
  name += " ";
  name += female ? r.pick<std::string_view>(female_given) : r.pick<std::string_view>(male_given);
  return name;
}

// Citizen number `n` (0 <= n < people) is always the same person.
citizen make_citizen(std::uint64_t n) {
  rng r{0x51ed270b27a2f1d5ULL ^ (n * 0x9e3779b97f4a7c15ULL)};
  citizen c;
  const bool female = r.chance(0.55);
  c.full_name = vietnamese_name(r, female);
  // ID: province, century and sex (0/1 born 19xx, 2/3 born 20xx), year, six random digits.
  const int year = r.between(1940, 2007);
  c.id_number = std::string(pick(r, provinces)) +
                static_cast<char>('0' + (year >= 2000 ? 2 : 0) + (female ? 1 : 0)) +
                std::to_string(year % 100 + 100).substr(1) + r.digits(6);
  c.phone = std::string(pick(r, phone_prefixes)) + r.digits(7);
  const auto& w = r.pick<ward>(wards);
  c.address = (r.chance(0.3) ? "K" + std::to_string(r.between(1, 150)) + "/" +
                                   std::to_string(r.between(1, 40))
                             : std::to_string(r.between(1, 600))) +
              " " + std::string(r.pick<std::string_view>(streets)) + ", phường " +
              std::string(w.name) + ", quận " + std::string(w.district) + ", TP Đà Nẵng";
  if (r.chance(0.08)) {
    std::string local = domain::fold(c.full_name);
    std::erase(local, ' ');
    c.email = local + r.digits(2) + "@gmail.com";
  }
  return c;
}

// A foreign worker (work permits): a passport instead of an ID number.
citizen make_foreigner(rng& r) {
  citizen c;
  c.full_name = std::string(r.pick<std::string_view>(foreign_names));
  c.passport = std::string(1, static_cast<char>('A' + r.below(26))) + r.digits(8);
  c.phone = "09" + r.digits(8);
  c.address = std::to_string(r.between(1, 300)) + " " +
              std::string(r.pick<std::string_view>(streets)) + ", TP Đà Nẵng";
  return c;
}

// ---------------------------------------------------------------- the fixture

// The demo centre's rules: codes, procedures, calendar, office hours and time zone.
struct centre {
  config::settings settings = config::demo();
  domain::working_calendar calendar{settings.catalogue.calendar};
  const config::catalogue& catalogue = settings.catalogue;
  const domain::business_zone& zone = settings.zone;

  time_point due(time_point received, const config::procedure_version& v) const {
    return domain::due_at(received, v.legal_time, calendar, catalogue.office_hours, zone);
  }
  // Due at or before this counts as due soon: the server has warned about these already.
  time_point due_soon_before(time_point now) const {
    return zone.at(calendar.next_working_day(zone.day_of(now)),
                   catalogue.office_hours.intervals.back().second);
  }
};

// Shares of the procedures among the dossiers (ids 1 to 9 of the demo catalogue).
constexpr std::array<int, 9> procedure_shares{3, 2, 30, 15, 5, 10, 15, 5, 15};

// A row of the control sheet, with the status it left the dossier in.
struct history_row {
  store::history_record row;
  dossier_status after;
};

// One dossier as the server would have left it by `now`, with its control sheet.
struct dossier : store::dossier_record {
  std::vector<history_row> history;
};

std::string uuid(rng& r) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) s += '-';
    s += i == 12 ? '4' : hex[r.below(16)];
  }
  return s;
}

// The life of dossier `d` (received at d.received_at, due at d.due_at) cut at `now`: most are
// finished and returned, some refused, withdrawn or stopped, a few wait for a supplement or
// are stuck past their due time; the recent ones are still received, processing or ready.
// Steps take equal shares of the time to the result.
void live(dossier& d, const config::procedure_version& v, time_point now, rng& r) {
  const auto& steps = v.steps;
  const int n = static_cast<int>(steps.size());
  auto dept = [&](int i) { return steps[static_cast<std::size_t>(i)].department; };
  const std::string clerk = "clerk" + std::to_string(r.between(1, 3));
  auto happen = [&](time_point at, std::string action, std::optional<std::string> from,
                    std::optional<std::string> to, std::optional<std::string> note,
                    std::optional<std::string> result, dossier_status after) {
    if (at > now) return false;
    d.history.push_back({{at, clerk, std::move(action), std::move(from), std::move(to),
                          std::move(note), std::move(result), std::nullopt},
                         after});
    d.status = after;
    return true;
  };
  d.step = 0;
  d.step_started_at = d.received_at;
  d.department = dept(0);
  happen(d.received_at, "register", std::nullopt, dept(0), std::nullopt, std::nullopt,
         dossier_status::received);

  const double roll = r.unit();
  const auto legal = d.due_at - d.received_at;
  if (roll < 0.015) {  // refused at the desk
    auto at = d.received_at + milliseconds{r.between(5, 90) * 60'000};
    if (happen(at, "refuse", dept(0), dept(0), "Hồ sơ không đủ điều kiện giải quyết", std::nullopt,
               dossier_status::refused))
      d.finished_at = at;
    return;
  }
  // When the result is ready: usually before the due time, 5% late.
  const double share = r.chance(0.95) ? 0.35 + 0.6 * r.unit() : 1.0 + 0.4 * r.unit();
  auto ready = d.received_at + std::chrono::duration_cast<milliseconds>(legal * share);
  // 5%: everything missing asked for at once; the citizen brings it after 2 to 10 days, which
  // do not count (the due time moves on by as much).
  bool supplement = r.chance(0.05);
  const time_point asked = d.received_at + (ready - d.received_at) / 4;
  const days paused{r.between(2, 10)};
  if (supplement) {
    ready += paused;
    d.due_at += paused;
  }
  const bool withdrawn = roll < 0.025, stopped = roll < 0.03, stuck = roll < 0.033;
  const auto step_time = (ready - d.received_at) / n;
  for (int i = 1; i < n; ++i) {
    auto at = d.received_at + step_time * i;
    if (supplement && asked < at) {
      if (!happen(asked, "request_supplement", dept(i - 1), dept(i - 1),
                  "Bổ sung giấy tờ còn thiếu", std::nullopt, dossier_status::supplement_requested))
        return;
      d.paused_at = asked;
      d.supplements = 1;
      const time_point back = asked + paused;
      if (!happen(back, "supplement_received", dept(i - 1), dept(i - 1), std::nullopt, std::nullopt,
                  dossier_status::processing))
        return;
      d.paused_at.reset();
      supplement = false;
    }
    if (withdrawn && i == 1) {
      if (happen(at, "withdraw", dept(0), dept(0), "Theo đề nghị của công dân", std::nullopt,
                 dossier_status::withdrawn))
        d.finished_at = at;
      return;
    }
    if (!happen(at, "forward", dept(i - 1), dept(i), std::nullopt,
                r.chance(0.3) ? "early" : "on_time", dossier_status::processing))
      return;
    d.step = i;
    d.step_started_at = at;
    d.department = dept(i);
  }
  if (stopped && !withdrawn) {
    if (happen(ready, "stop", d.department, d.department, "Người nộp không còn đủ điều kiện",
               std::nullopt, dossier_status::stopped))
      d.finished_at = ready;
    return;
  }
  if (stuck) return;  // still processing, long overdue
  if (!happen(ready, "result_ready", d.department, d.department, std::nullopt,
              ready > d.due_at ? "late" : "on_time", dossier_status::result_ready))
    return;
  d.finished_at = ready;
  if (r.chance(0.02)) return;  // never collected
  auto collected = ready + milliseconds{static_cast<std::int64_t>(r.unit() * 5 * 86'400'000)};
  happen(collected, "return_result", d.department, d.department, std::nullopt, std::nullopt,
         dossier_status::returned);
}

// What the fixture remembers for the queries.
struct fixture {
  std::vector<std::string> codes;   // a sample of the codes
  std::vector<std::string> phones;  // a sample of the phone numbers
};

// Writes `count` dossiers received on the working days before today through the server's
// own dossier_store (the rows with their word-index entries, and their history rows) and one
// audit entry per history row (the server's own audit_log, so the chain
// verifies; entries are appended dossier by dossier, so their times are not in order), and
// sets meta.book_lines.
//
// This is the fixture load, not a measured path: its own connection runs with
// synchronous=OFF and a large page cache, in transactions of 50,000 dossiers. The server
// is stopped meanwhile and reopens the file with its own settings.
fixture load_dossiers(const std::string& path, const centre& c, int count) {
  store::database db(path, store::durability::normal);
  db.exec("PRAGMA synchronous=OFF");
  db.exec("PRAGMA cache_size=-1048576");  // 1 GiB
  engine::audit_log audit(db);
  store::dossier_store store(db);

  // The working days, newest first from yesterday, with how many dossiers each received.
  const time_point now = std::chrono::floor<milliseconds>(std::chrono::system_clock::now());
  rng r{20261128};
  std::vector<std::pair<year_month_day, int>> received_on;
  {
    int left = count;
    for (auto day = sys_days{c.zone.day_of(now)} - days{1}; left > 0; day -= days{1}) {
      if (!c.calendar.is_working_day(year_month_day{day})) continue;
      int n = std::min(left, r.between(min_per_day, max_per_day));
      received_on.emplace_back(year_month_day{day}, n);
      left -= n;
    }
    std::reverse(received_on.begin(), received_on.end());
  }
  std::cerr << "motcua_dossier_bench: " << count << " dossiers over " << received_on.size()
            << " working days, " << domain::format_iso_date(received_on.front().first) << " to "
            << domain::format_iso_date(received_on.back().first) << "\n";

  const std::int64_t procedure_total = [] {
    int t = 0;
    for (int s : procedure_shares) t += s;
    return t;
  }();
  const time_point soon = c.due_soon_before(now);
  const auto& office = c.catalogue.office_hours.intervals;  // 07:00-11:30, 13:30-17:00
  fixture f;
  int line = 0;
  std::optional<store::transaction> tx;
  for (const auto& [day, n] : received_on) {
    const std::string day_text = domain::format_iso_date(day);
    for (int seq = 1; seq <= n; ++seq) {
      if (line % dossiers_per_transaction == 0) {
        if (tx) {
          audit.commit(*tx);
          db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        tx.emplace(db);
      }
      ++line;
      dossier d;
      d.day = day_text;
      d.sequence = seq;
      d.code = domain::format_dossier_code(c.catalogue.unit.code, day, seq);
      d.request_key = uuid(r);
      // Received in office hours, spread over the day in sequence order.
      double minute = (seq - 1 + r.unit()) / n;
      auto into = std::chrono::duration_cast<milliseconds>(
          (office[0].second - office[0].first + office[1].second - office[1].first) * minute);
      auto morning = office[0].second - office[0].first;
      d.received_at = into < morning ? c.zone.at(day, office[0].first) + into
                                     : c.zone.at(day, office[1].first) + (into - morning);
      int pick_procedure = r.below(static_cast<int>(procedure_total));
      d.procedure = 1;
      for (int s : procedure_shares) {
        if ((pick_procedure -= s) < 0) break;
        ++d.procedure;
      }
      const auto& procedure = *c.catalogue.find_procedure(d.procedure);
      // The demo catalogue has one version per procedure, in force from 2025-07-01; older
      // dossiers are stored under it too (the demo has no earlier rules).
      const auto& version = procedure.versions.front();
      d.version_from = domain::format_iso_date(version.effective_from);
      d.applicant = d.procedure == 1 && r.chance(0.6)
                        ? make_foreigner(r)
                        : make_citizen(static_cast<std::uint64_t>(r.below(people)));
      for (const auto& doc : version.documents) {
        if (!doc.required && r.chance(0.5)) continue;
        d.documents.push_back(domain::normalise_name(doc.name));
      }
      d.due_at = c.due(d.received_at, version);
      d.book_volume = (line - 1) / book_lines_per_volume + 1;
      d.book_line = (line - 1) % book_lines_per_volume + 1;
      live(d, version, now, r);
      // The due-soon warning went out for every open dossier due by now (the server's
      // flag_due_soon) and for the finished ones that were still open a day before their due
      // time.
      d.flagged = d.finished_at ? *d.finished_at > d.due_at - days{1} : d.due_at <= soon;

      store.insert(d);
      for (const auto& h : d.history) {
        store.add_history(d.id, h.row);
        audit.append({h.row.at, h.row.actor, h.row.action, "dossier:" + d.code, "",
                      std::string(domain::to_string(h.after)), h.row.note.value_or("")});
      }
      if (r.chance(0.001)) f.codes.push_back(d.code);
      if (r.chance(0.001)) f.phones.push_back(d.applicant.phone);
      if (line % 100'000 == 0) std::cerr << "motcua_dossier_bench: " << line << " dossiers\n";
    }
  }
  db.prepare("UPDATE meta SET value = ? WHERE key = 'book_lines'").bind(1, line).run();
  audit.commit(*tx);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return f;
}

// ---------------------------------------------------------------- searches

struct search_run {
  std::vector<double> latencies_ms;
  std::vector<double> totals;  // the `total` of each reply
};

// The queries one after another on one clerk connection, each sent as soon as the previous
// one is answered, after `search_warm_up` untimed ones; stops after `search_max_duration`.
search_run time_searches(bench_clients& clients, peer& clerk,
                         const std::vector<protocol::search_dossiers>& queries,
                         std::string_view what) {
  search_run run;
  std::size_t next = 0;
  bool done = false;
  auto start = bench_clock::now();
  clerk.on_reply = [&](peer& p, const protocol::reply& reply) {
    const auto now = bench_clock::now();
    const auto* result = std::get_if<protocol::dossiers_result>(&reply.body);
    if (!result) return clients.fail(std::string(what) + ": " + describe(reply));
    if (next > static_cast<std::size_t>(search_warm_up)) {
      run.latencies_ms.push_back(to_ms(now - p.sent_at));
      run.totals.push_back(result->total);
    } else if (next == static_cast<std::size_t>(search_warm_up)) {
      start = now;
    }
    if (next == queries.size() || now - start > search_max_duration) {
      done = true;
      return;
    }
    p.send(queries[next++]);
  };
  clerk.send(queries[next++]);
  clients.run_until([&] { return done; }, search_max_duration + 60s, what);
  clerk.on_reply = nullptr;
  return run;
}

void print_search(std::string_view kind, const search_run& run) {
  const std::string prefix = "search_" + std::string(kind);
  print_figure(prefix + "_count", static_cast<double>(run.latencies_ms.size()));
  print_figure(prefix + "_p50_ms", percentile(run.latencies_ms, 0.50));
  print_figure(prefix + "_p99_ms", percentile(run.latencies_ms, 0.99));
}

protocol::search_dossiers text_query(std::string text) {
  protocol::search_dossiers q;
  q.text = std::move(text);
  return q;
}

void search_figures(const testing::server_process& server, const fixture& f) {
  bench_clients clients(server);
  peer& clerk = *clients.connect(1, staff_hello("clerk1")).front();
  rng r{42};
  const int n = search_queries + search_warm_up;
  auto sample = [&](const std::vector<std::string>& from) {
    std::vector<protocol::search_dossiers> out;
    for (int i = 0; i < n; ++i) out.push_back(text_query(r.pick<std::string>(from)));
    return out;
  };

  std::cerr << "motcua_dossier_bench: search by code\n";
  print_search("code", time_searches(clients, clerk, sample(f.codes), "search by code"));

  std::cerr << "motcua_dossier_bench: search by folded name\n";
  std::vector<protocol::search_dossiers> names;
  for (int i = 0; i < n; ++i)
    names.push_back(text_query(domain::fold(vietnamese_name(r, r.chance(0.55)))));
  auto by_name = time_searches(clients, clerk, names, "search by name");
  print_search("name", by_name);
  print_figure("search_name_matches_p50", percentile(by_name.totals, 0.50));

  std::cerr << "motcua_dossier_bench: search by status\n";
  protocol::search_dossiers processing;
  processing.status = "processing";
  processing.limit = 50;
  print_search("status",
               time_searches(clients, clerk, std::vector<protocol::search_dossiers>(n, processing),
                             "search by status"));

  std::cerr << "motcua_dossier_bench: search by phone\n";
  print_search("phone", time_searches(clients, clerk, sample(f.phones), "search by phone"));
}

// ---------------------------------------------------------------- registration

protocol::register_dossier application(rng& r, int key) {
  protocol::register_dossier d;
  d.procedure = register_procedure;
  const citizen c = make_citizen(static_cast<std::uint64_t>(r.below(people)));
  d.applicant = {c.full_name, c.id_number, c.passport, c.phone, c.address, c.email};
  d.documents = {"Đơn đề nghị"};
  d.request_key = "bench-register-" + std::to_string(key);
  return d;
}

void register_figures(const testing::server_process& server) {
  bench_clients clients(server);
  std::vector<peer*> clerks;
  for (int i = 1; i <= register_clerks; ++i)
    clerks.push_back(clients.connect(1, staff_hello("clerk" + std::to_string(i))).front());
  auto metrics = [&] { return testing::http_get(server.host(), server.port(), "/metrics").body; };
  const auto before = metrics();

  std::cerr << "motcua_dossier_bench: register_dossier, " << register_clerks << " clerks, "
            << register_in_flight << " in flight each\n";
  rng r{7};
  int sent = 0;
  int in_flight = 0;
  std::vector<double> latencies;
  std::map<peer*, std::deque<bench_clock::time_point>> sent_at;  // replies come in order
  const auto start = bench_clock::now();
  auto last_reply = start;
  auto send = [&](peer& p) {
    sent_at[&p].push_back(bench_clock::now());
    p.conn->send(application(r, ++sent));
    ++in_flight;
  };
  for (peer* p : clerks) {
    p->on_reply = [&](peer& clerk, const protocol::reply& reply) {
      last_reply = bench_clock::now();
      --in_flight;
      if (!std::holds_alternative<protocol::dossier_result>(reply.body))
        return clients.fail("register_dossier: " + describe(reply));
      latencies.push_back(to_ms(last_reply - sent_at[&clerk].front()));
      sent_at[&clerk].pop_front();
      if (last_reply - start < register_duration) send(clerk);
    };
  }
  for (peer* p : clerks)
    for (int i = 0; i < register_in_flight; ++i) send(*p);
  clients.run_until([&] { return in_flight == 0; }, register_duration + reply_timeout,
                    "register_dossier");
  const auto after = metrics();

  print_figure("register_count", static_cast<double>(latencies.size()));
  print_figure("register_per_s", static_cast<double>(latencies.size()) / to_s(last_reply - start));
  print_figure("register_p50_ms", percentile(latencies, 0.50));
  print_figure("register_p99_ms", percentile(latencies, 0.99));
  const double requests = metric(after, "motcua_committed_requests_total") -
                          metric(before, "motcua_committed_requests_total");
  const double commits =
      metric(after, "motcua_commits_total") - metric(before, "motcua_commits_total");
  print_figure("register_requests_per_commit", requests / commits);
}

// ---------------------------------------------------------------- size

void size_figures(const std::string& path) {
  store::database db(path, store::durability::normal);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  auto count = db.prepare("SELECT COUNT(*) FROM dossiers");
  count.step();
  const auto dossiers = static_cast<double>(count.int64(0));
  namespace fs = std::filesystem;
  std::error_code no_wal;
  const auto wal = fs::file_size(path + "-wal", no_wal);
  const double bytes =
      static_cast<double>(fs::file_size(path)) + (no_wal ? 0.0 : static_cast<double>(wal));
  print_figure("db_bytes_per_dossier", bytes / dossiers);

  // Where the bytes are, by table with its indexes (the dbstat table of SQLite).
  auto part_of = [](const std::string& name) -> std::string {
    if (name.starts_with("dossier_names") || name.starts_with("dossier_addresses")) return "search";
    if (name.starts_with("dossier_history")) return "history";
    if (name.starts_with("dossiers") || name.starts_with("sqlite_autoindex_dossiers_"))
      return "rows";
    if (name == "audit") return "audit";
    return "other";
  };
  std::map<std::string, double> parts;
  auto q = db.prepare("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name");
  while (q.step()) parts[part_of(q.text(0))] += static_cast<double>(q.int64(1));
  for (const auto& [part, size] : parts)
    print_figure("db_bytes_per_dossier_" + part, size / dossiers);
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  std::optional<std::string> keep;
  if (argc == 3 && std::string_view(argv[1]) == "--keep") {
    keep = argv[2];
  } else if (argc != 1) {
    std::cerr << "usage: motcua_dossier_bench [--keep PATH]\n";
    return 2;
  }
  try {
    testing::temp_dir dir;
    const std::string config = write_config(dir);
    const std::string path = dir.file("dossiers.db");
    {
      std::cerr << "motcua_dossier_bench: schema in " << path << "\n";
      testing::server_process migrate(path, {"--demo"});
    }

    const centre c;
    const auto start = bench_clock::now();
    const fixture f = load_dossiers(path, c, dossier_count);
    print_figure("dossier_count", dossier_count);
    print_figure("dossier_load_s", to_s(bench_clock::now() - start));

    {
      testing::server_process server(path, {"--demo", "--config", config});
      search_figures(server, f);
      register_figures(server);
    }
    size_figures(path);
    if (keep) {
      std::filesystem::copy_file(path, *keep, std::filesystem::copy_options::overwrite_existing);
      std::cerr << "motcua_dossier_bench: database kept at " << *keep << "\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "motcua_dossier_bench: " << e.what() << "\n";
    return 1;
  }
}
