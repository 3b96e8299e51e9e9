#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "capture.hpp"

namespace {

using synthbench::make_resamplable;
using synthbench::ResamplableScore;
using synthbench::Result;
using synthbench::ScoreTable;
using synthbench_test_support::captured_failures;
using synthbench_test_support::recorded_property;
using Indices = std::vector<std::uint32_t>;

// An approach right on items [0, k) of n; its score on a resample is the share right.
std::shared_ptr<const ResamplableScore> right_on_first(std::size_t k, std::size_t n) {
  return make_resamplable(n, [k](const Indices& idx) -> Result<double> {
    std::size_t right = 0;
    for (const auto i : idx) right += i < k ? 1u : 0u;
    return static_cast<double>(right) / static_cast<double>(idx.size());
  });
}

// Every approach is right on all of its items or on none, so every resample gives the same
// scores, and every bootstrap interval is a single point that can be worked out by hand:
//   real: a 1, b 0, c 1        gen: a 1, b 1, c 0
//   MSPD = ((1-1)^2 + (0-1)^2 + (1-0)^2) / 3 = 2/3
//   SRCC: real ranks (2.5, 1, 2.5), gen ranks (2.5, 2.5, 1); centred (.5, -1, .5) and
//   (.5, .5, -1): rho = (.25 - .5 - .5) / sqrt(1.5 * 1.5) = -0.5.
ScoreTable constant_table() {
  ScoreTable t("accuracy");
  t.set_real("a", right_on_first(10, 10)).set_real("b", right_on_first(0, 10)).set_real("c", right_on_first(10, 10));
  t.set_synthetic("gen", "a", right_on_first(8, 8));
  t.set_synthetic("gen", "b", right_on_first(8, 8));
  t.set_synthetic("gen", "c", right_on_first(0, 8));
  return t;
}

// Nested correctness (a right on [0, 100), b on [0, 120), c on [0, 140) of 200) on the real
// and two synthetic datasets: a paired bootstrap keeps a <= b <= c in every replicate, so
// the SRCC interval is [1, 1] for each generator and for the average.
ScoreTable nested_table() {
  ScoreTable t("accuracy");
  const char* names[] = {"a", "b", "c"};
  const std::size_t ks[] = {100, 120, 140};
  for (int i = 0; i < 3; ++i) {
    t.set_real(names[i], right_on_first(ks[i], 200));
    t.set_synthetic("gen-1", names[i], right_on_first(ks[i] / 2 + 50, 150));
    t.set_synthetic("gen-2", names[i], right_on_first(ks[i] - 20, 180));
  }
  return t;
}

TEST(SrccCiLowerGe, PassesAndRecordsTheBound) {
  const ScoreTable t = nested_table();
  EXPECT_SRCC_CI_LOWER_GE(t, "gen-1", 0.99, 0.95);
  ASSERT_SRCC_CI_LOWER_GE(t, "average", 1.0, 0.9) << "context streams in";
  EXPECT_EQ(recorded_property("synthbench.srcc_ci_lower.accuracy.gen-1"), "1");
  EXPECT_EQ(recorded_property("synthbench.srcc_ci_lower.accuracy.average"), "1");
  for (const auto& name : t.synthetic_names()) SYNTHBENCH_EXPECT_SRCC_CI_LOWER_GE(t, name, 1.0, 0.99) << name;
}

TEST(SrccCiLowerGe, FailureShowsTheBoundTheIntervalAndEveryScoresInterval) {
  const ScoreTable t = constant_table();
  const auto failures = captured_failures([&] { EXPECT_SRCC_CI_LOWER_GE(t, "gen", 0.0, 0.9) << "generator gen"; });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0],
            "Expected: 90% bootstrap lower bound of SRCC(real, gen) >= 0\n"
            "  Actual: -0.5 (SRCC = -0.5, 90% interval [-0.5, -0.5]; 2000 resamples, seed 240911968)\n"
            "    metric: accuracy\n"
            "    table: t\n"
            "  approach      real  90% interval              gen  90% interval            diff\n"
            "  a           1.0000  [1.0000, 1.0000]       1.0000  [1.0000, 1.0000]      0.0000\n"
            "  b           0.0000  [0.0000, 0.0000]       1.0000  [1.0000, 1.0000]     +1.0000\n"
            "  c           1.0000  [1.0000, 1.0000]       0.0000  [0.0000, 0.0000]     -1.0000\n"
            "generator gen");
}

