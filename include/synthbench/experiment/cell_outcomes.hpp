#ifndef SYNTHBENCH_EXPERIMENT_CELL_OUTCOMES_HPP
#define SYNTHBENCH_EXPERIMENT_CELL_OUTCOMES_HPP

/// @file
/// One approach's per-item outcomes on one dataset (CellOutcomes), in the form an outcome
/// baseline (outcome_baseline.hpp) keeps them: outcomes of synthbench's task metrics, of one
/// task (OutcomeTask), classification (every ClassificationMetric), NER ("<schema>_<measure>"
/// such as "ent_type_f1") or similarity ("pearson", "spearman"). A cell recomputes its metric
/// from the items it keeps, on any multiset of them, so the paired bootstrap can resample
/// them; it also tells each item's credit, for naming the items that improved or got worse.

#include <cmath>     // std::fabs
#include <cstddef>   // std::size_t
#include <cstdint>   // std::uint32_t
#include <memory>    // std::shared_ptr, std::make_shared
#include <optional>  // std::optional
#include <string>    // std::string
#include <utility>   // std::move, std::pair
#include <vector>    // std::vector

#include "synthbench/detail/format.hpp"                      // detail::general
#include "synthbench/error.hpp"                              // UsageError
#include "synthbench/experiment/loaders/loader_support.hpp"  // detail::shortest
#include "synthbench/metrics/classification.hpp"             // metrics::ClassificationOutcomes, ClassificationMetric
#include "synthbench/metrics/ner_counts.hpp"                 // metrics::NerMatchCounts, schema_counts, ner_measure
#include "synthbench/metrics/option_values.hpp"              // metrics::parse_option
#include "synthbench/metrics/similarity.hpp"                 // metrics::SimilarityOutcomes
#include "synthbench/metrics/zero_division.hpp"              // metrics::ZeroDivision
#include "synthbench/result.hpp"                             // Result
#include "synthbench/stats/bootstrap.hpp"                    // stats::identity_indices
#include "synthbench/version.hpp"                            // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// The kind of per-item outcome a baseline keeps.
enum class OutcomeTask { classification, ner, similarity };

/// "classification", "ner" or "similarity".
inline const char* to_string(OutcomeTask t) noexcept {
  switch (t) {
    case OutcomeTask::classification: return "classification";
    case OutcomeTask::ner: return "ner";
    case OutcomeTask::similarity: return "similarity";
  }
  return "classification";
}

/// One approach's per-item outcomes on one dataset, in the form a baseline keeps them, able
/// to compute any metric of its task on any multiset of its items.
class CellOutcomes {
 public:
  /// Sentinel class id of a classification answer outside the label set, or missing.
  static constexpr std::uint32_t invalid = 0xFFFFFFFFu;

  /// Classification outcomes: class ids into `labels` (sorted, canonical), `predicted`
  /// invalid for no usable answer.
  static CellOutcomes classification(std::shared_ptr<const std::vector<std::string>> labels,
                                     std::vector<std::uint32_t> gold, std::vector<std::uint32_t> predicted,
                                     metrics::ZeroDivision zero_division, metrics::AverageOver average_over) {
    CellOutcomes c(OutcomeTask::classification);
    c.labels_ = std::move(labels);
    c.gold_ids_ = std::move(gold);
    c.predicted_ids_ = std::move(predicted);
    c.zero_division_ = zero_division;
    c.average_over_ = average_over;
    std::vector<std::string> gold_labels;
    std::vector<metrics::LabelPrediction> answers;
    for (std::size_t i = 0; i < c.gold_ids_.size(); ++i) {
      gold_labels.push_back(c.labels_->at(c.gold_ids_[i]));
      answers.push_back(c.predicted_ids_[i] == invalid ? metrics::LabelPrediction() : c.labels_->at(c.predicted_ids_[i]));
    }
    metrics::ClassificationOptions o;
    o.labels = *c.labels_;
    o.zero_division = zero_division;
    o.average_over = average_over;
    c.classification_ = std::make_shared<const metrics::ClassificationOutcomes>(gold_labels, answers, o);
    return c;
  }

  /// NER outcomes: per document, how its entities were paired.
  static CellOutcomes ner(std::vector<metrics::NerMatchCounts> documents, metrics::ZeroDivision zero_division) {
    CellOutcomes c(OutcomeTask::ner);
    c.ner_ = std::move(documents);
    c.zero_division_ = zero_division;
    return c;
  }

