// The province hub under a province's load (issue 15; scripts/bench_hub.sh runs it): the real
// motcua-hub on a real PostgreSQL 15, and 100 simulated centres each pushing a busy day's records
// (tickets issued, called, served and finished; dossiers registered and moved on with their
// history steps; ratings) as fast as the hub takes them, each centre one push in flight as the
// centre's sender does. Prints one figure per line, "name value":
//   hub_records_per_s         records applied per second, all centres together
//   hub_push_p50_ms / p99_ms  a push of `batch` records, sent to answered
//   hub_record_apply_p99_us   the p99 push divided by its records
//   hub_bytes_per_dossier     PostgreSQL's size after the load over the dossiers in it (every
//                             row and index of the day, tickets and history included)
//   hub_gb_per_million_dossiers
//   hub_catch_up_s            one large centre (a city centre's day, about 12,000 records) that
//                             was offline for the day, pushing alone
// Usage: motcua_hub_bench --pg CONNINFO [--centres 100] [--threads 8] [--batch 500]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hub/store/pg.hpp"
#include "shared/client/http_get.hpp"
#include "shared/protocol/province.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace motcua;
namespace province = protocol::province;
using clock_type = std::chrono::steady_clock;

std::string unit_of(int centre) { return "000.00." + std::to_string(100 + centre) + ".H26"; }
std::string token_of(int centre) { return "bench-centre-token-" + std::to_string(centre); }

std::string at(int minute) {
  char text[32];
  std::snprintf(text, sizeof text, "2026-12-04T%02d:%02d:00+07:00", 7 + minute / 60 % 10,
                minute % 60);
  return text;
}

// A busy day at one centre as its records, in seq order: `tickets` tickets (issued, called,
// serving, done: four records each) and `dossiers` dossiers (registered, forwarded, result
// ready: a dossier record and a history step each time), a rating every fifth ticket.
std::vector<province::record> day_of(int centre, int tickets, int dossiers) {
  std::vector<province::record> out;
  std::int64_t seq = 0;
  const auto unit = unit_of(centre);
  auto add = [&](int minute, province::record_body body) {
    out.push_back({++seq, at(minute), std::move(body)});
  };
  std::int64_t history = 0;
  for (int t = 0; t < tickets; ++t) {
    const int minute = t * 540 / std::max(tickets, 1);
    char number[8];
    std::snprintf(number, sizeof number, "A%03d", t % 1000);
    province::ticket_row row{t + 1,        "2026-12-04", number,       1 + t % 4,
                             "waiting",    "none",       at(minute),   std::nullopt,
                             std::nullopt, std::nullopt, std::nullopt, 12};
    add(minute, row);
    row.state = "called", row.called_at = at(minute + 10), row.counter = 1 + t % 5;
    add(minute + 10, row);
    row.state = "serving", row.started_at = at(minute + 11);
    add(minute + 11, row);
    row.state = "done", row.ended_at = at(minute + 20);
    add(minute + 20, row);
    if (t % 5 == 0)
      add(minute + 21, province::rating_row{t / 5 + 1, at(minute + 21), "2026-12-04", 1 + t % 5,
                                            1 + t % 3, 3, t + 1, std::nullopt});
    if (t < dossiers) {
      char code[64];
      std::snprintf(code, sizeof code, "%s-261204-%04d", unit.c_str(), t + 1);
      province::dossier_row d{code,
                              unit,
                              "1.001612",
                              "Trợ cấp xã hội hằng tháng",
                              "Monthly social allowance",
                              "received",
                              at(minute + 15),
                              "2026-12-25T17:00:00+07:00",
                              std::nullopt,
                              std::nullopt,
                              "Bộ phận một cửa",
                              "Nguyễn Thị Hồng Nhung",
                              "048185000123",
                              std::nullopt};
      for (const char* step : {"register", "forward", "result_ready"}) {
        if (std::string(step) == "forward") d.status = "processing";
        if (std::string(step) == "result_ready") d.status = "result_ready";
        add(minute + 15, d);
        add(minute + 15,
            province::history_row{++history, code, unit, at(minute + 15), "clerk1", step,
                                  "Bộ phận một cửa", "Phòng Lao động", std::nullopt, std::nullopt});
      }
    }
  }
  return out;
}

struct pushed {
  std::vector<double> push_ms;
  std::vector<double> per_record_us;
  std::size_t records = 0;
};

