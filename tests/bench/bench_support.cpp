#include "tests/bench/bench_support.hpp"

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/compose.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include "shared/protocol/codec.hpp"

namespace motcua::bench {

namespace json = boost::json;
namespace net = boost::asio;
namespace websocket = boost::beast::websocket;
using boost::system::error_code;
using net::ip::tcp;

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

namespace {

// An event to `p`, once its hello is answered.
void hear(peer& p, const protocol::event& e) {
  if (p.ready && p.on_event) p.on_event(p, e);
}

// The next layer of a websocket::stream that reads with recvmsg and keeps the kernel's receive
// time of the last bytes read (SO_TIMESTAMPNS: on loopback, when the server's write reached this
// socket's queue). That is the time of the last segment the read took bytes from, and the kernel
// gives a segment still queued the time of a later one it merges into it: a frame read after a
// later write reached the socket gets the later time (too late, never too early).
class stamped_socket {
 public:
  using executor_type = tcp::socket::executor_type;

  explicit stamped_socket(net::io_context& ioc) : socket_(ioc) {}
  executor_type get_executor() { return socket_.get_executor(); }
  tcp::socket& next_layer() { return socket_; }
  bench_clock::time_point arrival() const { return arrival_; }

  template <class Buffers, class Token>
  auto async_write_some(const Buffers& b, Token&& token) {
    return socket_.async_write_some(b, std::forward<Token>(token));
  }

  // Waits until the socket is readable (never completes inside this call), then recvmsg.
  template <class Buffers, class Token>
  auto async_read_some(const Buffers& b, Token&& token) {
    return net::async_compose<Token, void(error_code, std::size_t)>(
        [this, b, waited = false](auto& self, error_code ec = {}) mutable {
          std::size_t n = 0;
          if (waited && (ec || receive(b, n, ec))) return self.complete(ec, n);
          waited = true;
          socket_.async_wait(tcp::socket::wait_read, std::move(self));
        },
        token, socket_);
  }

