#ifndef SYNTHBENCH_EXPERIMENT_UPGRADE_GATE_HPP
#define SYNTHBENCH_EXPERIMENT_UPGRADE_GATE_HPP

/// @file
/// The comparison behind EXPECT_NOT_WORSE: every approach on every dataset of a baseline of
/// per-item outcomes (outcome_baseline.hpp) against the same approach on the same items now,
/// by the one-sided paired tests of stats/paired.hpp, Holm-adjusted over the comparisons, with
/// the items that flipped. No GoogleTest here: benchmarks and scripts use it as the assertion
/// does.
///
/// Per comparison: accuracy with margin 0 takes the exact McNemar test (options can turn it
/// off); everything else the paired bootstrap, with the seed derived from
/// options.bootstrap.seed and "<dataset>/<approach>" (stats::derive_seed), so each comparison
/// has its own reproducible stream.

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t
#include <optional> // std::optional
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/experiment/outcome_baseline.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/paired.hpp"
#include "synthbench/stats/random.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// How to compare.
struct UpgradeGateOptions {
  /// Resamples and seed of the paired bootstrap (confidence is not used: alpha sets the level).
  stats::BootstrapOptions bootstrap;
  /// Test accuracy with margin 0 by the exact McNemar test (else by the bootstrap too).
  bool mcnemar_for_accuracy = true;
};

/// One approach on one dataset, before and after.
struct CellComparison {
  std::string dataset;                  ///< "real" or a generator
  std::string approach;                 ///< the approach
  Result<stats::PairedComparison> test = Result<stats::PairedComparison>::undefined(Undefined::too_few, "not compared");  ///< the paired test
  double adjusted_p = 1.0;              ///< Holm-adjusted p-value over the assertion's comparisons
  std::vector<std::size_t> gained;      ///< items whose credit rose (CellOutcomes::credit), in order
  std::vector<std::size_t> lost;        ///< items whose credit fell, in order
  std::string problem;                  ///< why the cell could not be compared ("" when it was)

  /// True when it could not be compared, or is significantly worse after adjustment.
  bool failed(double alpha) const { return !problem.empty() || !test || adjusted_p <= alpha; }
};

/// The paired test of `current` against `baseline` (same items, same order) on `metric`.
/// The McNemar path needs the metric "accuracy" on classification outcomes and margin 0.
inline Result<stats::PairedComparison> compare_cells(const CellOutcomes& baseline, const CellOutcomes& current,
                                                     const std::string& metric, double margin, double alpha,
                                                     const stats::BootstrapOptions& bootstrap,
                                                     bool mcnemar_for_accuracy = true) {
  if (mcnemar_for_accuracy && margin == 0.0 && metric == "accuracy" && baseline.task() == OutcomeTask::classification &&
      current.task() == OutcomeTask::classification) {
    std::size_t gained = 0;
    std::size_t lost = 0;
    std::size_t right_before = 0;
    for (std::size_t i = 0; i < baseline.size(); ++i) {
      right_before += baseline.right(i) ? 1u : 0u;
      gained += !baseline.right(i) && current.right(i) ? 1u : 0u;
      lost += baseline.right(i) && !current.right(i) ? 1u : 0u;
    }
    const double n = static_cast<double>(baseline.size());
    return stats::mcnemar_exact(gained, lost, baseline.size(), static_cast<double>(right_before) / n, alpha);
  }
  return stats::paired_bootstrap(
      baseline.size(), [&](const std::vector<std::uint32_t>& idx) { return baseline.score_on(metric, idx); },
      [&](const std::vector<std::uint32_t>& idx) { return current.score_on(metric, idx); }, margin, alpha, bootstrap);
}

/// Every cell of `baseline` compared with the same cell of `current` (see the file comment).
/// A cell the current table lacks, or whose items do not pair with the baseline's, is
/// reported with its problem; cells the baseline lacks are not compared.
inline std::vector<CellComparison> compare_with_baseline(const OutcomeBaseline& baseline, const ScoreTable& current,
                                                         double margin, double alpha,
                                                         const UpgradeGateOptions& options = {}) {
  std::vector<CellComparison> out;
  const std::string& metric = current.metric();
  for (const auto& d : baseline.datasets) {
    const bool real = d.name == "real";
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      CellComparison c;
      c.dataset = d.name;
      c.approach = d.approaches[a];
      const CellOutcomes& before = d.cells[a];
      const ResamplableScore* now = nullptr;
      if (real) {
        now = current.real_items(c.approach);
      } else if (current.has_synthetic(d.name)) {
        now = current.synthetic_items(d.name, c.approach);
      }
      const std::optional<CellOutcomes> after = now != nullptr ? cell_outcomes(*now) : std::nullopt;
      if (!after) {
        const bool scored = real ? current.real().find(c.approach).has_value()
                                 : current.has_synthetic(d.name) && current.synthetic(d.name).find(c.approach).has_value();
        c.problem = scored ? "the current score has no per-item outcomes" : "missing from the current table";
      } else if (after->task() != before.task() || !after->supports(metric)) {
        c.problem = std::string("the current outcomes are ") + to_string(after->task()) + ", the baseline's " +
                    to_string(before.task());
      } else if (after->size() != before.size()) {
        c.problem = "the items changed: " + std::to_string(before.size()) + " in the baseline, " +
                    std::to_string(after->size()) + " now";
      } else {
        for (std::size_t i = 0; i < before.size() && c.problem.empty(); ++i) {
          if (!before.same_gold(*after, i)) {
            c.problem = "the items changed: item " + std::to_string(i) + " has gold " + before.gold_text(i) +
                        " in the baseline and " + after->gold_text(i) + " now";
          }
        }
      }
      if (c.problem.empty()) {
        stats::BootstrapOptions b = options.bootstrap;
        b.seed = stats::derive_seed(options.bootstrap.seed, d.name + "/" + c.approach);
        c.test = compare_cells(before, *after, metric, margin, alpha, b, options.mcnemar_for_accuracy);
        for (std::size_t i = 0; i < before.size(); ++i) {
          const double was = before.credit(i, metric);
          const double is = after->credit(i, metric);
          if (is > was) c.gained.push_back(i);
          if (is < was) c.lost.push_back(i);
        }
      }
      out.push_back(std::move(c));
    }
  }
  std::vector<double> p;
  std::vector<std::size_t> tested;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k].problem.empty() && out[k].test) {
      p.push_back(out[k].test.value().p_value);
      tested.push_back(k);
    }
  }
  const std::vector<double> adjusted = stats::holm_adjust(p);
  for (std::size_t j = 0; j < tested.size(); ++j) out[tested[j]].adjusted_p = adjusted[j];
  return out;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_UPGRADE_GATE_HPP
