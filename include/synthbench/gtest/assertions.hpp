#ifndef SYNTHBENCH_GTEST_ASSERTIONS_HPP
#define SYNTHBENCH_GTEST_ASSERTIONS_HPP

/// @file
/// The assertions on scores, and only them: what a test that fills a ScoreTable by hand (or
/// reads one) includes. Its translation unit parses GoogleTest, the statistics and the score
/// tables, not the experiment, metrics, LLM or JSON layers that <synthbench/gtest.hpp>
/// brings (docs/performance.md, "Compile time": example 01 compiles in 1.85x the time of the
/// same test written with plain EXPECT_ macros, against 2.85x through the umbrella).
///
///     EXPECT_SRCC_GE / EXPECT_KENDALL_GE / EXPECT_SRCC_P_LE / EXPECT_MSPD_LE /
///     EXPECT_SELECTION_REGRET_LE / EXPECT_DIFFICULTY_GAP_LE     (gtest/agreement_assertions.hpp)
///     EXPECT_BIAS_FACTOR_LE / EXPECT_ABS_BIAS_FACTOR_LE          (gtest/bias_assertions.hpp)
///     EXPECT_SRCC_CI_LOWER_GE / EXPECT_MSPD_CI_UPPER_LE          (gtest/bootstrap_assertions.hpp)
///     synthbench::gtest::param_name                              (gtest/param_name.hpp)
///
/// Each macro has an ASSERT_ twin and a SYNTHBENCH_-prefixed name; define
/// SYNTHBENCH_NO_SHORT_MACROS before including to get only the prefixed ones. The assertions
/// on experiments, call outcomes, baselines and paired upgrades need the experiment layer:
/// include <synthbench/gtest.hpp> for those.

#include "synthbench/gtest/agreement_assertions.hpp"
#include "synthbench/gtest/bias_assertions.hpp"
#include "synthbench/gtest/bootstrap_assertions.hpp"
#include "synthbench/gtest/param_name.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/approach_scores.hpp"
#include "synthbench/scores/score_table.hpp"

#endif  // SYNTHBENCH_GTEST_ASSERTIONS_HPP
