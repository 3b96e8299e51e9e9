#ifndef SYNTHBENCH_SCORES_RESAMPLABLE_SCORE_HPP
#define SYNTHBENCH_SCORES_RESAMPLABLE_SCORE_HPP

/// @file
/// `ResamplableScore`: the per-item outcomes behind one cell of a ScoreTable (one approach
/// on one dataset), able to recompute the cell's score on any multiset of its items. This is
/// what lets the bootstrap of scores/bootstrap.hpp resample test items without re-running a
/// model.
///
/// The scores layer does not know the task metrics (layers point one way: stats <- scores,
/// stats <- metrics). The metrics layer's scorers (metrics::ClassificationScorer, NerScorer,
/// SimilarityScorer) -- or any type of yours -- only need two members,
///
///     std::size_t item_count() const;
///     Result<double> score_on(const std::vector<std::uint32_t>& indices) const;
///
/// and make_resamplable() wraps them:
///
///     table.set_real("gpt-4o", synthbench::make_resamplable(
///         outcomes.scorer(synthbench::metrics::ClassificationMetric::macro_f1)));

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t
#include <memory>       // std::shared_ptr, std::make_shared
#include <type_traits>  // std::decay_t
#include <utility>      // std::move, std::forward
#include <vector>       // std::vector

#include "synthbench/result.hpp"
#include "synthbench/stats/bootstrap.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// A score computed from per-item outcomes, recomputable on a resample of the items.
/// Implementations must be immutable after construction (the bootstrap may share them).
class ResamplableScore {
 public:
  virtual ~ResamplableScore() = default;

  /// The number of items; resamples draw indices in [0, item_count()).
  virtual std::size_t item_count() const = 0;

  /// The score on the items at `indices`, each in [0, item_count()); an index repeated k
  /// times counts its item k times.
  virtual Result<double> score_on(const std::vector<std::uint32_t>& indices) const = 0;

  /// The score on all items, once each.
  Result<double> score() const { return score_on(stats::identity_indices(item_count())); }
};

namespace detail {

template <class Scorer>
class ScorerAdapter final : public ResamplableScore {
 public:
  explicit ScorerAdapter(Scorer scorer) : scorer_(std::move(scorer)) {}
  std::size_t item_count() const override { return scorer_.item_count(); }
  Result<double> score_on(const std::vector<std::uint32_t>& indices) const override { return scorer_.score_on(indices); }
  /// The wrapped scorer (a baseline of per-item outcomes reads its outcomes: outcome_baseline.hpp).
  const Scorer& scorer() const noexcept { return scorer_; }

 private:
  Scorer scorer_;
};

template <class Function>
class FunctionScore final : public ResamplableScore {
 public:
  FunctionScore(std::size_t items, Function f) : items_(items), f_(std::move(f)) {}
  std::size_t item_count() const override { return items_; }
  Result<double> score_on(const std::vector<std::uint32_t>& indices) const override { return f_(indices); }

 private:
  std::size_t items_;
  Function f_;
};

}  // namespace detail

/// Wraps `scorer` (any type with `item_count()` and `score_on(indices)`, such as
/// metrics::ClassificationScorer) as a shared, immutable ResamplableScore.
template <class Scorer>
std::shared_ptr<const ResamplableScore> make_resamplable(Scorer&& scorer) {
  return std::make_shared<const detail::ScorerAdapter<std::decay_t<Scorer>>>(std::forward<Scorer>(scorer));
}

/// A ResamplableScore of `items` items whose score on a resample is `f(indices)` (a callable
/// taking `const std::vector<std::uint32_t>&` and returning Result<double>).
template <class Function>
std::shared_ptr<const ResamplableScore> make_resamplable(std::size_t items, Function&& f) {
  return std::make_shared<const detail::FunctionScore<std::decay_t<Function>>>(items, std::forward<Function>(f));
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_RESAMPLABLE_SCORE_HPP
