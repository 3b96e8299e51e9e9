#include <synthbench/stats/permutation_test.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

namespace {

using synthbench::Undefined;
using synthbench::stats::Alternative;
using synthbench::stats::exact_p_value;
using synthbench::stats::RankStatistic;

const std::vector<double> kSix = {1, 2, 3, 4, 5, 6};

TEST(ExactPValue, PerfectRankingOfSixIsOneIn720) {
  // Only the identity pairing reaches rho = 1: p = 1/720.
  const auto p = exact_p_value(kSix, {10, 20, 30, 40, 50, 60}, RankStatistic::spearman).value();
  EXPECT_EQ(p.at_least_as_extreme, 1u);
  EXPECT_EQ(p.orderings, 720u);
  EXPECT_DOUBLE_EQ(p.p, 1.0 / 720);
  // Two-sided: the identity and the reversal reach |rho| = 1: 2/720.
  EXPECT_DOUBLE_EQ(exact_p_value(kSix, kSix, RankStatistic::spearman, Alternative::two_sided).value().p,
                   2.0 / 720);
  // The reversed ranking is the most extreme in the other direction.
  const std::vector<double> reversed = {6, 5, 4, 3, 2, 1};
  EXPECT_DOUBLE_EQ(exact_p_value(kSix, reversed, RankStatistic::spearman, Alternative::greater).value().p, 1.0);
  EXPECT_DOUBLE_EQ(exact_p_value(kSix, reversed, RankStatistic::spearman, Alternative::less).value().p,
                   1.0 / 720);
}

TEST(ExactPValue, OneAndTwoSwappedPairsOfSix) {
  // rho = 1 - 6 sum d^2 / 210 is decreasing in sum d^2, so "as extreme" means sum d^2 <= observed.
  // One adjacent swap: sum d^2 = 2, rho = 0.942857. Pairings with sum d^2 <= 2: the identity and
  // the 5 adjacent transpositions: p = 6/720 = 1/120.
  const auto one = exact_p_value(kSix, {1, 2, 3, 4, 6, 5}, RankStatistic::spearman).value();
  EXPECT_EQ(one.at_least_as_extreme, 6u);
  EXPECT_DOUBLE_EQ(one.p, 1.0 / 120);
  // Two disjoint adjacent swaps: sum d^2 = 4, rho = 0.885714. sum d^2 = 4 arises only from two
  // disjoint adjacent transpositions (a 3-cycle gives 6, a distance-2 swap gives 8); choosing two
  // non-touching of the 5 adjacent pairs: C(5,2) - 4 = 6 ways. Total 1 + 5 + 6 = 12: p = 1/60.
  const auto two = exact_p_value(kSix, {2, 1, 3, 4, 6, 5}, RankStatistic::spearman).value();
  EXPECT_EQ(two.at_least_as_extreme, 12u);
  EXPECT_DOUBLE_EQ(two.p, 1.0 / 60);
}

TEST(ExactPValue, KendallPerfectRankingOfFour) {
  // Only the identity has S = 6 (all pairs concordant): 1/24.
  EXPECT_DOUBLE_EQ(exact_p_value({1, 2, 3, 4}, {1, 2, 3, 4}, RankStatistic::kendall).value().p, 1.0 / 24);
  // One adjacent swap of four: S = 4. Pairings with S >= 4 have at most one inversion:
  // the identity and 3 adjacent swaps: 4/24.
  EXPECT_DOUBLE_EQ(exact_p_value({1, 2, 3, 4}, {2, 1, 3, 4}, RankStatistic::kendall).value().p, 4.0 / 24);
}

TEST(ExactPValue, TiesAreCountedOverAllOrderings) {
  // y = {1, 2, 2, 3}: doubled centred ranks x -> {-3, -1, 1, 3}, y -> {-3, 0, 0, 3}, T = 18,
  // the maximum. Of the 4!/2! = 12 distinct arrangements of y only the observed one reaches it,
  // and it stands for 2 of the 24 index pairings (the two 2s swapped): p = 2/24 = 1/12.
  const auto p = exact_p_value({1, 2, 3, 4}, {1, 2, 2, 3}, RankStatistic::spearman).value();
  EXPECT_EQ(p.at_least_as_extreme, 2u);
  EXPECT_EQ(p.orderings, 24u);
  EXPECT_DOUBLE_EQ(p.p, 1.0 / 12);
}

// The same p-value by brute force over all n! index permutations with floating point rho.
double brute_force_p(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<std::size_t> idx(x.size());
  std::iota(idx.begin(), idx.end(), 0u);
  auto rho = [&](const std::vector<double>& yy) {
    // Spearman via ranks computed by definition.
    auto rk = [](const std::vector<double>& v) {
      std::vector<double> r(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) {
        double s = 0, e = 0;
        for (std::size_t j = 0; j < v.size(); ++j) {
          s += v[j] < v[i];
          e += (j != i && v[j] == v[i]);
        }
        r[i] = 1 + s + e / 2;
      }
      return r;
    };
    const auto rx = rk(x), ry = rk(yy);
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < rx.size(); ++i) mx += rx[i], my += ry[i];
    mx /= static_cast<double>(rx.size());
    my /= static_cast<double>(rx.size());
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < rx.size(); ++i) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxy / std::sqrt(sxx * syy);
  };
  const double observed = rho(y);
  double count = 0, total = 0;
  do {
    std::vector<double> yy(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) yy[i] = y[idx[i]];
    count += rho(yy) >= observed - 1e-12;
    total += 1;
  } while (std::next_permutation(idx.begin(), idx.end()));
  return count / total;
}

