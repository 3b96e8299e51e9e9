#ifndef SYNTHBENCH_METRICS_SIMILARITY_HPP
#define SYNTHBENCH_METRICS_SIMILARITY_HPP

/// @file
/// Semantic text similarity: Pearson's r and Spearman's rho between predicted and gold
/// scores (as in SemEval-2012 Task 6, Agirre et al. 2012, which ranked systems by Pearson's r;
/// the correlations themselves come from stats/correlation.hpp), from per-item outcomes.
///
/// Gold scores must be finite and lie in the scale [min_score, max_score] (0 to 5 for STS).
/// An LLM's answer is messier, and two documented policies decide what enters the
/// correlation:
///
/// - **Out of range** (a number outside the scale): `clip` (default) to the nearest end --
///   an answer of 5.5 on a 0-5 scale says "as similar as can be", and clipping keeps its rank
///   information; `unparsable` treats it as no answer; `error` throws.
/// - **Unparsable** (no answer, or text that is not a number): `midpoint` (default) scores it
///   as the middle of the scale, an uninformative guess. `exclude` drops the item from the
///   correlation -- which rewards an approach for failing on hard items and compares
///   approaches on different item sets, so it is not the default; `error` throws.
///
/// Every replaced or excluded answer is counted and kept with its item. A string answer is a
/// number only if it is one in full ("3.5", " 4 ", "2e0"): "3.5/5" or "about 3" are
/// unparsable, because guessing would hide a parser bug upstream.

#include <algorithm>  // std::min, std::max
#include <cmath>      // std::isfinite
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint32_t
#include <functional> // std::function
#include <memory>     // std::shared_ptr, std::make_shared
#include <optional>   // std::optional
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "synthbench/detail/decimal.hpp"  // detail::parse_decimal
#include "synthbench/detail/format.hpp"
#include "synthbench/error.hpp"
#include "synthbench/result.hpp"
#include "synthbench/stats/correlation.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// Which correlation scores similarity.
enum class SimilarityMetric { pearson, spearman };

/// "pearson" or "spearman".
inline const char* to_string(SimilarityMetric m) noexcept { return m == SimilarityMetric::pearson ? "pearson" : "spearman"; }

/// What to do with an unparsable answer.
enum class UnparsablePolicy {
  midpoint,  ///< score it as the middle of the scale (default)
  exclude,   ///< leave the item out of the correlation
  error,     ///< throw InputError
};

/// What to do with a number outside the scale.
enum class OutOfRangePolicy {
  clip,        ///< clip to the nearest end of the scale (default)
  unparsable,  ///< treat as unparsable
  error,       ///< throw InputError
};

/// "midpoint", "exclude" or "error".
inline const char* to_string(UnparsablePolicy p) noexcept {
  return p == UnparsablePolicy::midpoint ? "midpoint" : (p == UnparsablePolicy::exclude ? "exclude" : "error");
}
/// "clip", "unparsable" or "error".
inline const char* to_string(OutOfRangePolicy p) noexcept {
  return p == OutOfRangePolicy::clip ? "clip" : (p == OutOfRangePolicy::unparsable ? "unparsable" : "error");
}

/// Options of similarity scoring.
struct SimilarityOptions {
  double min_score = 0.0;                                ///< lower end of the scale
  double max_score = 5.0;                                ///< upper end of the scale
  UnparsablePolicy unparsable = UnparsablePolicy::midpoint;  ///< no answer or not a number
  OutOfRangePolicy out_of_range = OutOfRangePolicy::clip;    ///< a number outside the scale
  std::string gold_source = "gold";                      ///< the gold side's name in messages
  std::string predicted_source = "predictions";          ///< the predicted side's name in messages
  /// The name of item i in messages while reading; default "item i" (0-based). The CLI gives
  /// "line N". Not kept after construction.
  std::function<std::string(std::size_t)> item_name;
};

/// An approach's answer for one item, as given.
struct ScoreAnswer {
  std::optional<double> number;  ///< the answer when it was a JSON number
  std::optional<std::string> text;  ///< the answer when it was text (parsed with parse_score)
  /// No answer.
  static ScoreAnswer missing() { return {}; }
  /// A numeric answer.
  static ScoreAnswer of(double v) { return {v, std::nullopt}; }
  /// A textual answer.
  static ScoreAnswer of_text(std::string s) { return {std::nullopt, std::move(s)}; }
};

/// `text` as a number when all of it is one (surrounding whitespace allowed; decimal point
/// '.', whatever the global locale), else nullopt. Not finite: nullopt. The grammar is
/// detail::parse_decimal's, which the LLM-output parsers share.
inline std::optional<double> parse_score(const std::string& text) { return ::synthbench::detail::parse_decimal(text); }

/// What happened to one answer before scoring.
enum class ScoreIssueKind {
  clipped,   ///< out of range, clipped to the scale
  imputed,   ///< unparsable (or out of range, under OutOfRangePolicy::unparsable), scored as the midpoint
  excluded,  ///< unparsable, left out of the correlation
};

