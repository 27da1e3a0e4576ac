// The queue engine through the engine's request interface: numbering, call
// order, recalls, transfers, roles, opening hours, caps and restarts.
#include "tests/unit/engine_fixture.hpp"

#include <optional>
#include <set>

#include "server/store/database.hpp"
#include "shared/protocol/limits.hpp"
#include "shared/protocol/topics.hpp"

namespace motcua::testing {
namespace {

using domain::priority;
using domain::ticket_state;
using protocol::error_code;

class queue_test : public engine_fixture {
 protected:
  engine::connection_state kiosk_ = login_device("demo-kiosk");
  engine::connection_state clerk1_ = login_staff("clerk1");
  engine::connection_state clerk2_ = login_staff("clerk2");
};

TEST_F(queue_test, NumbersEachServiceFromOneWithItsPrefix) {
  EXPECT_EQ(take(kiosk_, 1, "k1").number, "A001");
  EXPECT_EQ(take(kiosk_, 1, "k2").number, "A002");
  EXPECT_EQ(take(kiosk_, 2, "k3").number, "B001");
  EXPECT_EQ(take(kiosk_, 1, "k4").number, "A003");
}

TEST_F(queue_test, SameRequestKeyReturnsTheSameTicketAndIssuesNothing) {
  auto first = take(kiosk_, 1, "same-key");
  auto events = events_.size();
  auto again = take(kiosk_, 1, "same-key");
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.number, "A001");
  EXPECT_EQ(events_.size(), events);
  EXPECT_EQ(take(kiosk_, 1, "other").number, "A002");
}

TEST_F(queue_test, NumberingAndIdempotencySurviveARestart) {
  take(kiosk_, 1, "k1");
  auto second = take(kiosk_, 1, "k2");
  restart();
  auto kiosk = login_device("demo-kiosk");
  EXPECT_EQ(take(kiosk, 1, "k2").id, second.id);
  EXPECT_EQ(take(kiosk, 1, "k3").number, "A003");
}

TEST_F(queue_test, NewBusinessDayRestartsNumbersAndClosesYesterday) {
  auto old = take(kiosk_, 1, "k1");
  open(clerk1_, 1, {1});
  clock_.advance(24h);                 // Friday 08:00
  auto fresh = take(kiosk_, 1, "k1");  // a key is unique per day only
  EXPECT_EQ(fresh.number, "A001");
  EXPECT_NE(fresh.id, old.id);
  // The roll-over closed counter 1 (and cancelled yesterday's waiting ticket).
  bool closed = false;
  for (const auto& e : events_)
    if (auto* c = std::get_if<protocol::counter_changed>(&e.body); c && c->counter.id == 1)
      closed = c->counter.state == protocol::counter_state::closed;
  EXPECT_TRUE(closed);
  EXPECT_EQ(error_of(call(clerk1_, protocol::call_next{})).code, error_code::conflict);
}

TEST_F(queue_test, ARollOverTheDiskRefusedIsAnnouncedByTheNextBatch) {
  take(kiosk_, 1, "k1");
  open(clerk1_, 1, {1});
  {
    // The disk refuses closing yesterday's ticket: the roll-over's batch, and the reload after it.
    store::database other(dir_.file("motcua.db"), store::durability::normal);
    other.exec(
        "CREATE TRIGGER refuse BEFORE UPDATE ON tickets BEGIN SELECT RAISE(ABORT, 'disk says "
        "no'); END");
  }
  clock_.advance(24h);  // Friday 08:00
  EXPECT_THROW(engine_->begin(), std::exception);
  store::database(dir_.file("motcua.db"), store::durability::normal).exec("DROP TRIGGER refuse");
  events_.clear();

  // The next batch reloads (closing Thursday, without events) and announces the new day: counter 1
  // closed, and every service's figures, also those of services nothing happened to.
  EXPECT_EQ(take(kiosk_, 2, "f1").number, "B001");
  std::optional<protocol::counter_state> counter_1;
  std::set<domain::service_id> counted;
  for (const auto& e : events_) {
    if (auto* c = std::get_if<protocol::counter_changed>(&e.body); c && c->counter.id == 1)
      counter_1 = c->counter.state;
    if (auto* q = std::get_if<protocol::queue_changed>(&e.body)) counted.insert(q->service);
  }
  EXPECT_EQ(counter_1, protocol::counter_state::closed);
  std::set<domain::service_id> every;
  for (const auto& s : settings_.services) every.insert(s.id);
  EXPECT_EQ(counted, every);
  EXPECT_EQ(error_of(call(clerk1_, protocol::call_next{})).code, error_code::conflict);
}

TEST_F(queue_test, TicketsLeftOpenBeforeTheServerWasDownAreClosedWhenItStarts) {
  take(kiosk_, 1, "waiting");
  open(clerk1_, 1, {1});
  take(kiosk_, 1, "called");
  call(clerk1_, protocol::call_next{});  // A001 called, A002 waiting
  {
    // A ticket still open two days before (a database from before days were closed at
    // start): found too, the days are walked back while they have open tickets.
    store::database db(dir_.file("motcua.db"));
    db.exec(
        "INSERT INTO tickets (day, number, issued_service, sequence, service, priority, state, "
        "request_key, device, lang, issued_at) VALUES ('2026-11-24', 'A007', 1, 7, 1, 'none', "
        "'waiting', 'old', 'demo-kiosk', 'vi', 0)");
  }
  clock_.advance(4 * 24h);  // Monday: the server was off from Thursday
  restart();
  store::database db(dir_.file("motcua.db"));
  auto q = db.prepare("SELECT number, state FROM tickets ORDER BY day, number");
  std::vector<std::string> states;
  while (q.step()) states.push_back(q.text(0) + " " + q.text(1));
  EXPECT_EQ(states, (std::vector<std::string>{"A007 cancelled", "A001 no_show", "A002 cancelled"}));
}

TEST_F(queue_test, DayRollOverAtMidnightInHanoiNotUtc) {
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 11 / 26,
                                        std::chrono::minutes{23 * 60 + 59}));
  EXPECT_EQ(take(kiosk_, 1, "a").number, "A001");
  clock_.advance(2min);  // 00:01 in Hà Nội, still 26 Nov in UTC
  EXPECT_EQ(take(kiosk_, 1, "b").number, "A001");
}

