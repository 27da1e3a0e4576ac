// motcua_bench: the performance figures, measured against the real server binary on
// 127.0.0.1 (tests/support/server_process.hpp) with its databases in a temporary directory.
// Prints one line per figure, "name value"; progress and errors go to standard error.
//
//   sqlite_commit_per_s          single-row SQLite commits per second with the server's own
//                                durability settings, next to the server's databases: the
//                                ceiling of one commit per ticket; measured for 2 s right before
//                                the ticket run and 2 s right after it, and the mean taken (this
//                                machine's disk and CPU change by half within minutes: the two
//                                figures of the ratio below are taken under the same conditions)
//   sqlite_commit_per_s_before, sqlite_commit_per_s_after
//                                the two measurements
//   ticket_count, ticket_per_s   durable tickets from 8 kiosks, one request in flight each
//   ticket_rate_vs_commit_ratio  ticket_per_s / sqlite_commit_per_s (target >= 2: group commit)
//   requests_per_commit, requests_per_sync
//                                during that run: requests per transaction of the engine, and
//                                per fdatasync (one covers every batch committed meanwhile)
//   ticket_p50_ms, ticket_p99_ms one kiosk, take_ticket one after another, request to reply
//                                (target p99 <= 1 ms)
//   ticket_per_s_64, ticket_p99_ms_64, requests_per_commit_64, requests_per_sync_64
//                                durable tickets from 64 kiosks, one request in flight each
//   connections                  display connections for the two figures below
//   rss_kb_per_connection        server RSS growth per idle connection (after hello)
//   fanout_p50_ms, fanout_p99_ms, fanout_max_ms
//                                from the clerk's call_next reply to the ticket_called event at
//                                each display, over all (call, display) pairs; each call is
//                                made once every display has heard the call before it end
//                                (both of its counter_changed)
//   loaded_ticket_per_s, call_to_display_p99_ms, deliveries_per_cpu_s
//                                the same calls while 8 kiosks take tickets: tickets/s, from
//                                the clerk's call_next request to the ticket_called event at
//                                each display (target p99 <= 50 ms), and events delivered to the
//                                displays per second of server CPU time (the kiosks' tickets
//                                while the calls wait for quiet displays count in that CPU)
//   call_to_display_arrival_p99_ms, call_to_display_arrival_p99_ms_no_kiosks
//                                the same (and with no kiosk loading), to the kernel's receipt
//                                of the event at 10 displays among the last the server writes
//                                to (SO_TIMESTAMPNS), not when the measuring thread, reading
//                                1,010 sockets in turn, got to it; a thread of their own reads
//                                them at once (a later event reaching a socket before the read
//                                would lend the call its later time)
//   phones, rss_kb_per_phone     phones following their ticket (Server-Sent Events), and the
//                                server's RSS growth per stream
//   hall_ticket_per_s_no_phones, hall_ticket_per_s_phones, hall_ticket_per_s_no_phones_after,
//   hall_ticket_p99_ms_no_phones, hall_ticket_p99_ms_phones, hall_ticket_p99_ms_no_phones_after,
//   hall_cpu_ms_per_ticket_no_phones, hall_cpu_ms_per_ticket_phones,
//   hall_cpu_ms_per_ticket_no_phones_after
//                                8 kiosks taking tickets while a clerk calls a ticket every
//                                20 ms, without phones, with them following, and without them
//                                again, each on a fresh server with the same 2,000 tickets
//                                waiting: tickets/s, p99 and the server's CPU time per ticket
//                                (the hall must not notice the phones)
//   call_to_phone_p50_ms, call_to_phone_p99_ms
//                                from the clerk's call_next request to the called ticket's
//                                phone receiving its "called" view, with the kiosks loading
//   phone_views_per_s            views sent to the phones during that run
//
// Every client runs on one io_context, run by this program's main thread: the callbacks and
// the state of a measurement need no locks. Every wait has a time limit, so the program ends
// in bounded time (about a minute) also when the server misbehaves.
#include <algorithm>
#include <csignal>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "server/store/database.hpp"
#include "shared/protocol/messages.hpp"
#include "tests/bench/bench_support.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace motcua;
using namespace motcua::bench;

