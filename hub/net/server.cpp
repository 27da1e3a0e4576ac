#include "hub/net/server.hpp"

#include <spdlog/spdlog.h>

#include <thread>

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::hub::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr auto request_time = std::chrono::seconds(30);

// One connection: reads a request, answers it, and again while the client keeps it alive.
class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, asio::ssl::context* tls, store_pool& stores, hub_metrics& metrics,
          std::atomic<int>& sessions)
      : stream_(beast::tcp_stream(std::move(socket)), tls),
        stores_(stores),
        metrics_(metrics),
        sessions_(sessions) {
    ++sessions_;
  }
  ~session() { --sessions_; }
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  void run() {
    if (!stream_.is_tls()) return read();
    stream_.expires_after(request_time);
    stream_.async_handshake(asio::ssl::stream_base::server,
                            [self = shared_from_this()](beast::error_code ec) {
                              if (!ec) self->read();
                            });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(8 * 1024);
    parser_->body_limit(max_body);
    stream_.expires_after(request_time);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      request req;
      return write(failure(req, http::status::payload_too_large, "Yêu cầu quá lớn.",
                           "The request is too large."),
                   false);
    }
    if (ec) return close();
    auto req = parser_->release();
    write(answer(req), req.keep_alive());
  }

  response answer(const request& req) noexcept {
    try {
      auto lease = stores_.borrow();
      try {
        return handle(req, lease.store(), metrics_, std::chrono::system_clock::now());
      } catch (const store::pg::error& e) {
        if (e.sqlstate().empty() || e.sqlstate().starts_with("08")) lease.broken();
        throw;
      }
    } catch (const std::exception& e) {
      spdlog::error("hub: {} {}: {}", std::string(req.method_string()), std::string(req.target()),
                    e.what());
      return failure(req, http::status::service_unavailable, "Trục tỉnh đang gặp sự cố.",
                     "The hub cannot answer now.");
    }
  }

  static response failure(const request& req, http::status status, std::string_view vi,
                          std::string_view en) {
    response res{status, req.version() ? req.version() : 11};
    res.set(http::field::content_type, "application/json");
    res.body() = protocol::encode_http_error(
        protocol::make_error(protocol::error_code::internal, vi, en, false));
    res.prepare_payload();
    return res;
  }

  void write(response res, bool keep_alive) {
    res.keep_alive(keep_alive);
    response_ = std::make_shared<response>(std::move(res));
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  tls::stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<response> response_;
  store_pool& stores_;
  hub_metrics& metrics_;
  std::atomic<int>& sessions_;
};

}  // namespace

store_pool::store_pool(const std::string& conninfo, int size) : conninfo_(conninfo), places_(size) {
  for (int i = 0; i < size; ++i) members_.push_back(std::make_unique<member>(conninfo));
}

store_pool::lease store_pool::borrow() {
  std::unique_ptr<member> m;
  {
    std::unique_lock lock(mutex_);
    free_.wait(lock, [this] { return places_ > 0; });
    --places_;
    if (!members_.empty()) {
      m = std::move(members_.back());
      members_.pop_back();
    }
  }
  // A place whose connection failed earlier connects again now (throwing while PostgreSQL is
  // down: the place goes back empty).
  try {
    if (!m) m = std::make_unique<member>(conninfo_);
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      ++places_;
    }
    free_.notify_one();
    throw;
  }
  return lease(*this, std::move(m));
}

store_pool::lease::~lease() {
  {
    std::lock_guard lock(pool_.mutex_);
    if (member_ && !broken_) pool_.members_.push_back(std::move(member_));
    ++pool_.places_;
  }
  pool_.free_.notify_one();
}

server::server(const std::string& host, const std::string& port, int threads, store_pool& stores,
               asio::ssl::context* tls)
    : threads_(threads), stores_(stores), tls_(tls), acceptor_(asio::make_strand(context_)) {
  boost::system::error_code ec;
  const tcp::endpoint endpoint{asio::ip::make_address(host, ec),
                               static_cast<unsigned short>(std::stoi(port))};
  if (!ec) acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + host + ":" + port + ": " + ec.message());
}

void server::accept() {
  acceptor_.async_accept(
      asio::make_strand(context_), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted) return;
        // Past the cap a connection is closed at once: each may buffer a push of max_body bytes.
        if (!ec && sessions_ < max_sessions)
          std::make_shared<session>(std::move(socket), tls_, stores_, metrics_, sessions_)->run();
        accept();
      });
}

void server::run() {
  accept();
  std::vector<std::thread> others;
  for (int i = 1; i < threads_; ++i) others.emplace_back([this] { context_.run(); });
  context_.run();
  for (auto& t : others) t.join();
}

void server::stop() { context_.stop(); }

}  // namespace motcua::hub::net
