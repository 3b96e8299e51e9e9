#ifndef SYNTHBENCH_GTEST_AGREEMENT_ASSERTIONS_HPP
#define SYNTHBENCH_GTEST_AGREEMENT_ASSERTIONS_HPP

/// @file
/// Assertions on how a synthetic benchmark agrees with the real one (docs/assertions.md):
///
///     EXPECT_SRCC_GE(real, synthetic, min)              Spearman's rho >= min
///     EXPECT_KENDALL_GE(real, synthetic, min)           Kendall's tau-b >= min
///     EXPECT_SRCC_P_LE(real, synthetic, max_p)          exact one-sided p-value of rho <= max_p
///     EXPECT_MSPD_LE(real, synthetic, max)              mean squared performance difference <= max
///     EXPECT_SELECTION_REGRET_LE(real, synthetic, max)  real score lost by the synthetic pick <= max
///     EXPECT_DIFFICULTY_GAP_LE(real, synthetic, max)    mean(synthetic - real) <= max
///
/// `real` and `synthetic` are ApproachScores (e.g. `t.real()`, `t.synthetic("gpt-4o")`). Each
/// has an ASSERT_ twin and a canonical SYNTHBENCH_-prefixed name; the short names are defined
/// unless SYNTHBENCH_NO_SHORT_MACROS is. Extra context streams in with `<<`.
///
/// Example:
///
///     EXPECT_SRCC_GE(t.real(), t.synthetic("gpt-4o-mini"), 0.8) << "generator gpt-4o-mini";
///
/// Sample failure:
///
///     Expected: SRCC(real, gpt-4o-mini) >= 0.8
///       Actual: 0.6571 (one-sided exact p = 0.0875: 63 of 720 orderings rank at least as well)
///         metric: ent_type_f1
///         real: t.real()
///         synthetic: t.synthetic("gpt-4o-mini")
///       approach                         real  rank  gpt-4o-mini  rank      diff
///       gpt-4o-mini                    0.7430     1       0.4873     4   -0.2557
///       gpt-4o                         0.7216     2       0.5919     1   -0.1297
///       ...
///
/// A passing assertion records its value as the test property
/// `synthbench.srcc.<metric>.<synthetic>` (and so on: `synthbench.mspd.macro_f1.gpt-4o`), which
/// reaches --gtest_output=xml|json and, printed, ctest's output (detail/property.hpp).

#include <gtest/gtest.h>  // EXPECT_PRED_FORMAT3, ::testing::AssertionResult

#include <string>  // std::string
#include <vector>  // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/gtest/comparison_table.hpp"
#include "synthbench/gtest/detail/bound_check.hpp"
#include "synthbench/gtest/detail/deferred.hpp"
#include "synthbench/scores/agreement.hpp"
#include "synthbench/scores/approach_scores.hpp"
#include "synthbench/stats/permutation_test.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

inline std::string pair_label(const std::string& statistic, const ApproachScores& real, const ApproachScores& synthetic) {
  return statistic + "(" + (real.dataset().empty() ? "real" : real.dataset()) + ", " +
         (synthetic.dataset().empty() ? "synthetic" : synthetic.dataset()) + ")";
}

/// "<statistic>.<metric>.<synthetic>": the metric from either side ("score" when neither names one).
inline std::string property_key(const std::string& statistic, const ApproachScores& real, const ApproachScores& synthetic) {
  const std::string metric = !real.metric().empty() ? real.metric() : (!synthetic.metric().empty() ? synthetic.metric() : "score");
  return statistic + "." + metric + "." + (synthetic.dataset().empty() ? "synthetic" : synthetic.dataset());
}

inline std::string context(const char* real_expr, const char* synthetic_expr, const ApproachScores& real,
                           const ApproachScores& synthetic) {
  std::string out;
  const std::string metric = !real.metric().empty() ? real.metric() : synthetic.metric();
  if (!metric.empty()) out += "    metric: " + metric + "\n";
  out += std::string("    real: ") + real_expr + "\n    synthetic: " + synthetic_expr + "\n";
  return out + comparison_table(real, synthetic);
}

/// "(one-sided exact p = 0.0875: 63 of 720 orderings rank at least as well)", or "" when n > 10.
inline std::string exact_p_note(const ApproachScores& real, const ApproachScores& synthetic) {
  const auto p = srcc_exact_p(real, synthetic);
  if (!p) return {};
  return " (one-sided exact p = " + synthbench::detail::general(p.value().p, 3) + ": " +
         std::to_string(p.value().at_least_as_extreme) + " of " + std::to_string(p.value().orderings) +
         " orderings rank at least as well)";
}

}  // namespace detail

