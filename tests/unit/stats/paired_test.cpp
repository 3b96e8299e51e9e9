// Paired tests (stats/paired.hpp) and planning (stats/planning.hpp): hand-worked binomial
// tails, Boost.Math as an independent oracle, invariants of the bootstrap test, Holm's
// adjustment on a worked example, Connor's formula by hand, and the planned item count
// checked against a simulation of the exact test.

#include <synthbench/stats/paired.hpp>
#include <synthbench/stats/planning.hpp>

#include <boost/math/distributions/binomial.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using synthbench::Result;
using synthbench::stats::binomial_upper_tail;
using synthbench::stats::BootstrapOptions;
using synthbench::stats::clopper_pearson_lower;
using synthbench::stats::holm_adjust;
using synthbench::stats::mcnemar_exact;
using synthbench::stats::paired_bootstrap;
using synthbench::stats::PairedMethod;
using synthbench::stats::Xoshiro256StarStar;
using Indices = std::vector<std::uint32_t>;

TEST(BinomialUpperTail, HandWorkedFairCoinTails) {
  // P(X >= 9 | 10, 1/2) = (C(10,9) + C(10,10)) / 2^10 = (10 + 1) / 1024 = 0.0107421875
  EXPECT_NEAR(binomial_upper_tail(9, 10, 0.5), 11.0 / 1024.0, 1e-15);
  // P(X >= 8 | 10, 1/2) = (45 + 10 + 1) / 1024 = 56 / 1024 = 0.0546875
  EXPECT_NEAR(binomial_upper_tail(8, 10, 0.5), 56.0 / 1024.0, 1e-15);
  // P(X >= 12 | 15, 1/2) = (C(15,12) + C(15,13) + C(15,14) + C(15,15)) / 2^15
  //                      = (455 + 105 + 15 + 1) / 32768 = 576 / 32768 = 0.017578125
  EXPECT_NEAR(binomial_upper_tail(12, 15, 0.5), 576.0 / 32768.0, 1e-15);
  // P(X >= 2 | 3, 0.3) = 3 * 0.09 * 0.7 + 0.027 = 0.189 + 0.027 = 0.216
  EXPECT_NEAR(binomial_upper_tail(2, 3, 0.3), 0.216, 1e-15);
  EXPECT_EQ(binomial_upper_tail(0, 7, 0.2), 1.0);
  EXPECT_EQ(binomial_upper_tail(8, 7, 0.2), 0.0);
  EXPECT_EQ(binomial_upper_tail(3, 7, 0.0), 0.0);
  EXPECT_EQ(binomial_upper_tail(3, 7, 1.0), 1.0);
}

TEST(BinomialUpperTail, AgreesWithBoostOnLargeCounts) {
  for (const std::size_t m : {50u, 236u, 1000u, 5000u}) {
    for (const double theta : {0.5, 0.3, 0.62}) {
      const boost::math::binomial_distribution<double> b(static_cast<double>(m), theta);
      for (const std::size_t k : {m / 4, m / 2, m / 2 + m / 10, m - 1}) {
        const double boost_tail = boost::math::cdf(boost::math::complement(b, static_cast<double>(k) - 1.0));
        EXPECT_NEAR(binomial_upper_tail(k, m, theta), boost_tail, 1e-11 * std::max(1.0, boost_tail) + 1e-300)
            << "m " << m << " k " << k << " theta " << theta;
      }
    }
  }
}

TEST(ClopperPearson, ClosedFormsAtTheEdgesAndBoostInBetween) {
  // k = m: P(X >= m) = theta^m = alpha, so theta_L = alpha^(1/m); m = 10, alpha = 0.05:
  // ln 0.05 = -2.995732, / 10 = -0.2995732, e^-0.2995732 = 0.7411344.
  EXPECT_NEAR(clopper_pearson_lower(10, 10, 0.05), 0.7411344, 1e-6);
  // k = 1: 1 - (1 - theta)^m = alpha, theta_L = 1 - (1 - alpha)^(1/m); 0.95^0.1 = 0.9948838.
  EXPECT_NEAR(clopper_pearson_lower(1, 10, 0.05), 1.0 - 0.9948838, 1e-6);
  EXPECT_EQ(clopper_pearson_lower(0, 10, 0.05), 0.0);
  for (const auto& [k, m] : std::vector<std::pair<std::size_t, std::size_t>>{{3, 15}, {12, 15}, {150, 236}, {40, 80}}) {
    const double expected = boost::math::binomial_distribution<double>::find_lower_bound_on_p(
        static_cast<double>(m), static_cast<double>(k), 0.05);
    EXPECT_NEAR(clopper_pearson_lower(k, m, 0.05), expected, 1e-9) << k << " of " << m;
  }
}

