// The dossier status machine (docs/domain.md "Dossier statuses and actions"): every action from
// every status, allowed or not.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "shared/domain/dossier.hpp"

namespace motcua::domain {
namespace {

using s = dossier_status;
using a = dossier_action;

constexpr s all_statuses[] = {s::received,     s::processing, s::supplement_requested,
                              s::result_ready, s::returned,   s::refused,
                              s::withdrawn,    s::stopped};
constexpr a all_actions[] = {a::forward,
                             a::request_supplement,
                             a::supplement_received,
                             a::result_ready,
                             a::return_result,
                             a::refuse,
                             a::withdraw,
                             a::stop,
                             a::extend};

TEST(dossier_status, EveryActionFromEveryStatus) {
  const std::map<std::pair<s, a>, s> allowed{
      {{s::received, a::forward}, s::processing},
      {{s::processing, a::forward}, s::processing},
      {{s::received, a::request_supplement}, s::supplement_requested},
      {{s::processing, a::request_supplement}, s::supplement_requested},
      {{s::supplement_requested, a::supplement_received}, s::processing},
      {{s::processing, a::result_ready}, s::result_ready},
      {{s::result_ready, a::return_result}, s::returned},
      {{s::received, a::refuse}, s::refused},
      {{s::processing, a::refuse}, s::refused},
      {{s::supplement_requested, a::refuse}, s::refused},
      {{s::received, a::withdraw}, s::withdrawn},
      {{s::processing, a::withdraw}, s::withdrawn},
      {{s::supplement_requested, a::withdraw}, s::withdrawn},
      {{s::received, a::stop}, s::stopped},
      {{s::processing, a::stop}, s::stopped},
      {{s::supplement_requested, a::stop}, s::stopped},
      {{s::received, a::extend}, s::received},
      {{s::processing, a::extend}, s::processing},
      {{s::supplement_requested, a::extend}, s::supplement_requested},
  };
  for (auto from : all_statuses)
    for (auto action : all_actions) {
      auto it = allowed.find({from, action});
      auto next = next_status(from, action);
      if (it == allowed.end())
        EXPECT_FALSE(next) << to_string(from) << " + " << to_string(action);
      else
        EXPECT_EQ(next, it->second) << to_string(from) << " + " << to_string(action);
    }
}

TEST(dossier_status, ClosedStatusesAcceptNothing) {
  for (auto from : all_statuses) {
    if (!is_closed(from)) continue;
    for (auto action : all_actions) EXPECT_FALSE(next_status(from, action));
  }
  EXPECT_FALSE(is_closed(s::result_ready));
}

TEST(dossier_status, NamesRoundTripAndReasonsAreRequiredWhereTheLawSays) {
  for (auto st : all_statuses) EXPECT_EQ(parse_dossier_status(to_string(st)), st);
  for (auto ac : all_actions) EXPECT_EQ(parse_dossier_action(to_string(ac)), ac);
  EXPECT_FALSE(parse_dossier_status("late"));  // computed, never a status
  std::set<a> with_reason;
  for (auto ac : all_actions)
    if (needs_reason(ac)) with_reason.insert(ac);
  EXPECT_EQ(with_reason, (std::set<a>{a::request_supplement, a::refuse, a::stop, a::extend}));
}

}  // namespace
}  // namespace motcua::domain
