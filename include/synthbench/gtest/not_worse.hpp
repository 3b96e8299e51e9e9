#ifndef SYNTHBENCH_GTEST_NOT_WORSE_HPP
#define SYNTHBENCH_GTEST_NOT_WORSE_HPP

/// @file
/// Paired upgrade gating against a blessed baseline of per-item outcomes
/// (docs/assertions.md; the statistics in docs/metrics.md, "Paired gating"):
///
///     EXPECT_NOT_WORSE(baseline_file, current_table, margin, alpha)
///
/// For every approach on every dataset of the baseline, tests on the same items whether the
/// current one is worse than the blessed one by more than `margin` (absolute, in the table's
/// metric, higher is better), one-sided at level `alpha`: the exact McNemar test for accuracy
/// with margin 0, the paired bootstrap (2000 resamples) for any other metric or margin. The
/// p-values are Holm-adjusted over the comparisons, so that a run of unchanged models fails
/// at most an `alpha` share of the time. The failure names, per comparison that failed, the
/// scores before and after, the difference with its one-sided (1 - alpha) upper bound, the
/// p-value, and the items that flipped (gained, lost) with the first of them. With
/// SYNTHBENCH_BLESS=1 it instead writes the table's per-item outcomes to `baseline_file`
/// when the test ends, if it passes (selective blessing: bless.hpp), and says what changed.
/// The file format: docs/baseline-format.md. `current_table` is a ScoreTable whose cells
/// carry per-item outcomes, such as `experiment.scores("macro_f1")`. ASSERT_ twin,
/// SYNTHBENCH_ names and `<<` context as for every synthbench macro. Not part of
/// <synthbench/gtest.hpp>: include <synthbench/gtest/not_worse.hpp>.
///
/// Example:
///
///     EXPECT_NOT_WORSE("baselines/intents_macro_f1.json", experiment().scores("macro_f1"), 0.0, 0.05);
///
/// Sample failure:
///
///     Expected: no accuracy of upgraded worse than in the baseline by more than 0 (one-sided, alpha 0.05, Holm over 1 comparison)
///       Actual: 1 of 1 worse, against .../intents_accuracy.json
///       real / gpt-4o: 0.8000 -> 0.5000, difference -0.3000, 95% upper bound -0.0642 (exact McNemar on 6 changed items); p = 0.0156
///         items flipped: 0 gained, 6 lost of 20
///         lost, e.g.: item 0 (Play, now Book), item 1 (Book, now Play), item 2 (Play, now Book), ...
///     If the change is intended, bless it: SYNTHBENCH_BLESS=1 .../your_test --gtest_filter=...
///
/// Every number in the message is formatted without the locale (integers with std::to_string,
/// not through GoogleTest's stream, which a global C++ locale would group as "2.000").
///
/// A passing assertion records `synthbench.not_worse.<metric>.<dataset>.<approach>` = the
/// difference (current - baseline) of each comparison.

#include <gtest/gtest.h>  // EXPECT_PRED_FORMAT4, ::testing::AssertionResult

#include <algorithm>   // std::min
#include <cstddef>     // std::size_t
#include <exception>   // std::exception
#include <filesystem>  // std::filesystem::path, std::filesystem::exists
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/experiment/outcome_baseline.hpp"
#include "synthbench/experiment/upgrade_gate.hpp"
#include "synthbench/gtest/bless.hpp"
#include "synthbench/gtest/detail/bound_check.hpp"
#include "synthbench/gtest/detail/deferred.hpp"
#include "synthbench/gtest/detail/property.hpp"
#include "synthbench/gtest/rerun_command.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

/// "real" or "synthetic <generator>", as the failure names datasets.
inline std::string dataset_label(const std::string& dataset) { return dataset == "real" ? dataset : "synthetic " + dataset; }

/// "item 3 (PlayMusic, now GetWeather)" for the first `count` of `items`.
inline std::string flip_examples(const std::vector<std::size_t>& items, const CellOutcomes& before, const CellOutcomes& after,
                                 const std::string& metric, bool lost, std::size_t count) {
  std::string out;
  for (std::size_t k = 0; k < items.size() && k < count; ++k) {
    const std::size_t i = items[k];
    out += (k == 0 ? "" : ", ") + std::string("item ") + std::to_string(i) + " (" + before.gold_text(i) + ", " +
           (lost ? "now " + after.answer_text(i, metric) : "was " + before.answer_text(i, metric)) + ")";
  }
  if (items.size() > count) out += ", ...";
  return out;
}

