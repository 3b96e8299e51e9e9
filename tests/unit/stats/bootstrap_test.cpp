#include <synthbench/stats/bootstrap.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using synthbench::Result;
using synthbench::Undefined;
using synthbench::stats::bootstrap;
using synthbench::stats::BootstrapInterval;
using synthbench::stats::BootstrapOptions;
using synthbench::stats::quantile_sorted;
using synthbench::stats::ReplicateCollector;
using synthbench::stats::Xoshiro256StarStar;
using Indices = std::vector<std::uint32_t>;

// The mean of data[indices], summed in index order (so that a Python transcription with
// IEEE doubles reproduces it bit for bit).
struct MeanOf {
  const std::vector<double>* data;
  Result<double> operator()(const Indices& indices) const {
    double total = 0.0;
    for (const auto i : indices) total += (*data)[i];
    return total / static_cast<double>(indices.size());
  }
};

TEST(QuantileSorted, HyndmanFanDefinition7) {
  // x = {1, 2, 3, 4, 5}, m = 5, h = 4p:
  //   p = 0.25  -> h = 1.0 -> x_1 = 2 (an order statistic, no interpolation)
  //   p = 0.1   -> h = 0.4 -> x_0 + 0.4 (x_1 - x_0) = 1.4
  //   p = 0.975 -> h = 3.9 -> x_3 + 0.9 (x_4 - x_3) = 4.9   (numpy.percentile(x, 97.5) = 4.9)
  //   p = 0 and p = 1 -> the extremes.
  const std::vector<double> x = {1, 2, 3, 4, 5};
  EXPECT_EQ(quantile_sorted(x, 0.25), 2.0);
  EXPECT_NEAR(quantile_sorted(x, 0.1), 1.4, 1e-15);
  EXPECT_NEAR(quantile_sorted(x, 0.975), 4.9, 1e-15);
  EXPECT_EQ(quantile_sorted(x, 0.0), 1.0);
  EXPECT_EQ(quantile_sorted(x, 1.0), 5.0);
  EXPECT_EQ(quantile_sorted({7.5}, 0.3), 7.5);
  // Between equal order statistics the value is exact, not x + g * 0 rounded.
  EXPECT_EQ(quantile_sorted({0.1, 0.3, 0.3, 0.9}, 0.5), 0.3);
}

TEST(Bootstrap, GoldenIntervalOfAMean) {
  // Pins the whole pipeline (generator, bounded draws, replicate order, quantiles): the 90%
  // interval of the mean of these 10 values from 1000 resamples with seed 7, computed by a
  // Python transcription of xoshiro256**, Lemire's method and definition 7 with IEEE doubles.
  const std::vector<double> data = {2.5, 3.0, 0.5, 4.0, 1.5, 3.5, 2.0, 5.0, 1.0, 4.5};
  BootstrapOptions options;
  options.resamples = 1000;
  options.seed = 7;
  options.confidence = 0.90;
  const auto r = bootstrap(data.size(), MeanOf{&data}, options);
  ASSERT_TRUE(r.ok()) << r.message();
  const BootstrapInterval& ci = r.value();
  EXPECT_EQ(ci.estimate, 2.75);  // 27.5 / 10
  EXPECT_EQ(ci.lower, 2.0);
  EXPECT_EQ(ci.upper, 3.55);
  EXPECT_EQ(ci.mean, 2.762849999999998);
  EXPECT_EQ(ci.standard_error, 0.4554171519412524);
  EXPECT_EQ(ci.resamples, 1000u);
  EXPECT_EQ(ci.undefined_resamples, 0u);
  EXPECT_EQ(ci.confidence, 0.90);
}

TEST(Bootstrap, SameSeedSameIntervalBitForBit) {
  std::vector<double> data(57);
  Xoshiro256StarStar g(99);
  for (auto& v : data) v = g.uniform01() * 3 - 1;
  BootstrapOptions options;
  options.resamples = 500;
  options.seed = 12345;
  const auto a = bootstrap(data.size(), MeanOf{&data}, options).value();
  const auto b = bootstrap(data.size(), MeanOf{&data}, options).value();
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_EQ(a.upper, b.upper);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.standard_error, b.standard_error);
  options.seed = 12346;
  const auto c = bootstrap(data.size(), MeanOf{&data}, options).value();
  EXPECT_FALSE(c.lower == a.lower && c.upper == a.upper) << "another seed should give other resamples";
}

TEST(Bootstrap, IntervalContainsTheEstimateAndShrinksWithN) {
  // The mean of n uniform(0, 1) values has standard error sqrt(1/12 / n): 0.0913 for n = 10,
  // 0.00913 for n = 1000. The bootstrap's standard error should be close (within 25%), and
  // the 95% interval about 2 * 1.96 of it wide.
  for (const std::size_t n : {10u, 1000u}) {
    std::vector<double> data(n);
    Xoshiro256StarStar g(n);
    for (auto& v : data) v = g.uniform01();
    const auto ci = bootstrap(n, MeanOf{&data}).value();
    EXPECT_LE(ci.lower, ci.estimate) << n;
    EXPECT_GE(ci.upper, ci.estimate) << n;
    EXPECT_LT(ci.lower, ci.upper) << n;
    const double se = std::sqrt(1.0 / 12.0 / static_cast<double>(n));
    EXPECT_NEAR(ci.standard_error, se, 0.25 * se) << n;
    EXPECT_NEAR(ci.upper - ci.lower, 2 * 1.96 * se, 0.5 * se) << n;
  }
}

