#include "hub/net/server.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "hub/net/desk.hpp"
#include "hub/store/pg.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::hub::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// The contract's frame limit: a larger frame closes the connection with 1009.
constexpr std::size_t max_frame = 64 * 1024;
constexpr std::string_view subprotocol = "motcua.v1";

// A province manager's dashboard on /ws: reads a frame, answers it (desk.hpp), and again. It
// keeps the connection's place (the caps in total and per address) and the dashboards' place
// reserved for it; it is closed when it has not logged in within hello_time (a hello on a
// worker then is answered first, and the connection closed after it unless it logged in).
class ws_session : public std::enable_shared_from_this<ws_session> {
 public:
  ws_session(motcua::net::http_session::connection taken, desk_services& desk,
             asio::thread_pool& workers, std::atomic<int>& dashboards)
      : ws_(std::move(taken.stream)),
        place_(std::move(taken.place)),
        hello_deadline_(ws_.get_executor()),
        desk_(desk),
        workers_(workers),
        dashboards_(dashboards) {
    beast::error_code ec;
    const auto peer = beast::get_lowest_layer(ws_).socket().remote_endpoint(ec);
    if (!ec) session_.address = peer.address().to_string();
  }
  ~ws_session() { --dashboards_; }
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
      if (ec || self->logged_in_) return;
      if (self->answering_) {
        self->expired_ = true;  // write() closes after the answer unless it logged in
        return;
      }
      beast::get_lowest_layer(self->ws_).close();
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

  // The frame is answered on a worker (a password's hash, PostgreSQL's figures), never on the
  // network thread; the next is read once the answer is written. session_ is only touched by
  // that one job at a time.
  void on_frame() {
    // The contract's frames are text: a binary one is answered like malformed JSON.
    auto frame = ws_.got_text() ? beast::buffers_to_string(in_.data()) : std::string();
    in_.consume(in_.size());
    answering_ = true;
    asio::post(workers_, [self = shared_from_this(), strand = ws_.get_executor(),
                          frame = std::move(frame)] {
      std::optional<desk_answer> answer;
      bool logged_in = false;
      try {
        const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
        answer = answer_frame(frame, self->session_, self->desk_, now);
        logged_in = self->session_.who.has_value();
      } catch (...) {  // out of memory, a bug: the connection ends, the hub goes on
        spdlog::error("hub: a dashboard's frame could not be answered; connection closed");
      }
      asio::post(strand, [self, answer = std::move(answer), logged_in]() mutable {
        if (!answer) return beast::get_lowest_layer(self->ws_).close();
        self->write(std::move(*answer), logged_in);
      });
    });
  }

  void write(desk_answer answer, bool logged_in) {
    answering_ = false;
    logged_in_ = logged_in;
    if (logged_in_) hello_deadline_.cancel();
    if (expired_ && !logged_in_) answer.close = true;
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
  motcua::net::admission::place place_;
  asio::steady_timer hello_deadline_;
  beast::flat_buffer in_;
  std::string out_;
  desk_services& desk_;
  asio::thread_pool& workers_;
  std::atomic<int>& dashboards_;
  desk_session session_;    // the workers' (one job at a time)
  bool logged_in_ = false;  // the strand's copy of session_.who
  bool answering_ = false;  // a frame is on a worker
  bool expired_ = false;    // the hello deadline passed meanwhile
};

}  // namespace

// The hub's answers on the connection layer's sessions. What needs PostgreSQL runs on the workers,
// each with one of the pool's connections, and the answer is written back on the session's
// thread: a slow statement (up to statement_timeout) holds one worker, never a network thread
// and the connections that share it. The centres' pushes have workers of their own: a province's
// centres catching up at once (after the hub was down) hold those, never a lookup's worker.
class server::service final : public motcua::net::http_service {
 public:
  service(store_pool& stores, hub_metrics& metrics, desk_services& desk, asio::thread_pool& workers,
          asio::thread_pool& push_workers, int max_dashboards, std::atomic<int>& dashboards)
      : http_service({std::chrono::seconds(10), max_body}),
        stores_(stores),
        metrics_(metrics),
        desk_(desk),
        workers_(workers),
        push_workers_(push_workers),
        max_dashboards_(max_dashboards),
        dashboards_(dashboards) {}

