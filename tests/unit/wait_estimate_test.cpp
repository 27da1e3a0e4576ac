// The wait a citizen is told (shared/domain/wait_estimate.hpp): one estimator for the server and
// the simulation.
#include "shared/domain/wait_estimate.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace motcua::domain {
namespace {

// `n` walk-ins waiting for `service`.
waiting_lines waiting(std::vector<std::pair<service_id, int>> lines) {
  waiting_lines out;
  ticket_id id = 0;
  for (const auto& [service, n] : lines)
    for (int k = 0; k < n; ++k)
      out.add({++id, service, priority::none, ticket_state::waiting,
               time_point{std::chrono::minutes{id}}, std::nullopt});
  return out;
}

int estimate(int ahead, double mean, const std::vector<open_counter>& open,
             const waiting_lines& lines, const std::vector<closed_spell>& closed = {}) {
  return estimate_wait_minutes({1, ahead, mean, open, closed}, lines);
}

TEST(WaitEstimate, NoCounterOpenOneIsAssumedAndNobodyIsAtIt) {
  const auto lines = waiting({{1, 3}});
  EXPECT_EQ(estimate(0, 12, {}, lines), 0);
  EXPECT_EQ(estimate(3, 12, {}, lines), 36);
  EXPECT_EQ(estimate(3, 0, {}, lines), 1);  // someone ahead is never "no wait"
}

TEST(WaitEstimate, FreeCountersCallAtOnceBusyOnesFinishInHalfAVisit) {
  const auto lines = waiting({{1, 4}});
  const std::vector<open_counter> two_free{{{1}, false}, {{1}, false}};
  EXPECT_EQ(estimate(1, 10, two_free, lines), 0);
  EXPECT_EQ(estimate(2, 10, two_free, lines), 3);  // (2 - 2 + 0.5) x 10 / 2 = 2.5
  const std::vector<open_counter> two_busy{{{1}, true}, {{1}, true}};
  EXPECT_EQ(estimate(0, 10, two_busy, lines), 3);
  EXPECT_EQ(estimate(4, 10, two_busy, lines), 23);  // 4.5 x 10 / 2 = 22.5
}

TEST(WaitEstimate, ACounterSharedWithALongLineCountsForItsPart) {
  // Counter 1 serves service 1 only; counter 2 serves 1 and 2, and service 2 has 7 waiting
  // against service 1's 1: it gives service 1 (1 + 1) / (1 + 1 + 7 + 1) = 0.2 of itself.
  const auto lines = waiting({{1, 1}, {2, 7}});
  const std::vector<open_counter> open{{{1}, true}, {{1, 2}, true}};
  EXPECT_EQ(estimate(1, 12, open, lines), 15);  // 1.5 x 12 / 1.2
  const std::vector<open_counter> other{{{2}, true}};
  EXPECT_EQ(estimate(1, 12, other, lines), 12);  // none of its own open: as if one, unbusy
}

TEST(WaitEstimate, ALunchBreakBeforeTheCallIsAdded) {
  const auto lines = waiting({{1, 3}});
  const std::vector<open_counter> one{{{1}, true}};
  // 3.5 visits of 10 minutes: called in 35 minutes; lunch in 20 minutes for 120.
  EXPECT_EQ(estimate(3, 10, one, lines, {{20, 140}}), 155);
  EXPECT_EQ(estimate(3, 10, one, lines, {{40, 160}}), 35);     // called before lunch
  EXPECT_EQ(estimate(0, 10, {}, waiting({}), {{0, 30}}), 30);  // nobody ahead, opens in 30
}

TEST(WaitEstimate, TheClosedSpellsOfTheOpeningHoursFromNow) {
  using std::chrono::minutes;
  // 07:00–11:30 and 13:30–17:00, with 08:00–09:00 inside the first (overlapping hours).
  const std::vector<std::pair<minutes, minutes>> hours{{minutes{13 * 60 + 30}, minutes{17 * 60}},
                                                       {minutes{7 * 60}, minutes{11 * 60 + 30}},
                                                       {minutes{8 * 60}, minutes{9 * 60}}};
  auto spells = closed_spells(hours, 6 * 60);  // 06:00: an hour to the opening, then lunch
  ASSERT_EQ(spells.size(), 2u);
  EXPECT_EQ(spells[0].from, 0);
  EXPECT_EQ(spells[0].to, 60);
  EXPECT_EQ(spells[1].from, 330);
  EXPECT_EQ(spells[1].to, 450);
  spells = closed_spells(hours, 12 * 60);  // in the lunch break: what is left of it
  ASSERT_EQ(spells.size(), 1u);
  EXPECT_EQ(spells[0].from, -30);
  EXPECT_EQ(spells[0].to, 90);
  EXPECT_TRUE(closed_spells(hours, 14 * 60).empty());
}

TEST(ServiceTimes, TheLatestSamplesOrTheExpectedTime) {
  service_times times(2);
  EXPECT_DOUBLE_EQ(times.average_minutes(1, 7), 7);
  times.add(1, 60);
  times.add(1, 180);
  times.add(1, 300);  // only the latest two count
  EXPECT_DOUBLE_EQ(times.average_minutes(1, 7), 4);
}

}  // namespace
}  // namespace motcua::domain