TEST_F(queue_test, CallsPriorityFirstThenEarliestAcrossTheCountersServices) {
  auto a1 = take(kiosk_, 1, "a1");
  clock_.advance(1min);
  auto b1 = take(kiosk_, 2, "b1");
  clock_.advance(1min);
  auto a2 = take(kiosk_, 1, "a2", priority::elderly);
  clock_.advance(1min);
  auto b2 = take(kiosk_, 2, "b2", priority::merit);
  open(clerk1_, 2, {1, 2});
  std::vector<std::string> order;
  for (int i = 0; i < 4; ++i) {
    auto t = ticket_of(call(clerk1_, protocol::call_next{}));
    order.push_back(t.number);
    call(clerk1_, protocol::start_service{});
    call(clerk1_, protocol::finish{"guidance"});
  }
  EXPECT_EQ(order, (std::vector<std::string>{a2.number, b2.number, a1.number, b1.number}));
  EXPECT_EQ(error_of(call(clerk1_, protocol::call_next{})).code, error_code::empty);
}

TEST_F(queue_test, TransferKeepsTheIssueTimeAndGoesAheadOfLaterTickets) {
  auto a1 = take(kiosk_, 1, "a1");
  clock_.advance(5min);
  auto b1 = take(kiosk_, 2, "b1");
  open(clerk1_, 1, {1});
  open(clerk2_, 3, {2});
  EXPECT_EQ(ticket_of(call(clerk1_, protocol::call_next{})).id, a1.id);
  call(clerk1_, protocol::start_service{});
  auto moved = ticket_of(call(clerk1_, protocol::transfer{2, {}, "hồ sơ bảo trợ xã hội"}));
  EXPECT_EQ(moved.state, ticket_state::waiting);
  EXPECT_EQ(moved.service, 2);
  EXPECT_EQ(moved.issued_at, a1.issued_at);
  EXPECT_EQ(moved.number, "A001");
  EXPECT_EQ(ticket_of(call(clerk2_, protocol::call_next{})).id, a1.id);
  (void)b1;
}

TEST_F(queue_test, TransferToACounterReservesTheTicketForIt) {
  auto a1 = take(kiosk_, 1, "a1");
  open(clerk1_, 1, {1});
  open(clerk2_, 2, {1, 2});
  call(clerk1_, protocol::call_next{});
  call(clerk1_, protocol::transfer{1, 2, {}});
  EXPECT_EQ(error_of(call(clerk1_, protocol::call_next{})).code, error_code::empty);
  auto t = ticket_of(call(clerk2_, protocol::call_next{}));
  EXPECT_EQ(t.id, a1.id);
  EXPECT_EQ(t.counter, 2);
}

TEST_F(queue_test, RecallsUpToTheLimitThenTheTicketIsANoShow) {
  take(kiosk_, 1, "a1");
  open(clerk1_, 1, {1});
  call(clerk1_, protocol::call_next{});
  for (int i = 1; i <= settings_.max_recalls; ++i) {
    auto t = ticket_of(call(clerk1_, protocol::recall{}));
    EXPECT_EQ(t.recalls, i);
    EXPECT_EQ(t.state, ticket_state::called);
  }
  auto gone = ticket_of(call(clerk1_, protocol::recall{}));
  EXPECT_EQ(gone.state, ticket_state::no_show);
  EXPECT_EQ(error_of(call(clerk1_, protocol::recall{})).code, error_code::conflict);
}

TEST_F(queue_test, RecallIsAnnouncedAgain) {
  take(kiosk_, 1, "a1");
  open(clerk1_, 1, {1});
  call(clerk1_, protocol::call_next{});
  events_.clear();
  call(clerk1_, protocol::recall{});
  ASSERT_EQ(events_.size(), 1u);
  auto called = std::get<protocol::ticket_called>(events_[0].body);
  EXPECT_TRUE(called.recall);
  EXPECT_EQ(called.counter_name, "Quầy 1");
}

TEST_F(queue_test, CallingOutOfOrderNeedsAReasonThatTheAuditKeeps) {
  take(kiosk_, 1, "a1");
  auto a2 = take(kiosk_, 1, "a2");
  open(clerk1_, 1, {1});
  auto e = error_of(call(clerk1_, protocol::call_ticket{a2.id, {}}));
  EXPECT_EQ(e.code, error_code::invalid);
  EXPECT_EQ(e.fields.count("reason"), 1u);
  EXPECT_EQ(ticket_of(call(clerk1_, protocol::call_ticket{a2.id, "người khuyết tật đi xe lăn"})).id,
            a2.id);
  store::database db(dir_.file("motcua.db"), store::durability::normal);
  auto q = db.prepare("SELECT reason FROM audit WHERE action = 'call_ticket'");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "người khuyết tật đi xe lăn");
}

TEST_F(queue_test, StateMachineRefusesActionsThatMakeNoSense) {
  open(clerk1_, 1, {1});
  EXPECT_EQ(error_of(call(clerk1_, protocol::finish{})).code, error_code::conflict);
  EXPECT_EQ(error_of(call(clerk1_, protocol::start_service{})).code, error_code::conflict);
  EXPECT_EQ(error_of(call(clerk1_, protocol::no_show{})).code, error_code::conflict);
  take(kiosk_, 1, "a1");
  call(clerk1_, protocol::call_next{});
  EXPECT_EQ(error_of(call(clerk1_, protocol::finish{})).code, error_code::conflict);
  EXPECT_EQ(error_of(call(clerk1_, protocol::call_next{})).code, error_code::conflict);
  EXPECT_EQ(error_of(call(clerk1_, protocol::close_counter{})).code, error_code::conflict);
  call(clerk1_, protocol::start_service{});
  EXPECT_EQ(error_of(call(clerk1_, protocol::no_show{})).code, error_code::conflict);
  auto done = ticket_of(call(clerk1_, protocol::finish{"received dossier"}));
  EXPECT_EQ(done.state, ticket_state::done);
  EXPECT_EQ(done.outcome, "received dossier");
}

