// The hall's simulation (sim/model): queueing theory for the simple case, the engine's call rule
// for the rest, the same result for the same seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/model/erlang.hpp"
#include "sim/model/figures.hpp"
#include "sim/model/hall.hpp"
#include "sim/model/profile.hpp"
#include "sim/model/recorded.hpp"
#include "sim/model/staffing.hpp"

namespace motcua::sim {
namespace {

using domain::priority;

TEST(ErlangC, KnownValues) {
  // Two counters, one citizen a minute, a minute each: a = 1, C(2, 1) = 1/3.
  const mmc q{60, 1, 2};
  EXPECT_NEAR(erlang_c_wait_probability(q), 1.0 / 3, 1e-12);
  EXPECT_NEAR(erlang_c_mean_wait(q), 1.0 / 3, 1e-12);  // C / (cμ − λ) = (1/3) / (2 − 1)
  // P(W > t) = (1/3)·e^(−t): the 90th percentile is ln(10/3).
  EXPECT_NEAR(erlang_c_wait_quantile(q, 0.9), std::log(10.0 / 3), 1e-12);
  // Half the citizens never wait: the median is 0.
  EXPECT_EQ(erlang_c_wait_quantile(q, 0.5), 0);
  // One counter: M/M/1, C = ρ.
  EXPECT_NEAR(erlang_c_wait_probability({30, 1, 1}), 0.5, 1e-12);
  // More than the counters can serve: no steady state.
  EXPECT_TRUE(std::isinf(erlang_c_mean_wait({130, 1, 2})));
}

// Over long runs the simulated M/M/C waits match Erlang C's within a few percent. A busy hall's
// waits are long-correlated (one run of 125,000 citizens at 70 % busy strays by 5 % either way),
// so each case pools runs of 16 seeds: 2,000,000 citizens for ten counters, 500,000 for one
// counter half busy.
TEST(Simulation, AgreesWithErlangCOverLongRuns) {
  for (const auto& [q, citizens] :
       {std::pair{mmc{42, 10, 10}, 2'000'000.0}, std::pair{mmc{30, 1, 1}, 500'000.0}}) {
    const double hours = citizens / q.arrivals_per_hour / 16;
    std::vector<double> waits;
    for (std::uint64_t seed = 1; seed <= 16; ++seed) {
      const auto day = simulate(poisson_arrivals(q, hours, seed), always_open(q.counters));
      EXPECT_TRUE(day.unserved.empty());
      auto more = waits_of(day);
      waits.insert(waits.end(), more.begin(), more.end());
    }
    const auto s = summarize(std::move(waits));
    SCOPED_TRACE(testing::Message() << q.arrivals_per_hour << "/h, " << q.mean_service_minutes
                                    << " min, " << q.counters << " counters");
    EXPECT_GT(static_cast<double>(s.count), 0.95 * citizens);
    EXPECT_NEAR(s.mean, erlang_c_mean_wait(q), 0.05 * erlang_c_mean_wait(q));
    EXPECT_NEAR(s.p90, erlang_c_wait_quantile(q, 0.9), 0.05 * erlang_c_wait_quantile(q, 0.9));
  }
}

TEST(Simulation, SameSeedSameDayAnotherSeedAnother) {
  const mmc q{40, 9, 6};
  auto run = [&](std::uint64_t seed) {
    return waits_of(simulate(poisson_arrivals(q, 8, seed), always_open(q.counters)));
  };
  EXPECT_EQ(run(3), run(3));
  EXPECT_NE(run(3), run(4));
}

std::vector<counter_plan> one_counter(std::vector<domain::service_id> services, shift s = {}) {
  return {{1, std::move(services), {s}}};
}

TEST(Simulation, PriorityGroupsGoFirstThenByIssueTime) {
  // The counter is busy until minute 10; meanwhile a walk-in, an elderly citizen and another
  // walk-in take tickets.
  const std::vector<arrival> arrivals{citizen(0, 1, 10), citizen(1, 1, 5),
                                      citizen(2, 1, 5, priority::elderly), citizen(3, 1, 5)};
  const auto day = simulate(arrivals, one_counter({1}));
  ASSERT_EQ(day.visits.size(), 4u);
  EXPECT_EQ(day.visits[1].arrival, 2u);  // the elderly citizen first
  EXPECT_EQ(day.visits[1].called, 10);
  EXPECT_EQ(day.visits[2].arrival, 1u);
  EXPECT_EQ(day.visits[3].arrival, 3u);
  EXPECT_EQ(day.visits[3].wait(), 20 - 3);
}

TEST(Simulation, AppointmentsGoAheadOfWalkInsALimitedNumberOfTimesInARow) {
  std::vector<arrival> arrivals{citizen(0, 1, 10), citizen(1, 1, 1)};
  for (int i = 0; i < 3; ++i) arrivals.push_back(citizen(2.0 + i, 1, 1, priority::appointment));
  hall_rules rules;
  rules.appointments_in_a_row = 2;
  const auto day = simulate(arrivals, one_counter({1}), rules);
  ASSERT_EQ(day.visits.size(), 5u);
  // Two appointments, then the walk-in who came before them, then the last appointment.
  EXPECT_EQ(day.visits[1].arrival, 2u);
  EXPECT_EQ(day.visits[2].arrival, 3u);
  EXPECT_EQ(day.visits[3].arrival, 1u);
  EXPECT_EQ(day.visits[4].arrival, 4u);
}

TEST(Simulation, ATransferKeepsItsPlaceByIssueTimeAtTheNextService) {
  // Counter 1 serves service 1, counter 2 service 2 (busy until minute 20 with an early
  // ticket). Ticket 1 is transferred to service 2 at minute 5; a citizen who took a ticket for
  // service 2 at minute 3 comes after it there.
  auto transferred = citizen(1, 1, 4);
  transferred.transfer_to = 2;
  transferred.transfer_minutes = 6;
  const std::vector<arrival> arrivals{citizen(0, 2, 20), transferred, citizen(3, 2, 2)};
  const std::vector<counter_plan> plan{{1, {1}, {shift{}}}, {2, {2}, {shift{}}}};
  const auto day = simulate(arrivals, plan);
  ASSERT_EQ(day.visits.size(), 4u);
  const auto& second = day.visits[2];
  EXPECT_EQ(second.arrival, 1u);
  EXPECT_TRUE(second.transferred);
  EXPECT_EQ(second.counter, 2);
  EXPECT_EQ(second.joined, 5);  // its wait there counts from the transfer
  EXPECT_EQ(second.called, 20);
  EXPECT_EQ(second.ended, 26);
  EXPECT_EQ(day.visits[3].arrival, 2u);
}

TEST(Simulation, ANoShowHoldsTheCounterForItsCallsThenTheNextIsCalled) {
  auto absent = citizen(0, 1, 10);
  absent.no_show = true;
  hall_rules rules;
  rules.no_show_minutes = 3;
  const auto day = simulate({absent, citizen(1, 1, 5)}, one_counter({1}), rules);
  ASSERT_EQ(day.visits.size(), 2u);
  EXPECT_TRUE(day.visits[0].no_show);
  EXPECT_EQ(day.visits[0].ended, 3);
  EXPECT_EQ(day.visits[1].called, 3);
  EXPECT_EQ(day.busy_minutes[0], 8);
}

TEST(Simulation, CountersCallOnlyOnShiftAndWhoIsLeftIsUnserved) {
  // Open 10–20: a ticket at minute 0 waits for the opening; the one at 19 is called and
  // finished after closing; the one at 21 never is.
  const std::vector<arrival> arrivals{citizen(0, 1, 5), citizen(19, 1, 5), citizen(21, 1, 5)};
  const auto day = simulate(arrivals, one_counter({1}, {10, 20}));
  ASSERT_EQ(day.visits.size(), 2u);
  EXPECT_EQ(day.visits[0].called, 10);
  EXPECT_EQ(day.visits[1].called, 19);
  EXPECT_EQ(day.visits[1].ended, 24);
  EXPECT_EQ(day.unserved, (std::vector<left_waiting>{{2, 1, 21}}));
  EXPECT_EQ(day.open_minutes[0], 10);
  EXPECT_EQ(day.busy_minutes[0], 10);
}

TEST(Simulation, EachCitizenIsToldTheServersEstimateAtArrival) {
  // One counter, free; 10-minute visits expected until one is finished. Three at minute 0: the
  // first is called at once (told 0), the second waits for it (half a visit: 5), the third for
  // one more (15). The first visit took 4 minutes: one at minute 5, with one waiting ahead and
  // the second at the counter, is told 1.5 x 4 = 6 minutes and is called at 24.
  hall_rules rules;
  rules.expected_service_minutes[1] = 10;
  const auto day =
      simulate({citizen(0, 1, 4), citizen(0, 1, 10), citizen(0, 1, 10), citizen(5, 1, 10)},
               one_counter({1}), rules);
  EXPECT_EQ(day.told, (std::vector<int>{0, 5, 15, 6}));
  const auto errors = eta_errors(day);
  ASSERT_EQ(errors.at(1).size(), 4u);
  EXPECT_EQ(errors.at(1)[1], 4 - 5);  // called at 4, told 5
  EXPECT_EQ(errors.at(1)[3], 24 - 5 - 6);
}

TEST(Figures, NearestRankPercentiles) {
  const auto s = summarize({5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
  EXPECT_EQ(s.count, 10u);
  EXPECT_EQ(s.mean, 5.5);
  EXPECT_EQ(s.p50, 5);
  EXPECT_EQ(s.p90, 9);
  EXPECT_EQ(s.max, 10);
  EXPECT_EQ(summarize({}).count, 0u);
}

TEST(Figures, PerServiceAndHourOfAHandBuiltDay) {
  // One counter for service 1 from 8:00 to 10:00; half-hour visits. Tickets at 8:00, 8:10 and
  // 8:20 are called at 8:00, 8:30 and 9:00; one at 9:50 at once, finished at 10:20.
  const std::vector<counter_plan> plan{{1, {1}, {shift{480, 600}}}};
  const auto day = simulate(
      {citizen(480, 1, 30), citizen(490, 1, 30), citizen(500, 1, 30), citizen(590, 1, 30)}, plan);
  const auto rows = by_service_and_hour(day, plan, {{1, 30}});
  ASSERT_EQ(rows.size(), 3u);
  const auto& eight = rows[0];
  EXPECT_EQ(eight.hour, 8);
  EXPECT_EQ(eight.joined, 3);
  EXPECT_EQ(eight.waits.p50, 20);
  EXPECT_EQ(eight.waits.p90, 40);
  EXPECT_EQ(eight.over_target, 1);            // 40 minutes against a target of 30
  EXPECT_DOUBLE_EQ(eight.mean_waiting, 1.0);  // 20 + 40 citizen-minutes in 60 minutes
  EXPECT_DOUBLE_EQ(eight.utilisation, 1.0);
  const auto& nine = rows[1];
  EXPECT_EQ(nine.hour, 9);
  EXPECT_EQ(nine.joined, 1);
  EXPECT_EQ(nine.waits.max, 0);
  EXPECT_DOUBLE_EQ(nine.utilisation, 40.0 / 60);  // 9:00–9:30 and 9:50–10:00
  EXPECT_EQ(rows[2].hour, 10);  // finishing after the shift: busy, no counter on shift
  EXPECT_EQ(rows[2].joined, 0);
  EXPECT_EQ(rows[2].utilisation, 0);
}

TEST(Profile, ADayDrawnHourByHourTheSameForASeed) {
  service_profile a;
  a.id = 1;
  a.arrivals_per_hour[8] = 600;  // ten a minute, so the count is sure to be near 600
  a.arrivals_per_hour[9] = 60;
  a.no_show_share = 0.5;
  a.transfer_to = 2;
  a.transfer_share = 0.25;
  hall_profile profile;
  profile.services = {a};
  const auto day = draw_day(profile, 5);
  const auto in_hour = [&](int h) {
    return std::count_if(day.begin(), day.end(),
                         [&](const arrival& x) { return x.at >= h * 60 && x.at < h * 60 + 60; });
  };
  EXPECT_NEAR(in_hour(8), 600, 100);
  EXPECT_NEAR(in_hour(9), 60, 30);
  EXPECT_EQ(in_hour(8) + in_hour(9), static_cast<long>(day.size()));
  EXPECT_TRUE(std::is_sorted(day.begin(), day.end(),
                             [](const arrival& x, const arrival& y) { return x.at < y.at; }));
  const auto absent =
      std::count_if(day.begin(), day.end(), [](const arrival& x) { return x.no_show; });
  EXPECT_NEAR(static_cast<double>(absent) / static_cast<double>(day.size()), 0.5, 0.1);
  const auto sent_on =
      std::count_if(day.begin(), day.end(), [](const arrival& x) { return x.transfer_to == 2; });
  EXPECT_NEAR(static_cast<double>(sent_on) / static_cast<double>(day.size()), 0.25, 0.1);
  const auto again = draw_day(profile, 5);
  ASSERT_EQ(again.size(), day.size());
  for (std::size_t i = 0; i < day.size(); ++i) {
    EXPECT_EQ(again[i].at, day[i].at);
    EXPECT_EQ(again[i].service_minutes, day[i].service_minutes);
  }
  EXPECT_NE(draw_day(profile, 6).size() + draw_day(profile, 6)[0].at, day.size() + day[0].at);
}

TEST(Profile, CalendarDaysScaleTheArrivals) {
  service_profile a;
  a.id = 1;
  a.arrivals_per_hour[8] = 10;
  a.month_end_factor = 2;
  hall_profile profile;
  profile.services = {a};
  using namespace std::chrono;
  auto rate = [&](year_month_day d) {
    return profile_of_day(profile, d).services[0].arrivals_per_hour[8];
  };
  EXPECT_DOUBLE_EQ(rate(2026y / 11 / 9), 13);   // a Monday
  EXPECT_DOUBLE_EQ(rate(2026y / 11 / 11), 10);  // a Wednesday
  EXPECT_DOUBLE_EQ(rate(2026y / 11 / 13), 9);   // a Friday
  EXPECT_DOUBLE_EQ(rate(2026y / 11 / 25), 20);  // a Wednesday at the month's end
  // Tết 2027 is on Saturday 6 February: Wednesday 20 January is in the three weeks before it.
  EXPECT_DOUBLE_EQ(rate(2027y / 1 / 20), 15);
  EXPECT_DOUBLE_EQ(rate(2027y / 1 / 6), 10);
}

TEST(Recorded, ADayPlayedAgainFromItsRecordGivesItsWaits) {
  // Counter 1 (service 1) open 8:00–9:00, then paused; counter 2 (services 1, 2) open from
  // 8:10 to the end. Ticket 1 at 8:00 served 20 minutes; ticket 2 at 8:05 (service 1) waits
  // for counter 2 at 8:10 and is sent on to service 2, where it is called again at once (its
  // issue time is the earliest); ticket 3 waits for counter 1 and never comes; one given up.
  recorded_day day;
  using end = recorded_visit::end;
  day.tickets = {
      {480, 1, priority::none, false, 0, {{1, 1, 480, 500, end::done}}},
      {485,
       1,
       priority::none,
       false,
       3,
       {{1, 2, 490, 495, end::transferred}, {2, 2, 495, 502, end::done}}},
      {486, 1, priority::none, false, 5, {{1, 1, 500, 503, end::no_show}}},
      {487, 2, priority::none, true, 1, {}},
  };
  day.counters = {{480, 1, true, {1}}, {490, 2, true, {1, 2}}, {540, 1, false, {1}}};
  const auto replay = replay_of(day);
  ASSERT_EQ(replay.arrivals.size(), 3u);  // the one given up took no counter's time
  EXPECT_EQ(replay.arrivals[1].transfer_to, 2);
  EXPECT_EQ(replay.arrivals[1].service_minutes, 5);
  EXPECT_EQ(replay.arrivals[1].transfer_minutes, 7);
  EXPECT_TRUE(replay.arrivals[2].no_show);
  EXPECT_EQ(replay.rules.no_show_minutes, 3);
  ASSERT_EQ(replay.plan.size(), 2u);
  EXPECT_EQ(replay.plan[0].shifts[0].from, 480);
  EXPECT_EQ(replay.plan[0].shifts[0].to, 540);
  EXPECT_EQ(replay.plan[1].shifts[0].to, 540);  // still open: to the record's last moment
  EXPECT_EQ(replay.plan[1].services, (std::vector<domain::service_id>{1, 2}));
  ASSERT_EQ(replay.recorded.visits.size(), 4u);
  EXPECT_EQ(replay.recorded.told, (std::vector<int>{0, 3, 5}));

  const auto again = simulate(replay.arrivals, replay.plan, replay.rules);
  EXPECT_EQ(waits_of(again), waits_of(replay.recorded));
}

TEST(Staffing, APlanCountedPerServiceAndHourChangedAndMadeFromCounts) {
  // Counter 1 (service 1) 7:00–11:30; counter 2 (services 1 and 2) 8:00–10:00. Half an hour
  // on shift is not more than half the hour: 11:00 has none.
  const std::vector<counter_plan> plan{{1, {1}, {{420, 690}}}, {2, {1, 2}, {{480, 600}}}};
  const auto now = staffing_of(plan);
  EXPECT_EQ(now.at(1, 7), 1);
  EXPECT_EQ(now.at(1, 8), 2);
  EXPECT_EQ(now.at(1, 10), 1);
  EXPECT_EQ(now.at(1, 11), 0);
  EXPECT_EQ(now.at(2, 9), 1);
  EXPECT_EQ(now.counter_hours(), 6 + 2);

  // Three for service 1 at 8, none for service 2 at 9: a counter of service 1 is added at 8;
  // counter 2 is taken off at 9, so service 1, which keeps its two, gets one of its own there.
  auto wanted = now;
  wanted.counters[1][8] = 3;
  wanted.counters[2][9] = 0;
  const auto changed = with_staffing(plan, wanted);
  ASSERT_EQ(changed.size(), 4u);
  EXPECT_EQ(changed[2].id, 3);
  EXPECT_EQ(changed[2].services, (std::vector<domain::service_id>{1}));
  EXPECT_EQ(changed[3].shifts, (std::vector<shift>{{540, 600}}));
  const auto after = staffing_of(changed);
  EXPECT_EQ(after.at(1, 8), 3);
  EXPECT_EQ(after.at(2, 9), 0);
  EXPECT_EQ(after.at(1, 9), 2);
  EXPECT_EQ(after.at(1, 7), 1);  // the hours not asked for stay
  EXPECT_EQ(staffing_of(with_staffing(plan, now)), now);

  staffing counts;
  counts.counters[1][7] = 1;
  counts.counters[1][8] = 2;
  counts.counters[1][9] = 1;
  const auto made = plan_of(counts);
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].shifts, (std::vector<shift>{{420, 600}}));
  EXPECT_EQ(made[1].shifts, (std::vector<shift>{{480, 540}}));
  EXPECT_EQ(staffing_of(made), counts);
}

TEST(Staffing, TheProfileOfRecordedDaysIsTheirMean) {
  replay monday, another;
  auto sent = citizen(480, 1, 12, priority::elderly);
  sent.transfer_to = 2;
  sent.transfer_minutes = 4;
  auto absent = citizen(500, 1, 0);
  absent.no_show = true;
  monday.arrivals = {sent, citizen(490, 1, 8), absent};
  another.arrivals = {citizen(485, 1, 10)};
  const std::vector<replay> days{monday, another};
  const auto profile = profile_of_days(days, {{1, 20}});
  ASSERT_EQ(profile.services.size(), 2u);  // service 2 only by transfer
  const auto& s = profile.services[0];
  EXPECT_DOUBLE_EQ(s.arrivals_per_hour[8], 2);  // 4 citizens at 8 o'clock in two days
  EXPECT_DOUBLE_EQ(s.mean_service_minutes, 10);
  EXPECT_DOUBLE_EQ(s.priority_share, 0.25);
  EXPECT_DOUBLE_EQ(s.no_show_share, 0.25);
  EXPECT_EQ(s.transfer_to, 2);
  EXPECT_DOUBLE_EQ(s.transfer_share, 0.25);
  EXPECT_DOUBLE_EQ(s.transfer_minutes, 4);
  EXPECT_EQ(s.target_wait_minutes, 20);
  EXPECT_EQ(profile.services[1].target_wait_minutes, never);  // none given: none held to
}

TEST(Staffing, TheAdviceMeetsItsTargetsAndNoCounterHourLessWould) {
  service_profile busy;
  busy.id = 1;
  busy.arrivals_per_hour[8] = 30;
  busy.arrivals_per_hour[9] = 18;
  busy.mean_service_minutes = 10;
  busy.target_wait_minutes = 15;
  service_profile quick;
  quick.id = 2;
  quick.arrivals_per_hour[8] = 12;
  quick.mean_service_minutes = 4;
  quick.target_wait_minutes = 10;
  hall_profile profile;
  profile.services = {busy, quick};
  const auto advice = advise(profile, {}, 6, 11);
  ASSERT_TRUE(advice.expected.met);
  EXPECT_GE(advice.counters.at(1, 8), 5);  // 30 an hour at 10 minutes: 5 busy all the hour
  EXPECT_GE(advice.counters.at(2, 8), 1);
  for (const auto& f : advice.expected.figures) {
    EXPECT_LE(f.waits.p90, f.service == 1 ? 15 : 10) << f.service << " at " << f.hour;
    EXPECT_EQ(f.unserved, 0);
  }
  // Simulated again on the same days, the advice meets its targets; with a counter less in any
  // hour one is missed.
  EXPECT_TRUE(expect(profile, plan_of(advice.counters), {}, 6, 11).met);
  for (const auto& [service, hours] : advice.counters.counters)
    for (int h = 0; h < 24; ++h) {
      if (hours[static_cast<std::size_t>(h)] == 0) continue;
      auto fewer = advice.counters;
      --fewer.counters[service][static_cast<std::size_t>(h)];
      EXPECT_FALSE(expect(profile, plan_of(fewer), {}, 6, 11).met) << service << " at " << h;
    }
}

}  // namespace
}  // namespace motcua::sim
