// A test program for bless_test.cpp, run as a child process with SYNTHBENCH_BLESS=1 (never by
// ctest). Its baselines go to $SYNTHBENCH_BLESS_TEST_DIR; $SYNTHBENCH_BLESS_TEST_SHIFT (a
// number, default 0) is added to the scores of approach b, to simulate a change.

#include <synthbench/gtest.hpp>
#include <synthbench/gtest/not_worse.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

std::filesystem::path dir() {
  const char* d = std::getenv("SYNTHBENCH_BLESS_TEST_DIR");
  return d != nullptr ? d : "bless-test";
}

double shift() {
  const char* s = std::getenv("SYNTHBENCH_BLESS_TEST_SHIFT");
  return s != nullptr ? *synthbench::detail::parse_decimal(s) : 0.0;
}

synthbench::ScoreTable scores(double shift_b) {
  synthbench::ScoreTable t("macro_f1");
  t.set_real("a", 0.9).set_real("b", 0.7 + shift_b);
  t.set_synthetic("gen", "a", 0.8).set_synthetic("gen", "b", 0.6 + shift_b);
  return t;
}

TEST(Gate, A) { EXPECT_NO_REGRESSION(dir() / "a.json", scores(shift()), 0.0); }

TEST(Gate, B) { EXPECT_NO_REGRESSION(dir() / "b.json", scores(shift()), 0.0); }

// What example 05 and 07 do: a simulated regression, checked to fail the gate. While blessing
// the gate passes, so EXPECT_NONFATAL_FAILURE fails this test and the downgrade is not written.
TEST(Gate, SimulatedRegression) {
  const auto path = dir() / "c.json";
  const auto worse = scores(-0.2);
  EXPECT_NONFATAL_FAILURE(EXPECT_NO_REGRESSION(path, worse, 0.0), "2 regressions against");
}

// Two assertions blessing one file with different tables: the second is refused.
TEST(Gate, TwiceInOneTest) {
  EXPECT_NO_REGRESSION(dir() / "d.json", scores(0.0), 0.0);
  EXPECT_NO_REGRESSION(dir() / "d.json", scores(0.1), 0.0);
}

// The same table twice is one write, not two.
TEST(Gate, SameContentTwice) {
  EXPECT_NO_REGRESSION(dir() / "f.json", scores(0.0), 0.0);
  EXPECT_NO_REGRESSION(dir() / "f.json", scores(0.0), 0.0);
}

// The paired gate: 20 items, right on the first 16, or (with a shift) on items 6..15 only.
TEST(Gate, NotWorse) {
  std::vector<std::string> gold;
  std::vector<synthbench::metrics::LabelPrediction> answers;
  const std::size_t from = shift() != 0.0 ? 6 : 0;
  for (std::size_t i = 0; i < 20; ++i) {
    gold.emplace_back(i % 2 == 0 ? "Play" : "Book");
    answers.emplace_back(i >= from && i < 16 ? gold.back() : (i % 2 == 0 ? "Book" : "Play"));
  }
  synthbench::ScoreTable t("accuracy");
  t.set_real("model", synthbench::make_resamplable(synthbench::metrics::ClassificationOutcomes(gold, answers)
                                                       .scorer(synthbench::metrics::ClassificationMetric::accuracy)));
  EXPECT_NOT_WORSE(dir() / "o.json", t, 0.0, 0.05);
}

// A test that fails for another reason blesses nothing.
TEST(Gate, FailsForAnotherReason) {
  EXPECT_NO_REGRESSION(dir() / "e.json", scores(0.0), 0.0);
  ADD_FAILURE() << "another assertion of this test failed";
}

}  // namespace
