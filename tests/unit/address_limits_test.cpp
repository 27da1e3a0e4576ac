// The per-address limits of the public routes (net/address_limits.hpp): token buckets that
// refill with time, a burst, dossier lookups where an unknown code costs more, and a table of
// addresses that stays bounded whatever comes. Time is passed in: nothing here sleeps.
#include <gtest/gtest.h>

#include <string>

#include "server/metrics/metrics.hpp"
#include "server/net/address_limits.hpp"

namespace motcua::net {
namespace {

using namespace std::chrono_literals;
using boost::asio::ip::address;
using boost::asio::ip::make_address;
using metrics::route;

const address citizen = make_address("192.168.1.20");
const address other = make_address("192.168.1.21");
const address_limits::time_point t0{std::chrono::hours(1000)};

// Requests: 2 a second, 5 at once; lookups: 12 a minute, 10 at once, an unknown code costs 4;
// booking writes: 2 a minute, 3 at once.
address_rules rules(std::size_t max_addresses = 100) {
  return {{2, 5}, {12.0 / 60, 10}, 4, {2.0 / 60, 3}, max_addresses};
}

// How many requests from `from` at `now` are allowed before the first refusal.
int allowed_requests(address_limits& limits, const address& from, address_limits::time_point now) {
  int n = 0;
  while (limits.request(from, route::services, now).allowed) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(address_limits, ABurstIsAllowedThenTheRefillPacesTheRest) {
  address_limits limits(rules());
  EXPECT_EQ(allowed_requests(limits, citizen, t0), 5);
  const auto refused = limits.request(citizen, route::services, t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, 1s);  // half a second for one token, rounded up
  EXPECT_EQ(allowed_requests(limits, citizen, t0 + 500ms), 1);
  EXPECT_EQ(allowed_requests(limits, citizen, t0 + 1500ms), 2);
  EXPECT_EQ(allowed_requests(limits, citizen, t0 + 1h), 5) << "the bucket refills up to its burst";
}

TEST(address_limits, RetryAfterSaysWhenTheNextOneIsAllowed) {
  address_limits limits(rules());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limits.lookup(citizen, route::dossier, t0).allowed);
  const auto refused = limits.lookup(citizen, route::dossier, t0);
  ASSERT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, 5s);  // 12 a minute: one every 5 s
  EXPECT_FALSE(limits.lookup(citizen, route::dossier, t0 + 4900ms).allowed);
  EXPECT_TRUE(limits.lookup(citizen, route::dossier, t0 + 5s).allowed);
}

TEST(address_limits, BookingWritesHaveABudgetOfTheirOwn) {
  address_limits limits(rules());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limits.write(citizen, route::booking, t0).allowed);
  const auto refused = limits.write(citizen, route::booking, t0);
  ASSERT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, 30s);  // 2 a minute: one every 30 s
  EXPECT_TRUE(limits.request(citizen, route::booking, t0).allowed) << "reading is not writing";
  EXPECT_TRUE(limits.write(other, route::booking, t0).allowed);
  EXPECT_TRUE(limits.write(citizen, route::booking, t0 + 30s).allowed);
}

TEST(address_limits, EachAddressHasItsOwnBudget) {
  address_limits limits(rules());
  EXPECT_EQ(allowed_requests(limits, citizen, t0), 5);
  EXPECT_EQ(allowed_requests(limits, other, t0), 5);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limits.lookup(citizen, route::page, t0).allowed);
  EXPECT_FALSE(limits.lookup(citizen, route::page, t0).allowed);
  EXPECT_TRUE(limits.lookup(other, route::page, t0).allowed);
}

TEST(address_limits, RequestsAndLookupsAreSeparateBudgets) {
  address_limits limits(rules());
  EXPECT_EQ(allowed_requests(limits, citizen, t0), 5);
  EXPECT_TRUE(limits.lookup(citizen, route::dossier, t0).allowed);
}

TEST(address_limits, UnknownCodesCostMoreThanFoundOnes) {
  address_limits limits(rules());
  // A citizen finds their dossier ten times in a row.
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limits.lookup(citizen, route::dossier, t0).allowed);
  // A walker probing codes that do not exist: 10 -> 6 -> 2 -> refused.
  int probes = 0;
  while (limits.lookup(other, route::dossier, t0).allowed) {
    limits.missed(other, t0);
    ++probes;
  }
  EXPECT_EQ(probes, 3);  // the third leaves a debt: 2 - 4 = -2
  const auto refused = limits.lookup(other, route::dossier, t0);
  EXPECT_EQ(refused.retry_after, 15s) << "the debt is paid first: 3 tokens at one per 5 s";
}

// With the defaults a centre gets: a hall's phones behind one address may all look their
// dossiers up at once, and a citizen refreshing every 10 s for an hour is never refused; a
// walker probing unknown codes is stopped after a handful and then gets a code a minute or so.
TEST(address_limits, TheDefaultsLetCitizensCheckAndStopAWalker) {
  address_limits limits(rules_of(config::limits{}));
  for (int phone = 0; phone < 30; ++phone)
    EXPECT_TRUE(limits.lookup(citizen, route::page, t0).allowed) << phone;
  for (auto t = t0 + 10min; t < t0 + 70min; t += 10s)
    ASSERT_TRUE(limits.lookup(citizen, route::page, t).allowed);

  int probes = 0, refused = 0;
  for (auto t = t0; t < t0 + 1h; t += 1s) {
    if (!limits.lookup(other, route::dossier, t).allowed) {
      ++refused;
      continue;
    }
    limits.missed(other, t);
    ++probes;
  }
  EXPECT_LE(probes, 7 + 60 * 12 / 5) << "the burst, then 12 tokens a minute at 5 a miss";
  EXPECT_GT(refused, 3400);
}

