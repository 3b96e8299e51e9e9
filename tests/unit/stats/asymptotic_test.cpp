#include <synthbench/stats/asymptotic.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace {

using synthbench::Undefined;
using synthbench::stats::Alternative;
using synthbench::stats::correlation_t_test;
using synthbench::stats::CorrelationKind;
using synthbench::stats::fisher_z_interval;
using synthbench::stats::kendall_normal_test;

TEST(CorrelationTTest, MatchesPublishedTable) {
  // r = 0.5, n = 12: t = 0.5 sqrt(10 / 0.75) = 1.8257419 with 10 df. Two-sided p = 0.0978546
  // (scipy.stats.pearsonr and t.sf: 0.09785461425781246), one-sided 0.0489273.
  EXPECT_NEAR(correlation_t_test(0.5, 12).value(), 0.09785461425781246, 1e-12);
  EXPECT_NEAR(correlation_t_test(0.5, 12, Alternative::greater).value(), 0.04892730712890623, 1e-12);
  EXPECT_NEAR(correlation_t_test(0.5, 12, Alternative::less).value(), 1 - 0.04892730712890623, 1e-12);
  // The same statistic as Pearson's r at n = 5 (scipy.stats.pearsonr's t: p = 0.0538542).
  EXPECT_NEAR(correlation_t_test(0.8720815992723809, 5).value(), 0.05385421772754211, 1e-10);
  // As Spearman's rho it is allowed from n = 10: rho = 0.5 at n = 12 gives the same t as r.
  EXPECT_NEAR(correlation_t_test(0.5, 12, Alternative::two_sided, CorrelationKind::spearman).value(),
              0.09785461425781246, 1e-12);
}

TEST(CorrelationTTest, RefusesSpearmanBelowItsValidity) {
  // n = 6, one swapped pair: rho = 1 - 6 * 2 / (6 * 35) = 0.942857. The t approximation gives
  // t = 0.942857 sqrt(4 / (1 - 0.888980)) = 5.6595 with 4 df, one-sided p = 0.0024; the exact
  // p is 6/720 = 0.0083 (the identity and the 5 swaps of neighbours have sum d^2 <= 2).
  const double rho = 1.0 - 12.0 / 210.0;
  EXPECT_NEAR(correlation_t_test(rho, 6, Alternative::greater).value(), 0.0024, 0.00005) << "as Pearson's r";
  const auto refused = correlation_t_test(rho, 6, Alternative::greater, CorrelationKind::spearman);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), Undefined::too_few);
  EXPECT_NE(refused.message().find("exact_p_value"), std::string::npos) << refused.message();
  EXPECT_FALSE(correlation_t_test(rho, 9, Alternative::greater, CorrelationKind::spearman).ok());
  EXPECT_TRUE(correlation_t_test(rho, 10, Alternative::greater, CorrelationKind::spearman).ok());
  EXPECT_EQ(correlation_t_test(0.5, 20, Alternative::two_sided, CorrelationKind::kendall).code(), Undefined::out_of_domain);
}

TEST(CorrelationTTest, PerfectCorrelationAndDomain) {
  EXPECT_EQ(correlation_t_test(1.0, 10).value(), 0.0);
  EXPECT_EQ(correlation_t_test(1.0, 10, Alternative::less).value(), 1.0);
  EXPECT_EQ(correlation_t_test(-1.0, 10, Alternative::less).value(), 0.0);
  EXPECT_EQ(correlation_t_test(0.5, 2).code(), Undefined::too_few);
  EXPECT_EQ(correlation_t_test(1.5, 20).code(), Undefined::out_of_domain);
}

TEST(KendallNormalTest, MatchesScipyWithTies) {
  // scipy.stats.kendalltau(x, y, method="asymptotic") on the hand-worked example gives
  // p = 0.0769742 at n = 5; synthbench refuses n < 10 (the normal approximation's validity).
  const auto small = kendall_normal_test({10, 20, 20, 30, 40}, {1, 3, 2, 5, 4});
  EXPECT_EQ(small.code(), Undefined::too_few);
  EXPECT_NE(small.message().find("exact_p_value"), std::string::npos) << small.message();
  // Ties in both samples (scipy: two-sided 0.06715357634466514, less 0.9664232118276674).
  const std::vector<double> a = {1, 2, 2, 3, 5, 5, 5, 8, 9, 9, 12, 13};
  const std::vector<double> b = {3, 1, 4, 4, 5, 9, 2, 6, 5, 3, 5, 8};
  EXPECT_NEAR(kendall_normal_test(a, b).value(), 0.06715357634466514, 1e-12);
  EXPECT_NEAR(kendall_normal_test(a, b, Alternative::less).value(), 0.9664232118276674, 1e-12);
}

TEST(FisherZInterval, MatchesHandComputation) {
  // r = 0.5, n = 28: z = atanh(0.5) = 0.5493061, z_0.975 = 1.9599640.
  // Pearson: se = 1/5 -> tanh(0.5493061 -+ 0.3919928) = [0.1560284, 0.7358185].
  const auto p = fisher_z_interval(0.5, 28, 0.95, CorrelationKind::pearson).value();
  EXPECT_NEAR(p.lower, 0.15602836252908606, 1e-9);
  EXPECT_NEAR(p.upper, 0.7358184794439376, 1e-9);
  // Spearman (Bonett-Wright): se = sqrt(1.125 / 25) = 0.2121320.
  const auto s = fisher_z_interval(0.5, 28, 0.95, CorrelationKind::spearman).value();
  EXPECT_NEAR(s.lower, 0.1327469037222987, 1e-9);
  EXPECT_NEAR(s.upper, 0.7465330578415452, 1e-9);
  // Kendall (Fieller-Hartley-Pearson): se = sqrt(0.437 / 24) = 0.1349383.
  const auto k = fisher_z_interval(0.5, 28, 0.95, CorrelationKind::kendall).value();
  EXPECT_NEAR(k.lower, 0.27737130059914056, 1e-9);
  EXPECT_NEAR(k.upper, 0.6716703657351457, 1e-9);
}

TEST(FisherZInterval, ContainsEstimateAndWidensWithConfidence) {
  const auto i90 = fisher_z_interval(0.3, 40, 0.90, CorrelationKind::spearman).value();
  const auto i99 = fisher_z_interval(0.3, 40, 0.99, CorrelationKind::spearman).value();
  EXPECT_LT(i90.lower, 0.3);
  EXPECT_GT(i90.upper, 0.3);
  EXPECT_LT(i99.lower, i90.lower);
  EXPECT_GT(i99.upper, i90.upper);
}

TEST(FisherZInterval, UndefinedCases) {
  EXPECT_EQ(fisher_z_interval(0.5, 3, 0.95, CorrelationKind::pearson).code(), Undefined::too_few);
  EXPECT_EQ(fisher_z_interval(0.5, 4, 0.95, CorrelationKind::kendall).code(), Undefined::too_few);
  EXPECT_EQ(fisher_z_interval(1.0, 30, 0.95, CorrelationKind::pearson).code(), Undefined::out_of_domain);
  EXPECT_EQ(fisher_z_interval(0.5, 30, 1.0, CorrelationKind::pearson).code(), Undefined::out_of_domain);
  EXPECT_EQ(fisher_z_interval(0.5, 30, 0.0, CorrelationKind::pearson).code(), Undefined::out_of_domain);
}

}  // namespace