/// Predicate-formatter: Spearman's rank correlation of `synthetic` with `real` is >= `min`.
inline ::testing::AssertionResult srcc_ge(const char* real_expr, const char* synthetic_expr, const char* min_expr,
                                          const ApproachScores& real, const ApproachScores& synthetic, double min) {
  return detail::check_bound(detail::pair_label("SRCC", real, synthetic), detail::property_key("srcc", real, synthetic),
                             srcc(real, synthetic), detail::Bound::at_least, min, min_expr,
                             detail::exact_p_note(real, synthetic), detail::context(real_expr, synthetic_expr, real, synthetic));
}

/// Predicate-formatter: Kendall's tau-b of `synthetic` with `real` is >= `min`.
inline ::testing::AssertionResult kendall_ge(const char* real_expr, const char* synthetic_expr, const char* min_expr,
                                             const ApproachScores& real, const ApproachScores& synthetic, double min) {
  return detail::check_bound(detail::pair_label("Kendall tau-b", real, synthetic),
                             detail::property_key("kendall_tau_b", real, synthetic), kendall_agreement(real, synthetic),
                             detail::Bound::at_least, min, min_expr, "",
                             detail::context(real_expr, synthetic_expr, real, synthetic));
}

/// Predicate-formatter: the exact one-sided permutation p-value of the SRCC is <= `max_p`
/// (needs n <= 10 approaches: an undefined p-value fails with that reason).
inline ::testing::AssertionResult srcc_p_le(const char* real_expr, const char* synthetic_expr, const char* max_expr,
                                            const ApproachScores& real, const ApproachScores& synthetic, double max_p) {
  const auto exact = srcc_exact_p(real, synthetic);
  const Result<double> p = exact ? Result<double>(exact.value().p) : Result<double>::undefined_from(exact);
  std::string note;
  if (exact) {
    note = " (" + std::to_string(exact.value().at_least_as_extreme) + " of " +
           std::to_string(exact.value().orderings) + " orderings rank at least as well; SRCC = " +
           detail::value_text(srcc(real, synthetic).value_or(0.0)) + ")";
  }
  return detail::check_bound(detail::pair_label("exact p-value of SRCC", real, synthetic),
                             detail::property_key("srcc_p_exact", real, synthetic), p, detail::Bound::at_most, max_p,
                             max_expr, note, detail::context(real_expr, synthetic_expr, real, synthetic));
}

/// Predicate-formatter: the mean squared performance difference is <= `max`.
inline ::testing::AssertionResult mspd_le(const char* real_expr, const char* synthetic_expr, const char* max_expr,
                                          const ApproachScores& real, const ApproachScores& synthetic, double max) {
  return detail::check_bound(detail::pair_label("MSPD", real, synthetic), detail::property_key("mspd", real, synthetic),
                             mspd(real, synthetic), detail::Bound::at_most, max, max_expr, "",
                             detail::context(real_expr, synthetic_expr, real, synthetic));
}

/// Predicate-formatter: the selection regret (real score of the real winner minus real score
/// of the synthetic winner, worst case over tied synthetic winners) is <= `max`.
inline ::testing::AssertionResult selection_regret_le(const char* real_expr, const char* synthetic_expr,
                                                      const char* max_expr, const ApproachScores& real,
                                                      const ApproachScores& synthetic, double max) {
  std::string note;
  if (pair_scores(real, synthetic)) {
    note = " (synthetic picks " + synthbench::detail::join_names(winners(synthetic)) + ", real winner " +
           synthbench::detail::join_names(winners(real)) + ")";
  }
  return detail::check_bound(detail::pair_label("selection regret", real, synthetic),
                             detail::property_key("selection_regret", real, synthetic), selection_regret(real, synthetic),
                             detail::Bound::at_most, max, max_expr, note,
                             detail::context(real_expr, synthetic_expr, real, synthetic));
}

