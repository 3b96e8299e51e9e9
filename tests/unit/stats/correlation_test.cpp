#include <synthbench/stats/correlation.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using synthbench::Undefined;
using synthbench::stats::average_ranks;
using synthbench::stats::pearson;
using synthbench::stats::spearman;

TEST(Pearson, HandWorked) {
  // x = 1..5, y = {2, 4, 5, 4, 5}: means 3 and 4; dx = {-2,-1,0,1,2}, dy = {-2,0,1,0,1};
  // sum dx dy = 4 + 0 + 0 + 0 + 2 = 6; sum dx^2 = 10; sum dy^2 = 6; r = 6 / sqrt(60).
  // scipy.stats.pearsonr gives 0.7745966692414834.
  EXPECT_NEAR(pearson({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5}).value(), 6 / std::sqrt(60.0), 1e-15);
}

TEST(Spearman, HandWorkedWithTies) {
  // x = {10, 20, 20, 30, 40} has ranks {1, 2.5, 2.5, 4, 5}; y = {1, 3, 2, 5, 4} has ranks
  // {1, 3, 2, 5, 4}. Both have mean 3. dx = {-2, -.5, -.5, 1, 2}, dy = {-2, 0, -1, 2, 1}.
  // sum dx dy = 4 + 0 + .5 + 2 + 2 = 8.5; sum dx^2 = 9.5; sum dy^2 = 10; rho = 8.5 / sqrt(95)
  // = 0.8720816 (scipy.stats.spearmanr: 0.8720815992723809). The no-ties shortcut
  // 1 - 6 sum d^2 / (n(n^2 - 1)) would give 1 - 6 * 2.5 / 120 = 0.875: wrong with ties.
  const double rho = spearman({10, 20, 20, 30, 40}, {1, 3, 2, 5, 4}).value();
  EXPECT_NEAR(rho, 8.5 / std::sqrt(95.0), 1e-15);
  EXPECT_NEAR(rho, 0.8720815992723809, 1e-15);
}

TEST(Spearman, PlusOneOnSortedMinusOneOnReversed) {
  const std::vector<double> up = {0.1, 0.2, 0.35, 0.5, 0.9, 1.3};
  const std::vector<double> down = {9, 8, 7, 6, 5, 4};
  const std::vector<double> up_too = {-3, -2, 0, 2, 3, 100};
  EXPECT_EQ(spearman(up, up_too).value(), 1.0);
  EXPECT_EQ(spearman(up, down).value(), -1.0);
  EXPECT_EQ(pearson(up, up).value(), 1.0);
}

TEST(Spearman, InvariantUnderMonotoneTransformsAndSymmetric) {
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int> value(0, 30);  // many ties
  for (std::size_t n : {5u, 50u, 600u}) {           // 600 takes the radix-sort path
    std::vector<double> x(n), y(n), ex(n), cube_y(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = value(rng);
      y[i] = value(rng) + 0.5 * x[i];
      ex[i] = std::exp(x[i] / 10);
      cube_y[i] = std::pow(y[i] - 10, 3);
    }
    const double rho = spearman(x, y).value();
    EXPECT_NEAR(spearman(ex, cube_y).value(), rho, 1e-12) << "n = " << n;
    EXPECT_EQ(spearman(y, x).value(), rho) << "n = " << n;
    // A decreasing transform of one side flips the sign.
    std::vector<double> neg_y(n);
    for (std::size_t i = 0; i < n; ++i) neg_y[i] = -y[i];
    EXPECT_NEAR(spearman(x, neg_y).value(), -rho, 1e-12) << "n = " << n;
    // And it is Pearson of the average ranks.
    EXPECT_NEAR(rho, pearson(average_ranks(x).value(), average_ranks(y).value()).value(), 1e-12);
  }
}

TEST(Pearson, SymmetricAndInvariantUnderAffineMaps) {
  const std::vector<double> x = {0.3, 1.2, 2.2, 2.0, 5.1, 4.0};
  const std::vector<double> y = {1.0, 0.9, 2.5, 3.5, 3.0, 6.2};
  std::vector<double> ax(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) ax[i] = 3 * x[i] - 7;
  EXPECT_NEAR(pearson(x, y).value(), pearson(y, x).value(), 1e-15);
  EXPECT_NEAR(pearson(ax, y).value(), pearson(x, y).value(), 1e-14);
}

TEST(Pearson, StableForLargeOffsets) {
  // A one-pass formula loses every digit here; two passes keep them.
  const std::vector<double> x = {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 1e9 + 5};
  const std::vector<double> y = {2, 4, 5, 4, 5};
  EXPECT_NEAR(pearson(x, y).value(), 6 / std::sqrt(60.0), 1e-9);
}

TEST(Correlation, UndefinedCasesSayWhy) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    std::vector<double> x, y;
    Undefined why;
    const char* says;
  };
  const std::vector<Case> cases = {
      {{}, {}, Undefined::too_few, "x has 0 values"},
      {{1}, {2}, Undefined::too_few, "x has 1 value, "},
      {{1, 2, 3}, {1, 2}, Undefined::length_mismatch, "x of length 3 and y of length 2"},
      {{1, nan, 3}, {1, 2, 3}, Undefined::not_finite, "x[1] is NaN"},
      {{1, 2, 3}, {1, 2, -inf}, Undefined::not_finite, "y[2] is infinite"},
      {{4, 4, 4}, {1, 2, 3}, Undefined::constant_input, "x has all 3 values equal"},
      {{1, 2, 3}, {0.5, 0.5, 0.5}, Undefined::constant_input, "y has all 3 values equal"},
  };
  for (const auto& c : cases) {
    for (const auto& r : {pearson(c.x, c.y), spearman(c.x, c.y)}) {
      ASSERT_FALSE(r.ok()) << c.says;
      EXPECT_EQ(r.code(), c.why) << c.says;
      EXPECT_NE(r.message().find(c.says), std::string::npos) << r.message();
    }
  }
}

}  // namespace
