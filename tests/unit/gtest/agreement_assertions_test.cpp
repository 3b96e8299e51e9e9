#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "capture.hpp"

namespace {

using synthbench::ApproachScores;
using synthbench::ScoreTable;
using synthbench_test_support::captured_failures;
using synthbench_test_support::recorded_property;

// Real ranks A > B > C > D > E > F. The synthetic data swaps three adjacent pairs:
// (A,B), (C,D), (E,F). Ascending ranks real A6 B5 C4 D3 E2 F1, synthetic A5 B6 C3 D4 E1 F2:
// every d = +-1, sum d^2 = 6, rho = 1 - 6 * 6 / (6 * 35) = 1 - 36/210 = 0.8286.
ScoreTable table() {
  ScoreTable t("macro_f1");
  const char* names[] = {"A", "B", "C", "D", "E", "F"};
  const double real[] = {.90, .80, .70, .60, .50, .40};
  const double gen_x[] = {.60, .85, .50, .55, .30, .35};
  const double gen_y[] = {.95, .85, .75, .65, .55, .45};  // same order, +.05: rho 1, MSPD .0025
  for (int i = 0; i < 6; ++i) {
    t.set_real(names[i], real[i]);
    t.set_synthetic("gen-x", names[i], gen_x[i]);
    t.set_synthetic("gen-y", names[i], gen_y[i]);
  }
  return t;
}

TEST(SrccGe, PassesAndRecordsTheValue) {
  const ScoreTable t = table();
  EXPECT_SRCC_GE(t.real(), t.synthetic("gen-y"), 0.99);
  EXPECT_SRCC_GE(t.real(), t.synthetic("gen-x"), 0.8);
  ASSERT_SRCC_GE(t.real(), t.synthetic("gen-x"), 0.82) << "context streams in";
  EXPECT_EQ(recorded_property("synthbench.srcc.macro_f1.gen-y"), "1");
  EXPECT_EQ(recorded_property("synthbench.srcc.macro_f1.gen-x"), "0.82857143");
}

TEST(SrccGe, FailureShowsValueBoundPValueAndTheTable) {
  const ScoreTable t = table();
  const auto failures = captured_failures([&] { EXPECT_SRCC_GE(t.real(), t.synthetic("gen-x"), 0.9) << "generator gen-x"; });
  ASSERT_EQ(failures.size(), 1u);
  // Exact p: rho falls as sum d^2 grows, so count pairings of 6 ranks with sum d^2 <= 6:
  // 0: the identity (1); 2: one adjacent swap (5); 4: two disjoint adjacent swaps (6);
  // 6: three disjoint adjacent swaps (1) or a rotation of three adjacent ranks, d = (1, 1, -2)
  // (4 triples x 2 directions = 8). Total 1 + 5 + 6 + 9 = 21 of 720: p = 0.0292.
  EXPECT_EQ(failures[0],
            "Expected: SRCC(real, gen-x) >= 0.9\n"
            "  Actual: 0.8286 (one-sided exact p = 0.0292: 21 of 720 orderings rank at least as well)\n"
            "    metric: macro_f1\n"
            "    real: t.real()\n"
            "    synthetic: t.synthetic(\"gen-x\")\n"
            "  approach      real  rank      gen-x  rank      diff\n"
            "  A           0.9000     1     0.6000     2   -0.3000\n"
            "  B           0.8000     2     0.8500     1   +0.0500\n"
            "  C           0.7000     3     0.5000     4   -0.2000\n"
            "  D           0.6000     4     0.5500     3   -0.0500\n"
            "  E           0.5000     5     0.3000     6   -0.2000\n"
            "  F           0.4000     6     0.3500     5   -0.0500\n"
            "generator gen-x");
}

TEST(SrccGe, AssertStopsTheTest) {
  static const ScoreTable t = table();
  EXPECT_FATAL_FAILURE(ASSERT_SRCC_GE(t.real(), t.synthetic("gen-x"), 0.95), "Expected: SRCC(real, gen-x) >= 0.95");
}

TEST(SrccGe, UndefinedStatisticFailsWithItsReason) {
  const ApproachScores real("real", "f1", {{"a", .5}, {"b", .6}});
  const ApproachScores flat("flat", "f1", {{"a", .5}, {"b", .5}});
  EXPECT_NONFATAL_FAILURE(EXPECT_SRCC_GE(real, flat, 0.5),
                          "  Actual: undefined (constant_input): y has all 2 values equal, so Spearman's rho is 0/0");
  const ApproachScores other("other", "f1", {{"a", .5}, {"c", .5}});
  EXPECT_NONFATAL_FAILURE(EXPECT_SRCC_GE(real, other, 0.5),
                          "undefined (approach_mismatch): real 'real' and synthetic 'other' score different "
                          "approaches: missing from 'other': b; missing from 'real': c");
}

TEST(SrccGe, ThrowingArgumentBecomesAReadableFailure) {
  const ScoreTable t = table();
  const auto failures = captured_failures([&] { EXPECT_SRCC_GE(t.real(), t.synthetic("gen-typo"), 0.5); });
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0],
            "synthbench could not evaluate the assertion on (t.real(), t.synthetic(\"gen-typo\"), 0.5):\n"
            "  [synthbench.usage.12] no synthetic dataset 'gen-typo' in the macro_f1 table (known: gen-x, gen-y, "
            "average)");
}