TEST_F(queue_test, CountersPauseResumeAndClose) {
  open(clerk1_, 1, {1});
  EXPECT_EQ(error_of(call(clerk2_, protocol::open_counter{1, {1}})).code, error_code::conflict);
  call(clerk1_, protocol::pause_counter{});
  take(kiosk_, 1, "a1");
  EXPECT_EQ(error_of(call(clerk1_, protocol::call_next{})).code, error_code::conflict);
  call(clerk1_, protocol::resume_counter{});
  EXPECT_EQ(ticket_of(call(clerk1_, protocol::call_next{})).number, "A001");
  call(clerk1_, protocol::no_show{});
  auto closed = std::get<protocol::counter_result>(call(clerk1_, protocol::close_counter{}));
  EXPECT_EQ(closed.counter.state, protocol::counter_state::closed);
  open(clerk2_, 1, {1});
}

TEST_F(queue_test, RolesAreCheckedOnEveryVerb) {
  engine::connection_state anonymous;
  EXPECT_EQ(error_of(call(anonymous, protocol::list_services{})).code, error_code::unauthorized);
  EXPECT_EQ(error_of(call(kiosk_, protocol::call_next{})).code, error_code::forbidden);
  EXPECT_EQ(
      error_of(call(clerk1_, protocol::take_ticket{1, "x", priority::none, "vi", {}, {}})).code,
      error_code::forbidden);
  auto display = login_device("demo-display");
  EXPECT_EQ(
      error_of(call(display, protocol::take_ticket{1, "x", priority::none, "vi", {}, {}})).code,
      error_code::forbidden);
  engine::connection_state wrong;
  EXPECT_EQ(error_of(call(wrong, protocol::hello{"no-such-token", {}, {}, {}, {}, {}})).code,
            error_code::unauthorized);
  EXPECT_EQ(error_of(call(wrong, protocol::hello{{}, "clerk1", "bad", {}, {}, {}},
                          auth::password_check::rejected))
                .code,
            error_code::unauthorized);
}

TEST_F(queue_test, SessionTokenLogsInAgainUntilItExpires) {
  engine::connection_state first;
  auto hello = std::get<protocol::hello_result>(call(
      first, protocol::hello{{}, "clerk3", "demo", {}, {}, {}}, auth::password_check::accepted));
  ASSERT_TRUE(hello.session_token);
  engine::connection_state second;
  auto again = call(second, protocol::hello{{}, {}, {}, hello.session_token, {}, {}});
  EXPECT_EQ(std::get<protocol::hello_result>(again).user, "clerk3");
  clock_.advance(std::chrono::hours{settings_.session_hours} + 1min);
  engine::connection_state third;
  EXPECT_EQ(error_of(call(third, protocol::hello{{}, {}, {}, hello.session_token, {}, {}})).code,
            error_code::unauthorized);
}

TEST_F(queue_test, HelloWithSinceReplaysTheMissedEventsOfItsTopics) {
  auto display = engine::connection_state{};
  auto hello = std::get<protocol::hello_result>(
      call(display, protocol::hello{"demo-display", {}, {}, {}, {}, {}}));
  take(kiosk_, 1, "a1");
  take(kiosk_, 2, "b1");
  engine::connection_state again;
  auto replay = std::get<protocol::hello_result>(
      call(again, protocol::hello{"demo-display", {}, {}, {}, hello.seq, {}}));
  EXPECT_FALSE(replay.snapshot);
  EXPECT_EQ(replay.seq, hello.seq + 4);  // two ticket_issued, two queue_changed
  // A display's topics have the counts, not each ticket issued.
  ASSERT_TRUE(replay.replayed);
  ASSERT_EQ(*replay.replayed, 2);
  EXPECT_EQ(replayed_[0].event.seq, hello.seq + 2);
  EXPECT_TRUE(std::holds_alternative<protocol::queue_changed>(replayed_[0].event.body));
  EXPECT_EQ(replayed_[0].event.topic_seq, replay.topics.at("queue/1"));
  EXPECT_EQ(replayed_[1].event.topic_seq, replay.topics.at("queue/2"));
  EXPECT_FALSE(replay.topics.contains("tickets/1"));
  // A manager's topics have everything.
  engine::connection_state manager;
  auto all = std::get<protocol::hello_result>(
      call(manager, protocol::hello{{}, "manager", "demo", {}, hello.seq, {}},
           auth::password_check::accepted));
  EXPECT_EQ(all.replayed, 4);
  EXPECT_EQ(all.topics.at("tickets/1"), 1);
  engine::connection_state future;
  auto fresh = std::get<protocol::hello_result>(
      call(future, protocol::hello{"demo-display", {}, {}, {}, replay.seq + 100, {}}));
  EXPECT_TRUE(fresh.snapshot);
}