  /// Similarity outcomes: gold and predicted score per item (nullopt: left out), on the scale
  /// [min_score, max_score].
  static CellOutcomes similarity(std::vector<double> gold, std::vector<std::optional<double>> predicted, double min_score,
                                 double max_score) {
    CellOutcomes c(OutcomeTask::similarity);
    c.gold_scores_ = std::move(gold);
    c.predicted_scores_ = std::move(predicted);
    c.min_score_ = min_score;
    c.max_score_ = max_score;
    std::vector<metrics::ScoreAnswer> answers;
    for (const auto& p : c.predicted_scores_) answers.push_back(p ? metrics::ScoreAnswer::of(*p) : metrics::ScoreAnswer::missing());
    metrics::SimilarityOptions o;
    o.min_score = min_score;
    o.max_score = max_score;
    o.unparsable = metrics::UnparsablePolicy::exclude;
    c.similarity_ = std::make_shared<const metrics::SimilarityOutcomes>(c.gold_scores_, answers, o);
    return c;
  }

  /// The task.
  OutcomeTask task() const noexcept { return task_; }
  /// The number of items.
  std::size_t size() const noexcept {
    switch (task_) {
      case OutcomeTask::classification: return gold_ids_.size();
      case OutcomeTask::ner: return ner_.size();
      case OutcomeTask::similarity: return gold_scores_.size();
    }
    return 0;
  }

  /// True when `metric` is a metric of this task.
  bool supports(const std::string& metric) const {
    switch (task_) {
      case OutcomeTask::classification: return metrics::parse_option<metrics::ClassificationMetric>(metric).has_value();
      case OutcomeTask::ner: return parse_ner_metric(metric).has_value();
      case OutcomeTask::similarity: return metric == "pearson" || metric == "spearman";
    }
    return false;
  }

  /// `metric` on the items at `indices` (repetitions count as often as they appear). Throws
  /// UsageError (synthbench.usage.120) for a metric of another task.
  Result<double> score_on(const std::string& metric, const std::vector<std::uint32_t>& indices) const {
    switch (task_) {
      case OutcomeTask::classification: {
        const auto m = metrics::parse_option<metrics::ClassificationMetric>(metric);
        if (!m) throw unsupported(metric);
        return classification_->score(*m, indices);
      }
      case OutcomeTask::ner: {
        const auto m = parse_ner_metric(metric);
        if (!m) throw unsupported(metric);
        metrics::NerMatchCounts sum;
        for (const auto i : indices) sum += ner_.at(i);
        return metrics::ner_measure(metrics::schema_counts(sum, m->first), m->second, zero_division_,
                                    metrics::to_string(m->first));
      }
      case OutcomeTask::similarity: {
        if (metric != "pearson" && metric != "spearman") throw unsupported(metric);
        return similarity_->score(metric == "pearson" ? metrics::SimilarityMetric::pearson : metrics::SimilarityMetric::spearman,
                                  indices);
      }
    }
    return Result<double>::undefined(Undefined::out_of_domain, "unknown task");
  }
  /// `metric` on all items.
  Result<double> score(const std::string& metric) const { return score_on(metric, stats::identity_indices(size())); }

  /// Item `i`'s credit under `metric`, higher is better, to tell which items improved or got
  /// worse: classification 1 (right) or 0; NER minus the errors of the metric's schema in
  /// document i (incorrect + missed + spurious + half of the partial matches); similarity
  /// minus the distance of the prediction from the gold score (a left-out item: the width of
  /// the scale).
  double credit(std::size_t i, const std::string& metric) const {
    switch (task_) {
      case OutcomeTask::classification: return right(i) ? 1.0 : 0.0;
      case OutcomeTask::ner: {
        const auto m = parse_ner_metric(metric);
        const auto c = metrics::schema_counts(ner_.at(i), m ? m->first : metrics::NerSchema::strict);
        return -(static_cast<double>(c.incorrect + c.missed + c.spurious) + 0.5 * static_cast<double>(c.partial));
      }
      case OutcomeTask::similarity: {
        const auto& p = predicted_scores_.at(i);
        return p ? -std::fabs(*p - gold_scores_.at(i)) : -(max_score_ - min_score_);
      }
    }
    return 0.0;
  }

  /// Classification: whether item `i` was answered with its gold label.
  bool right(std::size_t i) const { return predicted_ids_.at(i) == gold_ids_.at(i); }

  /// Item `i`'s gold side, for messages: "PlayMusic", "3 entities", "3.2".
  std::string gold_text(std::size_t i) const {
    switch (task_) {
      case OutcomeTask::classification: return labels_->at(gold_ids_.at(i));
      case OutcomeTask::ner: return std::to_string(gold_entities(ner_.at(i))) + " gold entities";
      case OutcomeTask::similarity: return detail::loading::shortest(gold_scores_.at(i));
    }
    return {};
  }