constexpr auto sqlite_duration = 2s;
constexpr int kiosk_connections = 8;
constexpr int many_kiosk_connections = 64;
constexpr auto throughput_duration = 3s;
constexpr int latency_requests = 2000;
constexpr auto latency_max_duration = 15s;
constexpr int display_connections = 1000;
// Displays connected after those, read with the kernel's receive time of each frame: the server
// hands an event to its connections in the order they came (its two network threads write them
// in about that order), so these are among the last it reaches.
constexpr int stamped_displays = 10;
constexpr int fanout_calls = 50;
constexpr int phone_streams = 2000;
constexpr auto call_interval = 20ms;  // the phones' hall: 50 calls a second
constexpr int demo_services = 4;      // the demo's services have ids 1 to 4

// The server's CPU time so far (user + system), in seconds.
double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // Fields 14 and 15 (utime, stime) counted after the ")" that ends the command name.
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string field;
  for (int i = 3; i < 14; ++i) fields >> field;
  double user = 0, system = 0;
  fields >> user >> system;
  return (user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  throw std::runtime_error("no VmRSS for process " + std::to_string(pid));
}

// take_ticket with a request key never used before (keys are unique per business day, and
// every run of `issue_tickets` on one server shares that day).
protocol::take_ticket ticket_request(protocol::service_id service) {
  static std::int64_t keys = 0;
  protocol::take_ticket t;
  t.service = service;
  t.request_key = "bench-" + std::to_string(++keys);
  return t;
}

// ---------------------------------------------------------------- measurements

double sqlite_commits_per_second(const std::string& path) {
  store::database db(path);  // the server's settings: WAL, synchronous=FULL
  db.exec("CREATE TABLE bench (id INTEGER PRIMARY KEY, value TEXT NOT NULL)");
  auto insert = db.prepare("INSERT INTO bench (value) VALUES (?)");
  const auto start = bench_clock::now();
  long commits = 0;
  bench_clock::time_point now;
  do {
    store::transaction tx(db);  // BEGIN IMMEDIATE
    insert.bind(1, "one ticket's worth of row").run();
    insert.reset();
    tx.commit();
    ++commits;
    now = bench_clock::now();
  } while (now - start < sqlite_duration);
  return static_cast<double>(commits) / to_s(now - start);
}

struct ticket_run {
  std::vector<double> latencies_ms;  // request to reply, per ticket
  double seconds = 0;                // first request to last reply
};

// Kiosk connections on `clients`, each sending the next take_ticket as soon as the previous one
// is answered (one request in flight per connection), rotating over the demo services, while
// `more()` says so. Runs as `clients` is run: alone, or beside another measurement.
class kiosk_load {
 public:
  kiosk_load(bench_clients& clients, int kiosks, std::function<bool()> more)
      : clients_(clients), more_(std::move(more)) {
    for (peer* k : clients.connect(kiosks, device_hello("demo-kiosk"))) {
      k->on_reply = [this](peer& p, const protocol::reply& r) {
        last_reply_ = bench_clock::now();
        --in_flight_;
        if (!r.ok()) return clients_.fail("take_ticket: " + describe(r));
        run_.latencies_ms.push_back(to_ms(last_reply_ - p.sent_at));
        if (more_()) take(p);
      };
      kiosks_.push_back(k);
    }
  }

  void start() {
    start_ = last_reply_ = bench_clock::now();
    for (peer* k : kiosks_)
      if (more_()) take(*k);
  }
  int sent() const { return sent_; }
  bool idle() const { return in_flight_ == 0; }
  ticket_run result() {
    run_.seconds = to_s(last_reply_ - start_);
    return std::move(run_);
  }

 private:
  void take(peer& k) {
    k.send(ticket_request(sent_++ % demo_services + 1));
    ++in_flight_;
  }