TEST_F(queue_test, HelloChoosesTopicsWithinWhatItsRoleMaySee) {
  // A device by default: the counts, the calls and the counters (the contract's "queue and call
  // events"), not each ticket.
  EXPECT_TRUE(kiosk_.topics->has({protocol::topic_kind::queue, 2}));
  EXPECT_TRUE(kiosk_.topics->has({protocol::topic_kind::calls, 0}));
  EXPECT_TRUE(kiosk_.topics->has({protocol::topic_kind::counter, 1}));
  EXPECT_FALSE(kiosk_.topics->has({protocol::topic_kind::tickets, 1}));
  EXPECT_FALSE(kiosk_.topics->has({protocol::topic_kind::stats, 0}));
  engine::connection_state calls_only;
  auto hello = std::get<protocol::hello_result>(
      call(calls_only,
           protocol::hello{"demo-display", {}, {}, {}, {}, std::vector<std::string>{"calls"}}));
  take(kiosk_, 1, "a1");
  open(clerk1_, 1, {1});
  call(clerk1_, protocol::call_next{});
  engine::connection_state again;
  call(again,
       protocol::hello{"demo-display", {}, {}, {}, hello.seq, std::vector<std::string>{"calls"}});
  ASSERT_EQ(replayed_.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<protocol::ticket_called>(replayed_[0].event.body));
  EXPECT_EQ(replayed_[0].event.topic_seq, 1);

  // A device may not have the managers' stats; the refusal logs nobody in.
  engine::connection_state nosy;
  EXPECT_EQ(
      error_of(
          call(nosy,
               protocol::hello{
                   "demo-display", {}, {}, {}, {}, std::vector<std::string>{"calls", "stats"}}))
          .code,
      error_code::forbidden);
  EXPECT_FALSE(nosy.who);
  EXPECT_EQ(error_of(call(nosy, protocol::take_ticket{1, "n1", priority::none, "vi", {}, {}})).code,
            error_code::unauthorized);
  // A name that is no topic is an invalid field.
  for (const auto* bad : {"queue", "queue/", "queue/x", "queue/0", "calls/1", "everything", "",
                          "queue/99", "tickets/99", "counter/99", "queue/99999999999999999999"}) {
    auto e = error_of(
        call(nosy, protocol::hello{"demo-display", {}, {}, {}, {}, std::vector<std::string>{bad}}));
    EXPECT_EQ(e.code, error_code::invalid) << bad;
    EXPECT_TRUE(e.fields.contains("topics")) << bad;
  }
  std::vector<std::string> many(protocol::max_topics + 1, "calls");
  EXPECT_EQ(error_of(call(nosy, protocol::hello{"demo-display", {}, {}, {}, {}, many})).code,
            error_code::invalid);
  // Connections that ask for the same topics share one subscription (filtered once per batch).
  engine::connection_state board1, board2;
  call(board1, protocol::hello{
                   "demo-display", {}, {}, {}, {}, std::vector<std::string>{"calls", "queue/1"}});
  call(board2, protocol::hello{
                   "demo-display", {}, {}, {}, {}, std::vector<std::string>{"queue/1", "calls"}});
  EXPECT_EQ(board1.topics, board2.topics);
  // An empty list: no events at all (a client that only sends requests).
  engine::connection_state quiet;
  auto none = std::get<protocol::hello_result>(
      call(quiet, protocol::hello{"demo-kiosk", {}, {}, {}, {}, std::vector<std::string>{}}));
  EXPECT_TRUE(none.topics.empty());
  EXPECT_FALSE(quiet.topics->has({protocol::topic_kind::queue, 1}));
  // A clerk may have one service's tickets and its counter.
  engine::connection_state narrow;
  auto staff = std::get<protocol::hello_result>(
      call(narrow,
           protocol::hello{
               {}, "clerk2", "demo", {}, {}, std::vector<std::string>{"tickets/2", "counter/2"}},
           auth::password_check::accepted));
  EXPECT_TRUE(staff.topics.empty());  // neither has had an event yet
}

// queue_changed of one service at most once per interval, with the latest figures, the last one
// always sent; the calls are never held back.
class coalescing_test : public engine_fixture {
 protected:
  coalescing_test() : engine_fixture(R"({"queue_changed_interval_ms": 200})") {}
  engine::connection_state kiosk_ = login_device("demo-kiosk");
  engine::connection_state clerk_ = login_staff("clerk1");

  std::vector<protocol::queue_changed> counts() const {
    std::vector<protocol::queue_changed> out;
    for (const auto& e : events_)
      if (const auto* q = std::get_if<protocol::queue_changed>(&e.body)) out.push_back(*q);
    return out;
  }
  // What the runner does when queue_changes_due_in() says 0: a batch of nothing.
  void flush() {
    engine_->begin();
    for (auto& e : engine_->commit()) events_.push_back(e.event);
  }
};

TEST_F(coalescing_test, AServiceCountGoesOutAtMostOncePerIntervalWithTheLatestFigures) {
  clock_.advance(1s);  // past the counts sent at start
  events_.clear();
  take(kiosk_, 1, "a1");  // the first change goes out at once
  ASSERT_EQ(counts().size(), 1u);
  EXPECT_EQ(counts()[0].waiting, 1);
  EXPECT_FALSE(engine_->queue_changes_due_in());
  take(kiosk_, 1, "a2");
  take(kiosk_, 1, "a3");
  EXPECT_EQ(counts().size(), 1u);  // held
  EXPECT_EQ(engine_->queue_changes_due_in(), 200ms);
  clock_.advance(150ms);
  EXPECT_EQ(engine_->queue_changes_due_in(), 50ms);
  take(kiosk_, 2, "b1");  // another service is not held by service 1's interval
  ASSERT_EQ(counts().size(), 2u);
  EXPECT_EQ(counts()[1].service, 2);
  clock_.advance(50ms);
  EXPECT_EQ(engine_->queue_changes_due_in(), 0ms);
  flush();
  ASSERT_EQ(counts().size(), 3u);
  EXPECT_EQ(counts()[2].service, 1);
  EXPECT_EQ(counts()[2].waiting, 3);  // the latest value, not the one held first
  EXPECT_FALSE(engine_->queue_changes_due_in());
  // Numbered in their topic without gaps.
  std::vector<std::int64_t> seqs;
  for (const auto& e : events_)
    if (std::holds_alternative<protocol::queue_changed>(e.body) &&
        std::get<protocol::queue_changed>(e.body).service == 1)
      seqs.push_back(e.topic_seq);
  ASSERT_EQ(seqs.size(), 2u);
  EXPECT_EQ(seqs[1], seqs[0] + 1);
}

