// motcua_booking_bench: the booking figures (issue 13) with 50,000 bookings on file, measured
// against the real server binary on 127.0.0.1 with its database in a temporary directory.
// Prints one line per figure, "name value"; progress and errors go to standard error.
//
//   booking_count, booking_load_s  the fixture: bookings of "Người có công" (service 1) written
//                                  straight into the database over the last working days and
//                                  the bookable ones ahead, and how long that took
//   slots_p50_ms, slots_p99_ms     GET /api/v1/slots of a bookable day, request to response,
//   slots_count                    one request after another over the bookable days
//   book_count, book_per_s         201 answers to POST /api/v1/bookings from `book_threads`
//                                  clients, one request in flight each, for `book_duration`
//   book_p50_ms, book_p99_ms       request to response during that run (each a durable write)
//
// The service books 100 places per 15-minute slot, none kept for walk-ins, and the limits per
// address and phone are raised: the figures are the server's, not its defences'. Every wait has
// a time limit; the run takes well under a minute.
#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "server/config/config.hpp"
#include "server/store/booking_store.hpp"
#include "server/store/database.hpp"
#include "shared/domain/booking.hpp"
#include "shared/domain/calendar.hpp"
#include "tests/bench/bench_support.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace motcua;
using namespace motcua::bench;
using domain::time_point;
using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::sys_days;
using std::chrono::year_month_day;
namespace json = boost::json;

constexpr int booking_count = 50'000;
constexpr domain::service_id booked_service = 1;
constexpr int places_per_slot = 100;
constexpr int held_per_slot = 30;  // the fixture's bookings per slot: 70 places stay free
constexpr int slots_queries = 500;
constexpr int book_threads = 8;
constexpr auto book_duration = 3s;

// The demo centre with service 1 booked as above and limits a benchmark does not hit, as the
// `--config` overrides (`services` is an array, so it is replaced whole).
std::string overrides() {
  const auto printed = testing::run_server({"--print-demo-config"});
  if (printed.exit_code != 0) throw std::runtime_error("motcua-server --print-demo-config failed");
  json::array services = json::parse(printed.output).at("services").as_array();
  for (auto& s : services) {
    auto& o = s.as_object();
    o["daily_limit"] = 0;
    if (o.at("id") == booked_service)
      o["booking"] = {{"slot_minutes", 15}, {"places_per_slot", places_per_slot},
                      {"walk_in_share", 0}, {"days_ahead", 10},
                      {"cutoff", "16:00"},  {"max_active_per_phone", 100}};
  }
  constexpr int plenty = 100'000'000;
  json::object limits{{"http_requests_per_second", plenty},
                      {"http_burst", plenty},
                      {"booking_writes_per_minute", plenty},
                      {"booking_write_burst", plenty},
                      {"bookings_per_phone_per_day", plenty},
                      {"lookups_per_minute", plenty},
                      {"lookup_burst", plenty}};
  return json::serialize(json::object{{"services", services}, {"limits", limits}});
}

// "09xxxxxxxx": a phone number of its own for every n.
std::string phone_of(int n) {
  std::array<char, 16> text{};
  std::snprintf(text.data(), text.size(), "09%08u", static_cast<unsigned>(n) % 100'000'000u);
  return text.data();
}

// The slots of `day` as the server makes them (no bookings held).
std::vector<domain::booking_slot> slots_of(const config::settings& s,
                                           const domain::working_calendar& calendar,
                                           year_month_day day) {
  const auto& rules = *s.find_service(booked_service)->booking;
  return domain::day_slots(rules, calendar, s.zone, day, {});
}

// Writes the fixture: held_per_slot bookings in every slot of the working days from the
// horizon backwards until there are booking_count, the past ones checked in or missed. Returns
// the bookable days ahead (those the server lists slots for).
std::vector<year_month_day> load_bookings(const std::string& path, const config::settings& s) {
  store::database db(path, store::durability::normal);
  db.exec("PRAGMA synchronous=OFF");
  store::booking_store bookings(db);
  const domain::working_calendar calendar(s.catalogue.calendar);
  const auto& rules = *s.find_service(booked_service)->booking;
  const time_point now = std::chrono::floor<milliseconds>(std::chrono::system_clock::now());
  const auto today = s.zone.day_of(now);

  std::vector<year_month_day> ahead;
  auto day = sys_days{domain::last_bookable_day(rules, calendar, today)};
  for (auto d = sys_days{today} + days{1}; d <= day; d += days{1})
    if (!domain::refusal_of(rules, calendar, s.zone, year_month_day{d}, now)) ahead.emplace_back(d);

  store::transaction tx(db);
  int n = 0;
  for (; n < booking_count; day -= days{1}) {
    if (!calendar.is_working_day(year_month_day{day})) continue;
    for (const auto& slot : slots_of(s, calendar, year_month_day{day}))
      for (int i = 0; i < held_per_slot && n < booking_count; ++i, ++n) {
        store::booking_record b;
        b.code = std::to_string(n);  // not a code the server makes: never drawn again
        b.token_hash = b.code;
        b.request_hash = b.code;
        b.sealed_token.assign(1, '0');
        b.service = booked_service;
        b.start = slot.start;
        b.end = slot.end;
        b.full_name = "Nguyễn Văn An";
        b.phone = phone_of(n);
        b.lang = "vi";
        b.status = slot.start > now ? domain::booking_status::booked
                   : n % 5 == 0     ? domain::booking_status::missed
                                    : domain::booking_status::checked_in;
        b.booked_by = "public";
        b.created_at = b.changed_at = std::min(now, slot.start - days{1});
        bookings.insert(b);
      }
  }
  tx.commit();
  return ahead;
}

