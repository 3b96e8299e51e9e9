#ifndef SYNTHBENCH_GTEST_BIAS_ASSERTIONS_HPP
#define SYNTHBENCH_GTEST_BIAS_ASSERTIONS_HPP

/// @file
/// Assertions on the bias factor of a model that is both generator and solver
/// (docs/assertions.md, METHOD.md):
///
///     EXPECT_BIAS_FACTOR_LE(table, model, max)       bf(model) <= max
///     EXPECT_ABS_BIAS_FACTOR_LE(table, model, max)   |bf(model)| <= max
///
/// `table` is a ScoreTable, `model` a solver name. ASSERT_ twins and SYNTHBENCH_ names as for
/// every synthbench macro.
///
/// Sample failure:
///
///     Expected: bias factor of Mixtral-8x7B-Instruct-v0.1 <= 0.03
///       Actual: 0.04016
///         metric: ent_type_f1
///         table: t
///       data of                         score  mean of all  normalized
///       gpt-4o                       0.0345       0.5038     -0.4694
///       ...
///     * Mixtral-8x7B-Instruct-v0.1   0.1089       0.4551     -0.3463   (own data)
///       bias factor = -0.3463 - mean of the others' (-0.3864) = +0.0402
///
/// A passing assertion records `synthbench.bias_factor.<metric>.<model>` (or
/// `synthbench.abs_bias_factor.<metric>.<model>`).

#include <gtest/gtest.h>  // EXPECT_PRED_FORMAT3, ::testing::AssertionResult

#include <algorithm>  // std::max
#include <cmath>      // std::fabs
#include <cstddef>    // std::size_t
#include <string>     // std::string

#include "synthbench/detail/format.hpp"
#include "synthbench/gtest/detail/bound_check.hpp"
#include "synthbench/gtest/detail/deferred.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/bias_factor.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

/// The per-generator derivation of the bias factor of `model`, for failure messages.
inline std::string bias_context(const char* table_expr, const ScoreTable& table, const std::string& model) {
  using synthbench::detail::fixed;
  using synthbench::detail::signed_fixed;
  std::string out = "    metric: " + table.metric() + "\n    table: " + table_expr + "\n";
  const auto breakdown = bias_factor_breakdown(table, model);
  if (!breakdown) return out;
  const auto& b = breakdown.value();
  std::size_t name_width = 7;  // "data of"
  for (const auto& t : b.terms) name_width = std::max(name_width, t.generator.size());
  const auto pad = [](std::string s, std::size_t w) { return s.size() >= w ? s : s + std::string(w - s.size(), ' '); };
  const auto pad_left = [](std::string s, std::size_t w) { return s.size() >= w ? s : std::string(w - s.size(), ' ') + s; };
  out += "  " + pad("data of", name_width) + "     score  mean of all  normalized\n";
  for (const auto& t : b.terms) {
    out += std::string(t.own ? "* " : "  ") + pad(t.generator, name_width) + "  " + fixed(t.score, 4) + "       " +
           fixed(t.mean_of_all, 4) + "    " + pad_left(signed_fixed(t.normalized, 4), 8) + (t.own ? "   (own data)" : "") + "\n";
  }
  out += "  bias factor = " + signed_fixed(b.own_normalized, 4) + " - mean of the others' (" +
         signed_fixed(b.others_normalized, 4) + ") = " + signed_fixed(b.value(), 4) + "\n";
  if (table.range()) {
    out += "  (normalized by the width of the metric range [" + synthbench::detail::general(table.range()->first, 6) +
           ", " + synthbench::detail::general(table.range()->second, 6) + "])\n";
  }
  return out;
}

}  // namespace detail

/// Predicate-formatter: the bias factor of `model` in `table` is <= `max`.
inline ::testing::AssertionResult bias_factor_le(const char* table_expr, const char*, const char* max_expr,
                                                 const ScoreTable& table, const std::string& model, double max) {
  return detail::check_bound("bias factor of " + model, "bias_factor." + table.metric() + "." + model, bias_factor(table, model),
                             detail::Bound::at_most, max, max_expr, "", detail::bias_context(table_expr, table, model));
}

/// Predicate-formatter: the absolute bias factor of `model` in `table` is <= `max`.
inline ::testing::AssertionResult abs_bias_factor_le(const char* table_expr, const char*, const char* max_expr,
                                                     const ScoreTable& table, const std::string& model, double max) {
  const auto bf = bias_factor(table, model);
  const Result<double> magnitude = bf ? Result<double>(std::fabs(bf.value())) : bf;
  const std::string note = bf ? " (bias factor " + synthbench::detail::signed_fixed(bf.value(), 4) + ")" : "";
  return detail::check_bound("|bias factor| of " + model, "abs_bias_factor." + table.metric() + "." + model, magnitude,
                             detail::Bound::at_most, max, max_expr, note, detail::bias_context(table_expr, table, model));
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// The bias factor of `model` in `table` is at most `max`.
#define SYNTHBENCH_EXPECT_BIAS_FACTOR_LE(table, model, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::bias_factor_le, table, model, max)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_BIAS_FACTOR_LE.
#define SYNTHBENCH_ASSERT_BIAS_FACTOR_LE(table, model, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::bias_factor_le, table, model, max)
/// The absolute bias factor of `model` in `table` is at most `max`.
#define SYNTHBENCH_EXPECT_ABS_BIAS_FACTOR_LE(table, model, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::abs_bias_factor_le, table, model, max)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_ABS_BIAS_FACTOR_LE.
#define SYNTHBENCH_ASSERT_ABS_BIAS_FACTOR_LE(table, model, max) \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::abs_bias_factor_le, table, model, max)

#ifndef SYNTHBENCH_NO_SHORT_MACROS
#define EXPECT_BIAS_FACTOR_LE(table, model, max) SYNTHBENCH_EXPECT_BIAS_FACTOR_LE(table, model, max)
#define ASSERT_BIAS_FACTOR_LE(table, model, max) SYNTHBENCH_ASSERT_BIAS_FACTOR_LE(table, model, max)
#define EXPECT_ABS_BIAS_FACTOR_LE(table, model, max) SYNTHBENCH_EXPECT_ABS_BIAS_FACTOR_LE(table, model, max)
#define ASSERT_ABS_BIAS_FACTOR_LE(table, model, max) SYNTHBENCH_ASSERT_ABS_BIAS_FACTOR_LE(table, model, max)
#endif  // SYNTHBENCH_NO_SHORT_MACROS

#endif  // SYNTHBENCH_GTEST_BIAS_ASSERTIONS_HPP