TEST_F(coalescing_test, AfterARestartEveryServiceCountGoesOutAgain) {
  take(kiosk_, 1, "a1");
  take(kiosk_, 1, "a2");  // held: the server stops before it is sent
  restart();
  events_.clear();
  EXPECT_EQ(engine_->queue_changes_due_in(), 0ms);
  flush();
  ASSERT_EQ(counts().size(), 4u);  // every service of the demo centre
  EXPECT_EQ(counts()[0].service, 1);
  EXPECT_EQ(counts()[0].waiting, 2);
}

TEST_F(coalescing_test, CallsAreNeverHeldBack) {
  open(clerk_, 1, {1});
  for (int i = 0; i < 3; ++i) take(kiosk_, 1, "a" + std::to_string(i));
  events_.clear();
  ticket_of(call(clerk_, protocol::call_next{}));
  ticket_of(call(clerk_, protocol::recall{}));
  ticket_of(call(clerk_, protocol::no_show{}));
  ticket_of(call(clerk_, protocol::call_next{}));
  std::vector<std::int64_t> called;
  for (const auto& e : events_)
    if (std::holds_alternative<protocol::ticket_called>(e.body)) called.push_back(e.topic_seq);
  ASSERT_EQ(called.size(), 3u);
  EXPECT_EQ(called[1], called[0] + 1);
  EXPECT_EQ(called[2], called[1] + 1);
}

// A replay longer than half a connection's outgoing queue would get the connection cut before
// its hello reply, and the same `since` would be asked again forever: a snapshot instead.
class small_outbox_test : public engine_fixture {
 protected:
  small_outbox_test() : engine_fixture(R"({"limits": {"outgoing_queue_messages": 16}})") {}
  engine::connection_state kiosk_ = login_device("demo-kiosk");
};

TEST_F(small_outbox_test, AReplayLongerThanHalfTheOutgoingQueueIsASnapshot) {
  auto display = engine::connection_state{};
  auto hello = std::get<protocol::hello_result>(
      call(display, protocol::hello{"demo-display", {}, {}, {}, {}, {}}));
  // 16 events, 8 of them in a display's topics (queue_changed)
  for (int i = 0; i < 8; ++i) take(kiosk_, 1, std::string("a").append(std::to_string(i)));
  engine::connection_state again;
  auto replay = std::get<protocol::hello_result>(
      call(again, protocol::hello{"demo-display", {}, {}, {}, hello.seq, {}}));
  EXPECT_EQ(replay.replayed, 8);
  take(kiosk_, 1, "a8");  // 9 of its events since the first hello: more than 16 / 2
  engine::connection_state later;
  auto fresh = std::get<protocol::hello_result>(
      call(later, protocol::hello{"demo-display", {}, {}, {}, hello.seq, {}}));
  EXPECT_TRUE(fresh.snapshot);
  EXPECT_FALSE(fresh.replayed);
}

TEST_F(queue_test, EventSeqKeepsIncreasingAcrossRestarts) {
  take(kiosk_, 1, "a1");
  auto last = events_.back().seq;
  restart();
  auto kiosk = login_device("demo-kiosk");
  take(kiosk, 1, "a2");
  EXPECT_GT(events_.back().seq, last);
}

TEST_F(queue_test, AuditChainVerifiesAndDetectsTampering) {
  take(kiosk_, 1, "a1");
  open(clerk1_, 1, {1});
  call(clerk1_, protocol::call_next{});
  engine_.reset();
  store::database db(dir_.file("motcua.db"), store::durability::normal);
  auto intact = engine::verify_audit(db);
  EXPECT_TRUE(intact.ok) << intact.problem;
  EXPECT_GE(intact.entries, 5);
  EXPECT_THROW(db.exec("UPDATE audit SET actor = 'x' WHERE id = 3"), store::database_error);
  db.exec("DROP TRIGGER audit_no_update");
  db.exec("UPDATE audit SET actor = 'someone else' WHERE id = 3");
  auto broken = engine::verify_audit(db);
  EXPECT_FALSE(broken.ok);
  EXPECT_EQ(broken.broken_at, 3);
}

TEST_F(queue_test, AuditChainDetectsADeletedTail) {
  // The last entry's number is recorded once per commit, not per entry: still every entry.
  take(kiosk_, 1, "a1");
  take(kiosk_, 1, "a2");
  open(clerk1_, 1, {1});
  engine_.reset();
  store::database db(dir_.file("motcua.db"), store::durability::normal);
  auto intact = engine::verify_audit(db);
  ASSERT_TRUE(intact.ok) << intact.problem;
  db.exec("DROP TRIGGER audit_no_delete");
  db.exec("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)");
  auto cut = engine::verify_audit(db);
  EXPECT_FALSE(cut.ok);
  EXPECT_EQ(cut.broken_at, intact.entries);
  EXPECT_NE(cut.problem.find("the tail was deleted"), std::string::npos) << cut.problem;
}

TEST_F(queue_test, EtaUsesRecentServiceTimesAndOpenCounters) {
  // No service finished yet: the configured 12 minutes per citizen, one counter assumed.
  take(kiosk_, 1, "a1");
  auto second = std::get<protocol::ticket_result>(
      call(kiosk_, protocol::take_ticket{1, "a2", priority::none, "vi", {}, {}}));
  EXPECT_EQ(second.ahead, 1);
  EXPECT_EQ(second.eta_minutes, 12);
  open(clerk1_, 1, {1});
  call(clerk1_, protocol::call_next{});
  call(clerk1_, protocol::start_service{});
  clock_.advance(6min);
  call(clerk1_, protocol::finish{});
  open(clerk2_, 2, {1});
  take(kiosk_, 1, "a3");
  auto fourth = std::get<protocol::ticket_result>(
      call(kiosk_, protocol::take_ticket{1, "a4", priority::none, "vi", {}, {}}));
  EXPECT_EQ(fourth.ahead, 2);
  // The two ahead go to the two free counters; the fourth waits for one of them to finish:
  // half a visit of 6 minutes over two counters, rounded up.
  EXPECT_EQ(fourth.eta_minutes, 2);
}

