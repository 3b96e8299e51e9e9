// EXPECT_NOT_WORSE (gtest/not_worse.hpp): the whole failure text on a hand-worked McNemar
// case, the bootstrap path, passes and their properties, and every way it can go wrong.
// (Blessing it is tested on a child process: bless_test.cpp.)

#include <synthbench/gtest.hpp>
#include <synthbench/gtest/not_worse.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "capture.hpp"
#include "support/test_paths.hpp"

namespace {

using synthbench::ScoreTable;
using synthbench::metrics::ClassificationMetric;
using synthbench::metrics::LabelPrediction;
using synthbench_test_support::captured_failures;
using synthbench_test_support::recorded_property;

// 20 items, "Play" and "Book" alternating; the model is right on items [from, to).
std::shared_ptr<const synthbench::ResamplableScore> right_on(std::size_t from, std::size_t to, ClassificationMetric metric) {
  std::vector<std::string> gold;
  std::vector<LabelPrediction> answers;
  for (std::size_t i = 0; i < 20; ++i) {
    gold.emplace_back(i % 2 == 0 ? "Play" : "Book");
    answers.emplace_back(i >= from && i < to ? gold.back() : (i % 2 == 0 ? "Book" : "Play"));
  }
  return synthbench::make_resamplable(synthbench::metrics::ClassificationOutcomes(gold, answers).scorer(metric));
}

ScoreTable table(std::size_t real_from, std::size_t real_to, ClassificationMetric metric = ClassificationMetric::accuracy) {
  ScoreTable t(synthbench::metrics::to_string(metric));
  t.set_real("model", right_on(real_from, real_to, metric));
  t.set_synthetic("gen", "model", right_on(0, 16, metric));
  return t;
}

class NotWorse : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("SYNTHBENCH_BLESS");
    dir_ = synthbench_test_support::make_temp_dir("synthbench-not-worse");
    baseline_ = dir_ / "outcomes.json";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // The baseline SYNTHBENCH_BLESS=1 would write.
  void bless(const ScoreTable& t) {
    synthbench::detail::write_file_atomically(baseline_, synthbench::dump_outcome_baseline(synthbench::outcome_baseline_from_table(t)));
  }
  std::filesystem::path dir_;
  std::filesystem::path baseline_;
};

TEST_F(NotWorse, PassesOnTheSameItemsAndRecordsEachDifference) {
  bless(table(0, 16));
  EXPECT_NOT_WORSE(baseline_, table(0, 16), 0.0, 0.05);
  ASSERT_NOT_WORSE(baseline_, table(2, 18), 0.0, 0.05) << "two lost, two gained: p = 0.6875";
  EXPECT_EQ(recorded_property("synthbench.not_worse.accuracy.real.model"), "0");
  EXPECT_EQ(recorded_property("synthbench.not_worse.accuracy.gen.model"), "0");
}

TEST_F(NotWorse, FailureNamesTheDifferenceItsBoundThePValueAndTheFlippedItems) {
  bless(table(0, 16));
  const ScoreTable upgraded = table(6, 16);
  const auto failures = captured_failures([&] { EXPECT_NOT_WORSE(baseline_, upgraded, 0.0, 0.05); });
  ASSERT_EQ(failures.size(), 1u);
  // Items 0..5 lost, none gained: exact McNemar p = P(L >= 6 | 6, 1/2) = 1/64 = 0.015625,
  // Holm over 2 comparisons 0.03125. Clopper-Pearson: theta_L = 0.05^(1/6) = 0.606962, so the
  // upper bound is (6/20)(1 - 2 x 0.606962) = -0.0641773.
  EXPECT_EQ(failures[0].substr(0, failures[0].find("If the change")),
            "Expected: no accuracy of upgraded worse than in the baseline by more than 0 (one-sided, alpha 0.05, Holm "
            "over 2 comparisons)\n"
            "  Actual: 1 of 2 worse, against " + baseline_.string() + "\n"
            "  real / model: 0.8000 -> 0.5000, difference -0.3000, 95% upper bound -0.0642 (exact McNemar on 6 changed "
            "items); p = 0.0156, Holm-adjusted 0.0312\n"
            "    items flipped: 0 gained, 6 lost of 20\n"
            "    lost, e.g.: item 0 (Play, now Book), item 1 (Book, now Play), item 2 (Play, now Book), ...\n");
  EXPECT_NE(failures[0].find("If the change is intended, bless it: SYNTHBENCH_BLESS=1 "), std::string::npos);
  EXPECT_NE(failures[0].find(" --gtest_filter=NotWorse.FailureNamesTheDifferenceItsBoundThePValueAndTheFlippedItems"),
            std::string::npos)
      << failures[0];
  static std::filesystem::path path;
  path = baseline_;
  EXPECT_FATAL_FAILURE(ASSERT_NOT_WORSE(path, table(6, 16), 0.0, 0.05), "1 of 2 worse");
}

