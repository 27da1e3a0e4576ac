#include "shared/client/blocking_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include "shared/client/connection.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::client {
namespace {

namespace http = beast::http;
namespace json = boost::json;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto tuple = net::as_tuple(net::use_awaitable);

// What the fake server sends back for one text frame (see fake_server).
std::vector<std::string> answer(const std::string& text, std::int64_t& seq) {
  if (text.starts_with("RAW:")) return {text.substr(4)};
  boost::system::error_code ec;
  const json::value request = json::parse(text, ec);
  const json::object* object = ec ? nullptr : request.if_object();
  json::value id = nullptr;
  if (object && object->contains("id")) id = object->at("id");
  if (object && object->contains("type") && object->at("type") == "recall") return {};
  const json::object reply{
      {"type", "reply"}, {"id", id}, {"ok", true}, {"services", json::array{}}};
  const json::object event{{"type", "event"}, {"seq", ++seq}, {"event", "queue_changed"},
                           {"service", 1},    {"waiting", 2}, {"eta_minutes", 3}};
  return {json::serialize(reply), json::serialize(event)};
}

// A stand-in for the server on 127.0.0.1, on its own thread. It accepts `motcua.v1` (echoing it
// unless told not to) and answers each text frame:
//   "BIG..."         close with code 1009;
//   "RAW:text"       send `text` back as is;
//   verb `recall`    nothing (lets a call time out);
//   anything else    an ok reply with the request's id (null if unreadable) and no services,
//                    then a queue_changed event.
// Destroying it drops every connection without a close frame.
class fake_server {
 public:
  explicit fake_server(bool echo_subprotocol = true)
      : acceptor_(ioc_, {net::ip::make_address("127.0.0.1"), 0}),
        port_(std::to_string(acceptor_.local_endpoint().port())),
        echo_subprotocol_(echo_subprotocol) {
    net::co_spawn(ioc_, accept_loop(), net::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~fake_server() {
    ioc_.stop();
    thread_.join();
  }
  const std::string& port() const { return port_; }

 private:
  net::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(tuple);
      if (ec) co_return;
      net::co_spawn(ioc_, session(websocket::stream<beast::tcp_stream>(std::move(socket))),
                    net::detached);
    }
  }

  net::awaitable<void> session(websocket::stream<beast::tcp_stream> ws) {
    if (echo_subprotocol_) {
      ws.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
        res.set(http::field::sec_websocket_protocol, protocol::subprotocol);
      }));
    }
    if (auto [ec] = co_await ws.async_accept(tuple); ec) co_return;
    beast::flat_buffer buffer;
    std::int64_t seq = 0;
    for (;;) {
      auto [ec, bytes] = co_await ws.async_read(buffer, tuple);
      if (ec) co_return;
      const std::string text = beast::buffers_to_string(buffer.data());
      buffer.consume(bytes);
      if (text.starts_with("BIG")) {
        co_await ws.async_close(websocket::close_code::too_big, tuple);
        co_return;
      }
      for (const std::string& frame : answer(text, seq)) {
        co_await ws.async_write(net::buffer(frame), tuple);
      }
    }
  }

  net::io_context ioc_;
  tcp::acceptor acceptor_;
  const std::string port_;
  const bool echo_subprotocol_;
  std::thread thread_;
};

class client_test : public testing::Test {
 protected:
  fake_server server_;
  blocking_client client_{"127.0.0.1", server_.port()};
};

TEST_F(client_test, call_returns_the_reply_and_keeps_the_event) {
  ASSERT_TRUE(client_.connect());
  const protocol::reply reply = client_.call(protocol::list_services{});
  EXPECT_EQ(reply.id, 1);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(std::get<protocol::services_result>(reply.body), protocol::services_result{});

  const auto event = client_.next_event(2s);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->seq, 1);
  EXPECT_EQ(std::get<protocol::queue_changed>(event->body), (protocol::queue_changed{1, 2, 3}));
}

