#ifndef SYNTHBENCH_GTEST_BOOTSTRAP_ASSERTIONS_HPP
#define SYNTHBENCH_GTEST_BOOTSTRAP_ASSERTIONS_HPP

/// @file
/// Assertions on bootstrap confidence bounds of the agreement of a synthetic benchmark with
/// the real one (docs/assertions.md; the method in docs/metrics.md, "Bootstrap"):
///
///     EXPECT_SRCC_CI_LOWER_GE(table, synthetic, min, confidence)   lower bound of SRCC >= min
///     EXPECT_MSPD_CI_UPPER_LE(table, synthetic, max, confidence)   upper bound of MSPD <= max
///
/// `table` is a ScoreTable whose scores carry per-item outcomes (ScoreTable::set_real and
/// set_synthetic with a ResamplableScore); `synthetic` a generator's name or "average";
/// `confidence` the interval's coverage, e.g. 0.95. The bound is that of the two-sided
/// percentile interval: a lower bound at confidence 0.95 is the 2.5% quantile of the
/// bootstrap distribution (bootstrap_agreement with stats::BootstrapOptions defaults: 2000
/// resamples, seed 240911968, so a run is reproducible on every platform). For other options
/// call synthbench::bootstrap_agreement and assert on its result. ASSERT_ twins, SYNTHBENCH_
/// names and `<<` context as for every synthbench macro.
///
/// Example:
///
///     EXPECT_SRCC_CI_LOWER_GE(t, "gpt-4o", 0.5, 0.95) << "ranks like real data, even at the 2.5% quantile";
///
/// Sample failure:
///
///     Expected: 95% bootstrap lower bound of SRCC(real, gen) >= 0.5
///       Actual: -0.5 (SRCC = -0.5, 95% interval [-0.5, -0.5]; 2000 resamples, seed 240911968)
///         metric: accuracy
///         table: t
///       approach      real  95% interval              gen  95% interval            diff
///       a           1.0000  [1.0000, 1.0000]       1.0000  [1.0000, 1.0000]      0.0000
///       ...
///
/// A passing assertion records `synthbench.srcc_ci_lower.<metric>.<synthetic>` (or
/// `synthbench.mspd_ci_upper.<metric>.<synthetic>`).

#include <gtest/gtest.h>  // EXPECT_PRED_FORMAT4, ::testing::AssertionResult

#include <algorithm>  // std::max
#include <cstddef>    // std::size_t
#include <exception>  // std::exception
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/gtest/comparison_table.hpp"
#include "synthbench/gtest/detail/bound_check.hpp"
#include "synthbench/gtest/detail/deferred.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/bootstrap.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

/// "95%" for 0.95.
inline std::string percent(double confidence) { return synthbench::detail::general(100.0 * confidence, 4) + "%"; }

inline std::string interval_text(const Result<stats::BootstrapInterval>& ci) {
  if (!ci) return "[undefined]";
  return "[" + synthbench::detail::fixed(ci.value().lower, 4) + ", " + synthbench::detail::fixed(ci.value().upper, 4) + "]";
}

/// Per approach: real score and interval, synthetic score and interval, difference.
inline std::string interval_table(const MetaBootstrap& m, const std::string& synthetic, double confidence) {
  using synthbench::detail::fixed;
  using synthbench::detail::signed_fixed;
  std::size_t name_width = 8;  // "approach"
  for (const auto& a : m.approaches) name_width = std::max(name_width, a.size());
  const std::string ci_label = percent(confidence) + " interval";
  const std::size_t ci_width = std::max<std::size_t>(18, ci_label.size());
  const std::size_t synthetic_width = std::max<std::size_t>(9, synthetic.size());
  std::string out = "  " + pad_right("approach", name_width) + "  " + pad_left("real", 8) + "  " +
                    pad_right(ci_label, ci_width) + "  " + pad_left(synthetic, synthetic_width) + "  " +
                    pad_right(ci_label, ci_width) + "      diff\n";
  const auto find = [&m](const std::string& dataset, const std::string& approach) -> const ScoreInterval* {
    for (const auto& s : m.scores) {
      if (s.dataset == dataset && s.approach == approach) return &s;
    }
    return nullptr;
  };
  for (const auto& a : m.approaches) {
    const ScoreInterval* r = find("real", a);
    const ScoreInterval* s = find(synthetic, a);
    if (r == nullptr || s == nullptr || !r->interval || !s->interval) continue;
    const double rv = r->interval.value().estimate;
    const double sv = s->interval.value().estimate;
    out += "  " + pad_right(a, name_width) + "  " + pad_left(fixed(rv, 4), 8) + "  " +
           pad_right(interval_text(r->interval), ci_width) + "  " + pad_left(fixed(sv, 4), synthetic_width) + "  " +
           pad_right(interval_text(s->interval), ci_width) + "  " + pad_left(signed_fixed(sv - rv, 4), 8) + "\n";
  }
  return out;
}

