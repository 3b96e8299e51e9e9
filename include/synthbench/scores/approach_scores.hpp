#ifndef SYNTHBENCH_SCORES_APPROACH_SCORES_HPP
#define SYNTHBENCH_SCORES_APPROACH_SCORES_HPP

/// @file
/// `ApproachScores`: one metric's scores of named approaches on one dataset, e.g. the
/// macro-F1 of six solvers on the real SNIPS test set. The unit that meta-metrics compare.

#include <cmath>             // std::isfinite
#include <cstddef>           // std::size_t
#include <initializer_list>  // std::initializer_list
#include <optional>          // std::optional
#include <string>            // std::string
#include <utility>           // std::move, std::pair
#include <vector>            // std::vector

#include "synthbench/detail/format.hpp"  // detail::general: locale-independent numbers
#include "synthbench/error.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// One approach's score.
struct ApproachScore {
  std::string approach;  ///< the approach's name, e.g. "gpt-4o" or "naive-bayes"
  double score = 0.0;    ///< its score (finite)
};

/// Scores of named approaches on one dataset, in insertion order, names unique.
class ApproachScores {
 public:
  /// Empty scores; `dataset` names the dataset ("real", "gpt-4o", "average"), `metric` the
  /// metric ("macro_f1"). Both are used in failure messages and reports.
  explicit ApproachScores(std::string dataset = {}, std::string metric = {})
      : dataset_(std::move(dataset)), metric_(std::move(metric)) {}

  /// Scores from a list: `ApproachScores("real", "f1", {{"a", 0.9}, {"b", 0.7}})`.
  ApproachScores(std::string dataset, std::string metric,
                 std::initializer_list<std::pair<std::string, double>> scores)
      : ApproachScores(std::move(dataset), std::move(metric)) {
    for (const auto& [approach, score] : scores) set(approach, score);
  }

  /// Sets (or replaces) the score of `approach`. Throws UsageError (synthbench.usage.1) for a
  /// NaN or infinite score and (synthbench.usage.2) for an empty name.
  ApproachScores& set(const std::string& approach, double score) {
    if (approach.empty()) throw UsageError(2, "an approach needs a non-empty name");
    if (!std::isfinite(score)) {
      throw UsageError(1, "the score of '" + approach + "' on '" + dataset_ + "' must be finite, got " +
                              detail::general(score, 6));
    }
    for (auto& entry : entries_) {
      if (entry.approach == approach) {
        entry.score = score;
        return *this;
      }
    }
    entries_.push_back({approach, score});
    return *this;
  }

  /// The dataset these scores are on.
  const std::string& dataset() const noexcept { return dataset_; }
  /// The metric these scores are of.
  const std::string& metric() const noexcept { return metric_; }
  /// The number of approaches.
  std::size_t size() const noexcept { return entries_.size(); }
  /// True when no approach has a score.
  bool empty() const noexcept { return entries_.empty(); }
  /// The entries in insertion order.
  const std::vector<ApproachScore>& entries() const noexcept { return entries_; }
  /// Iteration over the entries in insertion order.
  std::vector<ApproachScore>::const_iterator begin() const noexcept { return entries_.begin(); }
  /// End of iteration.
  std::vector<ApproachScore>::const_iterator end() const noexcept { return entries_.end(); }

  /// The score of `approach`, or nullopt.
  std::optional<double> find(const std::string& approach) const {
    for (const auto& entry : entries_) {
      if (entry.approach == approach) return entry.score;
    }
    return std::nullopt;
  }
  /// True when `approach` has a score.
  bool contains(const std::string& approach) const { return find(approach).has_value(); }
  /// The score of `approach`; throws UsageError (synthbench.usage.3) naming the known ones.
  double at(const std::string& approach) const {
    if (const auto s = find(approach)) return *s;
    std::string known;
    for (const auto& entry : entries_) known += (known.empty() ? "" : ", ") + entry.approach;
    throw UsageError(3, "no score for approach '" + approach + "' on '" + dataset_ + "' (known: " + known + ")");
  }
  /// The approach names in insertion order.
  std::vector<std::string> approaches() const {
    std::vector<std::string> names;
    names.reserve(entries_.size());
    for (const auto& entry : entries_) names.push_back(entry.approach);
    return names;
  }

 private:
  std::string dataset_;
  std::string metric_;
  std::vector<ApproachScore> entries_;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_SCORES_APPROACH_SCORES_HPP
