#include "shared/domain/ticket.hpp"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <utility>

namespace motcua::domain {
namespace {

using s = ticket_state;
using a = ticket_action;

constexpr std::array all_states{s::waiting, s::called,  s::serving,
                                s::done,    s::no_show, s::cancelled};
constexpr std::array all_actions{a::call, a::start, a::finish, a::no_show, a::transfer, a::cancel};

// The whole state machine: every (state, action) pair not listed here is forbidden.
const std::map<std::pair<s, a>, s> allowed{
    {{s::waiting, a::call}, s::called},      {{s::waiting, a::transfer}, s::waiting},
    {{s::waiting, a::cancel}, s::cancelled}, {{s::called, a::start}, s::serving},
    {{s::called, a::no_show}, s::no_show},   {{s::called, a::transfer}, s::waiting},
    {{s::serving, a::finish}, s::done},      {{s::serving, a::transfer}, s::waiting},
};

TEST(TicketStateMachine, EveryStateActionPair) {
  int checked = 0;
  for (s from : all_states) {
    for (a action : all_actions) {
      SCOPED_TRACE(std::string(to_string(from)) + " + action " +
                   std::to_string(static_cast<int>(action)));
      auto it = allowed.find({from, action});
      auto next = next_state(from, action);
      if (it == allowed.end()) {
        EXPECT_FALSE(next) << "allowed, to " << to_string(*next);
      } else {
        ASSERT_TRUE(next);
        EXPECT_EQ(*next, it->second);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 36);
}

TEST(TicketStateMachine, NamedTransitions) {
  EXPECT_EQ(next_state(s::waiting, a::call), s::called);
  EXPECT_EQ(next_state(s::called, a::start), s::serving);
  EXPECT_EQ(next_state(s::serving, a::finish), s::done);
  EXPECT_EQ(next_state(s::called, a::no_show), s::no_show);
  EXPECT_EQ(next_state(s::serving, a::transfer), s::waiting);
  EXPECT_EQ(next_state(s::waiting, a::cancel), s::cancelled);
  EXPECT_FALSE(next_state(s::waiting, a::finish));  // never skips serving
  EXPECT_FALSE(next_state(s::serving, a::no_show));
  EXPECT_FALSE(next_state(s::called, a::call));
  EXPECT_FALSE(next_state(s::called, a::cancel));
}

TEST(TicketStateMachine, TerminalStatesAllowNothing) {
  for (s from : all_states) {
    bool any = false;
    for (a action : all_actions) any = any || next_state(from, action).has_value();
    EXPECT_EQ(is_terminal(from), !any) << to_string(from);
  }
  EXPECT_TRUE(is_terminal(s::done));
  EXPECT_TRUE(is_terminal(s::no_show));
  EXPECT_TRUE(is_terminal(s::cancelled));
  EXPECT_FALSE(is_terminal(s::waiting));
  EXPECT_FALSE(is_terminal(s::called));
  EXPECT_FALSE(is_terminal(s::serving));
}

TEST(TicketState, NamesRoundTrip) {
  for (s state : all_states) EXPECT_EQ(parse_ticket_state(to_string(state)), state);
  EXPECT_EQ(to_string(s::no_show), "no_show");
  EXPECT_EQ(parse_ticket_state("cancelled"), s::cancelled);
  EXPECT_FALSE(parse_ticket_state("Waiting"));
  EXPECT_FALSE(parse_ticket_state(""));
}

TEST(Priority, NamesRoundTrip) {
  constexpr std::array all{priority::none,       priority::merit,    priority::elderly,
                           priority::disabled,   priority::pregnant, priority::child,
                           priority::appointment};
  for (priority p : all) EXPECT_EQ(parse_priority(to_string(p)), p);
  EXPECT_EQ(to_string(priority::elderly), "elderly");
  EXPECT_FALSE(parse_priority("vip"));
  EXPECT_FALSE(is_priority(priority::none));
  EXPECT_TRUE(is_priority(priority::child));
  // An appointment is marked, but is no priority group of the law.
  EXPECT_TRUE(is_priority(priority::appointment));
  EXPECT_FALSE(is_priority_group(priority::appointment));
  EXPECT_TRUE(is_priority_group(priority::merit));
  EXPECT_FALSE(is_priority_group(priority::none));
}

TEST(FormatTicketNumber, PadsToThreeDigits) {
  EXPECT_EQ(format_ticket_number("A", 1), "A001");
  EXPECT_EQ(format_ticket_number("A", 12), "A012");
  EXPECT_EQ(format_ticket_number("B", 999), "B999");
  EXPECT_EQ(format_ticket_number("C", 0), "C000");
}

TEST(FormatTicketNumber, GrowsPastNineHundredNinetyNine) {
  EXPECT_EQ(format_ticket_number("A", 1000), "A1000");
  EXPECT_EQ(format_ticket_number("A", 12345), "A12345");
}

TEST(FormatTicketNumber, AnyPrefix) {
  EXPECT_EQ(format_ticket_number("", 7), "007");
  EXPECT_EQ(format_ticket_number("HT", 42), "HT042");
  EXPECT_EQ(format_ticket_number("Đ", 3), "Đ003");
}

}  // namespace
}  // namespace motcua::domain