TEST(McNemarExact, PValueAndTheMatchingUpperBound) {
  // 3 gained, 12 lost of 100 items: p = P(L >= 12 | 15, 1/2) = 576 / 32768 (above).
  const auto r = mcnemar_exact(3, 12, 100, 0.8, 0.05);
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r.value().method, PairedMethod::mcnemar);
  EXPECT_NEAR(r.value().p_value, 576.0 / 32768.0, 1e-15);
  EXPECT_NEAR(r.value().difference, -0.09, 1e-15);  // (3 - 12) / 100
  EXPECT_NEAR(r.value().current, 0.71, 1e-15);
  // upper = (15 / 100) (1 - 2 theta_L(12 of 15)): p <= 0.05, so theta_L > 1/2 and upper < 0.
  const double theta = boost::math::binomial_distribution<double>::find_lower_bound_on_p(15.0, 12.0, 0.05);
  EXPECT_NEAR(r.value().upper, 0.15 * (1.0 - 2.0 * theta), 1e-9);
  EXPECT_LT(r.value().upper, 0.0);
  EXPECT_TRUE(r.value().worse());
  // Nothing changed: p = 1, the difference and its bound are 0.
  const auto same = mcnemar_exact(0, 0, 50, 0.9, 0.05);
  EXPECT_EQ(same.value().p_value, 1.0);
  EXPECT_EQ(same.value().upper, 0.0);
  EXPECT_FALSE(same.value().worse());
  EXPECT_FALSE(mcnemar_exact(5, 6, 10, 0.5, 0.05)) << "more changed items than items";
  EXPECT_FALSE(mcnemar_exact(0, 0, 10, 0.5, 1.5)) << "alpha outside (0, 1)";
}

TEST(McNemarExact, TheBoundIsBelowZeroExactlyWhenTheTestRejects) {
  // The Clopper-Pearson bound inverts the exact binomial test (Agresti 2013, 1.4.3).
  for (std::size_t m = 1; m <= 40; ++m) {
    for (std::size_t lost = 0; lost <= m; ++lost) {
      for (const double alpha : {0.01, 0.05, 0.2}) {
        const auto r = mcnemar_exact(m - lost, lost, 200, 0.5, alpha).value();
        if (std::fabs(r.p_value - alpha) < 1e-9) continue;  // the boundary itself
        EXPECT_EQ(r.upper < 0.0, r.worse()) << lost << " of " << m << " alpha " << alpha;
      }
    }
  }
}

// The share of items right in `right`, on the items at `idx`.
Result<double> accuracy_on(const std::vector<int>& right, const Indices& idx) {
  double sum = 0.0;
  for (const auto i : idx) sum += right[i];
  return sum / static_cast<double>(idx.size());
}

TEST(PairedBootstrap, IdenticalSystemsNeverFail) {
  std::vector<int> right(300);
  for (std::size_t i = 0; i < right.size(); ++i) right[i] = (i * 7) % 10 < 8 ? 1 : 0;
  const auto f = [&](const Indices& idx) { return accuracy_on(right, idx); };
  const auto r = paired_bootstrap(right.size(), f, f, 0.0, 0.05);
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r.value().method, PairedMethod::bootstrap);
  EXPECT_EQ(r.value().difference, 0.0);
  EXPECT_EQ(r.value().upper, 0.0);  // every replicate difference is 0
  EXPECT_EQ(r.value().p_value, 1.0);
  EXPECT_EQ(r.value().resamples, 2000u);
}

