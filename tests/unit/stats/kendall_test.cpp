#include <synthbench/stats/kendall.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using synthbench::Undefined;
using synthbench::stats::kendall_counts;
using synthbench::stats::kendall_tau_b;

// tau-b by its definition, O(n^2).
double brute_force_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  double s = 0, n1 = 0, n2 = 0, n0 = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      const double dx = x[i] - x[j], dy = y[i] - y[j];
      n0 += 1;
      if (dx == 0) n1 += 1;
      if (dy == 0) n2 += 1;
      s += (dx > 0 ? 1 : dx < 0 ? -1 : 0) * (dy > 0 ? 1 : dy < 0 ? -1 : 0);
    }
  }
  return s / std::sqrt((n0 - n1) * (n0 - n2));
}

TEST(KendallTauB, HandWorkedWithTies) {
  // x = {10, 20, 20, 30, 40}, y = {1, 3, 2, 5, 4}: of the 10 pairs, (2,3) is tied in x,
  // (4,5) is discordant (30 < 40 but 5 > 4), the other 8 are concordant. n1 = 1, n2 = 0:
  // tau_b = (8 - 1) / sqrt((10 - 1)(10 - 0)) = 7 / sqrt(90) = 0.7378648
  // (scipy.stats.kendalltau: 0.7378647873726218).
  const auto c = kendall_counts({10, 20, 20, 30, 40}, {1, 3, 2, 5, 4});
  EXPECT_EQ(c.pairs, 10);
  EXPECT_EQ(c.tied_x, 1);
  EXPECT_EQ(c.tied_y, 0);
  EXPECT_EQ(c.tied_both, 0);
  EXPECT_EQ(c.discordant, 1);
  EXPECT_EQ(c.s(), 7);
  EXPECT_NEAR(kendall_tau_b({10, 20, 20, 30, 40}, {1, 3, 2, 5, 4}).value(), 7 / std::sqrt(90.0), 1e-15);
}

TEST(KendallTauB, TiesInBothAndJointTies) {
  // x = {1, 1, 2, 2}, y = {1, 1, 1, 2}. Pairs: (1,2) tied in both; (1,3) x< y= tied y;
  // (1,4) C; (2,3) tied y; (2,4) C; (3,4) x tied. n1 = 2 [(1,2),(3,4)], n2 = 3
  // [(1,2),(1,3),(2,3)], n3 = 1, n_c = 2, n_d = 0: tau_b = 2 / sqrt((6-2)(6-3)) = 2 / sqrt(12).
  const auto c = kendall_counts({1, 1, 2, 2}, {1, 1, 1, 2});
  EXPECT_EQ(c.tied_x, 2);
  EXPECT_EQ(c.tied_y, 3);
  EXPECT_EQ(c.tied_both, 1);
  EXPECT_EQ(c.s(), 2);
  EXPECT_NEAR(kendall_tau_b({1, 1, 2, 2}, {1, 1, 1, 2}).value(), 2 / std::sqrt(12.0), 1e-15);
}

TEST(KendallTauB, MatchesDefinitionOnRandomTiedData) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> value(0, 6);
  for (std::size_t n : {2u, 3u, 10u, 57u, 300u}) {
    for (int rep = 0; rep < 5; ++rep) {
      std::vector<double> x(n), y(n);
      for (std::size_t i = 0; i < n; ++i) {
        x[i] = value(rng);
        y[i] = value(rng);
      }
      const auto tau = kendall_tau_b(x, y);
      if (!tau.ok()) continue;  // constant draws at tiny n
      EXPECT_NEAR(tau.value(), brute_force_tau_b(x, y), 1e-12) << "n = " << n;
    }
  }
}

TEST(KendallTauB, InvariancesAndExtremes) {
  const std::vector<double> x = {0.1, 0.4, 0.2, 0.9, 0.7, 0.3};
  const std::vector<double> y = {1, 5, 2, 4, 6, 3};
  std::vector<double> ex(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) ex[i] = std::exp(10 * x[i]);
  EXPECT_EQ(kendall_tau_b(x, y).value(), kendall_tau_b(ex, y).value());
  EXPECT_EQ(kendall_tau_b(x, y).value(), kendall_tau_b(y, x).value());
  EXPECT_EQ(kendall_tau_b({1, 2, 3, 4}, {2, 3, 5, 8}).value(), 1.0);
  EXPECT_EQ(kendall_tau_b({1, 2, 3, 4}, {8, 5, 3, 2}).value(), -1.0);
}

TEST(KendallTauB, UndefinedCases) {
  EXPECT_EQ(kendall_tau_b({1}, {1}).code(), Undefined::too_few);
  EXPECT_EQ(kendall_tau_b({1, 2}, {1, 2, 3}).code(), Undefined::length_mismatch);
  EXPECT_EQ(kendall_tau_b({1, std::numeric_limits<double>::infinity()}, {1, 2}).code(),
            Undefined::not_finite);
  EXPECT_EQ(kendall_tau_b({2, 2, 2}, {1, 2, 3}).code(), Undefined::constant_input);
}

}  // namespace
