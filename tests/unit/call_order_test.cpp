// The call-order rule: the order tickets are called in, and which waiting tickets a counter may
// take (domain/call_order.hpp).
#include "shared/domain/call_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <vector>

namespace motcua::domain {
namespace {

using namespace std::chrono_literals;

const time_point nine =
    business_zone{}.at(std::chrono::year{2026} / 11 / 26, std::chrono::hours{9});

queued_ticket waiting(ticket_id id, service_id service, time_point issued,
                      priority p = priority::none) {
  return {id, service, p, ticket_state::waiting, issued, {}};
}

std::vector<ticket_id> call_order(std::vector<queued_ticket> tickets) {
  std::sort(tickets.begin(), tickets.end(), called_before);
  std::vector<ticket_id> ids;
  for (const auto& t : tickets) ids.push_back(t.id);
  return ids;
}

TEST(CallOrder, PriorityGroupsComeBeforeTheNormalQueueThenTheEarliestIssued) {
  EXPECT_EQ(call_order({waiting(1, 1, nine), waiting(2, 1, nine + 1min, priority::elderly),
                        waiting(3, 1, nine - 1min), waiting(4, 2, nine + 2min, priority::child),
                        waiting(5, 2, nine - 2min)}),
            (std::vector<ticket_id>{2, 4, 5, 3, 1}));
}

TEST(CallOrder, EveryPriorityGroupCountsTheSame) {
  EXPECT_EQ(call_order({waiting(1, 1, nine + 1min, priority::merit),
                        waiting(2, 1, nine, priority::pregnant)}),
            (std::vector<ticket_id>{2, 1}));
}

TEST(CallOrder, PriorityGroupsThenCheckedInAppointmentsThenWalkInsEachByIssueTime) {
  EXPECT_EQ(call_order({waiting(1, 1, nine), waiting(2, 1, nine + 1min, priority::appointment),
                        waiting(3, 1, nine + 2min, priority::elderly),
                        waiting(4, 1, nine - 1min, priority::appointment)}),
            (std::vector<ticket_id>{3, 4, 2, 1}));
  EXPECT_EQ(group_of(priority::merit), call_group::priority_group);
  EXPECT_EQ(group_of(priority::appointment), call_group::appointment);
  EXPECT_EQ(group_of(priority::none), call_group::walk_in);
}

TEST(CallOrder, EqualIssueTimesGoByTicketId) {
  EXPECT_EQ(call_order({waiting(7, 2, nine), waiting(3, 1, nine), waiting(5, 3, nine)}),
            (std::vector<ticket_id>{3, 5, 7}));
  EXPECT_FALSE(called_before(waiting(3, 1, nine), waiting(3, 1, nine)));
}

TEST(CallOrder, ATransferredTicketKeepsItsPlaceByIssueTime) {
  auto transferred = waiting(1, 3, nine - 30min);  // now in service 3, for counter 4
  transferred.target_counter = 4;
  EXPECT_TRUE(called_before(transferred, waiting(2, 3, nine)));
  EXPECT_EQ(position_of(transferred), (call_position{call_group::walk_in, nine - 30min, 1}));
}

TEST(CallOrder, PositionsCompareAsTheTickets) {
  auto a = waiting(1, 1, nine, priority::disabled), b = waiting(2, 1, nine - 5min);
  EXPECT_LT(position_of(a), position_of(b));
  EXPECT_TRUE(called_before(a, b));
  EXPECT_FALSE(called_before(b, a));
}

TEST(AppointmentRun, ThePriorityGroupsOfTheLawAlwaysGoFirst) {
  for (int called : {0, 1, 2, 5})
    EXPECT_EQ(next_group(true, true, true, {called, 2}), call_group::priority_group);
}

TEST(AppointmentRun, AppointmentsGoAheadOfWalkInsUpToTheLimitInARow) {
  EXPECT_EQ(next_group(false, true, true, {0, 2}), call_group::appointment);
  EXPECT_EQ(next_group(false, true, true, {1, 2}), call_group::appointment);
  EXPECT_EQ(next_group(false, true, true, {2, 2}), call_group::walk_in);
  // Nobody else waiting: appointments go on, and the walk-in who comes next goes first.
  EXPECT_EQ(next_group(false, true, false, {2, 2}), call_group::appointment);
  EXPECT_EQ(next_group(false, true, true, {4, 2}), call_group::walk_in);
  EXPECT_EQ(next_group(false, false, true, {0, 2}), call_group::walk_in);
  EXPECT_EQ(next_group(false, false, false, {0, 2}), std::nullopt);
}

TEST(AppointmentRun, AnAppointmentLengthensTheRunAnyOtherCallEndsIt) {
  EXPECT_EQ(after_call({1, 2}, call_group::appointment).called, 2);
  EXPECT_EQ(after_call({3, 2}, call_group::walk_in).called, 0);
  EXPECT_EQ(after_call({2, 2}, call_group::priority_group).called, 0);
  EXPECT_EQ(after_call({2, 3}, call_group::appointment).limit, 3);
}

std::vector<ticket_id> calls(const std::vector<queued_ticket>& tickets, appointment_run run) {
  std::vector<ticket_id> ids;
  for (auto i : calls_in_order(tickets, run)) ids.push_back(tickets[i].id);
  return ids;
}

TEST(AppointmentRun, ACountersCallsInterleaveWalkInsBetweenRunsOfAppointments) {
  // Walk-ins 1-3 came first; appointments 11-15 checked in later; an elderly citizen last.
  std::vector<queued_ticket> hall{waiting(1, 1, nine), waiting(2, 1, nine + 1min),
                                  waiting(3, 1, nine + 2min)};
  for (int i = 0; i < 5; ++i)
    hall.push_back(waiting(11 + i, 1, nine + 10min + i * 1min, priority::appointment));
  EXPECT_EQ(calls(hall, {0, 2}), (std::vector<ticket_id>{11, 12, 1, 13, 14, 2, 15, 3}));
  // One called already: one more, then a walk-in.
  EXPECT_EQ(calls(hall, {1, 2}), (std::vector<ticket_id>{11, 1, 12, 13, 2, 14, 15, 3}));
  EXPECT_EQ(calls(hall, {0, 1}), (std::vector<ticket_id>{11, 1, 12, 2, 13, 3, 14, 15}));
  hall.push_back(waiting(21, 1, nine + 30min, priority::elderly));
  EXPECT_EQ(calls(hall, {2, 2}), (std::vector<ticket_id>{21, 11, 12, 1, 13, 14, 2, 15, 3}));
  EXPECT_TRUE(calls({}, {0, 2}).empty());
}

TEST(CounterEligibility, AnUntargetedTicketOfAServedService) {
  const std::vector<service_id> serves{1, 3};
  EXPECT_TRUE(may_take(waiting(1, 1, nine), 2, serves));
  EXPECT_TRUE(may_take(waiting(1, 3, nine), 2, serves));
  EXPECT_FALSE(may_take(waiting(1, 2, nine), 2, serves));
  EXPECT_FALSE(may_take(waiting(1, 1, nine), 2, {}));
}

TEST(CounterEligibility, ATicketTransferredToTheCounterWhateverItsService) {
  const std::vector<service_id> serves{1};
  auto mine = waiting(1, 2, nine);  // service 2: not served here
  mine.target_counter = 5;
  EXPECT_TRUE(may_take(mine, 5, serves));
  EXPECT_TRUE(may_take(mine, 5, {}));
  // Another counter's, even one serving the service.
  EXPECT_FALSE(may_take(mine, 6, std::vector<service_id>{2}));
}

TEST(CounterEligibility, OnlyWaitingTickets) {
  const std::vector<service_id> serves{1};
  for (auto s : {ticket_state::called, ticket_state::serving, ticket_state::done,
                 ticket_state::no_show, ticket_state::cancelled}) {
    auto t = waiting(1, 1, nine);
    t.state = s;
    EXPECT_FALSE(may_take(t, 1, serves)) << to_string(s);
    t.target_counter = 1;
    EXPECT_FALSE(may_take(t, 1, serves)) << to_string(s);
  }
}

TEST(WaitingLines, ACounterCallsByTheRuleOverItsServicesAndItsTransfers) {
  waiting_lines lines;
  lines.add(waiting(1, 1, nine));
  lines.add(waiting(2, 2, nine - 5min));  // another service: not counter 7's
  lines.add(waiting(3, 1, nine + 1min, priority::appointment));
  auto to_seven = waiting(4, 3, nine + 2min);
  to_seven.target_counter = 7;  // transferred to counter 7 from a service it does not serve
  lines.add(to_seven);
  auto to_eight = waiting(5, 1, nine - 9min);
  to_eight.target_counter = 8;  // in counter 7's service, but for counter 8
  lines.add(to_eight);
  const std::vector<service_id> services{1};
  // The appointment line, then the walk-ins (ticket 4 counts as one: issued after ticket 1).
  EXPECT_EQ(lines.next_for(7, services, {0, 2}), ticket_id{3});
  EXPECT_EQ(lines.next_for(7, services, {2, 2}), ticket_id{1});
  lines.remove(1);
  lines.remove(3);
  EXPECT_EQ(lines.next_for(7, services, {0, 2}), ticket_id{4});
  EXPECT_EQ(lines.next_for(8, std::vector<service_id>{2}, {0, 2}), ticket_id{5});
  lines.remove(4);
  EXPECT_EQ(lines.next_for(7, services, {0, 2}), std::nullopt);
}

TEST(WaitingLines, CountsOldestAndNewPlaces) {
  waiting_lines lines;
  lines.add(waiting(1, 1, nine));
  lines.add(waiting(2, 1, nine - 3min, priority::appointment));
  lines.add(waiting(3, 1, nine + 1min, priority::elderly));
  EXPECT_EQ(lines.count(1), 3u);
  EXPECT_EQ(lines.oldest(1), nine - 3min);
  EXPECT_EQ(lines.oldest(2), std::nullopt);
  // Transferred to service 2: out of service 1's line, into service 2's.
  lines.add(waiting(2, 2, nine - 3min, priority::appointment));
  EXPECT_EQ(lines.count(1), 2u);
  EXPECT_EQ(lines.oldest(1), nine);
  EXPECT_EQ(lines.count(2), 1u);
  // Called: no longer waiting, so in no line.
  auto called = waiting(1, 1, nine);
  called.state = ticket_state::called;
  lines.add(called);
  EXPECT_EQ(lines.count(1), 1u);
  EXPECT_EQ(lines.find(1), nullptr);
  ASSERT_NE(lines.find(3), nullptr);
  EXPECT_EQ(lines.of(1).begin()->id, ticket_id{3});
}

// next_for against the rule written plainly: every waiting ticket the counter may take, ordered
// by calls_in_order; many random halls of three services, transfers to counters, all runs.
TEST(WaitingLines, NextForIsTheFirstOfCallsInOrderOverWhatTheCounterMayTake) {
  std::mt19937 draw(11);
  const std::array<priority, 4> priorities{priority::none, priority::none, priority::elderly,
                                           priority::appointment};
  for (int hall = 0; hall < 300; ++hall) {
    waiting_lines lines;
    std::vector<queued_ticket> all;
    for (ticket_id id = 1; id <= 12; ++id) {
      auto t = waiting(id, 1 + static_cast<service_id>(draw() % 3),
                       nine + std::chrono::minutes(draw() % 6), priorities[draw() % 4]);
      if (draw() % 4 == 0) t.target_counter = 1 + static_cast<counter_id>(draw() % 3);
      lines.add(t);
      all.push_back(t);
    }
    for (counter_id counter = 1; counter <= 3; ++counter)
      for (const auto& services : std::vector<std::vector<service_id>>{{1}, {2, 3}, {3, 1, 2}})
        for (int called = 0; called <= 2; ++called) {
          std::vector<queued_ticket> mine;
          for (const auto& t : all)
            if (may_take(t, counter, services)) mine.push_back(t);
          const appointment_run run{called, 2};
          const auto order = calls_in_order(mine, run);
          const auto expected =
              order.empty() ? std::nullopt : std::optional<ticket_id>{mine[order.front()].id};
          EXPECT_EQ(lines.next_for(counter, services, run), expected)
              << "hall " << hall << ", counter " << counter << ", run " << called;
        }
  }
}

}  // namespace
}  // namespace motcua::domain
