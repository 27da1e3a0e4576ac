// One call order on both sides of the wire: the clerk's waiting list (the counter app's model,
// fed the hello snapshot and the events of the clerk's own connection) and the real server's
// call_next take the same tickets in the same order, also a ticket transferred to the counter
// for a service it does not serve, and never one transferred to another counter.
#include <string>
#include <vector>

#include "counter/model/queue_model.hpp"
#include "shared/client/hall_mirror.hpp"
#include "tests/integration/server_test.hpp"

namespace motcua::testing {
namespace {

using domain::priority;
using domain::ticket_state;

// Accepts the event that shows ticket `id` in `state`.
event_predicate ticket_now(domain::ticket_id id, ticket_state state) {
  return [id, state](const protocol::event& e) {
    const protocol::ticket* t = nullptr;
    if (const auto* issued = body_as<protocol::ticket_issued>(e)) t = &issued->ticket;
    if (const auto* changed = body_as<protocol::ticket_changed>(e)) t = &changed->ticket;
    if (const auto* called = body_as<protocol::ticket_called>(e)) t = &called->ticket;
    return t && t->id == id && t->state == state;
  };
}

class call_order_test : public server_test {
 protected:
  // Feeds clerk1's events to the counter model up to and including the one `last` accepts.
  void follow(const event_predicate& last) {
    for (const auto& e : events_until(*clerk1_, last)) centre_.apply(e);
  }

  client_ptr clerk1_ = connect();
  domain::system_clock clock_;
  client::hall_mirror centre_;
  counter::queue_model model_{
      centre_, clock_, [](protocol::request_params) { return std::optional<std::int64_t>{}; }};
};

TEST_F(call_order_test, TheClerksListAndCallNextAgreeOnTransferredTickets) {
  auto hello = hello_staff(*clerk1_, "clerk1");
  ASSERT_TRUE(hello.snapshot);
  centre_.reset(*hello.snapshot, hello.seq);
  model_.set_counter(1);
  open_counter(*clerk1_, 1, {1});  // counter 1 serves service 1 only
  auto clerk2 = clerk("clerk2", 3, {2});
  auto kiosk_client = kiosk();

  const auto b001 = take(*kiosk_client, 2, "co-1").ticket;
  const auto a001 = take(*kiosk_client, 1, "co-2").ticket;
  const auto a002 = take(*kiosk_client, 1, "co-3", priority::elderly).ticket;
  const auto b002 = take(*kiosk_client, 2, "co-4").ticket;
  const auto a003 = take(*kiosk_client, 1, "co-5").ticket;
  // B001 goes to counter 1 for service 3, which counter 1 does not serve; B002 to counter 2 for
  // service 1, which counter 1 does serve.
  EXPECT_EQ(clerk_do(*clerk2, protocol::call_next{}).id, b001.id);
  clerk_do(*clerk2, protocol::transfer{3, 1, "Sai lĩnh vực"});
  EXPECT_EQ(clerk_do(*clerk2, protocol::call_next{}).id, b002.id);
  clerk_do(*clerk2, protocol::transfer{1, 2, "Quầy 2 giải quyết"});
  follow(ticket_now(b002.id, ticket_state::waiting));

  std::vector<std::string> called;
  for (int turn = 0; turn < 10; ++turn) {
    const auto rows = model_.waiting();
    EXPECT_EQ(model_.enabled(counter::queue_action::call_next), !rows.empty());
    const auto reply = clerk1_->call(protocol::call_next{});
    if (rows.empty()) {
      EXPECT_EQ(error_of(reply).code, protocol::error_code::empty);
      break;
    }
    const auto t = result_of<protocol::ticket_result>(reply).ticket;
    EXPECT_EQ(t.number, rows.front().ticket.number) << "turn " << turn;
    called.push_back(t.number);
    follow(ticket_now(t.id, ticket_state::called));
    clerk_do(*clerk1_, protocol::no_show{});
    follow(ticket_now(t.id, ticket_state::no_show));
  }
  EXPECT_EQ(called, (std::vector<std::string>{a002.number, b001.number, a001.number, a003.number}));
}

}  // namespace
}  // namespace motcua::testing