TEST_F(client_test, events_arriving_during_calls_are_kept_in_order) {
  ASSERT_TRUE(client_.connect());
  EXPECT_EQ(client_.call(protocol::list_services{}).id, 1);
  EXPECT_EQ(client_.call(protocol::list_services{}).id, 2);
  const auto first = client_.next_event(2s);
  const auto second = client_.next_event(2s);  // may arrive after the second reply
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(second->seq, 2);
  EXPECT_TRUE(client_.drain_events().empty());
}

TEST_F(client_test, reply_with_null_id_waits_in_the_reply_queue) {
  ASSERT_TRUE(client_.connect());
  client_.send_raw("not json");
  EXPECT_TRUE(client_.call(protocol::list_services{}).ok());
  const auto stray = client_.next_reply(2s);
  ASSERT_TRUE(stray.has_value());
  EXPECT_EQ(stray->id, std::nullopt);
  EXPECT_EQ(client_.next_reply(100ms), std::nullopt);
}

TEST_F(client_test, undecodable_frame_is_counted_and_skipped) {
  ASSERT_TRUE(client_.connect());
  client_.send_raw("RAW:{oops");
  EXPECT_TRUE(client_.call(protocol::list_services{}).ok());
  EXPECT_EQ(client_.undecodable_frames(), 1u);
  EXPECT_TRUE(client_.is_open());
}

TEST_F(client_test, call_without_reply_times_out) {
  ASSERT_TRUE(client_.connect());
  try {
    client_.call(protocol::recall{}, 200ms);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "call recall (id 1): no reply within 200 ms");
  }
}

TEST_F(client_test, server_close_code_is_reported) {
  ASSERT_TRUE(client_.connect());
  client_.send_raw("BIG" + std::string(70 * 1024, 'x'));
  ASSERT_TRUE(client_.wait_closed(5s));
  EXPECT_EQ(client_.close_code(), 1009);
  EXPECT_EQ(client_.close_error(), websocket::error::closed);
  EXPECT_FALSE(client_.is_open());
  EXPECT_THROW(client_.call(protocol::list_services{}), std::runtime_error);
}

TEST_F(client_test, close_is_graceful) {
  ASSERT_TRUE(client_.connect());
  client_.send(protocol::list_services{});
  client_.close();
  ASSERT_TRUE(client_.wait_closed(5s));
  EXPECT_EQ(client_.close_code(), 1000);
  EXPECT_EQ(client_.close_error(), websocket::error::closed);
}

TEST_F(client_test, frames_sent_before_open_go_out_once_open) {
  client_.send(protocol::list_services{});
  ASSERT_TRUE(client_.connect());
  EXPECT_TRUE(client_.next_reply(2s).has_value());
}

TEST(client, server_gone_is_reported_and_destructor_returns) {
  auto server = std::make_unique<fake_server>();
  blocking_client client("127.0.0.1", server->port());
  ASSERT_TRUE(client.connect());
  server.reset();
  ASSERT_TRUE(client.wait_closed(5s));
  EXPECT_EQ(client.close_code(), 0);
}

