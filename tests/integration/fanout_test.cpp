// Events fanned out to many connections: each event is serialised once and the same frames go
// to every connection, many in one write (server/net/text_frames.hpp lets the session's writes
// and Beast's control frames take turns). Every connection gets every event once, in order,
// byte for byte the same; pings sent meanwhile are answered and never split a frame.
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "shared/protocol/codec.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/raw_peer.hpp"

namespace motcua::testing {
namespace {

constexpr int kiosks = 4;
constexpr int tickets_per_kiosk = 25;
constexpr int tickets = kiosks * tickets_per_kiosk;

class fanout_test : public server_test {
 protected:
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
  for (int i = 0; i < 24; ++i) displays.push_back(display());
  take_many_at_once();

  const auto first = events_of(*displays[0]);
  // ticket_issued and queue_changed for each, but the last queue_changed
  ASSERT_GE(first.size(), static_cast<std::size_t>(2 * tickets - 1));
  for (std::size_t i = 1; i < first.size(); ++i)
    EXPECT_EQ(first[i].seq, first[i - 1].seq + 1) << "a gap or a repeat at " << i;
  for (std::size_t i = 1; i < displays.size(); ++i)
    EXPECT_EQ(events_of(*displays[i]), first) << "display " << i;
}

TEST_F(fanout_test, PingsDuringAFloodOfEventsAreAnsweredBetweenWholeFrames) {
  raw_peer peer(server());
  peer.send_text(R"({"type":"hello","id":1,"device_token":"demo-display"})");
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

}  // namespace
}  // namespace motcua::testing