// Issue 16: the wait each ticket was told at issue is kept and compared with its wait.
TEST_F(queue_test, TheWaitToldAtIssueIsComparedWithTheWait) {
  take(kiosk_, 1, "a1");  // nobody ahead: told 0
  auto second = std::get<protocol::ticket_result>(
      call(kiosk_, protocol::take_ticket{1, "a2", priority::none, "vi", {}, {}}));
  EXPECT_EQ(second.eta_minutes, 12);  // one ahead, 12 minutes each, one counter assumed
  open(clerk1_, 1, {1});
  clock_.advance(4min);
  call(clerk1_, protocol::call_next{});  // waited 4, told 0: +4
  call(clerk1_, protocol::start_service{});
  clock_.advance(6min);
  call(clerk1_, protocol::finish{});
  call(clerk1_, protocol::call_next{});  // waited 10, told 12: -2
  clock_.advance(std::chrono::seconds{settings_.stats_interval_seconds});
  engine_->tick();
  const auto& code = settings_.services.at(0).code;
  auto accuracy = engine_->eta_accuracy().at(code);
  EXPECT_EQ(accuracy.tickets, 2);
  EXPECT_DOUBLE_EQ(accuracy.mean_abs, 3);
  EXPECT_DOUBLE_EQ(accuracy.p90_abs, 4);
  EXPECT_DOUBLE_EQ(accuracy.within_5, 1);
  EXPECT_DOUBLE_EQ(accuracy.bias, 1);  // waited a minute longer than told, on average
  EXPECT_EQ(engine_->eta_accuracy().at(settings_.services.at(1).code).tickets, 0);
  restart();  // kept with the tickets: the same figures after a restart
  EXPECT_EQ(engine_->eta_accuracy().at(code).tickets, 2);
  EXPECT_DOUBLE_EQ(engine_->eta_accuracy().at(code).bias, 1);
}

// The estimate kept is the one the reply told, for a priority ticket and a walk-in alike.
TEST_F(queue_test, TheWaitKeptIsTheOneTheReplyTold) {
  std::vector<int> told;
  auto take_told = [&](const std::string& key, priority p) {
    told.push_back(std::get<protocol::ticket_result>(
                       call(kiosk_, protocol::take_ticket{1, key, p, "vi", {}, {}}))
                       .eta_minutes.value_or(-1));
  };
  take_told("w1", priority::none);
  take_told("w2", priority::none);
  take_told("p1", priority::elderly);  // ahead of the walk-ins: nobody before it
  take_told("p2", priority::elderly);  // one before it
  take_told("w3", priority::none);     // four before it
  EXPECT_EQ(told, (std::vector<int>{0, 12, 0, 12, 48}));
  store::database db(dir_.file("motcua.db"));
  auto q = db.prepare("SELECT eta_minutes FROM tickets ORDER BY id");
  std::vector<int> kept;
  while (q.step()) kept.push_back(static_cast<int>(q.int64(0)));
  EXPECT_EQ(kept, told);
}

// A counter shared by two services: a walk-in of one is told its share of the counter, that
// figure is the one kept, and a change of the other service's line or of the counter's ticket
// sends both services' figures again.
TEST_F(queue_test, ASharedCounterGivesEachServiceItsShareAndBothFiguresMove) {
  open(clerk1_, 2, {1, 2});  // Quầy 2 serves both services
  for (const char* key : {"b1", "b2", "b3", "b4"}) take(kiosk_, 2, key);
  call(clerk1_, protocol::call_next{});  // B001 at the counter: busy
  auto figures_of = [&](domain::service_id service) {
    std::optional<protocol::queue_changed> last;
    for (const auto& e : events_)
      if (const auto* q = std::get_if<protocol::queue_changed>(&e.body); q && q->service == service)
        last = *q;
    return last;
  };
  ASSERT_TRUE(figures_of(1));
  // Service 1: nobody waiting, 3 for service 2: (0 + 1) / (0 + 1 + 3 + 1) of the counter, with
  // half a visit of 12 minutes to go: 0.5 x 12 / 0.2 = 30.
  EXPECT_EQ(figures_of(1)->eta_minutes, 30);
  events_.clear();
  auto walk_in = std::get<protocol::ticket_result>(
      call(kiosk_, protocol::take_ticket{1, "a1", priority::none, "vi", {}, {}}));
  EXPECT_EQ(walk_in.eta_minutes, 30);
  ASSERT_TRUE(figures_of(2)) << "service 2's share of the counter changed with service 1's line";
  store::database db(dir_.file("motcua.db"));
  auto kept = db.prepare("SELECT eta_minutes FROM tickets WHERE request_key = 'a1'");
  ASSERT_TRUE(kept.step());
  EXPECT_EQ(kept.int64(0), 30);
  events_.clear();
  call(clerk1_, protocol::start_service{});
  call(clerk1_, protocol::finish{});  // the counter is free: both services' figures again
  EXPECT_TRUE(figures_of(1));
  EXPECT_TRUE(figures_of(2));
}