TEST(PairedBootstrap, AConstantDropIsItsOwnBound) {
  // The current metric is the baseline's minus 0.1 on every resample: every d* = -0.1.
  std::vector<int> right(100, 1);
  const auto base = [&](const Indices& idx) { return accuracy_on(right, idx); };
  const auto worse = [&](const Indices& idx) { return Result<double>(accuracy_on(right, idx).value() - 0.1); };
  const auto r = paired_bootstrap(right.size(), base, worse, 0.05, 0.05);
  EXPECT_NEAR(r.value().upper, -0.1, 1e-12);
  EXPECT_EQ(r.value().p_value, 0.0);
  EXPECT_TRUE(r.value().worse());
  // A margin that covers the drop: every d* >= -margin, p = 1.
  const auto tolerated = paired_bootstrap(right.size(), base, worse, 0.1 + 1e-9, 0.05);
  EXPECT_EQ(tolerated.value().p_value, 1.0);
  EXPECT_FALSE(tolerated.value().worse());
}

TEST(PairedBootstrap, FailsExactlyWhenTheUpperBoundIsBelowMinusTheMargin) {
  // Random pairs of systems and margins: the decision (p <= alpha) and the bound agree.
  Xoshiro256StarStar rng(12);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 30 + rng.bounded(200);
    std::vector<int> a(n);
    std::vector<int> b(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = rng.uniform01() < 0.8 ? 1 : 0;
      b[i] = rng.uniform01() < (trial % 2 == 0 ? 0.8 : 0.7) ? 1 : 0;
    }
    const double margin = 0.01 * static_cast<double>(rng.bounded(5));
    const double alpha = trial % 3 == 0 ? 0.05 : 0.1;
    BootstrapOptions o;
    o.resamples = 500;
    o.seed = static_cast<std::uint64_t>(trial);
    const auto r = paired_bootstrap(
        n, [&](const Indices& idx) { return accuracy_on(a, idx); }, [&](const Indices& idx) { return accuracy_on(b, idx); },
        margin, alpha, o);
    ASSERT_TRUE(r) << r.message();
    EXPECT_EQ(r.value().upper < -margin, r.value().worse()) << "trial " << trial;
  }
}

TEST(PairedBootstrap, UndefinedAndBadInputsSayWhy) {
  std::vector<int> right(10, 1);
  const auto ok = [&](const Indices& idx) { return accuracy_on(right, idx); };
  const auto never = [](const Indices&) { return Result<double>::undefined(synthbench::Undefined::constant_input, "constant"); };
  EXPECT_FALSE(paired_bootstrap(10, ok, never, 0.0, 0.05));
  EXPECT_FALSE(paired_bootstrap(0, ok, ok, 0.0, 0.05));
  const auto negative = paired_bootstrap(10, ok, ok, -0.1, 0.05);
  ASSERT_FALSE(negative);
  EXPECT_NE(negative.message().find("the margin must be a finite number >= 0, got -0.1"), std::string::npos) << negative.message();
  EXPECT_FALSE(paired_bootstrap(10, ok, ok, 0.0, 0.0));
}

TEST(HolmAdjust, WorkedExample) {
  // p = (0.01, 0.04, 0.03, 0.005), k = 4. Sorted: 0.005 x 4 = 0.02; 0.01 x 3 = 0.03;
  // 0.03 x 2 = 0.06; 0.04 x 1 = 0.04, raised to the running maximum 0.06.
  const auto adjusted = holm_adjust({0.01, 0.04, 0.03, 0.005});
  ASSERT_EQ(adjusted.size(), 4u);
  EXPECT_NEAR(adjusted[0], 0.03, 1e-15);
  EXPECT_NEAR(adjusted[1], 0.06, 1e-15);
  EXPECT_NEAR(adjusted[2], 0.06, 1e-15);
  EXPECT_NEAR(adjusted[3], 0.02, 1e-15);
  EXPECT_EQ(holm_adjust({0.7, 0.6}), (std::vector<double>{1.0, 1.0}));
  EXPECT_TRUE(holm_adjust({}).empty());
}

