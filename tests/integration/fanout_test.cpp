// Events fanned out to many connections: each event is serialised once and the same frames go
// to every connection, many in one write (server/net/text_frames.hpp lets the session's writes
// and Beast's control frames take turns). Every connection gets every event of its topics once, in
// order, byte for byte the same; pings sent meanwhile are answered and never split a frame.
#include <chrono>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "shared/protocol/codec.hpp"
#include "shared/protocol/topics.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/raw_peer.hpp"

namespace motcua::testing {
namespace {

constexpr int kiosks = 4;
constexpr int tickets_per_kiosk = 25;
constexpr int tickets = kiosks * tickets_per_kiosk;

// Displays that also ask for each ticket issued, so that every ticket reaches each of them.
const std::vector<std::string> flood_topics{"tickets/*", "queue/*"};
constexpr auto flood_hello =
    R"({"type":"hello","id":1,"device_token":"demo-display","topics":["tickets/*","queue/*"]})";

class fanout_test : public server_test {
 protected:
  // Each queue change its own event (not coalesced): the most events per ticket.
  fanout_test() { start_demo_with(R"({"queue_changed_interval_ms": 0})"); }

  // Every kiosk sends all its take_ticket at once, so batches hold many tickets and each
  // connection gets many events in one delivery; then each kiosk waits for its replies.
  void take_many_at_once() {
    std::vector<client_ptr> ks;
    for (int k = 0; k < kiosks; ++k) ks.push_back(kiosk());
    for (int k = 0; k < kiosks; ++k)
      for (int t = 0; t < tickets_per_kiosk; ++t) {
        protocol::take_ticket r;
        r.service = 1 + t % 4;
        r.request_key = std::to_string(k) + "-" + std::to_string(t);
        ks[k]->send(r);
      }
    for (auto& k : ks)
      for (int t = 0; t < tickets_per_kiosk; ++t) {
        auto reply = k->next_reply();
        ASSERT_TRUE(reply);
        result_of<protocol::ticket_result>(*reply);
      }
  }
};

// A client frame (masked, as RFC 6455 requires of clients; the key 0 keeps the bytes as they
// are) with `opcode` and `payload` under 126 bytes.
std::string client_frame(std::uint8_t opcode, const std::string& payload) {
  std::string f;
  f.push_back(static_cast<char>(0x80 | opcode));
  f.push_back(static_cast<char>(0x80 | payload.size()));
  f.append(4, '\0');
  return f + payload;
}

// The opcodes of the server's frames in `bytes`, in order (headers read, payloads skipped).
std::vector<int> opcodes_in(const std::string& bytes) {
  std::vector<int> out;
  std::size_t at = 0;
  while (at + 2 <= bytes.size()) {
    auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[at + i]); };
    std::uint64_t size = byte(1) & 0x7f;
    std::size_t header = 2;
    if (size == 126) {
      size = (std::uint64_t{byte(2)} << 8) | byte(3);
      header = 4;
    } else if (size == 127) {
      size = 0;
      for (int i = 2; i < 10; ++i) size = (size << 8) | byte(i);
      header = 10;
    }
    out.push_back(byte(0) & 0x0f);
    at += header + size;
  }
  return out;
}

// The events a connection got up to the last ticket_issued, in arrival order.
std::vector<protocol::event> events_of(client::blocking_client& c) {
  std::vector<protocol::event> out;
  for (int issued = 0; issued < tickets;) {
    auto e = c.next_event();
    if (!e) throw std::runtime_error("events stopped after " + std::to_string(issued) + " tickets");
    if (body_as<protocol::ticket_issued>(*e)) ++issued;
    out.push_back(std::move(*e));
  }
  return out;
}

TEST_F(fanout_test, EveryConnectionGetsTheSameEventsOnceInOrder) {
  std::vector<client_ptr> displays;
  for (int i = 0; i < 24; ++i) {
    displays.push_back(connect());
    hello_device(*displays.back(), "demo-display", {}, flood_topics);
  }
  take_many_at_once();

  const auto first = events_of(*displays[0]);
  // ticket_issued and queue_changed for each, but the last queue_changed
  ASSERT_GE(first.size(), static_cast<std::size_t>(2 * tickets - 1));
  std::map<std::string, std::int64_t> topic_seqs;
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (i > 0) {
      EXPECT_GT(first[i].seq, first[i - 1].seq) << "out of order at " << i;
    }
    auto& last = topic_seqs[protocol::to_string(protocol::topic_of(first[i].body))];
    if (last > 0) {
      EXPECT_EQ(first[i].topic_seq, last + 1) << "a gap or a repeat at " << i;
    }
    last = first[i].topic_seq;
  }
  for (std::size_t i = 1; i < displays.size(); ++i)
    EXPECT_EQ(events_of(*displays[i]), first) << "display " << i;
}

TEST_F(fanout_test, PingsDuringAFloodOfEventsAreAnsweredBetweenWholeFrames) {
  raw_peer peer(server());
  peer.send_text(flood_hello);
  ASSERT_TRUE(peer.read());  // the hello's reply
  std::thread load([&] { take_many_at_once(); });
  constexpr int pings = 20;
  int issued = 0, sent = 0;
  while (issued < tickets) {
    if (sent < pings) {
      peer.ping();
      ++sent;
    }
    auto text = peer.read();  // Beast fails the read on a malformed or interleaved frame
    ASSERT_TRUE(text) << "closed after " << issued << " tickets";
    auto message = protocol::decode_server_message(*text);
    ASSERT_TRUE(std::holds_alternative<protocol::server_message>(message)) << *text;
    const auto* e = std::get_if<protocol::event>(&std::get<protocol::server_message>(message));
    if (e && body_as<protocol::ticket_issued>(*e)) ++issued;
  }
  load.join();
  // A malformed frame's reply comes after the pongs to the pings sent before it.
  peer.send_text("{");
  for (;;) {
    auto text = peer.read();
    ASSERT_TRUE(text);
    if (text->find("bad_request") != std::string::npos) break;
  }
  EXPECT_EQ(peer.pongs(), pings);
}

// A client that closes while its events pour in gets Beast's close frame last: no frame of the
// session's queue may follow it (RFC 6455 5.5.1). Read as raw bytes, frame by frame.
TEST_F(fanout_test, NoFrameFollowsTheCloseFrameWhenTheClientClosesDuringAFlood) {
  namespace net = boost::asio;
  net::io_context io;
  net::ip::tcp::socket socket(io);
  net::connect(socket, net::ip::tcp::resolver(io).resolve(server().host(), server().port()));
  net::write(socket, net::buffer("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                 "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                 "Sec-WebSocket-Protocol: motcua.v1\r\n\r\n"));
  std::string bytes;
  auto headers_end = net::read_until(socket, net::dynamic_buffer(bytes), "\r\n\r\n");
  ASSERT_NE(bytes.find(" 101 "), std::string::npos) << bytes;
  bytes.erase(0, headers_end);
  net::write(socket, net::buffer(client_frame(1, flood_hello)));
  std::thread load([&] { take_many_at_once(); });
  // Some events first, then the close while more are queued and written.
  while (bytes.size() < 4000) {
    char chunk[1024];
    bytes.append(chunk, socket.read_some(net::buffer(chunk)));
  }
  net::write(socket, net::buffer(client_frame(8, std::string("\x03\xe8", 2))));  // 1000
  boost::system::error_code ec;
  net::read(socket, net::dynamic_buffer(bytes), ec);  // until the server ends the connection
  load.join();
  const auto opcodes = opcodes_in(bytes);
  ASSERT_FALSE(opcodes.empty());
  EXPECT_EQ(opcodes.back(), 8) << "the last frame is not the close frame";
  int closes = 0;
  for (int op : opcodes) closes += op == 8;
  EXPECT_EQ(closes, 1);
}

}  // namespace
}  // namespace motcua::testing