TEST_F(NotWorse, OtherMetricsTakeThePairedBootstrap) {
  bless(table(0, 16, ClassificationMetric::macro_f1));
  const ScoreTable upgraded = table(8, 16, ClassificationMetric::macro_f1);
  const auto failures = captured_failures([&] { EXPECT_NOT_WORSE(baseline_, upgraded, 0.05, 0.05) << "more context"; });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("by more than 0.05 (one-sided, alpha 0.05, Holm over 2 comparisons)\n"), std::string::npos)
      << failures[0];
  EXPECT_NE(failures[0].find("(paired bootstrap, 2000 resamples); p = "), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("    items flipped: 0 gained, 8 lost of 20\n"), std::string::npos) << failures[0];
  EXPECT_NE(failures[0].find("\nmore context"), std::string::npos) << failures[0];
}

TEST_F(NotWorse, AMissingBaselineSaysHowToCreateIt) {
  const ScoreTable t = table(0, 16);
  const auto failures = captured_failures([&] { EXPECT_NOT_WORSE(baseline_, t, 0.0, 0.05); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("Expected: an outcome baseline at " + baseline_.string() +
                             "\n  Actual: no such file\nCreate it from the current outcomes: SYNTHBENCH_BLESS=1 "),
            std::string::npos)
      << failures[0];
}

TEST_F(NotWorse, MismatchesAndBadInputsAreReadableFailures) {
  bless(table(0, 16));
  const ScoreTable macro = table(0, 16, ClassificationMetric::macro_f1);
  EXPECT_NONFATAL_FAILURE(EXPECT_NOT_WORSE(baseline_, macro, 0.0, 0.05),
                          "to be scored in the baseline's metric 'accuracy'\n  Actual: 'macro_f1'");
  ScoreTable numbers("accuracy");
  numbers.set_real("model", 0.8).set_synthetic("gen", "model", 0.8);
  EXPECT_NONFATAL_FAILURE(EXPECT_NOT_WORSE(baseline_, numbers, 0.0, 0.05),
                          "  real / model: the current score has no per-item outcomes\n");
  const ScoreTable same = table(0, 16);
  EXPECT_NONFATAL_FAILURE(EXPECT_NOT_WORSE(baseline_, same, -0.01, 0.05), "the margin must be a finite number >= 0, got -0.01");
  EXPECT_NONFATAL_FAILURE(EXPECT_NOT_WORSE(baseline_, same, 0.0, 1.0), "alpha must lie in (0, 1), got 1");
  std::ofstream(baseline_) << R"({"format": "synthbench-outcomes", "version": 2})";
  EXPECT_NONFATAL_FAILURE(EXPECT_NOT_WORSE(baseline_, same, 0.0, 0.05),
                          "synthbench could not evaluate the assertion on (baseline_, same, 0.0, 0.05):\n  "
                          "[synthbench.input.901] " + baseline_.string() + " at /version: this synthbench reads version 1");
}

}  // namespace