TEST(PlanItems, ConnorsFormulaByHand) {
  // d = 0.02, psi = 0.08, alpha = 0.05, power 0.8: z_0.95 = 1.644854, z_0.8 = 0.841621;
  // sqrt(0.08) = 0.2828427, sqrt(0.08 - 0.0004) = 0.2821347;
  // (1.644854 x 0.2828427 + 0.841621 x 0.2821347) / 0.02 = (0.4652399 + 0.2374493) / 0.02
  // = 35.13446, squared 1234.43: n = 1235.
  synthbench::stats::PlanInput in;
  in.drop = 0.02;
  in.discordance = 0.08;
  const auto r = synthbench::stats::plan_items(in);
  ASSERT_TRUE(r) << r.message();
  EXPECT_EQ(r.value().normal_approximation, 1235u);
  EXPECT_GE(r.value().items, 1235u);
  EXPECT_GE(r.value().exact_power, 0.8);
  EXPECT_LT(r.value().items, 1400u) << "the exact test needs a little more than the normal approximation, not much";
  EXPECT_NEAR(r.value().p_lost, 0.05, 1e-15);
  EXPECT_NEAR(r.value().p_gained, 0.03, 1e-15);
  // Without a discordance: the independence bound from the accuracy, p = 0.85, q = 0.75:
  // psi = 0.85 x 0.25 + 0.75 x 0.15 = 0.2125 + 0.1125 = 0.325.
  synthbench::stats::PlanInput from_accuracy;
  from_accuracy.drop = 0.1;
  from_accuracy.accuracy = 0.85;
  EXPECT_NEAR(synthbench::stats::plan_items(from_accuracy).value().discordance, 0.325, 1e-12);
}

TEST(PlanItems, BadInputsSayWhy) {
  synthbench::stats::PlanInput in;
  in.drop = 0.05;
  in.discordance = 0.03;  // cannot hold a drop of 0.05
  const auto r = synthbench::stats::plan_items(in);
  ASSERT_FALSE(r);
  EXPECT_NE(r.message().find("the discordance must lie in [drop, 1]"), std::string::npos) << r.message();
  in.discordance = 0.1;
  in.drop = 0.0;
  EXPECT_FALSE(synthbench::stats::plan_items(in));
  in.drop = 0.02;
  in.power = 1.0;
  EXPECT_FALSE(synthbench::stats::plan_items(in));
  synthbench::stats::PlanInput neither;  // no discordance, no accuracy
  EXPECT_FALSE(synthbench::stats::plan_items(neither));
}

// The planning assumptions, simulated: items independently lost with p_lost, gained with
// p_gained; the exact McNemar test at alpha on the planned n detects the drop about as often as
// the computed exact power says (2000 trials: Monte Carlo standard error 0.009).
TEST(PlanItems, ThePlannedCountReachesThePowerInSimulation) {
  synthbench::stats::PlanInput in;
  in.drop = 0.03;
  in.discordance = 0.09;
  const auto plan = synthbench::stats::plan_items(in).value();
  Xoshiro256StarStar rng(2409);
  constexpr int trials = 2000;
  int detected = 0;
  for (int t = 0; t < trials; ++t) {
    std::size_t gained = 0;
    std::size_t lost = 0;
    for (std::size_t i = 0; i < plan.items; ++i) {
      const double u = rng.uniform01();
      lost += u < plan.p_lost ? 1u : 0u;
      gained += u >= plan.p_lost && u < plan.p_lost + plan.p_gained ? 1u : 0u;
    }
    detected += mcnemar_exact(gained, lost, plan.items, 0.8, in.alpha).value().worse() ? 1 : 0;
  }
  const double simulated = static_cast<double>(detected) / trials;
  const double se = std::sqrt(plan.exact_power * (1.0 - plan.exact_power) / trials);
  EXPECT_NEAR(simulated, plan.exact_power, 4.0 * se) << "planned " << plan.items << " items";
  EXPECT_GE(simulated, 0.8 - 4.0 * se);
}

}  // namespace