 private:
  // false when nothing is there yet
  template <class Buffers>
  bool receive(const Buffers& b, std::size_t& n, error_code& ec) {
    std::array<iovec, 16> iov{};
    std::size_t count = 0;
    for (auto it = net::buffer_sequence_begin(b); it != net::buffer_sequence_end(b); ++it) {
      const net::mutable_buffer part = *it;
      if (part.size() > 0 && count < iov.size()) iov[count++] = {part.data(), part.size()};
    }
    if (count == 0) return true;
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
    msghdr message{};
    message.msg_iov = iov.data();
    message.msg_iovlen = count;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    const ssize_t got = ::recvmsg(socket_.native_handle(), &message, MSG_DONTWAIT);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
    if (got < 0) ec = error_code(errno, boost::system::system_category());
    if (got == 0) ec = net::error::eof;
    if (got <= 0) return true;
    arrival_ = {};  // none, or cut off: the measurement's check fails
    cmsghdr* first = (message.msg_flags & MSG_CTRUNC) ? nullptr : CMSG_FIRSTHDR(&message);
    for (cmsghdr* c = first; c; c = CMSG_NXTHDR(&message, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
      timespec at{};
      std::memcpy(&at, CMSG_DATA(c), sizeof at);
      const auto ago =
          std::chrono::system_clock::now() -
          std::chrono::system_clock::time_point(
              std::chrono::duration_cast<std::chrono::system_clock::duration>(
                  std::chrono::seconds(at.tv_sec) + std::chrono::nanoseconds(at.tv_nsec)));
      arrival_ = bench_clock::now() - std::chrono::duration_cast<bench_clock::duration>(ago);
    }
    n = static_cast<std::size_t>(got);
    return true;
  }

  tcp::socket socket_;
  bench_clock::time_point arrival_;
};

tcp::endpoint endpoint_of(const testing::server_process& server) {
  return {net::ip::make_address(server.host()),
          static_cast<unsigned short>(std::stoi(server.port()))};
}

template <class Handler>
void async_teardown(boost::beast::role_type role, stamped_socket& s, Handler&& handler) {
  websocket::async_teardown(role, s.next_layer(), std::forward<Handler>(handler));
}

}  // namespace

struct bench_clients::stamped {
  peer listener;
  websocket::stream<stamped_socket> ws;
  boost::beast::flat_buffer buffer;
  client::frame_filter decode_if;
  explicit stamped(net::io_context& ioc) : ws(ioc) {}
};

void peer::send(protocol::request_params params) {
  if (!conn) throw std::logic_error("a stamped peer only listens");
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
  std::vector<peer*> all;
  for (auto& p : peers_) all.push_back(p.get());
  for (auto& s : stamped_) all.push_back(&s->listener);
  for (peer* p : all) {  // they may point at a measurement's state, gone by now
    p->on_reply = nullptr;
    p->on_event = nullptr;
    p->on_frame = nullptr;
  }
  stop_following();
  if (stamped_thread_.joinable()) {
    net::post(stamped_ioc_, [this] {
      for (auto& s : stamped_) {
        error_code ignored;
        s->ws.next_layer().next_layer().close(ignored);  // its read ends
      }
      stamped_work_.reset();
    });
    stamped_thread_.join();
  }
  for (auto& p : peers_) p->conn->close();
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

std::vector<peer*> bench_clients::connect_stamped(int n, const protocol::hello& hello,
                                                  const client::frame_filter& decode_if) {
  const auto to = endpoint_of(server_);
  const auto said = std::make_shared<const std::string>(
      protocol::encode(protocol::request{1, std::nullopt, hello}));
  std::vector<peer*> added;
  for (int i = 0; i < n; ++i) {
    auto& s = *stamped_.emplace_back(std::make_unique<stamped>(stamped_ioc_));
    s.decode_if = decode_if;
    s.ws.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
      req.set(boost::beast::http::field::sec_websocket_protocol, protocol::subprotocol);
    }));
    s.ws.text(true);
    s.ws.next_layer().next_layer().async_connect(to, [this, &s, said](error_code ec) {
      auto& socket = s.ws.next_layer().next_layer();
      const int on = 1;
      if (!ec) socket.set_option(tcp::no_delay(true), ec);
      if (!ec && ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on))
        ec = error_code(errno, boost::system::system_category());
      if (ec) return fail_later("stamped connection: " + ec.message());
      s.ws.async_handshake(
          server_.host() + ":" + server_.port(), "/ws", [this, &s, said](error_code ec) {
            if (ec) return fail_later("stamped handshake: " + ec.message());
            s.ws.async_write(net::buffer(*said), [this, &s, said](error_code ec, std::size_t) {
              if (ec) return fail_later("stamped hello: " + ec.message());
              read(s);
            });
          });
    });
    added.push_back(&s.listener);
  }
  if (!stamped_thread_.joinable()) stamped_thread_ = std::thread([this] { stamped_ioc_.run(); });
  run_until([&] { return std::ranges::all_of(added, &peer::ready); }, 30s, "hello");
  return added;
}

void bench_clients::read(stamped& s) {
  s.ws.async_read(s.buffer, [this, &s](error_code ec, std::size_t) {
    if (ec) return fail_later("stamped connection closed: " + ec.message());
    net::post(ioc_, [this, &s, arrived = s.ws.next_layer().arrival(),
                     text = boost::beast::buffers_to_string(s.buffer.data())] {
      take(s, text, arrived);
    });
    s.buffer.consume(s.buffer.size());
    read(s);
  });
}

// As a client::connection hands its frames to a peer (add).
void bench_clients::take(stamped& s, std::string_view text, bench_clock::time_point arrived) {
  peer& p = s.listener;
  p.arrived = arrived;
  ++p.frames;
  if (p.on_frame) p.on_frame(p, text);
  if (p.ready && s.decode_if && !s.decode_if(text)) return;
  auto decoded = protocol::decode_server_message(text);
  auto* message = std::get_if<protocol::server_message>(&decoded);
  if (!message) return;
  if (auto* reply = std::get_if<protocol::reply>(message))
    answer(p, *reply);
  else
    hear(p, std::get<protocol::event>(*message));
}

void bench_clients::answer(peer& p, const protocol::reply& r) {
  if (p.ready) {
    if (p.on_reply) p.on_reply(p, r);
  } else if (r.ok()) {
    p.ready = true;
  } else {
    fail("hello: " + describe(r));
  }
}

void bench_clients::fail_later(std::string why) {
  net::post(ioc_, [this, why = std::move(why)]() mutable {
    if (!closing_) fail(std::move(why));
  });
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
  const auto to = endpoint_of(server_);
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
  h.on_reply = [this, p](const protocol::reply& r) { answer(*p, r); };
  h.on_event = [p](const protocol::event& e) { hear(*p, e); };
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