// Issue 16: the recorded days a manager's staffing tab simulates (get_recorded_days).
TEST_F(queue_test, RecordedDaysForTheWhatIfAndTheAdvice) {
  auto manager = login_staff("manager");
  open(clerk1_, 1, {1});
  take(kiosk_, 1, "r1");
  clock_.advance(2min);
  call(clerk1_, protocol::call_next{});
  call(clerk1_, protocol::start_service{});
  clock_.advance(5min);
  call(clerk1_, protocol::finish{});
  const auto today = settings_.zone.day_of(clock_.now());
  const auto iso = domain::format_iso_date(today);
  auto body = call(manager, protocol::get_recorded_days{{iso, "2026-11-25"}});
  ASSERT_TRUE(std::holds_alternative<protocol::recorded_days_result>(body));
  const auto& days = std::get<protocol::recorded_days_result>(body).recorded_days;
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].day, iso);
  ASSERT_EQ(days[0].tickets.size(), 1u);
  const auto& t = days[0].tickets[0];
  EXPECT_EQ(t.service, 1);
  EXPECT_EQ(t.told_minutes, 0);
  ASSERT_EQ(t.visits.size(), 1u);
  EXPECT_EQ(t.visits[0].end, "done");
  EXPECT_EQ(t.visits[0].counter, 1);
  EXPECT_EQ(t.visits[0].called_at, settings_.zone.format(clock_.now() - 5min));
  EXPECT_EQ(t.visits[0].ended_at, settings_.zone.format(clock_.now()));
  ASSERT_EQ(days[0].counters.size(), 1u);
  EXPECT_TRUE(days[0].counters[0].open);
  EXPECT_EQ(days[0].counters[0].services, (std::vector<domain::service_id>{1}));
  EXPECT_TRUE(days[1].tickets.empty());

  const auto tomorrow = domain::format_iso_date(
      std::chrono::year_month_day{std::chrono::sys_days{today} + std::chrono::days{1}});
  std::vector<std::string> too_many;
  for (int d = 1; d <= 8; ++d)
    too_many.push_back(domain::format_iso_date(
        std::chrono::year_month_day{std::chrono::sys_days{today} - std::chrono::days{d}}));
  for (const auto& wrong : std::vector<std::vector<std::string>>{
           {}, {"2026-13-01"}, {tomorrow}, {iso, iso}, too_many}) {
    auto e = error_of(call(manager, protocol::get_recorded_days{wrong}));
    EXPECT_EQ(e.code, error_code::invalid);
    EXPECT_TRUE(e.fields.count("days"));
  }
  EXPECT_EQ(error_of(call(clerk1_, protocol::get_recorded_days{{iso}})).code,
            error_code::forbidden);
}