TEST(SrccGe, BoundWrittenAsAnExpressionIsShown) {
  const ScoreTable t = table();
  const double kMinSrcc = 0.9;
  EXPECT_NONFATAL_FAILURE(EXPECT_SRCC_GE(t.real(), t.synthetic("gen-x"), kMinSrcc),
                          "Expected: SRCC(real, gen-x) >= 0.9 (kMinSrcc)");
}

TEST(KendallGe, PassAndFail) {
  const ScoreTable t = table();
  // Three discordant pairs of 15: tau = (12 - 3) / 15 = 0.6.
  EXPECT_KENDALL_GE(t.real(), t.synthetic("gen-x"), 0.6);
  EXPECT_EQ(recorded_property("synthbench.kendall_tau_b.macro_f1.gen-x"), "0.6");
  EXPECT_NONFATAL_FAILURE(EXPECT_KENDALL_GE(t.real(), t.synthetic("gen-x"), 0.7),
                          "Expected: Kendall tau-b(real, gen-x) >= 0.7\n  Actual: 0.6\n");
  static const ScoreTable s = table();
  EXPECT_FATAL_FAILURE(ASSERT_KENDALL_GE(s.real(), s.synthetic("gen-x"), 0.7), "Kendall tau-b(real, gen-x)");
}

TEST(SrccPLe, PassAndFail) {
  const ScoreTable t = table();
  EXPECT_SRCC_P_LE(t.real(), t.synthetic("gen-y"), 1.0 / 720);
  EXPECT_SRCC_P_LE(t.real(), t.synthetic("gen-x"), 0.05);
  EXPECT_NONFATAL_FAILURE(
      EXPECT_SRCC_P_LE(t.real(), t.synthetic("gen-x"), 0.01),
      "Expected: exact p-value of SRCC(real, gen-x) <= 0.01\n"
      "  Actual: 0.02917 (21 of 720 orderings rank at least as well; SRCC = 0.8286)\n");
  static const ScoreTable s = table();
  EXPECT_FATAL_FAILURE(ASSERT_SRCC_P_LE(s.real(), s.synthetic("gen-x"), 0.01), "exact p-value of SRCC");
}

TEST(SrccPLe, MoreThanTenApproachesIsUndefined) {
  ApproachScores real("real", "f1");
  ApproachScores synthetic("gen", "f1");
  for (int i = 0; i < 11; ++i) {
    real.set("m" + std::to_string(i), i);
    synthetic.set("m" + std::to_string(i), i);
  }
  EXPECT_NONFATAL_FAILURE(EXPECT_SRCC_P_LE(real, synthetic, 0.05),
                          "Actual: undefined (out_of_domain): the exact p-value of Spearman's rho enumerates n! "
                          "pairings and is limited to n <= 10, got n = 11");
}

