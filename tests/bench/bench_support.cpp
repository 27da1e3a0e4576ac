#include "tests/bench/bench_support.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/json.hpp>

namespace motcua::bench {

namespace json = boost::json;

void print_figure(std::string_view name, double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15)  // counts in full: 1000000, not 1e+06
    std::cout << name << ' ' << static_cast<long long>(value) << std::endl;
  else
    std::cout << name << ' ' << value << std::endl;
}

double to_ms(bench_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}
double to_s(bench_clock::duration d) { return std::chrono::duration<double>(d).count(); }

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::string describe(const protocol::reply& r) {
  if (const auto* e = std::get_if<protocol::error>(&r.body))
    return std::string(protocol::to_string(e->code)) + ": " + e->message_en;
  return "ok";
}

double metric(const std::string& text, const std::string& name) {
  auto at = text.find("\n" + name + " ");
  if (at == std::string::npos) throw std::runtime_error("no metric " + name);
  return std::stod(text.substr(at + name.size() + 2));
}

void raise_open_file_limit(long needed) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < static_cast<rlim_t>(needed))
    std::cerr << "bench: open-file limit " << limit.rlim_cur << " is under " << needed << "\n";
}

std::string write_config(const testing::temp_dir& dir) {
  const auto printed = testing::run_server({"--print-demo-config"});
  if (printed.exit_code != 0) throw std::runtime_error("motcua-server --print-demo-config failed");
  const std::string& demo = printed.output;
  json::array services = json::parse(demo).at("services").as_array();
  for (auto& s : services) s.as_object()["daily_limit"] = 0;
  json::object overrides{{"services", services},
                         {"limits",
                          {{"messages_per_second", 100000},
                           {"message_burst", 100000},
                           {"max_connections", 5000},
                           {"max_unauthenticated", 5000},
                           {"max_unauthenticated_per_address", 5000},
                           {"max_ticket_followers_per_address", 5000},
                           {"http_burst", 100000},
                           {"lookup_burst", 100000}}}};
  std::string path = dir.file("bench-config.json");
  std::ofstream(path) << json::serialize(overrides);
  return path;
}

protocol::hello staff_hello(std::string username) {
  protocol::hello h;
  h.username = std::move(username);
  h.password = "demo";
  return h;
}

protocol::hello device_hello(std::string token) {
  protocol::hello h;
  h.device_token = std::move(token);
  return h;
}

// ---------------------------------------------------------------- clients

void peer::send(protocol::request_params params) {
  sent_at = bench_clock::now();
  conn->send(std::move(params));
}

// One event stream: the request written, then whatever comes read in a loop and cut into
// blocks at the blank lines (the response's head first).
struct bench_clients::stream {
  boost::beast::tcp_stream socket;
  std::string request;
  std::string buffer;
  std::array<char, 4096> chunk{};
  bool head_read = false;
  bool heard = false;  // its first event
  std::size_t index = 0;

  explicit stream(boost::asio::io_context& ioc) : socket(ioc) {}
};

bench_clients::bench_clients(const testing::server_process& server) : server_(server) {}

bench_clients::~bench_clients() {
  closing_ = true;
  stop_following();
  for (auto& p : peers_) {
    p->on_reply = nullptr;  // they may point at a measurement's state, gone by now
    p->on_event = nullptr;
    p->on_frame = nullptr;
    p->conn->close();
  }
  try {
    run_until([&] { return closed_ == peers_.size(); }, 5s, "closing");
  } catch (const std::exception& e) {
    std::cerr << "bench: " << e.what() << "\n";
  }
}

std::vector<peer*> bench_clients::connect(int n, const protocol::hello& hello,
                                          const client::frame_filter& decode_if) {
  std::vector<peer*> added;
  for (int i = 0; i < n; ++i) added.push_back(&add(hello, decode_if));
  run_until([&] { return std::ranges::all_of(added, &peer::ready); }, 30s, "hello");
  return added;
}

protocol::reply bench_clients::call(peer& p, protocol::request_params params,
                                    std::string_view what) {
  std::optional<protocol::reply> answer;
  p.on_reply = [&](peer&, const protocol::reply& r) { answer = r; };
  p.send(std::move(params));
  run_until([&] { return answer.has_value(); }, reply_timeout, what);
  p.on_reply = nullptr;
  if (!answer->ok()) throw std::runtime_error(std::string(what) + ": " + describe(*answer));
  return *answer;
}

void bench_clients::run_until(const std::function<bool()>& done, bench_clock::duration limit,
                              std::string_view what) {
  const auto deadline = bench_clock::now() + limit;
  while (!done()) {
    if (!failure_.empty()) throw std::runtime_error(std::string(what) + ": " + failure_);
    if (bench_clock::now() > deadline) throw std::runtime_error(std::string(what) + ": timed out");
    ioc_.run_for(5ms);
  }
}