/// "clipped", "imputed" or "excluded".
inline const char* to_string(ScoreIssueKind k) noexcept {
  return k == ScoreIssueKind::clipped ? "clipped" : (k == ScoreIssueKind::imputed ? "imputed" : "excluded");
}

/// One replaced or excluded answer.
struct ScoreIssue {
  ScoreIssueKind kind = ScoreIssueKind::clipped;  ///< what was done
  std::size_t item = 0;                           ///< 0-based item index
  std::string answer;                             ///< the answer as given ("null" when missing)
};

/// Correlations on a set of items, with what entered them.
struct SimilarityReport {
  std::size_t items = 0;     ///< items scored (with repetitions, on a resample)
  std::size_t used = 0;      ///< items in the correlations (not excluded)
  std::size_t clipped = 0;   ///< answers clipped to the scale
  std::size_t imputed = 0;   ///< answers scored as the midpoint
  std::size_t excluded = 0;  ///< items left out
  Result<double> pearson = 0.0;   ///< Pearson's r of predicted against gold
  Result<double> spearman = 0.0;  ///< Spearman's rho of predicted against gold
};

template <class Unused = void>
class BasicSimilarityOutcomes;

/// The outcomes class (see BasicSimilarityOutcomes). It is a template only so that a translation unit that
/// includes this header without using it does not compile its member functions
/// (docs/performance.md: compile time); there is one instantiation.
using SimilarityOutcomes = BasicSimilarityOutcomes<>;

/// A correlation bound to shared outcomes: what a resampling bootstrap calls.
struct SimilarityScorer {
  std::shared_ptr<const SimilarityOutcomes> outcomes;        ///< the per-item records
  SimilarityMetric metric = SimilarityMetric::pearson;       ///< the correlation

  /// The number of items.
  std::size_t item_count() const noexcept;
  /// The correlation on the items at `indices`.
  template <class Indices = std::vector<std::uint32_t>>
  Result<double> score_on(const Indices& indices) const;
};

/// Per-item similarity outcomes of one approach: (gold, predicted as scored, status) per item.
template <class Unused>
class BasicSimilarityOutcomes {
 public:
  /// One item's record.
  struct Item {
    double gold = 0.0;       ///< the gold score
    double predicted = 0.0;  ///< the predicted score after the policies
    bool excluded = false;   ///< left out of the correlation
    /// What was done to the answer, if anything.
    std::optional<ScoreIssueKind> issue;
  };

  /// Outcomes of `predicted` against `gold`, item by item. Throws UsageError
  /// (synthbench.usage.31) when the lengths differ or the scale is empty, and InputError:
  /// synthbench.input.304 for a gold score that is not finite or outside the scale, .305
  /// for an unparsable answer under UnparsablePolicy::error, .306 for an out-of-range answer
  /// under OutOfRangePolicy::error.
  BasicSimilarityOutcomes(const std::vector<double>& gold, const std::vector<ScoreAnswer>& predicted,
                     SimilarityOptions options = {})
      : options_(std::move(options)) {
    if (gold.size() != predicted.size()) {
      throw UsageError(31, "similarity needs one prediction per gold score, got " + std::to_string(gold.size()) +
                               " gold scores and " + std::to_string(predicted.size()) + " predictions");
    }
    if (!(options_.min_score < options_.max_score)) throw UsageError(31, "the score scale needs min_score < max_score");
    const double lo = options_.min_score;
    const double hi = options_.max_score;
    items_.resize(gold.size());
    for (std::size_t i = 0; i < gold.size(); ++i) {
      if (!std::isfinite(gold[i]) || gold[i] < lo || gold[i] > hi) {
        throw InputError(304, options_.gold_source, name(i),
                         "the gold score " + ::synthbench::detail::general(gold[i], 10) + " is outside the scale [" +
                             ::synthbench::detail::general(lo, 10) + ", " + ::synthbench::detail::general(hi, 10) + "]");
      }
      items_[i].gold = gold[i];
      const ScoreAnswer& a = predicted[i];
      const std::string raw = a.number ? ::synthbench::detail::general(*a.number, 17) : (a.text ? *a.text : "null");
      std::optional<double> v = a.number ? a.number : (a.text ? parse_score(*a.text) : std::nullopt);
      if (v && !std::isfinite(*v)) v.reset();
      if (v && (*v < lo || *v > hi)) {
        switch (options_.out_of_range) {
          case OutOfRangePolicy::clip:
            items_[i].predicted = std::min(hi, std::max(lo, *v));
            note(i, ScoreIssueKind::clipped, raw);
            continue;
          case OutOfRangePolicy::unparsable: v.reset(); break;
          case OutOfRangePolicy::error:
            throw InputError(306, options_.predicted_source, name(i),
                             "the predicted score " + raw + " is outside the scale [" +
                                 ::synthbench::detail::general(lo, 10) + ", " + ::synthbench::detail::general(hi, 10) + "]");
        }
      }
      if (v) {
        items_[i].predicted = *v;
        continue;
      }
      switch (options_.unparsable) {
        case UnparsablePolicy::midpoint:
          items_[i].predicted = lo + 0.5 * (hi - lo);
          note(i, ScoreIssueKind::imputed, raw);
          break;
        case UnparsablePolicy::exclude:
          items_[i].excluded = true;
          note(i, ScoreIssueKind::excluded, raw);
          break;
        case UnparsablePolicy::error:
          throw InputError(305, options_.predicted_source, name(i), "the predicted score " + raw + " is not a number");
      }
    }
    options_.item_name = nullptr;  // as NerOutcomes: copies must not keep the caller's callback
  }