  bench_clients& clients_;
  std::function<bool()> more_;
  std::vector<peer*> kiosks_;
  ticket_run run_;
  int sent_ = 0;
  int in_flight_ = 0;
  bench_clock::time_point start_, last_reply_;
};

// `kiosks` kiosks take tickets until `count` have been asked for or `duration` has passed.
ticket_run issue_tickets(const testing::server_process& server, int kiosks, int count,
                         bench_clock::duration duration) {
  bench_clients clients(server);
  bench_clock::time_point start;
  kiosk_load load(clients, kiosks,
                  [&] { return load.sent() < count && bench_clock::now() - start < duration; });
  start = bench_clock::now();
  load.start();
  clients.run_until([&] { return load.idle(); }, duration + reply_timeout, "take_ticket");
  return load.result();
}

// What the bench's displays decode: replies and calls, what they measure. The other events
// are only counted or looked for: this program's one thread stands for 1,000 machines, and
// decoding all four events that a call brings each display made it, not the server, set the
// figures (README "Benchmarks").
bool reply_or_call(std::string_view frame) {
  return !frame.starts_with(R"({"type":"event")") ||
         frame.find(R"("event":"ticket_called")") != std::string_view::npos;
}

// Server RSS growth per connection while `n` displays are connected and idle after hello.
double rss_kb_per_connection(const testing::server_process& server, bench_clients& clients, int n,
                             std::vector<peer*>& displays) {
  const long before = rss_kb(server.pid());
  displays = clients.connect(n, device_hello("demo-display"), reply_or_call);
  clients.run_for(500ms);  // let the server finish with the hello replies
  return static_cast<double>(rss_kb(server.pid()) - before) / n;
}

struct fanout_run {
  std::vector<double> from_reply_ms;    // per (call, display): the clerk's reply to the event
  std::vector<double> from_request_ms;  // per (call, display): the clerk's request to the event
  // per (call, stamped display): the clerk's request to the kernel's receipt of the event
  std::vector<double> arrival_from_request_ms;
  long deliveries = 0;  // text frames the displays received (all events)
};

