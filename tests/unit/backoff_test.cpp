// The live link's pure rules: reconnect delays (500 ms doubling to a 10 s cap, scaled by 0.5..1
// of jitter) and the seq it resumes from after a hello.
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

TEST(seq_after_hello_test, ASnapshotSetsTheSeqEvenBackwards) {
  protocol::hello_result hello;
  hello.seq = 40;
  hello.snapshot.emplace();
  EXPECT_EQ(seq_after_hello(0, hello), 40);
  EXPECT_EQ(seq_after_hello(90, hello), 40);  // a restored database: its seq is the truth
}

TEST(seq_after_hello_test, ReplayedEventsCountOnlyAsTheyArrive) {
  protocol::hello_result hello;
  hello.seq = 45;
  hello.replayed = 5;
  // The five events 41..45 follow the reply; until they arrive the link still has 40, so a
  // connection lost among them asks again from 40.
  EXPECT_EQ(seq_after_hello(40, hello), 40);
}

}  // namespace
}  // namespace motcua::client