TEST(ExactPValue, MatchesBruteForceWithTies) {
  const std::vector<std::vector<double>> ys = {
      {3, 1, 2, 2, 5, 4, 4}, {1, 1, 1, 2, 2, 3, 3}, {7, 6, 5, 4, 3, 2, 1}, {2, 5, 1, 7, 3, 6, 4}};
  const std::vector<double> x = {1, 2, 2, 3, 4, 5, 6};
  for (const auto& y : ys) {
    EXPECT_NEAR(exact_p_value(x, y, RankStatistic::spearman).value().p, brute_force_p(x, y), 1e-12);
  }
}

TEST(ExactPValue, UntiedLookupMatchesBruteForce) {
  // Without ties the null distribution is looked up (enumerated once per n); it must give what
  // enumerating this data's pairings gives, for both one-sided alternatives (p_less(x, y) is
  // p_greater(x, -y), since rho(x, -y) = -rho(x, y)).
  const std::vector<std::vector<double>> ys = {{2, 1}, {3, 1, 2}, {4, 1, 3, 2}, {3, 1, 2, 5, 4},
                                               {6, 2, 5, 1, 3, 4}, {2, 7, 1, 6, 3, 5, 4}, {8, 1, 7, 2, 6, 3, 5, 4}};
  for (const auto& y : ys) {
    std::vector<double> x(y.size());
    std::iota(x.begin(), x.end(), 1.0);
    std::vector<double> minus_y;
    for (const double v : y) minus_y.push_back(-v);
    EXPECT_NEAR(exact_p_value(x, y, RankStatistic::spearman).value().p, brute_force_p(x, y), 1e-12) << y.size();
    EXPECT_NEAR(exact_p_value(x, y, RankStatistic::spearman, Alternative::less).value().p, brute_force_p(x, minus_y),
                1e-12)
        << y.size();
  }
}

TEST(ExactPValue, TheThresholdsTheDocsQuote) {
  // n = 5: rho = 1 - 6 D / 120 with D = sum of squared rank differences. {3,1,2,5,4} has
  // D = 4+1+1+1+1 = 8, rho = 0.6, and 21 of the 120 orderings have D <= 8: p = 0.175.
  // {3,2,1,5,4}: D = 10, rho = 0.5, p = 27/120 = 0.225.
  const std::vector<double> five = {1, 2, 3, 4, 5};
  const auto p06 = exact_p_value(five, {3, 1, 2, 5, 4}, RankStatistic::spearman).value();
  EXPECT_EQ(p06.at_least_as_extreme, 21u);
  EXPECT_DOUBLE_EQ(p06.p, 0.175);
  EXPECT_EQ(exact_p_value(five, {3, 2, 1, 5, 4}, RankStatistic::spearman).value().at_least_as_extreme, 27u);
  // n = 8: rho = 1 - D / 84. D = 30 (rho = 0.643) has 1,939 of 40,320 orderings at least as
  // extreme, p = 0.048; D = 32 (rho = 0.619) has 2,318, p = 0.057. So 0.643 is the smallest
  // SRCC significant at 5% with eight approaches, and 1/40,320 the smallest p.
  const std::vector<double> eight = {1, 2, 3, 4, 5, 6, 7, 8};
  // {5,2,1,3,4,8,7,6}: D = 16+0+4+1+1+4+0+4 = 30; {6,1,2,3,4,5,8,7}: D = 25+1+1+1+1+1+1+1 = 32.
  const auto p30 = exact_p_value(eight, {5, 2, 1, 3, 4, 8, 7, 6}, RankStatistic::spearman).value();
  EXPECT_EQ(p30.orderings, 40320u);
  EXPECT_EQ(p30.at_least_as_extreme, 1939u);
  EXPECT_EQ(exact_p_value(eight, {6, 1, 2, 3, 4, 5, 8, 7}, RankStatistic::spearman).value().at_least_as_extreme, 2318u);
  EXPECT_EQ(exact_p_value(eight, eight, RankStatistic::spearman).value().at_least_as_extreme, 1u);
}

TEST(ExactPValue, TenValuesIsTheLimit) {
  std::vector<double> ten(10);
  std::iota(ten.begin(), ten.end(), 1.0);
  const auto p = exact_p_value(ten, ten, RankStatistic::spearman).value();
  EXPECT_EQ(p.orderings, 3628800u);
  EXPECT_EQ(p.at_least_as_extreme, 1u);
  std::vector<double> eleven(11);
  std::iota(eleven.begin(), eleven.end(), 1.0);
  const auto too_many = exact_p_value(eleven, eleven, RankStatistic::spearman);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.code(), Undefined::out_of_domain);
  EXPECT_NE(too_many.message().find("n <= 10, got n = 11"), std::string::npos) << too_many.message();
}

TEST(ExactPValue, UndefinedForConstantOrShortInput) {
  EXPECT_EQ(exact_p_value({1, 2, 3}, {2, 2, 2}, RankStatistic::spearman).code(), Undefined::constant_input);
  EXPECT_EQ(exact_p_value({1}, {2}, RankStatistic::kendall).code(), Undefined::too_few);
  EXPECT_EQ(exact_p_value({1, 2}, {1, 2, 3}, RankStatistic::kendall).code(), Undefined::length_mismatch);
}

}  // namespace