// For `fanout_calls` calls of the clerk (each followed by no_show, which frees the counter):
// the time from the call_next reply reaching the clerk (and from its request leaving) to the
// ticket_called event reaching each display. The clerk and the displays are read by the same
// thread, in whatever order their frames arrive: a display that reads the event before the
// clerk reads the reply counts 0 for that call. A call is made once every display has heard
// both counter_changed of the call before (the counter serving, then free), as in a hall where
// calls are seconds apart: else a call would wait for this thread to read the last no_show's
// 1,000 frames, and the figure would measure this program.
fanout_run fanout_delays(bench_clients& clients, peer& clerk, const std::vector<peer*>& displays) {
  struct heard {
    bench_clock::time_point at;
    protocol::ticket_id ticket = 0;
    std::optional<bench_clock::time_point> arrived;  // stamped displays
  };
  std::vector<heard> events(displays.size());  // the current call, per display
  std::size_t heard_by = 0;
  std::vector<int> counter_frames(displays.size());  // per display, since the first call
  std::size_t quiet = displays.size();               // displays that heard the last no_show
  std::optional<heard> reply;                        // the current call's reply to the clerk
  bench_clock::time_point requested;
  fanout_run run;
  int calls = 0;
  bool answered = true;  // the last no_show
  bool done = false;

  auto call_when_quiet = [&] {
    if (!answered || quiet < displays.size()) return;
    if (calls == fanout_calls) {
      done = true;
      return;
    }
    answered = false;
    heard_by = 0;
    quiet = 0;
    reply.reset();
    requested = bench_clock::now();
    clerk.send(protocol::call_next{});
  };
  auto end_call_when_heard = [&] {
    if (!reply || heard_by < displays.size()) return;
    for (const auto& e : events) {
      if (e.ticket != reply->ticket) return clients.fail("a display heard another ticket");
      run.from_reply_ms.push_back(std::max(0.0, to_ms(e.at - reply->at)));
      run.from_request_ms.push_back(to_ms(e.at - requested));
      if (e.arrived) run.arrival_from_request_ms.push_back(to_ms(*e.arrived - requested));
    }
    reply.reset();
    ++calls;
    clerk.send(protocol::no_show{});
  };
  long frames_before = 0;
  for (const peer* d : displays) frames_before += d->frames;
  for (std::size_t i = 0; i < displays.size(); ++i) {
    // One counter_changed of Quầy 1 per call_next (serving) and one per no_show (free): the
    // display has heard the last no_show when it has heard twice as many as the calls made.
    displays[i]->on_frame = [&, i](peer&, std::string_view frame) {
      if (frame.find(R"("topic":"counter/1")") == std::string_view::npos) return;
      if (++counter_frames[i] > 2 * calls + 1)
        return clients.fail("a display heard a counter_changed of no call");
      if (counter_frames[i] != 2 * calls) return;
      ++quiet;
      call_when_quiet();
    };
    displays[i]->on_event = [&, i](peer&, const protocol::event& e) {
      const auto* called = std::get_if<protocol::ticket_called>(&e.body);
      if (!called || called->recall) return;
      const auto now = bench_clock::now();
      const auto arrived = displays[i]->arrived;
      if (arrived && (*arrived > now || *arrived < requested))
        return clients.fail("a display's receive time is not between the request and the read");
      events[i] = {now, called->ticket.id, arrived};
      ++heard_by;
      end_call_when_heard();
    };
  }
  clerk.on_reply = [&](peer&, const protocol::reply& r) {
    const auto* result = std::get_if<protocol::ticket_result>(&r.body);
    if (!result) return clients.fail("call_next / no_show: " + describe(r));
    if (result->ticket.state == domain::ticket_state::called) {
      reply = heard{bench_clock::now(), result->ticket.id, std::nullopt};
      end_call_when_heard();
    } else {  // no_show answered
      answered = true;
      call_when_quiet();
    }
  };
  call_when_quiet();
  clients.run_until([&] { return done; }, 60s, "fanout");
  clerk.on_reply = nullptr;
  for (peer* d : displays) {
    d->on_event = nullptr;
    d->on_frame = nullptr;
    run.deliveries += d->frames;
  }
  run.deliveries -= frames_before;
  return run;
}

// ---------------------------------------------------------------- figures

// The server's group-commit counters (/metrics), to see how requests shared commits and fsyncs.
struct commit_counters {
  double requests = 0, commits = 0, syncs = 0;
  explicit commit_counters(const testing::server_process& server) {
    auto figures = testing::http_get(server.host(), server.port(), "/metrics").body;
    requests = metric(figures, "motcua_committed_requests_total");
    commits = metric(figures, "motcua_commits_total");
    syncs = metric(figures, "motcua_wal_syncs_total");
  }
};

// Requests per commit and per fsync between `before` and now, as `suffix`ed figures.
void print_group_commit(const testing::server_process& server, const commit_counters& before,
                        const std::string& suffix) {
  const commit_counters after(server);
  const double requests = after.requests - before.requests;
  print_figure("requests_per_commit" + suffix,
               requests / std::max(1.0, after.commits - before.commits));
  print_figure("requests_per_sync" + suffix, requests / std::max(1.0, after.syncs - before.syncs));
}

