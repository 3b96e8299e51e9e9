#include <synthbench/stats/ranks.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using synthbench::Undefined;
using synthbench::stats::average_ranks;
using synthbench::stats::tie_group_sizes;

// Ranks by definition, O(n^2): 1 + (number of smaller values) + (number of other equal values) / 2.
std::vector<double> naive_ranks(const std::vector<double>& x) {
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    double smaller = 0, equal = 0;
    for (std::size_t j = 0; j < x.size(); ++j) {
      if (x[j] < x[i]) smaller += 1;
      if (j != i && x[j] == x[i]) equal += 1;
    }
    r[i] = 1 + smaller + equal / 2;
  }
  return r;
}

TEST(AverageRanks, HandWorkedTies) {
  // {10, 20, 20, 30}: the 20s occupy ranks 2 and 3, so each gets (2 + 3) / 2 = 2.5.
  EXPECT_EQ(average_ranks({10, 20, 20, 30}).value(), (std::vector<double>{1, 2.5, 2.5, 4}));
  // Three-way tie at the top of {5, 1, 5, 5}: ranks 2, 3, 4 -> 3 each.
  EXPECT_EQ(average_ranks({5, 1, 5, 5}).value(), (std::vector<double>{3, 1, 3, 3}));
  // All equal: every value gets (1 + n) / 2.
  EXPECT_EQ(average_ranks({7, 7, 7}).value(), (std::vector<double>{2, 2, 2}));
}

TEST(AverageRanks, NegativeZeroTiesWithPositiveZero) {
  EXPECT_EQ(average_ranks({-0.0, 0.0, -1.0}).value(), (std::vector<double>{2.5, 2.5, 1}));
}

TEST(AverageRanks, UndefinedForEmptyAndNonFinite) {
  const auto empty = average_ranks({});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.code(), Undefined::too_few);
  const auto nan = average_ranks({1, std::numeric_limits<double>::quiet_NaN()});
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.code(), Undefined::not_finite);
  EXPECT_NE(nan.message().find("x[1] is NaN"), std::string::npos) << nan.message();
  const auto inf = average_ranks({std::numeric_limits<double>::infinity()});
  EXPECT_EQ(inf.code(), Undefined::not_finite);
}

// The radix-sort path (n >= 512) against the definition, with many ties, negatives,
// subnormals, signed zeros and huge magnitudes.
TEST(AverageRanks, RadixPathMatchesDefinition) {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int> pick(0, 9);
  std::normal_distribution<double> normal(0.0, 1e3);
  for (std::size_t n : {512u, 777u, 2000u}) {
    std::vector<double> x(n);
    for (auto& v : x) {
      switch (pick(rng)) {
        case 0: v = 0.0; break;
        case 1: v = -0.0; break;
        case 2: v = std::numeric_limits<double>::denorm_min(); break;
        case 3: v = -std::numeric_limits<double>::max(); break;
        case 4: v = std::numeric_limits<double>::max(); break;
        case 5: v = std::round(normal(rng) / 100); break;  // heavy ties
        default: v = normal(rng); break;
      }
    }
    EXPECT_EQ(average_ranks(x).value(), naive_ranks(x)) << "n = " << n;
  }
}

TEST(AverageRanks, SumOfRanksIsTriangularNumber) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> value(0, 20);
  std::vector<double> x(1000);
  for (auto& v : x) v = value(rng);
  double sum = 0;
  for (double r : average_ranks(x).value()) sum += r;
  EXPECT_DOUBLE_EQ(sum, 1000.0 * 1001.0 / 2.0);
}

TEST(TieGroupSizes, CountsOnlyGroupsOfTwoOrMore) {
  EXPECT_EQ(tie_group_sizes({3, 1, 3, 2, 3, 1}), (std::vector<std::size_t>{2, 3}));
  EXPECT_TRUE(tie_group_sizes({1, 2, 3}).empty());
}

}  // namespace
