// The live link's reconnect delays: 500 ms doubling to a 10 s cap, scaled by 0.5..1 of jitter.
#include <gtest/gtest.h>

#include "shared/client/live_link.hpp"

namespace motcua::client {
namespace {

using std::chrono::milliseconds;

TEST(backoff_test, DoublesFromHalfASecondWithoutJitter) {
  EXPECT_EQ(backoff_delay(0, 1.0), milliseconds(500));
  EXPECT_EQ(backoff_delay(1, 1.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(2, 1.0), milliseconds(2000));
  EXPECT_EQ(backoff_delay(4, 1.0), milliseconds(8000));
}

TEST(backoff_test, StopsAtTenSeconds) {
  EXPECT_EQ(backoff_delay(5, 1.0), milliseconds(10000));
  EXPECT_EQ(backoff_delay(1000, 1.0), milliseconds(10000));
}

TEST(backoff_test, JitterScalesBetweenHalfAndWhole) {
  EXPECT_EQ(backoff_delay(0, 0.0), milliseconds(250));
  EXPECT_EQ(backoff_delay(1, 0.5), milliseconds(750));
  EXPECT_EQ(backoff_delay(6, 0.0), milliseconds(5000));
}

TEST(backoff_test, OutOfRangeJitterIsClamped) {
  EXPECT_EQ(backoff_delay(0, -3.0), milliseconds(250));
  EXPECT_EQ(backoff_delay(0, 7.0), milliseconds(500));
}

}  // namespace
}  // namespace motcua::client