TEST(address_limits, IPv6CountsByItsSlash64AndMappedIPv4AsIPv4) {
  address_limits limits(rules());
  EXPECT_EQ(allowed_requests(limits, make_address("2001:db8:1:2::1"), t0), 5);
  EXPECT_FALSE(limits.request(make_address("2001:db8:1:2:ffff::9"), route::other, t0).allowed)
      << "the same /64";
  EXPECT_TRUE(limits.request(make_address("2001:db8:1:3::1"), route::other, t0).allowed);
  EXPECT_EQ(allowed_requests(limits, citizen, t0), 5);
  EXPECT_FALSE(limits.request(make_address("::ffff:192.168.1.20"), route::other, t0).allowed);
  EXPECT_EQ(limits.size(), 3u);
}

TEST(address_limits, EveryPerAddressRuleSeesTheSameClient) {
  // The connection caps and the login guard key on client_of too: one IPv6 host cannot
  // rotate through its /64 to get round them.
  EXPECT_EQ(client_of(make_address("192.168.1.20")), make_address("192.168.1.20"));
  EXPECT_EQ(client_of(make_address("::ffff:192.168.1.20")), make_address("192.168.1.20"));
  EXPECT_EQ(client_of(make_address("2001:db8:1:2:ffff::9")), make_address("2001:db8:1:2::"));
  EXPECT_EQ(client_of(make_address("2001:db8:1:2::1")).to_string(), "2001:db8:1:2::");
}

TEST(address_limits, TheTableStaysBoundedUnderAHundredThousandAddresses) {
  metrics::registry figures;
  address_limits limits(rules(1000), &figures);
  for (std::uint32_t i = 0; i < 100'000; ++i) {
    const auto from = boost::asio::ip::address_v4(0x0a000000u + i);  // 10.0.0.0 upwards
    ASSERT_TRUE(limits.request(from, route::dossier, t0).allowed) << "a new address has its burst";
    ASSERT_LE(limits.size(), 1000u);
  }
  EXPECT_EQ(limits.size(), 1000u);
  EXPECT_TRUE(contains(figures.render({}), "\nmotcua_rate_limit_addresses 1000\n"))
      << figures.render({});
}

TEST(address_limits, TheLeastRecentlySeenAddressIsForgottenFirst) {
  address_limits limits(rules(3));
  const auto a = make_address("10.0.0.1"), b = make_address("10.0.0.2"),
             c = make_address("10.0.0.3"), d = make_address("10.0.0.4"),
             e = make_address("10.0.0.5");
  EXPECT_EQ(allowed_requests(limits, a, t0), 5);  // a has spent its burst (and is refused now)
  limits.request(b, route::other, t0);
  limits.request(c, route::other, t0);
  EXPECT_FALSE(limits.request(a, route::other, t0).allowed);  // a is now the most recent
  limits.request(d, route::other, t0);                        // forgets b, the least recent
  EXPECT_EQ(limits.size(), 3u);
  EXPECT_FALSE(limits.request(a, route::other, t0).allowed) << "a is still remembered";
  EXPECT_EQ(allowed_requests(limits, b, t0), 5) << "b starts again with a full bucket";
  limits.request(e, route::other, t0);  // forgets d (b forgot c)
  limits.request(b, route::other, t0);
  limits.request(c, route::other, t0);  // forgets a, the least recent now
  EXPECT_EQ(allowed_requests(limits, a, t0), 5) << "a, forgotten, starts again";
}

TEST(address_limits, RefusalsAreCountedByRoute) {
  metrics::registry figures;
  address_limits limits(rules(), &figures);
  allowed_requests(limits, citizen, t0);  // one refusal of route services
  while (limits.lookup(citizen, route::lookup_dossier, t0).allowed) {
  }
  limits.lookup(citizen, route::lookup_dossier, t0);
  const auto text = figures.render({});
  EXPECT_TRUE(contains(text, "motcua_rate_limited_total{route=\"services\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, "motcua_rate_limited_total{route=\"lookup_dossier\"} 2\n")) << text;
  EXPECT_TRUE(contains(text, "motcua_rate_limited_total{route=\"dossier\"} 0\n")) << text;
}

TEST(address_limits, TheRulesComeFromTheConfigurationLimits) {
  config::limits l;
  l.http_requests_per_second = 3;
  l.http_burst = 7;
  l.lookups_per_minute = 30;
  l.lookup_burst = 9;
  l.lookup_miss_cost = 6;
  l.rate_limit_addresses = 500;
  l.booking_writes_per_minute = 6;
  l.booking_write_burst = 4;
  const auto r = rules_of(l);
  EXPECT_EQ(r.requests.per_second, 3);
  EXPECT_EQ(r.requests.burst, 7);
  EXPECT_EQ(r.lookups.per_second, 0.5);
  EXPECT_EQ(r.lookups.burst, 9);
  EXPECT_EQ(r.miss_cost, 6);
  EXPECT_EQ(r.writes.per_second, 0.1);
  EXPECT_EQ(r.writes.burst, 4);
  EXPECT_EQ(r.max_addresses, 500u);
}

TEST(address_limits, TheRefusalSaysWhenToComeBackInBothLanguages) {
  const auto vi = limit_error(15s, false), en = limit_error(15s, true);
  EXPECT_EQ(vi.code, protocol::error_code::limit);
  EXPECT_TRUE(contains(vi.message, "15 giây")) << vi.message;
  EXPECT_TRUE(contains(vi.message_en, "15 seconds")) << vi.message_en;
  EXPECT_EQ(en.message, en.message_en);
}

}  // namespace
}  // namespace motcua::net