TEST(Bootstrap, CoverageNearNominalForTheMeanOfAUniform) {
  // 400 data sets of n = 40 uniform(0, 1) values; the true mean is 0.5. A 90% percentile
  // interval from 1000 resamples should contain it about 89% of the time (the percentile
  // interval slightly undercovers at small n: its width uses the plug-in variance, divisor
  // n, and normal rather than t quantiles; a numpy simulation with 2000 data sets gave
  // 0.8975). With 400 data sets the Monte Carlo standard error is sqrt(.9 * .1 / 400) =
  // 0.015, so the window [0.845, 0.935] is about +-3 standard errors around 0.89. A bootstrap
  // that resampled without replacement (zero width) or drew from a biased range would fall
  // far outside it.
  const std::size_t n = 40;
  const int datasets = 400;
  Xoshiro256StarStar data_rng(424242);
  std::vector<double> data(n);
  BootstrapOptions options;
  options.resamples = 1000;
  options.confidence = 0.90;
  int covered = 0;
  for (int d = 0; d < datasets; ++d) {
    for (auto& v : data) v = data_rng.uniform01();
    options.seed = static_cast<std::uint64_t>(d) + 1;
    const auto ci = bootstrap(n, MeanOf{&data}, options).value();
    if (ci.lower <= 0.5 && 0.5 <= ci.upper) ++covered;
  }
  const double coverage = covered / static_cast<double>(datasets);
  RecordProperty("coverage", std::to_string(coverage));
  EXPECT_GE(coverage, 0.845);
  EXPECT_LE(coverage, 0.935);
}

TEST(Bootstrap, UndefinedReplicatesAreCountedAndLimited) {
  // A statistic that is undefined whenever item 0 is not in the resample: the chance of
  // missing it is (1 - 1/n)^n, about 0.35 for n = 5 -- far above the default 5% limit.
  const std::vector<double> data = {1, 2, 3, 4, 5};
  const auto needs_item_0 = [&](const Indices& indices) {
    for (const auto i : indices) {
      if (i == 0) return MeanOf{&data}(indices);
    }
    return Result<double>::undefined(Undefined::constant_input, "item 0 is not in the resample");
  };
  BootstrapOptions options;
  options.resamples = 400;
  const auto strict = bootstrap(data.size(), needs_item_0, options);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.code(), Undefined::constant_input);
  EXPECT_NE(strict.detail().find("of 400 bootstrap replicates are undefined"), std::string::npos) << strict.detail();
  EXPECT_NE(strict.detail().find("the first: item 0 is not in the resample"), std::string::npos) << strict.detail();

  options.max_undefined_share = 0.5;
  const auto lenient = bootstrap(data.size(), needs_item_0, options);
  ASSERT_TRUE(lenient.ok()) << lenient.message();
  EXPECT_GT(lenient.value().undefined_resamples, 100u);  // about 0.33 * 400 = 134
  EXPECT_LT(lenient.value().undefined_resamples, 170u);
  EXPECT_EQ(lenient.value().resamples, 400u);
}

TEST(Bootstrap, BadOptionsAndInputsAreUndefinedWithAReason) {
  const std::vector<double> data = {1, 2, 3};
  BootstrapOptions options;
  options.confidence = 1.0;
  auto r = bootstrap(data.size(), MeanOf{&data}, options);
  EXPECT_EQ(r.code(), Undefined::out_of_domain);
  EXPECT_NE(r.detail().find("confidence level must lie in (0, 1), got 1"), std::string::npos) << r.detail();
  options = {};
  options.resamples = 1;
  EXPECT_EQ(bootstrap(data.size(), MeanOf{&data}, options).code(), Undefined::out_of_domain);
  options = {};
  options.max_undefined_share = -0.1;
  EXPECT_EQ(bootstrap(data.size(), MeanOf{&data}, options).code(), Undefined::out_of_domain);
  r = bootstrap(0, MeanOf{&data});
  EXPECT_EQ(r.code(), Undefined::too_few);
  EXPECT_NE(r.detail().find("at least 1 item"), std::string::npos);
  // An undefined estimate is passed through unchanged.
  const auto undefined_estimate = [](const Indices&) {
    return Result<double>::undefined(Undefined::constant_input, "all scores equal");
  };
  r = bootstrap(3, undefined_estimate);
  EXPECT_EQ(r.code(), Undefined::constant_input);
  EXPECT_EQ(r.detail(), "all scores equal");
}

TEST(ReplicateCollector, CountsNonFiniteReplicatesAsUndefined) {
  ReplicateCollector c;
  c.add(1.0);
  c.add(2.0);
  c.add(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c.undefined_count(), 1u);
  BootstrapOptions options;
  options.max_undefined_share = 0.5;
  const auto ci = c.summarize(1.5, options);
  ASSERT_TRUE(ci.ok()) << ci.message();
  EXPECT_EQ(ci.value().undefined_resamples, 1u);
  EXPECT_EQ(ci.value().mean, 1.5);
  // standard error of {1, 2}: sqrt(((-.5)^2 + .5^2) / 1) = sqrt(0.5)
  EXPECT_DOUBLE_EQ(ci.value().standard_error, std::sqrt(0.5));
  EXPECT_FALSE(ReplicateCollector().summarize(0.0, options).ok());
}

}  // namespace