TEST(client, connecting_to_a_closed_port_fails_quickly) {
  net::io_context ioc;
  tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), 0});
  const std::string port = std::to_string(acceptor.local_endpoint().port());
  acceptor.close();

  blocking_client client("127.0.0.1", port);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(client.connect(5s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(client.close_error(), net::error::connection_refused);
}

TEST(client, server_without_the_subprotocol_is_refused) {
  fake_server server(/*echo_subprotocol=*/false);
  blocking_client client("127.0.0.1", server.port());
  EXPECT_FALSE(client.connect());
  EXPECT_EQ(client.close_error(), boost::system::errc::protocol_not_supported);
}

// The load program's shape: many connections on one thread.
TEST(client, many_connections_share_one_thread) {
  constexpr int count = 100;
  fake_server server;
  net::io_context ioc;
  int replies = 0;
  int normal_closes = 0;
  std::vector<std::shared_ptr<connection>> connections(count);
  for (auto& c : connections) {
    c = connection::create(
        ioc.get_executor(),
        {.on_open = [&c] { c->send(protocol::list_services{}); },
         .on_reply =
             [&c, &replies](const protocol::reply& r) {
               replies += r.ok();
               c->close();
             },
         .on_event = {},
         .on_raw = {},
         .decode_if = {},
         .on_close = [&](beast::error_code, int code) { normal_closes += code == 1000; }});
    c->connect("127.0.0.1", server.port());
  }
  ioc.run_for(10s);
  EXPECT_EQ(replies, count);
  EXPECT_EQ(normal_closes, count);
}

// decode_if: a refused frame reaches on_raw only; an accepted one is decoded as before. The
// fake server answers list_services with a reply, then a queue_changed event.
struct decoded_frames {
  int raws = 0, replies = 0, events = 0, closes = 0;
  std::uint64_t undecodable = 0;
  bool operator==(const decoded_frames&) const = default;
};
decoded_frames list_services_decoding_if(std::string_view accepted) {
  fake_server server;
  net::io_context ioc;
  decoded_frames seen;
  std::shared_ptr<connection> c;
  c = connection::create(ioc.get_executor(),
                         {.on_open = [&c] { c->send(protocol::list_services{}); },
                          .on_reply = [&seen](const protocol::reply&) { ++seen.replies; },
                          .on_event = [&seen](const protocol::event&) { ++seen.events; },
                          .on_raw =
                              [&](std::string_view) {
                                if (++seen.raws == 2) c->close();
                              },
                          .decode_if =
                              [accepted](std::string_view text) {
                                return text.find(accepted) != std::string_view::npos;
                              },
                          .on_close = [&seen](beast::error_code, int) { ++seen.closes; }});
  c->connect("127.0.0.1", server.port());
  ioc.run_for(10s);
  seen.undecodable = c->undecodable_frames();
  return seen;
}

TEST(client, frames_refused_by_decode_if_are_not_decoded) {
  // Both frames reach on_raw, one is decoded, the connection closes once, nothing undecodable.
  EXPECT_EQ(list_services_decoding_if(R"("type":"reply")"), (decoded_frames{2, 1, 0, 1, 0}));
  EXPECT_EQ(list_services_decoding_if(R"("type":"event")"), (decoded_frames{2, 0, 1, 1, 0}));
}

TEST(client, parse_endpoint) {
  const auto full = parse_endpoint("ws://127.0.0.1:8080/ws");
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->host, "127.0.0.1");
  EXPECT_EQ(full->port, "8080");
  EXPECT_EQ(full->target, "/ws");
  EXPECT_FALSE(full->tls);

  const auto bare = parse_endpoint("localhost:0");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->host, "localhost");
  EXPECT_EQ(bare->port, "0");
  EXPECT_EQ(bare->target, "/ws");

  const auto v6 = parse_endpoint("ws://[::1]:9000/other");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->target, "/other");

  const auto secure = parse_endpoint("wss://host:443/ws");
  ASSERT_TRUE(secure.has_value());
  EXPECT_EQ(secure->host, "host");
  EXPECT_EQ(secure->port, "443");
  EXPECT_TRUE(secure->tls);
  EXPECT_TRUE(parse_endpoint("https://host:8443")->tls);
  EXPECT_FALSE(parse_endpoint("http://host:8080")->tls);

  EXPECT_FALSE(parse_endpoint("localhost").has_value());
  EXPECT_FALSE(parse_endpoint("ftp://host:21").has_value());
  EXPECT_FALSE(parse_endpoint("host:80x").has_value());
  EXPECT_FALSE(parse_endpoint("::1:80").has_value());
}

}  // namespace
}  // namespace motcua::client
