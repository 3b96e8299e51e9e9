#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "capture.hpp"

namespace {

using synthbench::ScoreTable;
using synthbench_test_support::captured_failures;
using synthbench_test_support::recorded_property;

// The hand-worked table of tests/unit/scores/bias_factor_test.cpp: bf_A = .15, bf_B = .25, bf_C = .2.
ScoreTable three_models() {
  ScoreTable t("f1");
  t.set_real("A", 0.9).set_real("B", 0.7).set_real("C", 0.5);
  const double data[3][3] = {{.9, .6, .3}, {.7, .8, .3}, {.8, .5, .5}};
  const char* names[3] = {"A", "B", "C"};
  for (int g = 0; g < 3; ++g) {
    for (int s = 0; s < 3; ++s) t.set_synthetic(names[g], names[s], data[g][s]);
  }
  return t;
}

TEST(BiasFactorLe, PassesAndRecords) {
  const ScoreTable t = three_models();
  EXPECT_BIAS_FACTOR_LE(t, "A", 0.16);
  ASSERT_BIAS_FACTOR_LE(t, "B", 0.26);
  EXPECT_EQ(recorded_property("synthbench.bias_factor.f1.A"), "0.15");
}

TEST(BiasFactorLe, FailureShowsTheDerivation) {
  const ScoreTable t = three_models();
  const auto failures = captured_failures([&] { EXPECT_BIAS_FACTOR_LE(t, "B", 0.1); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0],
            "Expected: bias factor of B <= 0.1\n"
            "  Actual: 0.25\n"
            "    metric: f1\n"
            "    table: t\n"
            "  data of     score  mean of all  normalized\n"
            "  A        0.6000       0.6000      0.0000\n"
            "* B        0.8000       0.6000     +0.2000   (own data)\n"
            "  C        0.5000       0.6000     -0.1000\n"
            "  bias factor = +0.2000 - mean of the others' (-0.0500) = +0.2500");
  static const ScoreTable s = three_models();
  EXPECT_FATAL_FAILURE(ASSERT_BIAS_FACTOR_LE(s, "B", 0.1), "bias factor of B <= 0.1");
}

TEST(BiasFactorLe, UnknownModelFailsNamingTheKnownOnes) {
  const ScoreTable t = three_models();
  EXPECT_NONFATAL_FAILURE(EXPECT_BIAS_FACTOR_LE(t, "llama-3-8b", 0.05),
                          "Actual: undefined (out_of_domain): bias factor of 'llama-3-8b': no generator's model is "
                          "this solver (models that are both: A, B, C;");
}

TEST(AbsBiasFactorLe, BoundsTheMagnitude) {
  ScoreTable t("f1");
  t.set_real("A", .5).set_real("B", .5);
  // Data of A: A .4 B .6 (nm_A = -.1); data of B: A .6 B .4 (nm_A = +.1): bf_A = -.2, bf_B = -.2.
  t.set_synthetic("A", "A", .4).set_synthetic("A", "B", .6);
  t.set_synthetic("B", "A", .6).set_synthetic("B", "B", .4);
  EXPECT_BIAS_FACTOR_LE(t, "A", 0.0);
  EXPECT_ABS_BIAS_FACTOR_LE(t, "A", 0.2 + 1e-12);
  EXPECT_EQ(recorded_property("synthbench.abs_bias_factor.f1.A"), "0.2");
  EXPECT_NONFATAL_FAILURE(EXPECT_ABS_BIAS_FACTOR_LE(t, "A", 0.1),
                          "Expected: |bias factor| of A <= 0.1\n  Actual: 0.2 (bias factor -0.2000)\n");
  static ScoreTable s = t;
  EXPECT_FATAL_FAILURE(ASSERT_ABS_BIAS_FACTOR_LE(s, "B", 0.1), "|bias factor| of B <= 0.1");
}

}  // namespace