  /// Item `i`'s answer, for messages: a label or "no answer"; "2 errors"; a score or "left out".
  std::string answer_text(std::size_t i, const std::string& metric) const {
    switch (task_) {
      case OutcomeTask::classification:
        return predicted_ids_.at(i) == invalid ? std::string("no answer") : labels_->at(predicted_ids_.at(i));
      case OutcomeTask::ner: {
        const double errors = -credit(i, metric);
        return detail::general(errors, 6) + (errors == 1.0 ? " error" : " errors");
      }
      case OutcomeTask::similarity: {
        const auto& p = predicted_scores_.at(i);
        return p ? detail::loading::shortest(*p) : std::string("left out");
      }
    }
    return {};
  }

  /// True when item `i` has the same gold side here and in `other` (the items pair up).
  bool same_gold(const CellOutcomes& other, std::size_t i) const {
    if (task_ != other.task_) return false;
    switch (task_) {
      case OutcomeTask::classification: return gold_text(i) == other.gold_text(i);
      case OutcomeTask::ner: return gold_entities(ner_.at(i)) == gold_entities(other.ner_.at(i));
      case OutcomeTask::similarity: return gold_scores_.at(i) == other.gold_scores_.at(i);
    }
    return false;
  }

  /// Classification: the label set; the class ids; the options that matter for scoring.
  const std::vector<std::string>& labels() const { return *labels_; }
  /// Classification: gold class ids.
  const std::vector<std::uint32_t>& gold_ids() const noexcept { return gold_ids_; }
  /// Classification: predicted class ids (invalid for no usable answer).
  const std::vector<std::uint32_t>& predicted_ids() const noexcept { return predicted_ids_; }
  /// NER: per document pairings.
  const std::vector<metrics::NerMatchCounts>& documents() const noexcept { return ner_; }
  /// Similarity: gold scores.
  const std::vector<double>& gold_scores() const noexcept { return gold_scores_; }
  /// Similarity: predicted scores (nullopt: left out).
  const std::vector<std::optional<double>>& predicted_scores() const noexcept { return predicted_scores_; }
  /// Classification and NER: the value of 0/0.
  metrics::ZeroDivision zero_division() const noexcept { return zero_division_; }
  /// Classification: the averaged class set.
  metrics::AverageOver average_over() const noexcept { return average_over_; }
  /// Similarity: the scale.
  std::pair<double, double> scale() const noexcept { return {min_score_, max_score_}; }

  /// The (schema, measure) of an NER metric name such as "ent_type_f1", or nullopt.
  static std::optional<std::pair<metrics::NerSchema, metrics::NerMeasure>> parse_ner_metric(const std::string& name) {
    for (const auto schema : metrics::all_ner_schemas) {
      for (const auto measure : {metrics::NerMeasure::precision, metrics::NerMeasure::recall, metrics::NerMeasure::f1}) {
        if (name == std::string(metrics::to_string(schema)) + "_" + metrics::to_string(measure)) {
          return std::make_pair(schema, measure);
        }
      }
    }
    return std::nullopt;
  }

  /// The gold entities of a document: every pair and every miss.
  static std::size_t gold_entities(const metrics::NerMatchCounts& m) noexcept {
    return std::size_t{m.same_span_same_type} + m.same_span_other_type + m.overlap_same_type + m.overlap_other_type +
           m.missed;
  }

 private:
  explicit CellOutcomes(OutcomeTask task) : task_(task) {}

  UsageError unsupported(const std::string& metric) const {
    return UsageError(120, "'" + metric + "' is not a metric of " + to_string(task_) + " outcomes");
  }

  OutcomeTask task_;
  std::shared_ptr<const std::vector<std::string>> labels_ = std::make_shared<const std::vector<std::string>>();
  std::vector<std::uint32_t> gold_ids_;
  std::vector<std::uint32_t> predicted_ids_;
  std::shared_ptr<const metrics::ClassificationOutcomes> classification_;
  std::vector<metrics::NerMatchCounts> ner_;
  std::vector<double> gold_scores_;
  std::vector<std::optional<double>> predicted_scores_;
  std::shared_ptr<const metrics::SimilarityOutcomes> similarity_;
  metrics::ZeroDivision zero_division_ = metrics::ZeroDivision::zero;
  metrics::AverageOver average_over_ = metrics::AverageOver::observed;
  double min_score_ = 0.0;
  double max_score_ = 5.0;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_CELL_OUTCOMES_HPP