/// The shared body of the two assertions: bootstrap `synthetic` against the real data, pick
/// the SRCC lower or the MSPD upper bound, compare it with `bound`. (Templates on the table
/// type, always ScoreTable, so that including gtest.hpp does not compile the bootstrap.)
template <class Table>
::testing::AssertionResult check_ci_bound(const char* table_expr, const char* bound_expr, const Table& table,
                                          const std::string& synthetic, double bound, double confidence,
                                          bool srcc_lower) {
  (void)table.synthetic(synthetic);  // an unknown name throws, listing the known ones
  stats::BootstrapOptions options;
  options.confidence = confidence;
  const std::string name = srcc_lower ? "SRCC" : "MSPD";
  const std::string statistic = percent(confidence) + " bootstrap " + (srcc_lower ? "lower" : "upper") + " bound of " +
                                name + "(real, " + synthetic + ")";
  const std::string key = std::string(srcc_lower ? "srcc_ci_lower." : "mspd_ci_upper.") + table.metric() + "." + synthetic;
  std::string context = "    metric: " + table.metric() + "\n    table: " + table_expr + "\n";
  const Result<MetaBootstrap> all = synthbench::detail::run_meta_bootstrap(table, {synthetic}, options);
  if (!all) {
    return check_bound(statistic, key, Result<double>::undefined_from(all), srcc_lower ? Bound::at_least : Bound::at_most,
                       bound, bound_expr, "", context + comparison_table(table.real(), table.synthetic(synthetic)));
  }
  const MetaBootstrap& m = all.value();
  const AgreementIntervals& agreement = m.at(synthetic);
  const Result<stats::BootstrapInterval>& ci = srcc_lower ? agreement.srcc : agreement.mspd;
  Result<double> value = Result<double>::undefined_from(ci);
  std::string note;
  if (ci) {
    const stats::BootstrapInterval& i = ci.value();
    value = srcc_lower ? i.lower : i.upper;
    note = " (" + name + " = " + value_text(i.estimate) + ", " + percent(confidence) + " interval [" +
           value_text(i.lower) + ", " + value_text(i.upper) + "]; " + std::to_string(i.resamples) + " resamples, seed " +
           std::to_string(options.seed) +
           (i.undefined_resamples > 0 ? ", " + std::to_string(i.undefined_resamples) + " undefined" : "") + ")";
  }
  return check_bound(statistic, key, value, srcc_lower ? Bound::at_least : Bound::at_most, bound, bound_expr, note,
                     context + interval_table(m, synthetic, confidence));
}

}  // namespace detail

/// Predicate-formatter: the lower limit of the bootstrap percentile interval (at
/// `confidence`) of the SRCC between `synthetic` and the real data is >= `min`.
/// (A template on the table type, always ScoreTable, only to defer its compilation.)
template <class Table = ScoreTable>
::testing::AssertionResult srcc_ci_lower_ge(const char* table_expr, const char* /*synthetic_expr*/, const char* min_expr,
                                            const char* /*confidence_expr*/, const Table& table,
                                            const std::string& synthetic, double min, double confidence) {
  return detail::check_ci_bound(table_expr, min_expr, table, synthetic, min, confidence, true);
}

/// Predicate-formatter: the upper limit of the bootstrap percentile interval (at
/// `confidence`) of the MSPD between `synthetic` and the real data is <= `max`.
/// (A template on the table type, always ScoreTable, only to defer its compilation.)
template <class Table = ScoreTable>
::testing::AssertionResult mspd_ci_upper_le(const char* table_expr, const char* /*synthetic_expr*/, const char* max_expr,
                                            const char* /*confidence_expr*/, const Table& table,
                                            const std::string& synthetic, double max, double confidence) {
  return detail::check_ci_bound(table_expr, max_expr, table, synthetic, max, confidence, false);
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// The bootstrap lower bound (at `confidence`) of the SRCC of `synthetic` is at least `min`.
#define SYNTHBENCH_EXPECT_SRCC_CI_LOWER_GE(table, synthetic, min, confidence) \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(EXPECT_PRED_FORMAT4, ::synthbench::gtest::srcc_ci_lower_ge<>, table, synthetic, min, confidence)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_SRCC_CI_LOWER_GE.
#define SYNTHBENCH_ASSERT_SRCC_CI_LOWER_GE(table, synthetic, min, confidence) \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(ASSERT_PRED_FORMAT4, ::synthbench::gtest::srcc_ci_lower_ge<>, table, synthetic, min, confidence)
/// The bootstrap upper bound (at `confidence`) of the MSPD of `synthetic` is at most `max`.
#define SYNTHBENCH_EXPECT_MSPD_CI_UPPER_LE(table, synthetic, max, confidence) \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(EXPECT_PRED_FORMAT4, ::synthbench::gtest::mspd_ci_upper_le<>, table, synthetic, max, confidence)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_MSPD_CI_UPPER_LE.
#define SYNTHBENCH_ASSERT_MSPD_CI_UPPER_LE(table, synthetic, max, confidence) \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(ASSERT_PRED_FORMAT4, ::synthbench::gtest::mspd_ci_upper_le<>, table, synthetic, max, confidence)

#ifndef SYNTHBENCH_NO_SHORT_MACROS
#define EXPECT_SRCC_CI_LOWER_GE(table, synthetic, min, confidence) \
  SYNTHBENCH_EXPECT_SRCC_CI_LOWER_GE(table, synthetic, min, confidence)
#define ASSERT_SRCC_CI_LOWER_GE(table, synthetic, min, confidence) \
  SYNTHBENCH_ASSERT_SRCC_CI_LOWER_GE(table, synthetic, min, confidence)
#define EXPECT_MSPD_CI_UPPER_LE(table, synthetic, max, confidence) \
  SYNTHBENCH_EXPECT_MSPD_CI_UPPER_LE(table, synthetic, max, confidence)
#define ASSERT_MSPD_CI_UPPER_LE(table, synthetic, max, confidence) \
  SYNTHBENCH_ASSERT_MSPD_CI_UPPER_LE(table, synthetic, max, confidence)
#endif  // SYNTHBENCH_NO_SHORT_MACROS

#endif  // SYNTHBENCH_GTEST_BOOTSTRAP_ASSERTIONS_HPP
