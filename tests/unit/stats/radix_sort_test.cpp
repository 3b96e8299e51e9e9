// The LSD radix sort behind ranks (11-bit digits, one histogram pass, trivial digits skipped)
// against std::stable_sort: same permutation, ties in index order, keys sorted.

#include <synthbench/stats/random.hpp>
#include <synthbench/stats/ranks.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

namespace {

using synthbench::stats::Xoshiro256StarStar;
namespace detail = synthbench::stats::detail;

std::vector<std::uint32_t> stable_order(const std::vector<double>& x) {
  std::vector<std::uint32_t> order(x.size());
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  std::stable_sort(order.begin(), order.end(), [&x](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
  return order;
}

TEST(RadixSort, SameStablePermutationAsAComparisonSort) {
  Xoshiro256StarStar g(11);
  for (const std::size_t n : {511u, 512u, 513u, 4096u, 100000u}) {
    // Every exponent range and sign, with ties (about one value in eight repeats another).
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double magnitude = std::ldexp(g.uniform01(), static_cast<int>(g.bounded32(200)) - 100);
      x[i] = (g.bounded32(2) == 0 ? -1 : 1) * magnitude;
      if (i > 0 && g.bounded32(8) == 0) x[i] = x[g.bounded32(static_cast<std::uint32_t>(i))];
    }
    const auto s = detail::sort_keys(x);
    EXPECT_EQ(s.order, stable_order(x)) << "n = " << n;
    EXPECT_TRUE(std::is_sorted(s.keys.begin(), s.keys.end())) << "n = " << n;
    for (std::size_t k = 0; k < n; k += 97) EXPECT_EQ(s.keys[k], detail::order_key(x[s.order[k]]));
  }
}

TEST(RadixSort, NarrowRangesSkipConstantDigitsAndStayCorrect) {
  // Scores in [0, 1] with 4 decimals share their high digits: those passes are skipped.
  Xoshiro256StarStar g(3);
  std::vector<double> x(3000);
  for (auto& v : x) v = std::round(g.uniform01() * 1e4) / 1e4;
  EXPECT_EQ(detail::sort_keys(x).order, stable_order(x));
  std::vector<double> constant(1000, 0.25);
  EXPECT_EQ(detail::sort_keys(constant).order, stable_order(constant));
}

}  // namespace
