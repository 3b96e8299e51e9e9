#include <synthbench/http/retry.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <set>

namespace {

using namespace std::chrono_literals;
using synthbench::http::parse_http_date;
using synthbench::http::parse_retry_after;

TEST(RetryAfter, DelaySeconds) {
  EXPECT_EQ(parse_retry_after("0"), 0ms);
  EXPECT_EQ(parse_retry_after("3"), 3000ms);
  EXPECT_EQ(parse_retry_after(" 120 \r\n"), 120000ms);
  EXPECT_GT(*parse_retry_after("99999999999"), std::chrono::milliseconds(std::chrono::hours(24)));
}

TEST(RetryAfter, HttpDateInAllThreeForms) {
  // RFC 9110 section 5.6.7's example instant, 784111777 seconds after the epoch.
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), 784111777);
  const auto now = std::chrono::system_clock::from_time_t(784111777 - 5);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), 5000ms);
  const auto later = std::chrono::system_clock::from_time_t(784111777 + 60);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", later), 0ms);  // in the past: no wait
}

TEST(RetryAfter, GarbageIsIgnored) {
  EXPECT_FALSE(parse_retry_after(""));
  EXPECT_FALSE(parse_retry_after("soon"));
  EXPECT_FALSE(parse_retry_after("-1"));
  EXPECT_FALSE(parse_retry_after("1.5"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
}

TEST(RetryPolicy, RetryableStatuses) {
  EXPECT_TRUE(synthbench::http::retryable_status(429));
  EXPECT_TRUE(synthbench::http::retryable_status(500));
  EXPECT_TRUE(synthbench::http::retryable_status(503));
  EXPECT_FALSE(synthbench::http::retryable_status(400));
  EXPECT_FALSE(synthbench::http::retryable_status(401));
  EXPECT_FALSE(synthbench::http::retryable_status(404));
  EXPECT_FALSE(synthbench::http::retryable_status(200));
}

TEST(Backoff, FullJitterWithinTheDoublingCap) {
  synthbench::http::Backoff backoff(100ms, 1000ms, 42);
  std::set<long long> seen;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const long long cap = std::min(1000LL, 100LL << attempt);
    for (int k = 0; k < 50; ++k) {
      const auto d = backoff.delay(attempt).count();
      EXPECT_GE(d, 0);
      EXPECT_LE(d, cap);
      seen.insert(d);
    }
  }
  EXPECT_GT(seen.size(), 100u);  // jittered, not constant
  synthbench::http::Backoff a(100ms, 1000ms, 7);
  synthbench::http::Backoff b(100ms, 1000ms, 7);
  EXPECT_EQ(a.delay(3), b.delay(3));  // seeded: reproducible
}

}  // namespace
