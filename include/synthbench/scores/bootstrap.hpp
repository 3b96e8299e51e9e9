#ifndef SYNTHBENCH_SCORES_BOOTSTRAP_HPP
#define SYNTHBENCH_SCORES_BOOTSTRAP_HPP

/// @file
/// Bootstrap confidence intervals for the meta-metrics of a ScoreTable whose scores carry
/// per-item outcomes (ScoreTable::set_real / set_synthetic with a ResamplableScore).
///
/// With 6 approaches, the SRCC moves from 1 to 0.94 when one pair swaps, and a swap can come
/// from a handful of test items. The bootstrap asks how much the meta-metrics move when the
/// test items themselves are redrawn (Efron & Tibshirani 1993; stats/bootstrap.hpp):
///
///  1. For each replicate b, draw the items of the real dataset and of each synthetic dataset
///     with replacement. The draw is *paired* within a dataset: every approach is rescored on
///     the same resampled items, as all approaches were scored on the same test set. Datasets
///     are drawn independently of each other (they are independent samples).
///  2. Recompute every approach's score on every resampled dataset; the `average` benchmark's
///     score is the mean over generators of the resampled scores, as for the point estimate.
///  3. Compute SRCC and MSPD between the resampled real scores and each resampled synthetic
///     (and average) benchmark.
///  4. Percentile intervals of the B replicates (stats::ReplicateCollector: Hyndman-Fan
///     definition 7; undefined replicates, e.g. an SRCC of tied scores, left out and counted).
///
/// Reproducibility: each dataset has its own random stream, seeded by
/// stats::derive_seed(options.seed, key) with key "real" or "synthetic:<generator>". The
/// resamples of a dataset therefore depend only on the seed and its name: the interval of a
/// generator is the same whether it is computed alone (bootstrap_agreement) or with the whole
/// table (bootstrap_meta), and adding a generator to the table does not change the others'.
///
/// The intervals describe the sampling variability of the test items only. They hold the
/// approaches and the synthetic datasets' generation fixed (a different draw of synthetic
/// data from the same generator would add variability that this does not measure).

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "synthbench/error.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/agreement.hpp"
#include "synthbench/scores/resamplable_score.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/stats/correlation.hpp"
#include "synthbench/stats/random.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Bootstrap intervals of the agreement of one synthetic benchmark with the real data.
struct AgreementIntervals {
  std::string dataset;                      ///< a generator's name, or "average"
  Result<stats::BootstrapInterval> srcc;    ///< interval of Spearman's rank correlation
  Result<stats::BootstrapInterval> mspd;    ///< interval of the mean squared performance difference
};

/// A bootstrap interval of one approach's score on one dataset.
struct ScoreInterval {
  std::string dataset;                       ///< "real", a generator's name, or "average"
  std::string approach;                      ///< the approach
  Result<stats::BootstrapInterval> interval; ///< the interval of its score
};

/// The bootstrap of a whole table.
struct MetaBootstrap {
  stats::BootstrapOptions options;          ///< how it was computed
  std::vector<std::string> approaches;      ///< in the real scores' order
  std::vector<AgreementIntervals> datasets; ///< each generator, then "average"
  std::vector<ScoreInterval> scores;        ///< real, then each generator, then "average"; approaches in order

  /// The intervals of `dataset`; throws UsageError (synthbench.usage.12) when absent.
  const AgreementIntervals& at(const std::string& dataset) const {
    for (const auto& d : datasets) {
      if (d.dataset == dataset) return d;
    }
    throw UsageError(12, "no synthetic dataset '" + dataset + "' in the bootstrap");
  }
};