/// What changed from `old_baseline` to `now` (for the blessing message): one line per
/// comparison whose score or items changed.
inline std::string outcome_changes(const OutcomeBaseline& old_baseline, const OutcomeBaseline& now) {
  using synthbench::detail::fixed;
  using synthbench::detail::signed_fixed;
  std::string out;
  for (const auto& d : now.datasets) {
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      const std::string where = "  " + dataset_label(d.name) + " / " + d.approaches[a] + ": ";
      const CellOutcomes& after = d.cells[a];
      const CellOutcomes* before = old_baseline.find(d.name, d.approaches[a]);
      const Result<double> s_after = after.score(now.metric);
      if (before == nullptr) {
        out += where + "new, " + (s_after ? fixed(s_after.value(), 4) : s_after.message()) + "\n";
        continue;
      }
      bool paired = before->task() == after.task() && before->size() == after.size() && before->supports(now.metric);
      for (std::size_t i = 0; paired && i < after.size(); ++i) paired = before->same_gold(after, i);
      if (!paired) {
        out += where + "the items changed (" + std::to_string(before->size()) + " before, " +
               std::to_string(after.size()) + " now)\n";
        continue;
      }
      std::size_t gained = 0;
      std::size_t lost = 0;
      for (std::size_t i = 0; i < after.size(); ++i) {
        gained += after.credit(i, now.metric) > before->credit(i, now.metric) ? 1u : 0u;
        lost += after.credit(i, now.metric) < before->credit(i, now.metric) ? 1u : 0u;
      }
      const Result<double> s_before = before->score(now.metric);
      if (gained == 0 && lost == 0 && s_before && s_after && s_before.value() == s_after.value()) continue;
      out += where + (s_before ? fixed(s_before.value(), 4) : "undefined") + " -> " +
             (s_after ? fixed(s_after.value(), 4) : "undefined");
      if (s_before && s_after) out += " (" + signed_fixed(s_after.value() - s_before.value(), 4) + ")";
      out += "; " + std::to_string(gained) + (gained == 1 ? " item" : " items") + " gained, " + std::to_string(lost) + " lost\n";
    }
  }
  for (const auto& d : old_baseline.datasets) {
    for (const auto& a : d.approaches) {
      if (now.find(d.name, a) == nullptr) out += "  " + dataset_label(d.name) + " / " + a + ": removed\n";
    }
  }
  return out;
}

/// The blessing request for `current` (see bless.hpp).
inline ::testing::AssertionResult bless_outcomes(const std::filesystem::path& baseline_file, const char* current_expr,
                                                 const ScoreTable& current) {
  const OutcomeBaseline now = outcome_baseline_from_table(current);
  BlessRequest request{baseline_file, dump_outcome_baseline(now), current.metric() + "; from " + current_expr, ""};
  if (std::filesystem::exists(baseline_file)) {
    try {
      const OutcomeBaseline old = read_outcome_baseline(baseline_file);
      request.changes = old.metric == now.metric ? outcome_changes(old, now)
                                                 : "  the metric changed: " + old.metric + " -> " + now.metric + "\n";
    } catch (const std::exception& e) {
      request.changes = std::string("  the old baseline could not be read: ") + e.what() + "\n";
    }
  } else {
    request.changes = "  a new baseline\n";
  }
  return request_bless(std::move(request));
}

}  // namespace detail