  void serve(const std::shared_ptr<motcua::net::http_session>& session) override {
    auto& req = session->request();
    if (websocket::is_upgrade(req) && path_of(req) == "/ws") {
      if (dashboards_.fetch_add(1) >= max_dashboards_) {  // a place reserved, or given back
        --dashboards_;
        metrics_.dropped(metrics::drop_reason::capacity);
        return session->write(motcua::net::error(
            req, http::status::service_unavailable, protocol::error_code::limit,
            "Đã đủ số bảng điều hành kết nối; vui lòng thử lại sau.",
            "As many dashboards as the hub takes are connected; please try again later."));
      }
      auto upgrade = std::move(req);
      std::shared_ptr<ws_session> dashboard;
      try {
        dashboard =
            std::make_shared<ws_session>(session->hand_over(), desk_, workers_, dashboards_);
      } catch (...) {
        --dashboards_;
        throw;
      }
      dashboard->run(upgrade);
      return;
    }
    // The session reads nothing more until it has written this answer: the request is the
    // worker's meanwhile. answer() throws nothing; what later() might (memory) ends the
    // connection with the session.
    asio::post(is_push(req) ? push_workers_ : workers_, [this, session] {
      try {
        auto res = answer(session->request());
        session->later(
            [session, res = std::move(res)]() mutable { session->write(std::move(res)); });
      } catch (...) {
      }
    });
  }

  std::string_view failed(const request&) override {
    metrics_.http_failed();
    return "hub";
  }

 private:
  // The route's answer on a lent PostgreSQL connection: 503 when PostgreSQL fails (its SQLSTATE
  // in the log, not its text, which may quote a row); 500, counted, for any other failure.
  response answer(const request& req) noexcept {
    try {
      try {
        return stores_.run([&](store_pool::lease& l) {
          return handle(req, l.store(), metrics_, std::chrono::system_clock::now());
        });
      } catch (const store::pg::error& e) {
        spdlog::error("hub: {} {}: PostgreSQL failed (SQLSTATE {})",
                      std::string(req.method_string()), std::string(req.target()),
                      e.sqlstate().empty() ? "none: the connection" : e.sqlstate());
        return motcua::net::error(req, http::status::service_unavailable,
                                  protocol::error_code::internal, "Trục tỉnh đang gặp sự cố.",
                                  "The hub cannot answer now.");
      } catch (...) {
        metrics_.http_failed();
        spdlog::error("hub: {} {}: handling the request failed; answered 500",
                      std::string(req.method_string()), std::string(req.target()));
        return motcua::net::internal_error(req);
      }
    } catch (...) {  // out of memory even for the error
      return response{http::status::internal_server_error, 11};
    }
  }

  store_pool& stores_;
  hub_metrics& metrics_;
  desk_services& desk_;
  asio::thread_pool& workers_;
  asio::thread_pool& push_workers_;
  const int max_dashboards_;
  std::atomic<int>& dashboards_;
};

namespace {

tcp::endpoint endpoint_of(const std::string& host, const std::string& port) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("cannot listen on " + host + ":" + port + ": " + ec.message());
  return {address, static_cast<unsigned short>(std::stoi(port))};
}

}  // namespace

server::server(const std::string& host, const std::string& port, int threads, connection_caps caps,
               store_pool& stores, asio::ssl::context* tls)
    : desk_{stores, logins_},
      places_({caps.total, caps.per_address}, [this](int delta) { metrics_.connections(delta); }),
      service_(std::make_unique<service>(stores, metrics_, desk_, workers_, push_workers_,
                                         caps.dashboards, dashboards_)),
      port_(endpoint_of(host, port)),
      pool_(network_threads),
      workers_(static_cast<std::size_t>(threads)),
      push_workers_(static_cast<std::size_t>(threads)),
      listener_(std::make_shared<motcua::net::listener>(pool_, port_, places_, metrics_, *service_,
                                                        tls)) {}

server::~server() = default;

void server::run() {
  listener_->run();
  pool_.run();
}

void server::stop() {
  listener_->stop();
  pool_.stop();
  workers_.stop();
  push_workers_.stop();
}

}  // namespace motcua::hub::net