void slots_figures(const testing::server_process& server,
                   const std::vector<year_month_day>& ahead) {
  std::vector<double> ms;
  for (int i = 0; i < slots_queries; ++i) {
    const auto date = domain::format_iso_date(ahead[static_cast<std::size_t>(i) % ahead.size()]);
    const auto request = testing::get_request("/api/v1/slots?service=1&date=" + date);
    const auto sent = bench_clock::now();
    const auto answer = testing::http_exchange(server, request);
    ms.push_back(to_ms(bench_clock::now() - sent));
    if (answer.result_int() != 200) throw std::runtime_error("slots: " + answer.body());
  }
  print_figure("slots_p50_ms", percentile(ms, 0.50));
  print_figure("slots_p99_ms", percentile(ms, 0.99));
  print_figure("slots_count", static_cast<double>(ms.size()));
}

// Each client books the free places of its own share of the slots ahead, a new phone each time.
void book_figures(const testing::server_process& server, const config::settings& s,
                  const std::vector<year_month_day>& ahead) {
  const domain::working_calendar calendar(s.catalogue.calendar);
  std::vector<std::string> starts;
  for (const auto& day : ahead)
    for (const auto& slot : slots_of(s, calendar, day)) starts.push_back(s.zone.format(slot.start));

  std::mutex m;
  std::vector<double> ms;
  std::string failure;
  std::atomic<int> made = 0;
  std::latch ready(book_threads);
  auto client = [&](int t) {
    std::vector<double> mine;
    ready.arrive_and_wait();
    const auto until = bench_clock::now() + book_duration;
    for (int i = 0; bench_clock::now() < until; ++i) {
      const int n = booking_count + t * 1'000'000 + i;
      const auto& start = starts[static_cast<std::size_t>(t + i * book_threads) % starts.size()];
      const std::string body = R"({"service":1,"start":")" + start +
                               R"(","full_name":"Trần Thị Bình","phone":")" + phone_of(n) +
                               R"(","request_key":"bench-booking-)" + std::to_string(n) + R"("})";
      const std::string request =
          "POST /api/v1/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
          "application/json\r\nContent-Length: " +
          std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
      const auto sent = bench_clock::now();
      try {
        const auto answer = testing::http_exchange(server, request, "127.0.0.1", 10s);
        if (answer.result_int() != 201) throw std::runtime_error(answer.body());
      } catch (const std::exception& e) {
        std::scoped_lock lock(m);
        failure = e.what();
        break;
      }
      mine.push_back(to_ms(bench_clock::now() - sent));
      ++made;
    }
    std::scoped_lock lock(m);
    ms.insert(ms.end(), mine.begin(), mine.end());
  };
  const auto began = bench_clock::now();
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < book_threads; ++t) threads.emplace_back(client, t);
  }
  const auto took = bench_clock::now() - began;
  if (!failure.empty()) throw std::runtime_error("book: " + failure);
  print_figure("book_count", made);
  print_figure("book_per_s", made / to_s(took));
  print_figure("book_p50_ms", percentile(ms, 0.50));
  print_figure("book_p99_ms", percentile(ms, 0.99));
}

}  // namespace

int main(int argc, char**) {
  std::signal(SIGPIPE, SIG_IGN);
  if (argc != 1) {
    std::cerr << "usage: motcua_booking_bench\n";
    return 2;
  }
  try {
    testing::temp_dir dir;
    const std::string overrides_json = overrides();
    const std::string config = dir.file("bench-config.json");
    std::ofstream(config) << overrides_json;
    const config::settings settings = config::demo(overrides_json);
    const std::string path = dir.file("bookings.db");
    { testing::server_process migrate(path, {"--demo"}); }

    const auto start = bench_clock::now();
    const auto ahead = load_bookings(path, settings);
    if (ahead.empty()) throw std::runtime_error("no bookable day ahead");
    print_figure("booking_count", booking_count);
    print_figure("booking_load_s", to_s(bench_clock::now() - start));

    testing::server_process server(path, {"--demo", "--config", config});
    slots_figures(server, ahead);
    book_figures(server, settings, ahead);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "motcua_booking_bench: " << e.what() << "\n";
    return 1;
  }
}