/// Predicate-formatter: the difficulty gap, mean of (synthetic - real), is <= `max`
/// (positive gaps mean the synthetic data is easier).
inline ::testing::AssertionResult difficulty_gap_le(const char* real_expr, const char* synthetic_expr,
                                                    const char* max_expr, const ApproachScores& real,
                                                    const ApproachScores& synthetic, double max) {
  return detail::check_bound(detail::pair_label("difficulty gap", real, synthetic),
                             detail::property_key("difficulty_gap", real, synthetic), difficulty_gap(real, synthetic),
                             detail::Bound::at_most, max, max_expr, "",
                             detail::context(real_expr, synthetic_expr, real, synthetic));
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// Spearman's rank correlation of `synthetic` with `real` is at least `min`.
#define SYNTHBENCH_EXPECT_SRCC_GE(real, synthetic, min) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::srcc_ge, real, synthetic, min)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_SRCC_GE.
#define SYNTHBENCH_ASSERT_SRCC_GE(real, synthetic, min) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::srcc_ge, real, synthetic, min)
/// Kendall's tau-b of `synthetic` with `real` is at least `min`.
#define SYNTHBENCH_EXPECT_KENDALL_GE(real, synthetic, min) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::kendall_ge, real, synthetic, min)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_KENDALL_GE.
#define SYNTHBENCH_ASSERT_KENDALL_GE(real, synthetic, min) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::kendall_ge, real, synthetic, min)
/// The exact one-sided permutation p-value of the SRCC is at most `max_p` (n <= 10).
#define SYNTHBENCH_EXPECT_SRCC_P_LE(real, synthetic, max_p) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::srcc_p_le, real, synthetic, max_p)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_SRCC_P_LE.
#define SYNTHBENCH_ASSERT_SRCC_P_LE(real, synthetic, max_p) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::srcc_p_le, real, synthetic, max_p)
/// The mean squared performance difference is at most `max`.
#define SYNTHBENCH_EXPECT_MSPD_LE(real, synthetic, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::mspd_le, real, synthetic, max)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_MSPD_LE.
#define SYNTHBENCH_ASSERT_MSPD_LE(real, synthetic, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::mspd_le, real, synthetic, max)
/// The selection regret is at most `max`.
#define SYNTHBENCH_EXPECT_SELECTION_REGRET_LE(real, synthetic, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::selection_regret_le, real, synthetic, max)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_SELECTION_REGRET_LE.
#define SYNTHBENCH_ASSERT_SELECTION_REGRET_LE(real, synthetic, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::selection_regret_le, real, synthetic, max)
/// The difficulty gap, mean of (synthetic - real), is at most `max`.
#define SYNTHBENCH_EXPECT_DIFFICULTY_GAP_LE(real, synthetic, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::difficulty_gap_le, real, synthetic, max)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_DIFFICULTY_GAP_LE.
#define SYNTHBENCH_ASSERT_DIFFICULTY_GAP_LE(real, synthetic, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::difficulty_gap_le, real, synthetic, max)

#ifndef SYNTHBENCH_NO_SHORT_MACROS
#define EXPECT_SRCC_GE(real, synthetic, min) SYNTHBENCH_EXPECT_SRCC_GE(real, synthetic, min)
#define ASSERT_SRCC_GE(real, synthetic, min) SYNTHBENCH_ASSERT_SRCC_GE(real, synthetic, min)
#define EXPECT_KENDALL_GE(real, synthetic, min) SYNTHBENCH_EXPECT_KENDALL_GE(real, synthetic, min)
#define ASSERT_KENDALL_GE(real, synthetic, min) SYNTHBENCH_ASSERT_KENDALL_GE(real, synthetic, min)
#define EXPECT_SRCC_P_LE(real, synthetic, max_p) SYNTHBENCH_EXPECT_SRCC_P_LE(real, synthetic, max_p)
#define ASSERT_SRCC_P_LE(real, synthetic, max_p) SYNTHBENCH_ASSERT_SRCC_P_LE(real, synthetic, max_p)
#define EXPECT_MSPD_LE(real, synthetic, max) SYNTHBENCH_EXPECT_MSPD_LE(real, synthetic, max)
#define ASSERT_MSPD_LE(real, synthetic, max) SYNTHBENCH_ASSERT_MSPD_LE(real, synthetic, max)
#define EXPECT_SELECTION_REGRET_LE(real, synthetic, max) SYNTHBENCH_EXPECT_SELECTION_REGRET_LE(real, synthetic, max)
#define ASSERT_SELECTION_REGRET_LE(real, synthetic, max) SYNTHBENCH_ASSERT_SELECTION_REGRET_LE(real, synthetic, max)
#define EXPECT_DIFFICULTY_GAP_LE(real, synthetic, max) SYNTHBENCH_EXPECT_DIFFICULTY_GAP_LE(real, synthetic, max)
#define ASSERT_DIFFICULTY_GAP_LE(real, synthetic, max) SYNTHBENCH_ASSERT_DIFFICULTY_GAP_LE(real, synthetic, max)
#endif  // SYNTHBENCH_NO_SHORT_MACROS

#endif  // SYNTHBENCH_GTEST_AGREEMENT_ASSERTIONS_HPP
