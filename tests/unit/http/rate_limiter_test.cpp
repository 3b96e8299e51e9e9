#include <synthbench/http/rate_limiter.hpp>

#include <gtest/gtest.h>

#include <chrono>

namespace {

using namespace std::chrono_literals;
using synthbench::http::RateLimiter;

struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  std::chrono::steady_clock::duration slept{};
  RateLimiter make(double rpm, double tpm) {
    return RateLimiter(
        rpm, tpm, [this] { return now; },
        [this](std::chrono::steady_clock::duration d) {
          now += d;
          slept += d;
        });
  }
};

TEST(RateLimiter, RequestsPerMinute) {
  FakeClock clock;
  RateLimiter limiter = clock.make(3, 0);
  for (int i = 0; i < 3; ++i) (void)limiter.acquire(1);
  EXPECT_EQ(clock.slept, std::chrono::steady_clock::duration::zero());
  clock.now += 10s;
  (void)limiter.acquire(1);  // fourth in the window: waits until the first leaves it
  EXPECT_EQ(clock.slept, 50s);
}

TEST(RateLimiter, TokensPerMinuteWithSettlement) {
  FakeClock clock;
  RateLimiter limiter = clock.make(0, 1000);
  const auto t1 = limiter.acquire(600);
  EXPECT_EQ(clock.slept, std::chrono::steady_clock::duration::zero());
  limiter.settle(t1, 100);  // it used far less than estimated
  (void)limiter.acquire(800);  // 100 + 800 <= 1000: no wait
  EXPECT_EQ(clock.slept, std::chrono::steady_clock::duration::zero());
  clock.now += 1s;
  (void)limiter.acquire(500);  // 900 + 500 > 1000: waits for the first entry to expire
  EXPECT_EQ(clock.slept, 59s);
}

TEST(RateLimiter, ARequestLargerThanTheBudgetGoesAlone) {
  FakeClock clock;
  RateLimiter limiter = clock.make(0, 100);
  (void)limiter.acquire(5000);
  EXPECT_EQ(clock.slept, std::chrono::steady_clock::duration::zero());
  (void)limiter.acquire(1);
  EXPECT_EQ(clock.slept, 60s);
}

TEST(RateLimiter, UnlimitedNeverWaits) {
  FakeClock clock;
  RateLimiter limiter = clock.make(0, 0);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(limiter.acquire(1000000), 0u);
  EXPECT_EQ(clock.slept, std::chrono::steady_clock::duration::zero());
}

}  // namespace
