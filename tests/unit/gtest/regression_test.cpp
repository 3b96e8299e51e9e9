#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "capture.hpp"
#include "support/test_paths.hpp"

namespace {

using synthbench::ScoreTable;
using synthbench_test_support::captured_failures;

ScoreTable scores(double shift_b = 0.0, bool drop_c = false) {
  ScoreTable t("macro_f1");
  t.set_real("a", 0.9).set_real("b", 0.7 + shift_b);
  t.set_synthetic("gen", "a", 0.8).set_synthetic("gen", "b", 0.6 + shift_b);
  if (!drop_c) {
    t.set_real("c", 0.5);
    t.set_synthetic("gen", "c", 0.4);
  }
  return t;
}

class NoRegression : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = synthbench_test_support::make_temp_dir("synthbench-regression");
    baseline_ = dir_ / "baselines" / "snips.json";
    ::unsetenv("SYNTHBENCH_BLESS");
  }
  void TearDown() override {
    ::unsetenv("SYNTHBENCH_BLESS");
    std::filesystem::remove_all(dir_);
  }
  // The baseline SYNTHBENCH_BLESS=1 would write (blessing itself is tested on a child
  // process, bless_test.cpp: it writes when the test ends).
  void bless(const ScoreTable& t) { synthbench::detail::write_file_atomically(baseline_, synthbench::dump_score_table(t)); }

  std::filesystem::path dir_;
  std::filesystem::path baseline_;
};

TEST_F(NoRegression, MissingBaselineFailsWithTheBlessCommand) {
  const ScoreTable t = scores();
  const auto failures = captured_failures([&] { EXPECT_NO_REGRESSION(baseline_, t, 0.01); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("Expected: a baseline at " + baseline_.string() + "\n  Actual: no such file\n"),
            std::string::npos)
      << failures[0];
  EXPECT_NE(failures[0].find("SYNTHBENCH_BLESS=1 "), std::string::npos);
  EXPECT_NE(failures[0].find(" --gtest_filter=NoRegression.MissingBaselineFailsWithTheBlessCommand"), std::string::npos)
      << failures[0];
}

TEST_F(NoRegression, ComparisonsAgainstABaselinePass) {
  const ScoreTable t = scores();
  bless(t);
  EXPECT_NO_REGRESSION(baseline_, t, 0.0);
  EXPECT_NO_REGRESSION(baseline_, scores(-0.009), 0.01) << "within tolerance";
  EXPECT_NO_REGRESSION(baseline_, scores(+0.2), 0.0) << "improvements are not regressions";
  EXPECT_EQ(synthbench_test_support::recorded_property("synthbench.no_regression.macro_f1.snips.json"), "6");
}

TEST_F(NoRegression, FailureNamesEveryFallenOrMissingScore) {
  bless(scores());
  const ScoreTable worse = scores(-0.1, /*drop_c=*/true);
  const auto failures = captured_failures([&] { EXPECT_NO_REGRESSION(baseline_, worse, 0.02); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].substr(0, failures[0].find("If the new scores")),
            "Expected: no macro_f1 score of worse below its baseline by more than 0.02\n"
            "  Actual: 4 regressions against " + baseline_.string() + "\n"
            "  real / b: 0.7000 -> 0.6000 (-0.1000)\n"
            "  real / c: 0.5000 -> missing\n"
            "  synthetic gen / b: 0.6000 -> 0.5000 (-0.1000)\n"
            "  synthetic gen / c: 0.4000 -> missing\n");
  EXPECT_NE(failures[0].find("If the new scores are intended, bless them: SYNTHBENCH_BLESS=1 "), std::string::npos);
  static std::filesystem::path path;
  path = baseline_;
  EXPECT_FATAL_FAILURE(ASSERT_NO_REGRESSION(path, scores(-0.1), 0.02), "2 regressions against");
}

TEST_F(NoRegression, MalformedBaselineIsAReadableFailure) {
  std::filesystem::create_directories(baseline_.parent_path());
  std::ofstream(baseline_) << R"({"metric": "macro_f1", "real": {"a": "high"}})";
  const auto failures = captured_failures([&] { EXPECT_NO_REGRESSION(baseline_, scores(), 0.0); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("[synthbench.input.203] " + baseline_.string() +
                             " at /real/a: expected a number, got string \"high\""),
            std::string::npos)
      << failures[0];
}

TEST_F(NoRegression, MetricMismatchFails) {
  bless(scores());
  ScoreTable other("accuracy");
  other.set_real("a", 1).set_synthetic("gen", "a", 1);
  EXPECT_NONFATAL_FAILURE(EXPECT_NO_REGRESSION(baseline_, other, 0.0),
                          "to be scored in the baseline's metric 'macro_f1'\n  Actual: 'accuracy'");
}

TEST_F(NoRegression, BlessRefusesAnIncompleteTable) {
  ScoreTable incomplete("macro_f1");
  incomplete.set_real("a", 0.5);
  ::setenv("SYNTHBENCH_BLESS", "yes", 1);
  EXPECT_NONFATAL_FAILURE(EXPECT_NO_REGRESSION(baseline_, incomplete, 0.0), "no synthetic dataset");
  EXPECT_FALSE(std::filesystem::exists(baseline_));
}

}  // namespace
