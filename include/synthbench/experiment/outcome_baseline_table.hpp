#ifndef SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_TABLE_HPP
#define SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_TABLE_HPP

/// @file
/// An outcome baseline in memory (OutcomeBaseline: for every dataset, the CellOutcomes of
/// every approach) and how one is taken from a ScoreTable whose cells carry synthbench's task
/// outcomes, as run_experiment gives them (cell_outcomes, outcome_baseline_from_table).

#include <cstddef>   // std::size_t
#include <cstdint>   // std::uint32_t
#include <memory>    // std::make_shared
#include <optional>  // std::optional
#include <string>    // std::string
#include <utility>   // std::move
#include <vector>    // std::vector

#include "synthbench/error.hpp"                     // UsageError
#include "synthbench/experiment/cell_outcomes.hpp"  // CellOutcomes, OutcomeTask
#include "synthbench/metrics/classification.hpp"    // metrics::ClassificationScorer
#include "synthbench/metrics/ner_outcomes.hpp"      // metrics::NerScorer
#include "synthbench/metrics/similarity.hpp"        // metrics::SimilarityScorer
#include "synthbench/scores/resamplable_score.hpp"  // ResamplableScore, detail::ScorerAdapter
#include "synthbench/scores/score_table.hpp"        // ScoreTable, ApproachScores
#include "synthbench/version.hpp"                   // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// The outcomes behind a cell of a ScoreTable, when they are synthbench's task outcomes
/// (make_resamplable of a ClassificationScorer, NerScorer or SimilarityScorer, as
/// run_experiment makes them); nullopt otherwise.
inline std::optional<CellOutcomes> cell_outcomes(const ResamplableScore& score) {
  if (const auto* c = dynamic_cast<const detail::ScorerAdapter<metrics::ClassificationScorer>*>(&score)) {
    const auto& o = *c->scorer().outcomes;
    auto labels = std::make_shared<const std::vector<std::string>>(o.labels());
    std::vector<std::uint32_t> gold;
    std::vector<std::uint32_t> predicted;
    for (const auto& item : o.items()) {
      gold.push_back(item.gold);
      predicted.push_back(item.predicted == metrics::ClassificationOutcomes::invalid_class ? CellOutcomes::invalid
                                                                                           : item.predicted);
    }
    return CellOutcomes::classification(std::move(labels), std::move(gold), std::move(predicted), o.options().zero_division,
                                        o.options().average_over);
  }
  if (const auto* n = dynamic_cast<const detail::ScorerAdapter<metrics::NerScorer>*>(&score)) {
    const auto& o = *n->scorer().outcomes;
    return CellOutcomes::ner(o.document_counts(), o.options().zero_division);
  }
  if (const auto* s = dynamic_cast<const detail::ScorerAdapter<metrics::SimilarityScorer>*>(&score)) {
    const auto& o = *s->scorer().outcomes;
    std::vector<double> gold;
    std::vector<std::optional<double>> predicted;
    for (const auto& item : o.items()) {
      gold.push_back(item.gold);
      predicted.push_back(item.excluded ? std::nullopt : std::optional<double>(item.predicted));
    }
    return CellOutcomes::similarity(std::move(gold), std::move(predicted), o.options().min_score, o.options().max_score);
  }
  return std::nullopt;
}

/// The per-item outcomes of every approach on one dataset of a baseline.
struct OutcomeDataset {
  std::string name;                     ///< "real" or a generator
  std::vector<std::string> approaches;  ///< in column order
  std::vector<CellOutcomes> cells;      ///< one per approach, all of the same items
};

/// A baseline of per-item outcomes (docs/baseline-format.md).
struct OutcomeBaseline {
  std::string metric;                     ///< the metric it was blessed for ("macro_f1")
  OutcomeTask task = OutcomeTask::classification;  ///< the kind of outcomes
  std::vector<OutcomeDataset> datasets;   ///< "real" first, then the generators

  /// The outcomes of `approach` on `dataset`, or nullptr.
  const CellOutcomes* find(const std::string& dataset, const std::string& approach) const {
    for (const auto& d : datasets) {
      if (d.name != dataset) continue;
      for (std::size_t a = 0; a < d.approaches.size(); ++a) {
        if (d.approaches[a] == approach) return &d.cells[a];
      }
    }
    return nullptr;
  }
};

/// The per-item outcomes of every cell of `table` (its real dataset, then each generator).
/// Throws UsageError: synthbench.usage.121 when a cell has no per-item outcomes synthbench
/// knows (a score set as a plain number) or the table mixes tasks, .122 when the approaches
/// of one dataset were scored on different items or label sets or with different options,
/// .120 when the table's metric is not one of its task.
inline OutcomeBaseline outcome_baseline_from_table(const ScoreTable& table) {
  OutcomeBaseline b;
  b.metric = table.metric();
  bool first = true;
  const auto add = [&](const ApproachScores& scores, bool real) {
    OutcomeDataset d;
    d.name = real ? "real" : scores.dataset();
    for (const auto& e : scores) {
      const ResamplableScore* items =
          real ? table.real_items(e.approach) : table.synthetic_items(scores.dataset(), e.approach);
      std::optional<CellOutcomes> cell = items != nullptr ? cell_outcomes(*items) : std::nullopt;
      if (!cell) {
        throw UsageError(121, "the score of '" + e.approach + "' on '" + d.name + "' in the " + table.metric() +
                                  " table has no per-item outcomes a baseline can keep (set it from task outcomes, as "
                                  "run_experiment does)");
      }
      if (first) {
        b.task = cell->task();
        first = false;
      } else if (cell->task() != b.task) {
        throw UsageError(121, "the " + table.metric() + " table mixes " + to_string(b.task) + " and " +
                                  to_string(cell->task()) + " outcomes");
      }
      if (!cell->supports(table.metric())) {
        throw UsageError(120, "'" + table.metric() + "' is not a metric of " + to_string(cell->task()) + " outcomes");
      }
      if (!d.cells.empty()) {
        const CellOutcomes& ref = d.cells.front();
        bool same = ref.size() == cell->size() && ref.zero_division() == cell->zero_division() &&
                    ref.average_over() == cell->average_over() && ref.scale() == cell->scale();
        if (same && b.task == OutcomeTask::classification) same = ref.labels() == cell->labels();
        for (std::size_t i = 0; same && i < ref.size(); ++i) same = ref.same_gold(*cell, i);
        if (!same) {
          throw UsageError(122, "the approaches '" + d.approaches.front() + "' and '" + e.approach + "' on '" + d.name +
                                    "' were not scored on the same items with the same labels and options");
        }
      }
      d.approaches.push_back(e.approach);
      d.cells.push_back(std::move(*cell));
    }
    b.datasets.push_back(std::move(d));
  };
  add(table.real(), true);
  for (const auto& g : table.generators()) add(g, false);
  return b;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_TABLE_HPP
