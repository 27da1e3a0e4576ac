#include "tests/support/raw_peer.hpp"

#include <array>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>

namespace motcua::testing {

namespace asio = boost::asio;
namespace websocket = beast::websocket;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using std::chrono::steady_clock;

namespace {

constexpr std::string_view subprotocol = "motcua.v1";

tcp::endpoint endpoint_of(const server_process& server) {
  return {asio::ip::make_address(server.host()),
          static_cast<unsigned short>(std::stoi(server.port()))};
}

// Opens `socket` bound to `source` (any port).
void open_from(tcp::socket& socket, const std::string& source) {
  socket.open(tcp::v4());
  socket.bind({asio::ip::make_address(source), 0});
}

}  // namespace

raw_peer::raw_peer(const server_process& server, upgrade_options options, milliseconds timeout)
    : ws_(ioc_) {
  ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::pong) ++pongs_;
  });
  auto& socket = beast::get_lowest_layer(ws_).socket();
  open_from(socket, options.source);
  bool done = false;
  beast::error_code result;
  socket.async_connect(endpoint_of(server), [&](beast::error_code ec) {
    result = ec;
    done = true;
  });
  run(done, timeout, "connect");
  if (result) throw std::runtime_error("raw peer: connect: " + result.message());
  ws_.set_option(websocket::stream_base::decorator([options](websocket::request_type& req) {
    if (options.subprotocol) req.set(http::field::sec_websocket_protocol, subprotocol);
    if (options.origin) req.set(http::field::origin, *options.origin);
  }));
  done = false;
  ws_.async_handshake(response_, server.host() + ":" + server.port(), "/ws",
                      [&](beast::error_code ec) {
                        result = ec;
                        done = true;
                      });
  run(done, timeout, "upgrade");
  if (result && result != websocket::error::upgrade_declined)
    throw std::runtime_error("raw peer: upgrade: " + result.message());
}

void raw_peer::run(const bool& done, milliseconds timeout, const char* what) {
  ioc_.restart();
  const auto deadline = steady_clock::now() + timeout;
  while (!done && ioc_.run_one_until(deadline) > 0) {
  }
  if (done) return;
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);  // the pending operation ends
  ioc_.restart();
  while (!done && ioc_.run_one() > 0) {
  }
  throw std::runtime_error(std::string("raw peer: ") + what + ": timed out");
}

void raw_peer::send_text(const std::string& bytes) { send(bytes, true); }

void raw_peer::send_binary(const std::string& bytes) { send(bytes, false); }

void raw_peer::send(const std::string& bytes, bool text) {
  ws_.text(text);
  bool done = false;
  beast::error_code result;
  ws_.async_write(asio::buffer(bytes), [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  run(done, milliseconds(5000), "write");
  if (result) throw std::runtime_error("raw peer: write: " + result.message());
}

void raw_peer::ping() {
  bool done = false;
  beast::error_code result;
  ws_.async_ping({}, [&](beast::error_code ec) {
    result = ec;
    done = true;
  });
  run(done, milliseconds(5000), "ping");
  if (result) throw std::runtime_error("raw peer: ping: " + result.message());
}

std::optional<std::string> raw_peer::read(milliseconds timeout) {
  bool done = false;
  beast::error_code result;
  ws_.async_read(buffer_, [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  run(done, timeout, "read");
  if (result) {
    if (result == websocket::error::closed) close_code_ = ws_.reason().code;
    return std::nullopt;
  }
  std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  return text;
}

bool raw_peer::ignore_until_cut(milliseconds timeout) {
  auto& socket = beast::get_lowest_layer(ws_).socket();
  bool cut = false;
  std::array<char, 4096> scratch{};
  std::function<void()> next = [&] {
    socket.async_read_some(asio::buffer(scratch), [&](beast::error_code ec, std::size_t) {
      if (ec)
        cut = true;
      else
        next();
    });
  };
  next();
  try {
    run(cut, timeout, "ignore");
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

struct crowd::member {
  explicit member(asio::io_context& ioc) : ws(ioc) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::array<char, 512> scratch{};
};

crowd::crowd(const server_process& server, std::string source, int count, kind k)
    : kind_(k), host_(server.host()), port_(server.port()), source_(std::move(source)) {
  for (int i = 0; i < count; ++i) members_.push_back(std::make_unique<member>(ioc_));
  for (auto& m : members_) asio::post(ioc_, [this, &m = *m] { start(m); });
  thread_ = std::thread([this] { ioc_.run(); });
}

crowd::~crowd() {
  ioc_.stop();
  thread_.join();
  members_.clear();  // closes the sockets
}

void crowd::start(member& m) {
  auto& socket = beast::get_lowest_layer(m.ws).socket();
  try {
    open_from(socket, source_);
  } catch (const std::exception&) {
    return end(m, false);
  }
  tcp::endpoint to(asio::ip::make_address(host_), static_cast<unsigned short>(std::stoi(port_)));
  socket.async_connect(to, [this, &m](beast::error_code ec) {
    if (ec) return end(m, false);
    if (kind_ == kind::tcp) {
      count_open();
      return read(m);
    }
    m.ws.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
      req.set(http::field::sec_websocket_protocol, subprotocol);
    }));
    m.ws.async_handshake(host_ + ":" + port_, "/ws", [this, &m](beast::error_code ec) {
      if (ec) return end(m, false);
      count_open();
      read(m);
    });
  });
}

void crowd::read(member& m) {
  if (kind_ == kind::tcp) {
    beast::get_lowest_layer(m.ws).socket().async_read_some(
        asio::buffer(m.scratch), [this, &m](beast::error_code ec, std::size_t) {
          if (ec) return end(m, true);
          read(m);
        });
    return;
  }
  m.ws.async_read(m.buffer, [this, &m](beast::error_code ec, std::size_t) {
    if (ec) return end(m, true);
    m.buffer.consume(m.buffer.size());
    read(m);
  });
}

void crowd::count_open() {
  {
    std::lock_guard lock(mutex_);
    ++opened_;
  }
  changed_.notify_all();
}

void crowd::end(member&, bool was_open) {
  {
    std::lock_guard lock(mutex_);
    ++ended_;
    if (was_open) ++closed_after_open_;
  }
  changed_.notify_all();
}

bool crowd::wait_for(const std::function<bool()>& done, milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, done);
}

bool crowd::wait_opened(int count, milliseconds timeout) {
  return wait_for([&] { return opened_ >= count; }, timeout);
}

bool crowd::wait_ended(int count, milliseconds timeout) {
  return wait_for([&] { return ended_ >= count; }, timeout);
}

std::chrono::milliseconds cpu_time(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  long ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)  // fields 14 and 15: utime, stime
    if (i >= 14) ticks += std::stol(field);
  return std::chrono::milliseconds(ticks * 1000 / sysconf(_SC_CLK_TCK));
}

long resident_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

}  // namespace motcua::testing