/// not_worse with explicit options (the bootstrap's resamples and seed, McNemar on or off).
template <class Table = ScoreTable>
::testing::AssertionResult not_worse_with(const UpgradeGateOptions& options, const char* current_expr,
                                          const char* margin_expr, const std::filesystem::path& baseline_file,
                                          const Table& current, double margin, double alpha) {
  using synthbench::detail::fixed;
  using synthbench::detail::general;
  using synthbench::detail::signed_fixed;
  const std::string path = baseline_file.string();
  if (const std::string bad = stats::check_paired_options(margin, alpha); !bad.empty()) {
    return ::testing::AssertionFailure() << "Expected: a margin >= 0 and an alpha in (0, 1)\n  Actual: " << bad;
  }
  if (bless_requested()) return detail::bless_outcomes(baseline_file, current_expr, current);
  const std::string bless_hint = rerun_command({{"SYNTHBENCH_BLESS", "1"}});
  if (!std::filesystem::exists(baseline_file)) {
    return ::testing::AssertionFailure() << "Expected: an outcome baseline at " << path
                                         << "\n  Actual: no such file\nCreate it from the current outcomes: " << bless_hint;
  }
  const OutcomeBaseline baseline = read_outcome_baseline(baseline_file);
  if (baseline.metric != current.metric()) {
    return ::testing::AssertionFailure() << "Expected: " << current_expr << " to be scored in the baseline's metric '"
                                         << baseline.metric << "'\n  Actual: '" << current.metric() << "' (baseline "
                                         << path << "; keep one baseline per metric)";
  }
  const std::vector<CellComparison> cells = compare_with_baseline(baseline, current, margin, alpha, options);
  std::size_t failing = 0;
  for (const auto& c : cells) failing += c.failed(alpha) ? 1u : 0u;
  if (failing == 0) {
    for (const auto& c : cells) {
      detail::record_property("synthbench.not_worse." + current.metric() + "." + c.dataset + "." + c.approach,
                              c.test.value().difference);
    }
    return ::testing::AssertionSuccess();
  }
  const std::string confidence = general(100.0 * (1.0 - alpha), 4) + "%";
  auto failure = ::testing::AssertionFailure();
  failure << "Expected: no " << current.metric() << " of " << current_expr
          << " worse than in the baseline by more than " << detail::bound_text(margin, margin_expr)
          << " (one-sided, alpha " << general(alpha, 6) << ", Holm over " << std::to_string(cells.size())
          << (cells.size() == 1 ? " comparison)" : " comparisons)") << "\n  Actual: " << std::to_string(failing) << " of "
          << std::to_string(cells.size())
          << " worse, against " << path << "\n";
  for (const auto& c : cells) {
    if (!c.failed(alpha)) continue;
    const std::string where = "  " + detail::dataset_label(c.dataset) + " / " + c.approach + ": ";
    if (!c.problem.empty()) {
      failure << where << c.problem << "\n";
      continue;
    }
    if (!c.test) {
      failure << where << "the paired test is undefined: " << c.test.message() << "\n";
      continue;
    }
    const stats::PairedComparison& t = c.test.value();
    failure << where << fixed(t.baseline, 4) << " -> " << fixed(t.current, 4) << ", difference "
            << signed_fixed(t.difference, 4) << ", " << confidence << " upper bound " << signed_fixed(t.upper, 4) << " ("
            << stats::to_string(t.method);
    if (t.method == stats::PairedMethod::bootstrap) {
      failure << ", " << std::to_string(t.resamples) << " resamples";
      if (t.undefined_resamples > 0) failure << ", " << std::to_string(t.undefined_resamples) << " undefined";
    } else {
      failure << " on " << std::to_string(t.gained + t.lost) << " changed items";
    }
    failure << "); p = ";
    if (t.method == stats::PairedMethod::bootstrap && t.p_value == 0.0) {
      failure << "0 (no resample's difference reached " << (margin == 0.0 ? "0" : "-" + general(margin, 6)) << ")";
    } else {
      failure << general(t.p_value, 3);
    }
    if (cells.size() > 1) failure << ", Holm-adjusted " << general(c.adjusted_p, 3);
    failure << "\n";
    const CellOutcomes* before = baseline.find(c.dataset, c.approach);
    const ResamplableScore* now =
        c.dataset == "real" ? current.real_items(c.approach) : current.synthetic_items(c.dataset, c.approach);
    const std::optional<CellOutcomes> after = now != nullptr ? cell_outcomes(*now) : std::nullopt;
    failure << "    items flipped: " << std::to_string(c.gained.size()) << " gained, " << std::to_string(c.lost.size())
            << " lost of " << std::to_string(t.items) << "\n";
    if (before != nullptr && after) {
      if (!c.lost.empty()) {
        failure << "    lost, e.g.: " << detail::flip_examples(c.lost, *before, *after, current.metric(), true, 3) << "\n";
      }
      if (!c.gained.empty()) {
        failure << "    gained, e.g.: " << detail::flip_examples(c.gained, *before, *after, current.metric(), false, 3)
                << "\n";
      }
    }
  }
  return failure << "If the change is intended, bless it: " << bless_hint;
}

/// Predicate-formatter: no approach on any dataset of the baseline in `baseline_file` is
/// significantly worse in `current` than `margin` allows, at level `alpha` (see the file
/// comment); with SYNTHBENCH_BLESS=1, bless the baseline instead. (A template on the table
/// type, always ScoreTable, only to defer its compilation to the translation units that use it.)
template <class Table = ScoreTable>
::testing::AssertionResult not_worse(const char*, const char* current_expr, const char* margin_expr, const char*,
                                     const std::filesystem::path& baseline_file, const Table& current, double margin,
                                     double alpha) {
  return not_worse_with(UpgradeGateOptions{}, current_expr, margin_expr, baseline_file, current, margin, alpha);
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// No approach of the baseline in `baseline_file` is significantly (level `alpha`) worse in
/// `current_table` than `margin` allows, on the same items.
#define SYNTHBENCH_EXPECT_NOT_WORSE(baseline_file, current_table, margin, alpha)                                    \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(EXPECT_PRED_FORMAT4, ::synthbench::gtest::not_worse<>, baseline_file, current_table, \
                                 margin, alpha)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_NOT_WORSE.
#define SYNTHBENCH_ASSERT_NOT_WORSE(baseline_file, current_table, margin, alpha)                                    \
  SYNTHBENCH_DETAIL_PRED_FORMAT4(ASSERT_PRED_FORMAT4, ::synthbench::gtest::not_worse<>, baseline_file, current_table, \
                                 margin, alpha)

#ifndef SYNTHBENCH_NO_SHORT_MACROS
#define EXPECT_NOT_WORSE(baseline_file, current_table, margin, alpha) \
  SYNTHBENCH_EXPECT_NOT_WORSE(baseline_file, current_table, margin, alpha)
#define ASSERT_NOT_WORSE(baseline_file, current_table, margin, alpha) \
  SYNTHBENCH_ASSERT_NOT_WORSE(baseline_file, current_table, margin, alpha)
#endif  // SYNTHBENCH_NO_SHORT_MACROS

#endif  // SYNTHBENCH_GTEST_NOT_WORSE_HPP