void ticket_figures(const testing::temp_dir& dir, const std::string& config) {
  testing::server_process server(dir.file("tickets.db"), {"--demo", "--config", config});

  std::cerr << "motcua_bench: SQLite commits in " << dir.path() << "\n";
  const double commits_before = sqlite_commits_per_second(dir.file("sqlite-commits-before.db"));
  std::cerr << "motcua_bench: ticket throughput, " << kiosk_connections << " kiosks\n";
  const commit_counters before(server);
  auto load = issue_tickets(server, kiosk_connections, std::numeric_limits<int>::max(),
                            throughput_duration);
  print_group_commit(server, before, "");
  std::cerr << "motcua_bench: SQLite commits again\n";
  const double commits_after = sqlite_commits_per_second(dir.file("sqlite-commits-after.db"));
  const double commits = (commits_before + commits_after) / 2;
  print_figure("sqlite_commit_per_s", commits);
  print_figure("sqlite_commit_per_s_before", commits_before);
  print_figure("sqlite_commit_per_s_after", commits_after);
  const double rate = static_cast<double>(load.latencies_ms.size()) / load.seconds;
  print_figure("ticket_count", static_cast<double>(load.latencies_ms.size()));
  print_figure("ticket_per_s", rate);
  print_figure("ticket_rate_vs_commit_ratio", rate / commits);

  std::cerr << "motcua_bench: ticket latency, one kiosk\n";
  auto sequential = issue_tickets(server, 1, latency_requests, latency_max_duration);
  print_figure("ticket_p50_ms", percentile(sequential.latencies_ms, 0.50));
  print_figure("ticket_p99_ms", percentile(sequential.latencies_ms, 0.99));

  std::cerr << "motcua_bench: ticket throughput, " << many_kiosk_connections << " kiosks\n";
  const commit_counters before_many(server);
  auto many = issue_tickets(server, many_kiosk_connections, std::numeric_limits<int>::max(),
                            throughput_duration);
  print_figure("ticket_per_s_64", static_cast<double>(many.latencies_ms.size()) / many.seconds);
  print_figure("ticket_p99_ms_64", percentile(many.latencies_ms, 0.99));
  print_group_commit(server, before_many, "_64");
}

void display_figures(const testing::temp_dir& dir, const std::string& config) {
  testing::server_process server(dir.file("displays.db"), {"--demo", "--config", config});
  issue_tickets(server, 1, fanout_calls, latency_max_duration);  // for the clerk to call

  bench_clients clients(server);
  peer& clerk = *clients.connect(1, staff_hello("clerk1")).front();
  clients.call(clerk, protocol::open_counter{1, {1, 2, 3, 4}}, "open_counter");

  std::cerr << "motcua_bench: " << display_connections << " displays\n";
  std::vector<peer*> displays;
  const double rss = rss_kb_per_connection(server, clients, display_connections, displays);
  print_figure("connections", static_cast<double>(displays.size()));
  print_figure("rss_kb_per_connection", rss);
  std::ranges::copy(
      clients.connect_stamped(stamped_displays, device_hello("demo-display"), reply_or_call),
      std::back_inserter(displays));

  std::cerr << "motcua_bench: fanout, " << fanout_calls << " calls\n";
  auto idle = fanout_delays(clients, clerk, displays);
  print_figure("fanout_p50_ms", percentile(idle.from_reply_ms, 0.50));
  print_figure("fanout_p99_ms", percentile(idle.from_reply_ms, 0.99));
  print_figure("fanout_max_ms", percentile(idle.from_reply_ms, 1.0));
  print_figure("call_to_display_arrival_p99_ms_no_kiosks",
               percentile(idle.arrival_from_request_ms, 0.99));

  std::cerr << "motcua_bench: fanout, " << fanout_calls << " calls, " << kiosk_connections
            << " kiosks taking tickets\n";
  bool loading = true;
  kiosk_load load(clients, kiosk_connections, [&] { return loading; });
  const double cpu_before = cpu_seconds(server.pid());
  load.start();
  auto loaded = fanout_delays(clients, clerk, displays);
  const double cpu = cpu_seconds(server.pid()) - cpu_before;
  loading = false;
  clients.run_until([&] { return load.idle(); }, reply_timeout, "take_ticket");
  auto tickets = load.result();
  print_figure("loaded_ticket_per_s",
               static_cast<double>(tickets.latencies_ms.size()) / tickets.seconds);
  print_figure("call_to_display_p99_ms", percentile(loaded.from_request_ms, 0.99));
  print_figure("call_to_display_arrival_p99_ms", percentile(loaded.arrival_from_request_ms, 0.99));
  print_figure("deliveries_per_cpu_s", static_cast<double>(loaded.deliveries) / cpu);
}

struct hall_run {
  ticket_run tickets;
  std::vector<double> call_to_phone_ms;  // per call: request to the called phone's view
};