namespace detail {

/// The work of bootstrap_meta for the synthetic benchmarks `wanted` (generators or "average").
/// A template (Table is always ScoreTable) only so that a translation unit that includes this
/// header without calling it does not compile it (docs/performance.md, compile time).
template <class Table>
Result<MetaBootstrap> run_meta_bootstrap(const Table& table, const std::vector<std::string>& wanted,
                                         const stats::BootstrapOptions& options) {
  using Interval = stats::BootstrapInterval;
  const auto fail = [](Undefined why, const std::string& detail) { return Result<MetaBootstrap>::undefined(why, detail); };
  if (const std::string bad = stats::check_bootstrap_options(options); !bad.empty()) {
    return fail(Undefined::out_of_domain, bad);
  }
  if (const auto problems = table.problems(); !problems.empty()) {
    return fail(Undefined::approach_mismatch, "the " + table.metric() + " table is incomplete: " + problems.front());
  }
  const std::vector<std::string> approaches = table.real().approaches();
  const std::size_t A = approaches.size();

  // The datasets to resample: real first, then the generators the wanted benchmarks need.
  struct Dataset {
    std::string name;  // "real" or the generator
    std::string key;   // names its random stream
    std::vector<const ResamplableScore*> cells;  // per approach
    std::size_t items = 0;
  };
  bool need_all = false;
  for (const auto& w : wanted) need_all = need_all || w == ScoreTable::average_name;
  std::vector<Dataset> datasets;
  datasets.push_back({"real", "real", {}, 0});
  for (const auto& g : table.generator_names()) {
    bool needed = need_all;
    for (const auto& w : wanted) needed = needed || w == g;
    if (needed) datasets.push_back({g, "synthetic:" + g, {}, 0});
  }
  for (auto& d : datasets) {
    for (std::size_t a = 0; a < A; ++a) {
      const ResamplableScore* cell =
          d.key == "real" ? table.real_items(approaches[a]) : table.synthetic_items(d.name, approaches[a]);
      if (cell == nullptr) {
        return fail(Undefined::out_of_domain,
                    "the score of '" + approaches[a] + "' on " + (d.key == "real" ? "the real data" : "'" + d.name + "'") +
                        " has no per-item outcomes, so it cannot be resampled (set it with a ResamplableScore)");
      }
      if (a > 0 && cell->item_count() != d.items) {
        return fail(Undefined::length_mismatch,
                    "on " + (d.key == "real" ? std::string("the real data") : "'" + d.name + "'") + ", '" + approaches[0] +
                        "' was scored on " + std::to_string(d.items) + " items and '" + approaches[a] + "' on " +
                        std::to_string(cell->item_count()) + ": a paired bootstrap needs the same items");
      }
      d.items = cell->item_count();
      d.cells.push_back(cell);
    }
    if (const std::string bad = stats::check_bootstrap_items(d.items); !bad.empty()) {
      return fail(d.items == 0 ? Undefined::too_few : Undefined::out_of_domain, "'" + d.name + "': " + bad);
    }
  }
  const std::size_t G = datasets.size() - 1;  // resampled generators
  const std::size_t B = options.resamples;

  // Point estimates: the table's own numbers.
  std::vector<std::string> names;  // synthetic benchmarks in output order
  for (std::size_t g = 1; g <= G; ++g) {
    for (const auto& w : wanted) {
      if (w == datasets[g].name) names.push_back(w);
    }
  }
  if (need_all) names.emplace_back(ScoreTable::average_name);

  std::vector<stats::ReplicateCollector> srcc(names.size(), stats::ReplicateCollector(B));
  std::vector<stats::ReplicateCollector> mspd(names.size(), stats::ReplicateCollector(B));
  // Score collectors: per resampled dataset and approach, then the average's.
  std::vector<std::vector<stats::ReplicateCollector>> cell_replicates(
      datasets.size() + (need_all ? 1 : 0), std::vector<stats::ReplicateCollector>(A, stats::ReplicateCollector(B)));

  std::vector<stats::Xoshiro256StarStar> rngs;
  std::vector<std::vector<std::uint32_t>> indices;
  for (const auto& d : datasets) {
    rngs.emplace_back(stats::derive_seed(options.seed, d.key));
    indices.emplace_back(d.items);
  }
  std::vector<std::vector<Result<double>>> scores(datasets.size(), std::vector<Result<double>>(A, 0.0));
  std::vector<Result<double>> average(A, 0.0);
  std::vector<double> real_values(A);
  std::vector<double> synthetic_values(A);

  for (std::size_t b = 0; b < B; ++b) {
    for (std::size_t d = 0; d < datasets.size(); ++d) {
      stats::draw_resample(rngs[d], indices[d]);
      for (std::size_t a = 0; a < A; ++a) {
        scores[d][a] = datasets[d].cells[a]->score_on(indices[d]);
        cell_replicates[d][a].add(scores[d][a]);
      }
    }
    if (need_all) {
      for (std::size_t a = 0; a < A; ++a) {
        double sum = 0.0;
        const Result<double>* bad = nullptr;
        for (std::size_t g = 1; g <= G && bad == nullptr; ++g) {
          if (scores[g][a].ok()) {
            sum += scores[g][a].value();
          } else {
            bad = &scores[g][a];
          }
        }
        average[a] = bad != nullptr ? Result<double>::undefined_from(*bad) : Result<double>(sum / static_cast<double>(G));
        cell_replicates[datasets.size()][a].add(average[a]);
      }
    }
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::vector<Result<double>>* synthetic = &average;
      for (std::size_t g = 1; g <= G; ++g) {
        if (datasets[g].name == names[k] && names[k] != ScoreTable::average_name) synthetic = &scores[g];
      }
      const Result<double>* bad = nullptr;
      for (std::size_t a = 0; a < A && bad == nullptr; ++a) {
        if (!scores[0][a]) bad = &scores[0][a];
        if (!(*synthetic)[a]) bad = &(*synthetic)[a];
        if (bad == nullptr) {
          real_values[a] = scores[0][a].value();
          synthetic_values[a] = (*synthetic)[a].value();
        }
      }
      if (bad != nullptr) {
        srcc[k].add(Result<double>::undefined_from(*bad));
        mspd[k].add(Result<double>::undefined_from(*bad));
        continue;
      }
      srcc[k].add(stats::spearman(real_values, synthetic_values));
      double squares = 0.0;
      for (std::size_t a = 0; a < A; ++a) {
        const double diff = real_values[a] - synthetic_values[a];
        squares += diff * diff;
      }
      mspd[k].add(squares / static_cast<double>(A));
    }
  }