TEST(EtaAccuracy, MeanP90WithinFiveAndBias) {
  const auto a = domain::accuracy_of(std::vector<double>{4, -2, 10, -6, 0});
  EXPECT_EQ(a.tickets, 5);
  EXPECT_DOUBLE_EQ(a.mean_abs, 4.4);
  EXPECT_DOUBLE_EQ(a.p90_abs, 10);  // nearest rank: the 5th of 5
  EXPECT_DOUBLE_EQ(a.within_5, 0.6);
  EXPECT_DOUBLE_EQ(a.bias, 1.2);
  EXPECT_EQ(domain::accuracy_of({}).tickets, 0);
  metrics::registry figures;
  metrics::public_state state;
  state.eta["A"] = a;
  const auto text = figures.render(state);
  for (const char* line : {"\nmotcua_eta_tickets{service=\"A\"} 5\n",
                           "\nmotcua_eta_abs_error_minutes{service=\"A\",stat=\"mean\"} 4.4\n",
                           "\nmotcua_eta_abs_error_minutes{service=\"A\",stat=\"p90\"} 10\n",
                           "\nmotcua_eta_within_5_minutes_ratio{service=\"A\"} 0.6\n",
                           "\nmotcua_eta_bias_minutes{service=\"A\"} 1.2\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
}

TEST_F(queue_test, StatsEventSummarisesTheDay) {
  take(kiosk_, 1, "a1");
  open(clerk1_, 1, {1});
  clock_.advance(4min);
  call(clerk1_, protocol::call_next{});
  call(clerk1_, protocol::start_service{});
  clock_.advance(6min);
  call(clerk1_, protocol::finish{});
  take(kiosk_, 1, "a2");
  clock_.advance(30s);
  auto published = engine_->tick();
  ASSERT_EQ(published.size(), 1u);
  const auto& stats = std::get<protocol::stats>(published[0].event.body);
  EXPECT_EQ(stats.counters_open, 1);
  const auto& ncc = stats.services.at(0);
  EXPECT_EQ(ncc.issued, 2);
  EXPECT_EQ(ncc.served, 1);
  EXPECT_EQ(ncc.waiting, 1);
  EXPECT_EQ(ncc.longest_wait_seconds, 30);
  EXPECT_EQ(ncc.average_wait_seconds, 240);
  EXPECT_EQ(ncc.average_service_seconds, 360);
  EXPECT_TRUE(engine_->tick().empty());  // nothing new within the interval
  // The counter's own figures of the day travel with its view.
  const protocol::counter_view* counter = nullptr;
  for (const auto& e : events_)
    if (const auto* c = std::get_if<protocol::counter_changed>(&e.body)) counter = &c->counter;
  ASSERT_TRUE(counter);
  EXPECT_EQ(counter->served_today, 1);
  EXPECT_EQ(counter->average_service_seconds, 360);
}

TEST_F(queue_test, GetStatsGivesPercentilesTotalsAndHours) {
  // Ten citizens of service 1 wait 1, 2, ... 10 minutes and are served 1 minute each; one
  // of service 2 waits 20 minutes and does not come.
  open(clerk1_, 1, {1});
  for (int i = 1; i <= 10; ++i) {
    take(kiosk_, 1, std::string(1, static_cast<char>('a' + i)));
    clock_.advance(std::chrono::minutes{i});
    call(clerk1_, protocol::call_next{});
    call(clerk1_, protocol::start_service{});
    clock_.advance(1min);
    call(clerk1_, protocol::finish{});
  }
  take(kiosk_, 2, "b1");
  open(clerk2_, 2, {2});
  clock_.advance(20min);
  call(clerk2_, protocol::call_next{});
  call(clerk2_, protocol::no_show{});
  take(kiosk_, 2, "b2");
  auto manager = login_staff("manager");
  auto s = std::get<protocol::stats_result>(call(manager, protocol::get_stats{}));
  const auto& ncc = s.queue.at(0);
  EXPECT_EQ(ncc.average_wait_seconds, 330);  // 5.5 minutes
  EXPECT_EQ(ncc.p90_wait_seconds, 540);      // the 9th of 10
  EXPECT_EQ(ncc.p90_service_seconds, 60);
  EXPECT_EQ(s.queue_totals.service, 0);
  EXPECT_EQ(s.queue_totals.issued, 12);
  EXPECT_EQ(s.queue_totals.served, 10);
  EXPECT_EQ(s.queue_totals.no_show, 1);
  EXPECT_EQ(s.queue_totals.waiting, 1);
  EXPECT_EQ(s.queue_totals.p90_wait_seconds, 600);  // ceil(0.9 x 11) = 10th of 11
  EXPECT_EQ(s.queue_totals.average_wait_seconds, (330 * 10 + 1200) / 11);
  // Each was told 0 (nobody ahead): its error is its wait (issue 16).
  EXPECT_EQ(ncc.eta_tickets, 10);
  EXPECT_EQ(ncc.eta_mean_abs_error_seconds, 330);
  EXPECT_EQ(ncc.eta_p90_abs_error_seconds, 540);
  EXPECT_EQ(ncc.eta_within_5_percent, 50);  // 1 to 5 minutes
  EXPECT_EQ(ncc.eta_bias_seconds, 330);
  EXPECT_EQ(s.queue_totals.eta_tickets, 11);
  EXPECT_EQ(s.queue_totals.eta_within_5_percent, 45);  // 5 of 11
  EXPECT_EQ(s.queue_totals.eta_p90_abs_error_seconds, 600);
  // From 08:00: a10 issued at 08:54 and finished at 09:05; b1 and b2 after it.
  ASSERT_EQ(s.hours.size(), 2u);
  EXPECT_EQ(s.hours[0], (protocol::hour_figures{8, 10, 9}));
  EXPECT_EQ(s.hours[1], (protocol::hour_figures{9, 2, 1}));
}

TEST_F(queue_test, ProceduresInForceTodayForAnyRoleAndPerService) {
  auto all = std::get<protocol::procedures_result>(call(kiosk_, protocol::list_procedures{}));
  EXPECT_EQ(all.procedures.size(), 9u);
  auto merit = std::get<protocol::procedures_result>(call(clerk1_, protocol::list_procedures{1}));
  ASSERT_EQ(merit.procedures.size(), 4u);
  const auto& grave = merit.procedures.back();
  EXPECT_EQ(grave.name, "Hỗ trợ thăm viếng mộ liệt sĩ");
  EXPECT_EQ(grave.processing_days, 5);
  EXPECT_EQ(grave.processing_unit, "working_days");
  ASSERT_EQ(grave.documents.size(), 1u);
  EXPECT_TRUE(grave.documents[0].required);
  // Received Thursday 26/11 at 08:00: 5 working days from Friday, due Thursday 3/12 17:00.
  EXPECT_EQ(grave.due_at, "2026-12-03T17:00:00+07:00");
}

TEST_F(queue_test, DossierVerbsHaveTheContractsRoles) {
  EXPECT_EQ(error_of(call(kiosk_, protocol::get_dossier{"X"})).code, error_code::forbidden);
  EXPECT_EQ(error_of(call(kiosk_, protocol::advance_dossier{"X", "forward", {}, {}, {}})).code,
            error_code::forbidden);
  EXPECT_EQ(error_of(call(clerk1_, protocol::get_dossier{"X"})).code, error_code::not_found);
  EXPECT_EQ(error_of(call(kiosk_, protocol::lookup_dossier{"X"})).code, error_code::not_found);
}

class hours_test : public engine_fixture {
 protected:
  hours_test()
      : engine_fixture(R"({"always_open": false, "closed_dates": ["2026-12-02"],
                           "services": [{"id": 1, "code": "NCC", "prefix": "A",
                             "name": "Người có công", "name_en": "People with meritorious services",
                             "daily_limit": 2}],
                           "counters": [{"id": 1, "name": "Quầy 1", "services": [1]}],
                           "procedures": [], "results_service": null})") {}
  engine::connection_state kiosk_ = login_device("demo-kiosk");
};

TEST_F(hours_test, OpenOnlyInOfficeHoursOnWorkingDays) {
  EXPECT_EQ(take(kiosk_, 1, "a").number, "A001");  // Thursday 08:00
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 11 / 26, std::chrono::hours{12}));
  auto lunch = error_of(call(kiosk_, protocol::take_ticket{1, "b", priority::none, "vi", {}, {}}));
  EXPECT_EQ(lunch.code, error_code::closed);
  EXPECT_NE(lunch.message.find("giờ làm việc"), std::string::npos);
  EXPECT_NE(lunch.message_en.find("office hours"), std::string::npos);
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 11 / 28, std::chrono::hours{9}));
  EXPECT_EQ(
      error_of(call(kiosk_, protocol::take_ticket{1, "c", priority::none, "en", {}, {}})).code,
      error_code::closed);  // Saturday
  clock_.set(domain::business_zone{}.at(std::chrono::year{2026} / 12 / 2, std::chrono::hours{9}));
  EXPECT_EQ(
      error_of(call(kiosk_, protocol::take_ticket{1, "d", priority::none, "vi", {}, {}})).code,
      error_code::closed);  // a configured closed date
}

TEST_F(hours_test, DailyCapGivesALimitErrorInBothLanguages) {
  take(kiosk_, 1, "a");
  take(kiosk_, 1, "b");
  auto e = error_of(call(kiosk_, protocol::take_ticket{1, "c", priority::none, "en", {}, {}}));
  EXPECT_EQ(e.code, error_code::limit);
  EXPECT_EQ(e.message, e.message_en);
  EXPECT_NE(e.message_en.find("all of today's tickets"), std::string::npos);
  auto services = std::get<protocol::services_result>(call(kiosk_, protocol::list_services{}));
  EXPECT_FALSE(services.services[0].open);
  ASSERT_TRUE(services.services[0].closure);
  EXPECT_EQ(services.services[0].closure->code, error_code::limit);
}

}  // namespace
}  // namespace motcua::testing