// For throughput_duration, 8 kiosks take tickets while the clerk calls a ticket every
// call_interval (each then marked absent, which frees the counter: a busy hall); with `phones`
// (the phone of each ticket id) and `heard` (when each phone was last told "called"), the time
// from each call's request to the called ticket's phone hearing it.
hall_run hall_with_calls(bench_clients& clients, peer& clerk,
                         const std::map<protocol::ticket_id, std::size_t>* phones,
                         const std::vector<bench_clock::time_point>* heard) {
  hall_run run;
  bool loading = true;
  kiosk_load load(clients, kiosk_connections, [&] { return loading; });
  bench_clock::time_point requested, next_call = bench_clock::now();
  std::optional<std::size_t> waiting_for;  // the phone of the ticket just called
  bool calling = false;                    // a call or its no_show on its way
  clerk.on_reply = [&](peer&, const protocol::reply& r) {
    const auto* result = std::get_if<protocol::ticket_result>(&r.body);
    if (!result) return clients.fail("call_next / no_show: " + describe(r));
    if (result->ticket.state != domain::ticket_state::called) {  // no_show answered
      calling = false;
      return;
    }
    if (!phones) return clerk.send(protocol::no_show{});
    auto it = phones->find(result->ticket.id);
    if (it == phones->end()) return clients.fail("a ticket without a phone was called");
    waiting_for = it->second;  // absent once its phone has heard
  };
  auto step = [&] {
    const auto now = bench_clock::now();
    if (waiting_for && (*heard)[*waiting_for] >= requested) {
      run.call_to_phone_ms.push_back(to_ms((*heard)[*waiting_for] - requested));
      waiting_for.reset();
      clerk.send(protocol::no_show{});
    }
    if (!calling && now >= next_call) {
      calling = true;
      requested = now;
      next_call = now + call_interval;
      clerk.send(protocol::call_next{});
    }
  };
  const auto start = bench_clock::now();
  load.start();
  clients.run_until(
      [&] {
        step();
        return bench_clock::now() - start >= throughput_duration && !calling;
      },
      throughput_duration + 30s, "calls");
  loading = false;
  clients.run_until([&] { return load.idle(); }, reply_timeout, "take_ticket");
  clerk.on_reply = nullptr;
  run.tickets = load.result();
  return run;
}

// A fresh server with phone_streams tickets waiting (one for each phone) and a clerk at Quầy 1:
// each hall run of phone_figures starts from the same hall, so that a run does not pay for the
// waiting lists the runs before it left (take_ticket slows as they grow: issue 12's kind of
// work, not the phones').
struct phone_hall {
  phone_hall(const testing::temp_dir& dir, const std::string& db, const std::string& config)
      : server(dir.file(db), {"--demo", "--config", config}), clients(server) {
    peer& kiosk = *clients.connect(1, device_hello("demo-kiosk")).front();
    for (int i = 0; i < phone_streams; ++i) {
      auto reply = clients.call(kiosk, ticket_request(i % demo_services + 1), "take_ticket");
      const auto& t = std::get<protocol::ticket_result>(reply.body).ticket;
      phones[t.id] = targets.size();
      targets.push_back("/api/v1/tickets/" + t.public_token.value() + "/events");
    }
    clerk = clients.connect(1, staff_hello("clerk1")).front();
    clients.call(*clerk, protocol::open_counter{1, {1, 2, 3, 4}}, "open_counter");
  }

  testing::server_process server;
  bench_clients clients;
  std::vector<std::string> targets;                   // each phone's event stream
  std::map<protocol::ticket_id, std::size_t> phones;  // the phone of each ticket
  peer* clerk = nullptr;
};