void bench_clients::run_for(bench_clock::duration d) {
  const auto until = bench_clock::now() + d;
  run_until([&] { return bench_clock::now() >= until; }, d + 1s, "waiting");
}

void bench_clients::follow(const std::vector<std::string>& targets,
                           std::function<void(std::size_t, std::string_view)> on_data) {
  namespace net = boost::asio;
  using net::ip::tcp;
  const tcp::endpoint to(net::ip::make_address(server_.host()),
                         static_cast<unsigned short>(std::stoi(server_.port())));
  auto data =
      std::make_shared<std::function<void(std::size_t, std::string_view)>>(std::move(on_data));
  std::vector<stream*> added;
  for (const auto& target : targets) {
    stream* s = streams_.emplace_back(std::make_unique<stream>(ioc_)).get();
    s->index = added.size();
    s->request = "GET " + target + " HTTP/1.1\r\nHost: bench\r\n\r\n";
    added.push_back(s);
    // The read loop: every block that is an event goes to on_data.
    auto read = std::make_shared<std::function<void()>>();
    *read = [this, s, data, weak = std::weak_ptr(read)] {
      s->socket.async_read_some(
          net::buffer(s->chunk), [this, s, data, weak](boost::beast::error_code ec, std::size_t n) {
            if (ec) {  // the server ends the stream of a ticket over, after its last view
              if (!closing_ && !(ec == net::error::eof && s->heard))
                fail("event stream: " + ec.message());
              return;
            }
            s->buffer.append(s->chunk.data(), n);
            if (!s->head_read) {
              auto end = s->buffer.find("\r\n\r\n");
              if (end == std::string::npos) return (*weak.lock())();
              if (!s->buffer.starts_with("HTTP/1.1 200"))
                return fail("event stream refused: " + s->buffer.substr(0, s->buffer.find('\r')));
              s->buffer.erase(0, end + 4);
              s->head_read = true;
            }
            for (auto end = s->buffer.find("\n\n"); end != std::string::npos;
                 end = s->buffer.find("\n\n")) {
              std::string_view block(s->buffer.data(), end);
              if (block.starts_with("data: ")) {
                s->heard = true;
                (*data)(s->index, block.substr(6));
              }
              s->buffer.erase(0, end + 2);
            }
            if (auto next = weak.lock()) (*next)();
          });
    };
    s->socket.async_connect(to, [this, s, read](boost::beast::error_code ec) {
      if (ec) return fail("event stream connect: " + ec.message());
      net::async_write(s->socket, net::buffer(s->request),
                       [this, read](boost::beast::error_code ec, std::size_t) {
                         if (ec) return fail("event stream request: " + ec.message());
                         (*read)();
                       });
    });
    reads_.push_back(std::move(read));
  }
  run_until([&] { return std::ranges::all_of(added, &stream::heard); }, 60s, "event streams");
}

void bench_clients::stop_following() {
  const bool was_closing = std::exchange(closing_, true);
  for (auto& s : streams_) {
    boost::beast::error_code ignored;
    s->socket.socket().close(ignored);
  }
  ioc_.poll();  // the reads end, aborted
  closing_ = was_closing;
  reads_.clear();
  streams_.clear();
}

void bench_clients::fail(std::string why) {
  if (failure_.empty()) failure_ = std::move(why);
}

peer& bench_clients::add(const protocol::hello& hello, const client::frame_filter& decode_if) {
  peer* p = peers_.emplace_back(std::make_unique<peer>()).get();
  client::connection_handlers h;
  h.on_raw = [p](std::string_view text) {
    ++p->frames;
    if (p->on_frame) p->on_frame(*p, text);
  };
  h.decode_if = decode_if;
  h.on_reply = [this, p](const protocol::reply& r) {
    if (p->ready) {
      if (p->on_reply) p->on_reply(*p, r);
    } else if (r.ok()) {
      p->ready = true;
    } else {
      fail("hello: " + describe(r));
    }
  };
  h.on_event = [p](const protocol::event& e) {
    if (p->ready && p->on_event) p->on_event(*p, e);
  };
  h.on_close = [this](client::beast::error_code ec, int code) {
    ++closed_;
    if (!closing_) fail("connection closed: " + ec.message() + " (" + std::to_string(code) + ")");
  };
  p->conn = client::connection::create(ioc_.get_executor(), std::move(h));
  p->conn->connect(server_.host(), server_.port());
  p->send(hello);
  return *p;
}

}  // namespace motcua::bench