// Pushes `records` for `centre` in batches, one in flight; throws on any refusal.
void push_all(const std::string& host, const std::string& port, int centre,
              const std::vector<province::record>& records, std::size_t batch, pushed& out,
              std::mutex& lock) {
  std::int64_t held = 0;
  for (std::size_t from = 0; from < records.size(); from += batch) {
    province::push p{unit_of(centre), held, {}};
    p.records.assign(records.begin() + from,
                     records.begin() + std::min(records.size(), from + batch));
    const auto started = clock_type::now();
    auto answer = client::http_post(host, port, "/api/v1/hub/records", province::encode(p),
                                    token_of(centre), std::chrono::seconds(60));
    const double ms =
        std::chrono::duration<double, std::milli>(clock_type::now() - started).count();
    if (answer.status != 200)
      throw std::runtime_error("push refused: " + std::to_string(answer.status) + " " +
                               answer.body);
    held = p.records.back().seq;
    std::lock_guard guard(lock);
    out.push_ms.push_back(ms);
    out.per_record_us.push_back(ms * 1000 / static_cast<double>(p.records.size()));
    out.records += p.records.size();
  }
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string pg;
  int centres = 100, threads = 8;
  std::size_t batch = 500;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--pg") pg = value;
    if (flag == "--centres") centres = std::stoi(value);
    if (flag == "--threads") threads = std::stoi(value);
    if (flag == "--batch") batch = std::stoul(value);
  }
  if (pg.empty()) {
    std::cerr << "usage: motcua_hub_bench --pg CONNINFO [--centres N] [--threads N] [--batch N]\n";
    return 2;
  }
  testing::temp_dir dir;
  {
    std::ofstream config(dir.file("hub.json"));
    config << R"({"centres":[)";
    for (int c = 0; c <= centres; ++c)  // centre `centres`: the one that catches up
      config << (c ? "," : "") << R"({"unit":")" << unit_of(c) << R"(","name":"Centre )" << c
             << R"(","token":")" << token_of(c) << "\"}";
    config << "]}";
  }
  testing::server_process hub(testing::server_process::program{
      {MOTCUA_HUB_PATH, "--pg", pg, "--listen", "127.0.0.1:0", "--config", dir.file("hub.json"),
       "--threads", std::to_string(threads)}});

  // A busy commune day: 400 tickets, 120 dossiers (about 2,400 records).
  std::vector<std::vector<province::record>> days;
  for (int c = 0; c < centres; ++c) days.push_back(day_of(c, 400, 120));
  pushed result;
  std::mutex lock;
  std::atomic<int> next{0};
  const auto started = clock_type::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      for (int c = next++; c < centres; c = next++)
        push_all(hub.host(), hub.port(), c, days[static_cast<std::size_t>(c)], batch, result, lock);
    });
  for (auto& w : workers) w.join();
  const double seconds = std::chrono::duration<double>(clock_type::now() - started).count();
  std::cout << "hub_centres " << centres << "\n"
            << "hub_records " << result.records << "\n"
            << "hub_records_per_s " << static_cast<long>(result.records / seconds) << "\n"
            << "hub_push_p50_ms " << percentile(result.push_ms, 0.5) << "\n"
            << "hub_push_p99_ms " << percentile(result.push_ms, 0.99) << "\n"
            << "hub_record_apply_p99_us " << percentile(result.per_record_us, 0.99) << "\n";

  hub::store::pg::connection db(pg);
  const auto bytes = db.exec("SELECT pg_database_size(current_database())").int64(0, 0);
  const auto dossiers = db.exec("SELECT COUNT(*) FROM dossiers").int64(0, 0);
  std::cout << "hub_dossiers " << dossiers << "\n"
            << "hub_bytes_per_dossier " << bytes / std::max<std::int64_t>(dossiers, 1) << "\n"
            << "hub_gb_per_million_dossiers "
            << static_cast<double>(bytes) /
                   static_cast<double>(std::max<std::int64_t>(dossiers, 1)) * 1e6 / 1e9
            << "\n";

  // A city centre's day (2,000 tickets, 1,300 dossiers) pushed alone after a day offline.
  pushed alone;
  const auto backlog = day_of(centres, 2000, 1300);
  const auto catch_up_started = clock_type::now();
  push_all(hub.host(), hub.port(), centres, backlog, batch, alone, lock);
  std::cout << "hub_catch_up_records " << alone.records << "\n"
            << "hub_catch_up_s "
            << std::chrono::duration<double>(clock_type::now() - catch_up_started).count() << "\n";
  return 0;
}
