#include "hub/net/server.hpp"

#include <spdlog/spdlog.h>

#include <thread>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "hub/net/desk.hpp"

#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::hub::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

constexpr auto request_time = std::chrono::seconds(30);
// The contract's frame limit: a larger frame closes the connection with 1009.
constexpr std::size_t max_frame = 64 * 1024;
constexpr std::string_view subprotocol = "motcua.v1";

// A province manager's dashboard on /ws: reads a frame, answers it (desk.hpp), and again. It
// counts in the session cap like any connection, and in the dashboards' own; it is closed when
// it has not logged in within hello_time.
class ws_session : public std::enable_shared_from_this<ws_session> {
 public:
  ws_session(tls::stream stream, desk_services& desk, std::atomic<int>& sessions,
             std::atomic<int>& dashboards)
      : ws_(std::move(stream)),
        hello_deadline_(ws_.get_executor()),
        desk_(desk),
        sessions_(sessions),
        dashboards_(dashboards) {
    ++sessions_;
    ++dashboards_;
    beast::error_code ec;
    const auto peer = beast::get_lowest_layer(ws_).socket().remote_endpoint(ec);
    if (!ec) session_.address = peer.address().to_string();
  }
  ~ws_session() {
    --sessions_;
    --dashboards_;
  }
  ws_session(const ws_session&) = delete;
  ws_session& operator=(const ws_session&) = delete;

  void run(const request& req) {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(max_frame);
    const bool offered =
        std::string_view(req[http::field::sec_websocket_protocol]).find(subprotocol) !=
        std::string_view::npos;
    ws_.set_option(websocket::stream_base::decorator([offered](websocket::response_type& res) {
      if (offered) res.set(http::field::sec_websocket_protocol, subprotocol);
    }));
    hello_deadline_.expires_after(hello_time);
    hello_deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && !self->session_.who) beast::get_lowest_layer(self->ws_).close();
    });
    ws_.async_accept(req, [self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->read();
    });
  }

 private:
  void read() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec) self->on_frame();
    });
  }

  void on_frame() {
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    // The contract's frames are text: a binary one is answered like malformed JSON.
    auto answer = answer_frame(ws_.got_text() ? beast::buffers_to_string(in_.data()) : "", session_,
                               desk_, now);
    in_.consume(in_.size());
    if (session_.who) hello_deadline_.cancel();
    out_ = std::move(answer.frame);
    ws_.text(true);
    ws_.async_write(asio::buffer(out_), [self = shared_from_this(), close = answer.close](
                                            beast::error_code ec, std::size_t) {
      if (ec) return;
      if (!close) return self->read();
      self->ws_.async_close(websocket::close_code::policy_error, [self](beast::error_code) {});
    });
  }

  websocket::stream<tls::stream> ws_;
  asio::steady_timer hello_deadline_;
  beast::flat_buffer in_;
  std::string out_;
  desk_services& desk_;
  std::atomic<int>& sessions_;
  std::atomic<int>& dashboards_;
  desk_session session_;
};

// One connection: reads a request, answers it, and again while the client keeps it alive.
class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, asio::ssl::context* tls, store_pool& stores, hub_metrics& metrics,
          desk_services& desk, std::atomic<int>& sessions, std::atomic<int>& dashboards)
      : stream_(beast::tcp_stream(std::move(socket)), tls),
        stores_(stores),
        metrics_(metrics),
        desk_(desk),
        sessions_(sessions),
        dashboards_(dashboards) {
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
    if (websocket::is_upgrade(req) && req.target() == "/ws") {
      if (dashboards_ >= max_dashboards) return close();
      return std::make_shared<ws_session>(std::move(stream_), desk_, sessions_, dashboards_)
          ->run(req);
    }
    write(answer(req), req.keep_alive());
  }

  response answer(const request& req) noexcept {
    try {
      return stores_.run([&](store_pool::lease& l) {
        return handle(req, l.store(), metrics_, std::chrono::system_clock::now());
      });
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
  desk_services& desk_;
  std::atomic<int>& sessions_;
  std::atomic<int>& dashboards_;
};

}  // namespace

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
  acceptor_.async_accept(asio::make_strand(context_),
                         [this](beast::error_code ec, tcp::socket socket) {
                           if (ec == asio::error::operation_aborted) return;
                           // Past the cap a connection is closed at once: each may buffer a push of
                           // max_body bytes.
                           if (!ec && sessions_ < max_sessions)
                             std::make_shared<session>(std::move(socket), tls_, stores_, metrics_,
                                                       desk_, sessions_, dashboards_)
                                 ->run();
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