  /// The number of items.
  std::size_t size() const noexcept { return items_.size(); }
  /// The per-item records.
  const std::vector<Item>& items() const noexcept { return items_; }
  /// Every replaced or excluded answer, in item order.
  const std::vector<ScoreIssue>& issues() const noexcept { return issues_; }
  /// The options the outcomes were built with.
  const SimilarityOptions& options() const noexcept { return options_; }

  /// Both correlations and the counts, on all items.
  SimilarityReport report() const { return report(all_indices()); }
  /// Both correlations and the counts, on the items at `indices`.
  SimilarityReport report(const std::vector<std::uint32_t>& indices) const {
    SimilarityReport r;
    r.items = indices.size();
    std::vector<double> g;
    std::vector<double> p;
    gather(indices, g, p);
    r.used = g.size();
    r.pearson = correlation(SimilarityMetric::pearson, g, p);
    r.spearman = correlation(SimilarityMetric::spearman, g, p);
    for (const auto i : indices) {
      const auto& issue = items_[i].issue;
      if (!issue) continue;
      r.clipped += *issue == ScoreIssueKind::clipped ? std::size_t{1} : std::size_t{0};
      r.imputed += *issue == ScoreIssueKind::imputed ? std::size_t{1} : std::size_t{0};
      r.excluded += *issue == ScoreIssueKind::excluded ? std::size_t{1} : std::size_t{0};
    }
    return r;
  }

  /// One correlation on all items.
  Result<double> score(SimilarityMetric metric) const { return score(metric, all_indices()); }
  /// One correlation on the items at `indices` (a bootstrap resample). Throws UsageError
  /// (synthbench.usage.32) for an index out of range.
  Result<double> score(SimilarityMetric metric, const std::vector<std::uint32_t>& indices) const {
    std::vector<double> g;
    std::vector<double> p;
    gather(indices, g, p);
    return correlation(metric, g, p);
  }

  /// `metric` bound to a shared copy of these outcomes, for the bootstrap.
  SimilarityScorer scorer(SimilarityMetric metric) const {
    return SimilarityScorer{std::make_shared<const SimilarityOutcomes>(*this), metric};
  }

 private:
  void note(std::size_t i, ScoreIssueKind kind, const std::string& raw) {
    items_[i].issue = kind;
    issues_.push_back({kind, i, raw});
  }

  std::string name(std::size_t i) const { return options_.item_name ? options_.item_name(i) : "item " + std::to_string(i); }

  std::vector<std::uint32_t> all_indices() const {
    std::vector<std::uint32_t> all(items_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint32_t>(i);
    return all;
  }

  void gather(const std::vector<std::uint32_t>& indices, std::vector<double>& g, std::vector<double>& p) const {
    g.reserve(indices.size());
    p.reserve(indices.size());
    for (const auto i : indices) {
      if (i >= items_.size()) {
        throw UsageError(32, "item index " + std::to_string(i) + " out of range (" + std::to_string(items_.size()) +
                                 " items)");
      }
      if (items_[i].excluded) continue;
      g.push_back(items_[i].gold);
      p.push_back(items_[i].predicted);
    }
  }

  static Result<double> correlation(SimilarityMetric metric, const std::vector<double>& gold,
                                    const std::vector<double>& predicted) {
    // stats:: names the arguments x and y; say which is which.
    const Result<double> r = metric == SimilarityMetric::pearson ? stats::pearson(gold, predicted)
                                                                 : stats::spearman(gold, predicted);
    if (r.ok()) return r;
    std::string detail = r.detail();
    if (detail.compare(0, 6, "x has ") == 0) detail = "the gold scores have " + detail.substr(6);
    if (detail.compare(0, 6, "y has ") == 0) detail = "the predicted scores have " + detail.substr(6);
    return Result<double>::undefined(r.code(), detail);
  }

  SimilarityOptions options_;
  std::vector<Item> items_;
  std::vector<ScoreIssue> issues_;
};

inline std::size_t SimilarityScorer::item_count() const noexcept { return outcomes ? outcomes->size() : 0; }

template <class Indices>
Result<double> SimilarityScorer::score_on(const Indices& indices) const {
  if (!outcomes) throw UsageError(34, "a default-constructed scorer has no outcomes to score");
  return outcomes->score(metric, indices);
}

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_SIMILARITY_HPP
