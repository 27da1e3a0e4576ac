// The GUI clients' live link against the real server: it logs in by itself, delivers replies
// and events through its inbox, refuses to send while offline, and when the server dies and
// comes back on the same port and database, reconnects and resynchronises with `since`
// without losing or repeating an event.
#include "shared/client/live_link.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/integration/server_test.hpp"
#include "tests/support/link_reader.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;
using client::inbox_item;
using client::link_state;
using client::link_status;

auto status_is(link_state s) {
  return [s](const inbox_item& item) {
    const auto* status = std::get_if<link_status>(&item);
    return status && status->state == s;
  };
}

auto event_issued(const std::string& number) {
  return [number](const inbox_item& item) {
    const auto* e = std::get_if<protocol::event>(&item);
    return e && issued(number)(*e);
  };
}

std::vector<protocol::event> events_in(const std::vector<inbox_item>& items) {
  std::vector<protocol::event> out;
  for (const auto& item : items)
    if (const auto* e = std::get_if<protocol::event>(&item)) out.push_back(*e);
  return out;
}

// A free loopback port below the kernel's ephemeral range (32768 and up on Linux), so that no
// other test's server, bound to port 0, can take it while this test's server is down.
std::string port_outside_ephemeral_range() {
  for (int port = 20000 + getpid() % 10000; port < 32768; ++port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool free = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    if (free) return std::to_string(port);
  }
  throw std::runtime_error("no free port below 32768");
}

class live_link_test : public server_test {};

// A display that also asks for each ticket issued: the link's hello carries its topics.
client::credentials display_with_tickets() {
  auto who = client::credentials::device("demo-display");
  who.topics = {"calls", "queue/*", "counter/*", "tickets/*"};
  return who;
}

TEST_F(live_link_test, LogsInWithTheDeviceTokenAndDeliversSnapshotRepliesAndEvents) {
  link_reader display(address(), display_with_tickets());
  const auto opening = display.until(status_is(link_state::online));
  ASSERT_GE(opening.size(), 3u);  // connecting, the hello reply, online
  const auto& hello = std::get<protocol::reply>(opening[opening.size() - 2]);
  const auto& result = std::get<protocol::hello_result>(hello.body);
  EXPECT_EQ(result.role, protocol::role::display);
  ASSERT_TRUE(result.snapshot);
  EXPECT_EQ(result.snapshot->services.size(), 4u);

  const auto id = display.link().send(protocol::list_services{});
  ASSERT_TRUE(id);
  const auto replies = display.until([&](const inbox_item& item) {
    const auto* r = std::get_if<protocol::reply>(&item);
    return r && r->id == id;
  });
  EXPECT_TRUE(std::get<protocol::reply>(replies.back()).ok());

  auto k = kiosk();
  take(*k, 1, "one");
  display.until(event_issued("A001"));
}

TEST_F(live_link_test, StaffLogInWithPasswordThenKeepTheSession) {
  link_reader clerk(address(), client::credentials::staff("clerk1", "demo"));
  const auto opening = clerk.until(status_is(link_state::online));
  const auto& result = std::get<protocol::hello_result>(std::get<protocol::reply>(opening[1]).body);
  EXPECT_EQ(result.role, protocol::role::clerk);
  EXPECT_TRUE(result.session_token);
}

TEST_F(live_link_test, AWrongTokenIsRefusedAndNotRetried) {
  link_reader stranger(address(), client::credentials::device("no-such-device"));
  const auto items = stranger.until(status_is(link_state::refused));
  EXPECT_FALSE(stranger.link().online());
  const auto& refusal = std::get<protocol::reply>(items[items.size() - 2]);
  EXPECT_EQ(error_of(refusal).code, protocol::error_code::unauthorized);
  EXPECT_FALSE(stranger.link().send(protocol::list_services{}));
}

TEST_F(live_link_test, ADeviceWhoseAddressIsHeldBackWaitsAndTriesAgainInsteadOfGivingUp) {
  // Someone at the kiosk's address guessed tokens: even the right one gets `limit` for 30 s.
  auto guesser = connect_to(server(), "127.0.0.1");
  for (int i = 0; i < 20; ++i)
    ASSERT_FALSE(
        guesser->call(protocol::hello{"guess-" + std::to_string(i), {}, {}, {}, {}, {}}).ok());
  link_reader kiosk(address(), client::credentials::device("demo-kiosk"));
  const auto items = kiosk.until([](const inbox_item& item) {
    const auto* s = std::get_if<link_status>(&item);
    return s && s->state != link_state::connecting;
  });
  const auto& status = std::get<link_status>(items.back());
  EXPECT_EQ(status.state, link_state::offline);
  EXPECT_NE(status.detail.find("30"), std::string::npos) << status.detail;  // the server's words
  EXPECT_GE(status.retry_in, 30s);
}

TEST_F(live_link_test, ReconnectsAfterTheServerRestartsAndMissesNoEvent) {
  const std::string port = port_outside_ephemeral_range();
  stop();
  start({"--demo", "--listen", "127.0.0.1:" + port});
  link_reader display(address(), display_with_tickets());
  display.until(status_is(link_state::online));
  {
    auto k = kiosk();
    take(*k, 1, "before");
  }
  auto before = events_in(display.until(event_issued("A001")));

  stop(SIGKILL);
  display.until(status_is(link_state::offline));
  EXPECT_FALSE(display.link().send(protocol::list_services{}));  // refused while offline

  start({"--demo", "--listen", "127.0.0.1:" + port});
  auto k = kiosk();
  take(*k, 1, "after");
  // Whether the link came back before or after the ticket, it sees A002 once: replayed after
  // its hello (with `since`) or live.
  const auto back = display.until(event_issued("A002"));
  bool saw_hello = false;
  for (const auto& item : back) {
    const auto* r = std::get_if<protocol::reply>(&item);
    if (!r) continue;
    const auto& hello = std::get<protocol::hello_result>(r->body);
    EXPECT_TRUE(hello.replayed || hello.snapshot);
    saw_hello = true;
  }
  EXPECT_TRUE(saw_hello);
  auto after = events_in(back);
  before.insert(before.end(), after.begin(), after.end());
  for (std::size_t i = 1; i < before.size(); ++i)
    EXPECT_GT(before[i].seq, before[i - 1].seq) << "event " << i;
  EXPECT_TRUE(display.link().online());
  EXPECT_GE(display.link().last_seq(), before.back().seq);
}

}  // namespace
}  // namespace motcua::testing