TEST(MspdLe, PassAndFail) {
  const ScoreTable t = table();
  // gen-y is real + .05 everywhere: MSPD = .0025.
  EXPECT_MSPD_LE(t.real(), t.synthetic("gen-y"), 0.0025 + 1e-12);
  EXPECT_EQ(recorded_property("synthbench.mspd.macro_f1.gen-y"), "0.0025");
  EXPECT_NONFATAL_FAILURE(EXPECT_MSPD_LE(t.real(), t.synthetic("gen-y"), 0.001),
                          "Expected: MSPD(real, gen-y) <= 0.001\n  Actual: 0.0025\n    metric: macro_f1\n");
  static const ScoreTable s = table();
  EXPECT_FATAL_FAILURE(ASSERT_MSPD_LE(s.real(), s.synthetic("gen-y"), 0.001), "MSPD(real, gen-y)");
}

TEST(SelectionRegretLe, PassAndFail) {
  const ScoreTable t = table();
  EXPECT_SELECTION_REGRET_LE(t.real(), t.synthetic("gen-y"), 0.0);
  // gen-x picks B (0.85); real winner A: regret 0.9 - 0.8 = 0.1.
  EXPECT_SELECTION_REGRET_LE(t.real(), t.synthetic("gen-x"), 0.1 + 1e-12);
  EXPECT_NONFATAL_FAILURE(EXPECT_SELECTION_REGRET_LE(t.real(), t.synthetic("gen-x"), 0.05),
                          "Expected: selection regret(real, gen-x) <= 0.05\n"
                          "  Actual: 0.1 (synthetic picks B, real winner A)\n");
  static const ScoreTable s = table();
  EXPECT_FATAL_FAILURE(ASSERT_SELECTION_REGRET_LE(s.real(), s.synthetic("gen-x"), 0.05), "selection regret");
}

TEST(DifficultyGapLe, PassAndFail) {
  const ScoreTable t = table();
  // gen-x minus real: -.3 +.05 -.2 -.05 -.2 -.05 = -.75, / 6 = -.125.
  EXPECT_DIFFICULTY_GAP_LE(t.real(), t.synthetic("gen-x"), -0.12);
  EXPECT_EQ(recorded_property("synthbench.difficulty_gap.macro_f1.gen-x"), "-0.125");
  EXPECT_NONFATAL_FAILURE(EXPECT_DIFFICULTY_GAP_LE(t.real(), t.synthetic("gen-y"), 0.0),
                          "Expected: difficulty gap(real, gen-y) <= 0\n  Actual: 0.05\n");
  static const ScoreTable s = table();
  EXPECT_FATAL_FAILURE(ASSERT_DIFFICULTY_GAP_LE(s.real(), s.synthetic("gen-y"), 0.0), "difficulty gap");
}

TEST(AgreementAssertions, ValueThatRoundsToTheBoundIsShownInFull) {
  const ApproachScores real("real", "f1", {{"a", 0.91}, {"b", 0.86}});
  const ApproachScores synthetic("gen", "f1", {{"a", 0.90}, {"b", 0.91}});
  // 0.91 - 0.86 is 0.05000000000000004 in binary floating point.
  EXPECT_NONFATAL_FAILURE(EXPECT_SELECTION_REGRET_LE(real, synthetic, 0.05),
                          "  Actual: 0.050000000000000044 (differs from the bound only in the last digits");
}

TEST(AgreementAssertions, WorkOnTheAverageBenchmark) {
  const ScoreTable t = table();
  for (const auto& name : t.synthetic_names()) EXPECT_SRCC_GE(t.real(), t.synthetic(name), 0.8) << name;
}

}  // namespace