// A hall run's tickets and the server's CPU time for each (user + system): a figure that the
// other processes of a shared machine disturb less than tickets per second.
struct measured_hall {
  hall_run run;
  double cpu_ms_per_ticket = 0;
};
measured_hall measure(phone_hall& hall, const std::map<protocol::ticket_id, std::size_t>* phones,
                      const std::vector<bench_clock::time_point>* heard) {
  const double before = cpu_seconds(hall.server.pid());
  measured_hall out{hall_with_calls(hall.clients, *hall.clerk, phones, heard)};
  out.cpu_ms_per_ticket =
      (cpu_seconds(hall.server.pid()) - before) * 1000 /
      static_cast<double>(std::max<std::size_t>(1, out.run.tickets.latencies_ms.size()));
  return out;
}

// The hall of phone_hall without phones, on a server of its own.
measured_hall hall_without_phones(const testing::temp_dir& dir, const std::string& db,
                                  const std::string& config) {
  phone_hall hall(dir, db, config);
  return measure(hall, nullptr, nullptr);
}

void phone_figures(const testing::temp_dir& dir, const std::string& config) {
  std::cerr << "motcua_bench: the hall without phones (" << phone_streams << " tickets waiting)\n";
  const auto quiet = hall_without_phones(dir, "hall-1.db", config);

  std::cerr << "motcua_bench: " << phone_streams << " phones following\n";
  measured_hall measured;
  long views_during = 0;
  {
    phone_hall hall(dir, "phones.db", config);
    std::vector<bench_clock::time_point> heard(hall.targets.size());
    long views = 0;
    const long before = rss_kb(hall.server.pid());
    hall.clients.follow(hall.targets, [&](std::size_t i, std::string_view view) {
      ++views;
      if (view.find("\"state\":\"called\"") != std::string_view::npos)
        heard[i] = bench_clock::now();
    });
    hall.clients.run_for(500ms);
    print_figure("phones", static_cast<double>(hall.targets.size()));
    print_figure("rss_kb_per_phone", static_cast<double>(rss_kb(hall.server.pid()) - before) /
                                         static_cast<double>(hall.targets.size()));
    std::cerr << "motcua_bench: the hall with the phones\n";
    const long views_before = views;
    measured = measure(hall, &hall.phones, &heard);
    views_during = views - views_before;
    hall.clients.stop_following();
  }
  std::cerr << "motcua_bench: the hall without phones again, for the noise between runs\n";
  const auto after = hall_without_phones(dir, "hall-2.db", config);
  const auto& followed = measured.run;
  auto rate = [](const ticket_run& r) {
    return static_cast<double>(r.latencies_ms.size()) / r.seconds;
  };
  print_figure("hall_ticket_per_s_no_phones", rate(quiet.run.tickets));
  print_figure("hall_ticket_per_s_phones", rate(followed.tickets));
  print_figure("hall_ticket_per_s_no_phones_after", rate(after.run.tickets));
  print_figure("hall_ticket_p99_ms_no_phones", percentile(quiet.run.tickets.latencies_ms, 0.99));
  print_figure("hall_ticket_p99_ms_phones", percentile(followed.tickets.latencies_ms, 0.99));
  print_figure("hall_ticket_p99_ms_no_phones_after",
               percentile(after.run.tickets.latencies_ms, 0.99));
  print_figure("hall_cpu_ms_per_ticket_no_phones", quiet.cpu_ms_per_ticket);
  print_figure("hall_cpu_ms_per_ticket_phones", measured.cpu_ms_per_ticket);
  print_figure("hall_cpu_ms_per_ticket_no_phones_after", after.cpu_ms_per_ticket);
  print_figure("call_to_phone_p50_ms", percentile(followed.call_to_phone_ms, 0.50));
  print_figure("call_to_phone_p99_ms", percentile(followed.call_to_phone_ms, 0.99));
  print_figure("phone_views_per_s", static_cast<double>(views_during) / followed.tickets.seconds);
}

}  // namespace

int main() {
  std::signal(SIGPIPE, SIG_IGN);
  try {
    raise_open_file_limit(display_connections + phone_streams + 100);
    testing::temp_dir dir;  // the server's databases and the SQLite figure's files, side by side
    const std::string config = write_config(dir);
    ticket_figures(dir, config);
    display_figures(dir, config);
    phone_figures(dir, config);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "motcua_bench: " << e.what() << "\n";
    return 1;
  }
}