TEST(SrccCiLowerGe, AssertStopsTheTest) {
  static const ScoreTable t = constant_table();
  EXPECT_FATAL_FAILURE(ASSERT_SRCC_CI_LOWER_GE(t, "gen", 0.0, 0.95),
                       "Expected: 95% bootstrap lower bound of SRCC(real, gen) >= 0\n  Actual: -0.5 (SRCC = -0.5");
}

TEST(MspdCiUpperLe, PassAndFail) {
  const ScoreTable t = constant_table();
  EXPECT_MSPD_CI_UPPER_LE(t, "gen", 0.67, 0.95);
  EXPECT_EQ(recorded_property("synthbench.mspd_ci_upper.accuracy.gen"), "0.66666667");
  const double kMaxMspd = 0.5;
  EXPECT_NONFATAL_FAILURE(EXPECT_MSPD_CI_UPPER_LE(t, "gen", kMaxMspd, 0.95),
                          "Expected: 95% bootstrap upper bound of MSPD(real, gen) <= 0.5 (kMaxMspd)\n"
                          "  Actual: 0.6667 (MSPD = 0.6667, 95% interval [0.6667, 0.6667]; 2000 resamples, seed "
                          "240911968)\n");
  static const ScoreTable s = constant_table();
  EXPECT_FATAL_FAILURE(ASSERT_MSPD_CI_UPPER_LE(s, "gen", 0.5, 0.95), "upper bound of MSPD(real, gen)");
}

TEST(CiAssertions, UndefinedIntervalsFailWithTheReason) {
  // Two approaches that tie on the synthetic data: the SRCC itself is 0/0.
  ScoreTable tied("accuracy");
  tied.set_real("a", right_on_first(4, 4)).set_real("b", right_on_first(0, 4));
  tied.set_synthetic("gen", "a", right_on_first(4, 4)).set_synthetic("gen", "b", right_on_first(4, 4));
  EXPECT_NONFATAL_FAILURE(EXPECT_SRCC_CI_LOWER_GE(tied, "gen", 0.5, 0.95),
                          "  Actual: undefined (constant_input): y has all 2 values equal, so Spearman's rho is 0/0");
  // Scores set as plain numbers cannot be resampled; the failure says so and shows the table.
  ScoreTable plain("f1");
  plain.set_real("a", 0.5).set_real("b", 0.6).set_synthetic("gen", "a", 0.4).set_synthetic("gen", "b", 0.7);
  const auto failures = captured_failures([&] { EXPECT_MSPD_CI_UPPER_LE(plain, "gen", 0.1, 0.95); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("  Actual: undefined (out_of_domain): the score of 'a' on the real data has no per-item "
                             "outcomes, so it cannot be resampled"),
            std::string::npos)
      << failures[0];
  EXPECT_NE(failures[0].find("  approach      real  rank        gen  rank      diff\n"), std::string::npos) << failures[0];
  // A confidence outside (0, 1).
  EXPECT_NONFATAL_FAILURE(EXPECT_SRCC_CI_LOWER_GE(nested_table(), "gen-1", 0.5, 95),
                          "undefined (out_of_domain): the confidence level must lie in (0, 1), got 95");
}

TEST(CiAssertions, UnknownGeneratorBecomesAReadableFailure) {
  const ScoreTable t = nested_table();
  const auto failures = captured_failures([&] { EXPECT_SRCC_CI_LOWER_GE(t, "gen-typo", 0.5, 0.95); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0],
            "synthbench could not evaluate the assertion on (t, \"gen-typo\", 0.5, 0.95):\n"
            "  [synthbench.usage.12] no synthetic dataset 'gen-typo' in the accuracy table (known: gen-1, gen-2, "
            "average)");
}

}  // namespace