  const auto summarize = [&options](const stats::ReplicateCollector& c, const Result<double>& estimate) {
    if (!estimate) return Result<Interval>::undefined_from(estimate);
    return c.summarize(estimate.value(), options);
  };
  MetaBootstrap out;
  out.options = options;
  out.approaches = approaches;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const ApproachScores& synthetic = table.synthetic(names[k]);
    out.datasets.push_back({names[k], summarize(srcc[k], synthbench::srcc(table.real(), synthetic)),
                            summarize(mspd[k], synthbench::mspd(table.real(), synthetic))});
  }
  for (std::size_t d = 0; d < cell_replicates.size(); ++d) {
    const bool is_average = d == datasets.size();
    const ApproachScores& on = d == 0 ? table.real() : (is_average ? table.average() : table.synthetic(datasets[d].name));
    const std::string dataset_name = d == 0 ? "real" : (is_average ? ScoreTable::average_name : datasets[d].name);
    for (std::size_t a = 0; a < A; ++a) {
      out.scores.push_back({dataset_name, approaches[a], summarize(cell_replicates[d][a], on.at(approaches[a]))});
    }
  }
  return out;
}

}  // namespace detail

/// Bootstraps every synthetic benchmark of `table` (each generator, then "average"): SRCC and
/// MSPD intervals, and an interval for every score. Undefined (with the reason) when the
/// options are invalid, the table is incomplete, a score has no per-item outcomes, or the
/// approaches of one dataset were scored on different numbers of items.
/// (Table is always ScoreTable: a template only to keep the cost out of translation units that
/// do not call it.)
template <class Table = ScoreTable>
Result<MetaBootstrap> bootstrap_meta(const Table& table, const stats::BootstrapOptions& options = {}) {
  return detail::run_meta_bootstrap(table, table.synthetic_names(), options);
}

/// The SRCC and MSPD intervals of one synthetic benchmark (a generator or "average"),
/// resampling only the datasets it needs; equal to bootstrap_meta(table).at(synthetic).
/// Throws UsageError (synthbench.usage.12) when `synthetic` is not in the table.
template <class Table = ScoreTable>
Result<AgreementIntervals> bootstrap_agreement(const Table& table, const std::string& synthetic,
                                               const stats::BootstrapOptions& options = {}) {
  (void)table.synthetic(synthetic);  // throws for an unknown name, listing the known ones
  const auto all = detail::run_meta_bootstrap(table, {synthetic}, options);
  if (!all) return Result<AgreementIntervals>::undefined_from(all);
  return all.value().at(synthetic);
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_BOOTSTRAP_HPP
