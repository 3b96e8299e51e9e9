#ifndef SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_HPP
#define SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_HPP

/// @file
/// Baselines that keep per-item outcomes: what every approach answered on every item of
/// every dataset of a ScoreTable, so that a later run can be compared with the blessed one
/// item by item (EXPECT_NOT_WORSE: paired tests need the same items on both sides). The file
/// format, "synthbench-outcomes" version 1, is specified in docs/baseline-format.md: JSON with
/// one line per item, so that a 10,000-item baseline stays small and a changed answer is a
/// one-line diff.
///
/// The cells of the table must carry per-item outcomes of synthbench's task metrics (what
/// run_experiment gives): classification (metrics::ClassificationOutcomes; every
/// ClassificationMetric), NER (metrics::NerOutcomes; "<schema>_<measure>" such as
/// "ent_type_f1") or similarity (metrics::SimilarityOutcomes; "pearson", "spearman"). A
/// baseline recomputes its metric from the items it keeps, so the paired bootstrap can resample
/// them.

#include <nlohmann/json.hpp>  // nlohmann::ordered_json

#include <cmath>       // std::fabs, std::isfinite
#include <cstddef>     // std::size_t
#include <cstdint>     // std::uint32_t
#include <filesystem>  // std::filesystem::path
#include <memory>      // std::shared_ptr, std::make_shared
#include <optional>    // std::optional
#include <string>      // std::string
#include <utility>     // std::move
#include <vector>      // std::vector

#include "synthbench/detail/files.hpp"        // detail::read_file
#include "synthbench/detail/format.hpp"       // detail::general
#include "synthbench/detail/json_input.hpp"   // detail::parse_json_strict, detail::describe_json, pointer_append
#include "synthbench/error.hpp"
#include "synthbench/experiment/loaders/loader_support.hpp"  // detail::shortest
#include "synthbench/metrics/classification.hpp"
#include "synthbench/metrics/ner.hpp"
#include "synthbench/metrics/option_values.hpp"  // metrics::parse_option
#include "synthbench/metrics/similarity.hpp"
#include "synthbench/metrics/zero_division.hpp"
#include "synthbench/result.hpp"
#include "synthbench/scores/resamplable_score.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/scores/score_table_json.hpp"  // detail::object_member, detail::score_from_json
#include "synthbench/stats/bootstrap.hpp"          // stats::identity_indices
#include "synthbench/version.hpp"

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

namespace detail {

/// `s` as a JSON string literal (throws nlohmann's type_error 316 for text that is not UTF-8).
inline std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

/// One item's row of a dataset: its gold side, then each approach's outcome.
inline std::string outcome_row(const OutcomeDataset& d, OutcomeTask task, std::size_t i) {
  std::string row = "[";
  const CellOutcomes& ref = d.cells.front();
  switch (task) {
    case OutcomeTask::classification: row += json_string(ref.gold_text(i)); break;
    case OutcomeTask::ner: row += std::to_string(CellOutcomes::gold_entities(ref.documents()[i])); break;
    case OutcomeTask::similarity: row += detail::loading::shortest(ref.gold_scores()[i]); break;
  }
  for (const auto& cell : d.cells) {
    row += ", ";
    switch (task) {
      case OutcomeTask::classification:
        row += cell.right(i) ? std::string("true")
                             : (cell.predicted_ids()[i] == CellOutcomes::invalid ? std::string("null")
                                                                                  : json_string(cell.labels()[cell.predicted_ids()[i]]));
        break;
      case OutcomeTask::ner: {
        const auto& m = cell.documents()[i];
        if (m.same_span_same_type == CellOutcomes::gold_entities(m) && m.spurious == 0) {
          row += "true";
        } else {
          row += "[" + std::to_string(m.same_span_same_type) + ", " + std::to_string(m.same_span_other_type) + ", " +
                 std::to_string(m.overlap_same_type) + ", " + std::to_string(m.overlap_other_type) + ", " +
                 std::to_string(m.missed) + ", " + std::to_string(m.spurious) + "]";
        }
        break;
      }
      case OutcomeTask::similarity: {
        const auto& p = cell.predicted_scores()[i];
        row += p ? detail::loading::shortest(*p) : std::string("null");
        break;
      }
    }
  }
  return row + "]";
}

}  // namespace detail

/// The text of `baseline` in the format of docs/baseline-format.md (one line per item).
inline std::string dump_outcome_baseline(const OutcomeBaseline& baseline) {
  using detail::json_string;
  std::string out = "{\n  \"format\": \"synthbench-outcomes\",\n  \"version\": 1,\n  \"task\": " +
                    json_string(to_string(baseline.task)) + ",\n  \"metric\": " + json_string(baseline.metric) + ",\n";
  const CellOutcomes* any = baseline.datasets.empty() || baseline.datasets.front().cells.empty()
                                ? nullptr
                                : &baseline.datasets.front().cells.front();
  out += "  \"options\": {";
  if (any != nullptr) {
    switch (baseline.task) {
      case OutcomeTask::classification:
        out += "\"zero_division\": " + json_string(metrics::to_string(any->zero_division())) +
               ", \"average_over\": " + json_string(metrics::to_string(any->average_over()));
        break;
      case OutcomeTask::ner: out += "\"zero_division\": " + json_string(metrics::to_string(any->zero_division())); break;
      case OutcomeTask::similarity:
        out += "\"scale\": [" + detail::loading::shortest(any->scale().first) + ", " + detail::loading::shortest(any->scale().second) + "]";
        break;
    }
  }
  out += "},\n  \"datasets\": {";
  for (std::size_t k = 0; k < baseline.datasets.size(); ++k) {
    const OutcomeDataset& d = baseline.datasets[k];
    out += std::string(k == 0 ? "" : ",") + "\n    " + json_string(d.name) + ": {\n";
    if (baseline.task == OutcomeTask::classification && !d.cells.empty()) {
      out += "      \"labels\": [";
      const auto& labels = d.cells.front().labels();
      for (std::size_t l = 0; l < labels.size(); ++l) out += (l == 0 ? "" : ", ") + json_string(labels[l]);
      out += "],\n";
    }
    out += "      \"approaches\": [";
    for (std::size_t a = 0; a < d.approaches.size(); ++a) out += (a == 0 ? "" : ", ") + json_string(d.approaches[a]);
    out += "],\n      \"scores\": {";
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      const Result<double> s = d.cells[a].score(baseline.metric);
      out += (a == 0 ? "" : ", ") + json_string(d.approaches[a]) + ": " + (s ? detail::general(s.value(), 10) : "null");
    }
    out += "},\n      \"items\": [";
    const std::size_t n = d.cells.empty() ? 0 : d.cells.front().size();
    for (std::size_t i = 0; i < n; ++i) {
      out += std::string(i == 0 ? "" : ",") + "\n    " + detail::outcome_row(d, baseline.task, i);
    }
    out += n == 0 ? "]\n    }" : "\n      ]\n    }";
  }
  out += "\n  }\n}\n";
  return out;
}

namespace detail {

/// Reads one outcome baseline document (see parse_outcome_baseline).
class OutcomeBaselineReader {
 public:
  OutcomeBaselineReader(const nlohmann::ordered_json& doc, std::string source) : doc_(doc), source_(std::move(source)) {}

  OutcomeBaseline read() {
    if (!doc_.is_object()) throw InputError(201, source_, "/", "expected an object, got " + describe_json(doc_));
    const auto& format = object_member(doc_, "format", source_, "/");
    if (!format.is_string() || format.get<std::string>() != "synthbench-outcomes") {
      throw InputError(901, source_, "/format",
                       "expected \"synthbench-outcomes\" (an outcome baseline, docs/baseline-format.md), got " +
                           describe_json(format));
    }
    const auto& version = object_member(doc_, "version", source_, "/");
    if (!version.is_number_integer() || version.get<long long>() != 1) {
      throw InputError(901, source_, "/version", "this synthbench reads version 1, got " + describe_json(version));
    }
    OutcomeBaseline b;
    const std::string task = string_member(doc_, "task", "/");
    if (task == "classification") {
      b.task = OutcomeTask::classification;
    } else if (task == "ner") {
      b.task = OutcomeTask::ner;
    } else if (task == "similarity") {
      b.task = OutcomeTask::similarity;
    } else {
      throw InputError(902, source_, "/task", "expected \"classification\", \"ner\" or \"similarity\", got \"" + task + "\"");
    }
    task_ = b.task;
    b.metric = string_member(doc_, "metric", "/");
    read_options(object_member(doc_, "options", source_, "/"));
    const auto& datasets = object_member(doc_, "datasets", source_, "/");
    if (!datasets.is_object()) throw InputError(201, source_, "/datasets", "expected an object, got " + describe_json(datasets));
    if (datasets.empty() || datasets.begin().key() != "real") {
      throw InputError(906, source_, "/datasets", "the first dataset must be \"real\"");
    }
    for (auto it = datasets.begin(); it != datasets.end(); ++it) {
      b.datasets.push_back(read_dataset(it.key(), it.value(), b));
    }
    return b;
  }

 private:
  std::string string_member(const nlohmann::ordered_json& parent, const char* key, const std::string& where) {
    const auto& v = object_member(parent, key, source_, where);
    const std::string at = pointer_append(where == "/" ? "" : where, key);
    if (!v.is_string() || v.get<std::string>().empty()) {
      throw InputError(201, source_, at, "expected a non-empty string, got " + describe_json(v));
    }
    return v.get<std::string>();
  }

  void read_options(const nlohmann::ordered_json& o) {
    if (!o.is_object()) throw InputError(201, source_, "/options", "expected an object, got " + describe_json(o));
    for (auto it = o.begin(); it != o.end(); ++it) {
      const std::string at = pointer_append("/options", it.key());
      if (it.key() == "zero_division" && task_uses_zero_division()) {
        const auto z = it.value().is_string() ? metrics::parse_option<metrics::ZeroDivision>(it.value().get<std::string>()) : std::nullopt;
        if (!z) throw InputError(902, source_, at, "expected \"zero\", \"one\" or \"undefined\", got " + describe_json(it.value()));
        zero_division_ = *z;
      } else if (it.key() == "average_over" && task_ == OutcomeTask::classification) {
        const std::string v = it.value().is_string() ? it.value().get<std::string>() : "";
        if (v == "observed") {
          average_over_ = metrics::AverageOver::observed;
        } else if (v == "gold") {
          average_over_ = metrics::AverageOver::gold;
        } else if (v == "label_set") {
          average_over_ = metrics::AverageOver::label_set;
        } else {
          throw InputError(902, source_, at, "expected \"observed\", \"gold\" or \"label_set\", got " + describe_json(it.value()));
        }
      } else if (it.key() == "scale" && task_ == OutcomeTask::similarity) {
        const auto& s = it.value();
        if (!s.is_array() || s.size() != 2 || !s[0].is_number() || !s[1].is_number() ||
            !(s[0].get<double>() < s[1].get<double>())) {
          throw InputError(902, source_, at, "expected [lower, upper] with lower < upper, got " + describe_json(s));
        }
        min_score_ = s[0].get<double>();
        max_score_ = s[1].get<double>();
      } else {
        throw InputError(902, source_, at, "unknown option for " + std::string(to_string(task_)) + " outcomes");
      }
    }
  }

  bool task_uses_zero_division() const { return task_ != OutcomeTask::similarity; }

  OutcomeDataset read_dataset(const std::string& name, const nlohmann::ordered_json& v, const OutcomeBaseline& b) {
    const std::string where = pointer_append("/datasets", name);
    if (!v.is_object()) throw InputError(201, source_, where, "expected an object, got " + describe_json(v));
    OutcomeDataset d;
    d.name = name;
    const auto& approaches = object_member(v, "approaches", source_, where);
    if (!approaches.is_array() || approaches.empty()) {
      throw InputError(906, source_, where + "/approaches", "expected a non-empty array of names, got " + describe_json(approaches));
    }
    for (std::size_t a = 0; a < approaches.size(); ++a) {
      const auto& n = approaches[a];
      const std::string at = pointer_append(where + "/approaches", a);
      if (!n.is_string() || n.get<std::string>().empty()) throw InputError(201, source_, at, "expected a non-empty string, got " + describe_json(n));
      for (const auto& seen : d.approaches) {
        if (seen == n.get<std::string>()) throw InputError(904, source_, at, "the approach \"" + seen + "\" appears twice");
      }
      d.approaches.push_back(n.get<std::string>());
    }
    std::shared_ptr<const std::vector<std::string>> labels;
    if (b.task == OutcomeTask::classification) labels = read_labels(object_member(v, "labels", source_, where), where + "/labels");
    const auto& items = object_member(v, "items", source_, where);
    if (!items.is_array() || items.empty()) {
      throw InputError(906, source_, where + "/items", "expected a non-empty array of items, got " + describe_json(items));
    }
    const std::size_t columns = d.approaches.size() + 1;
    // Column-wise outcomes, filled row by row.
    std::vector<std::uint32_t> gold_ids;
    std::vector<std::vector<std::uint32_t>> predicted_ids(d.approaches.size());
    std::vector<std::vector<metrics::NerMatchCounts>> documents(d.approaches.size());
    std::vector<double> gold_scores;
    std::vector<std::vector<std::optional<double>>> predicted_scores(d.approaches.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& row = items[i];
      const std::string at = pointer_append(where + "/items", i);
      if (!row.is_array() || row.size() != columns) {
        throw InputError(903, source_, at,
                         "expected [gold, then one outcome per approach] (" + std::to_string(columns) + " values), got " +
                             describe_json(row) + (row.is_array() ? " of " + std::to_string(row.size()) + " values" : ""));
      }
      switch (b.task) {
        case OutcomeTask::classification: {
          const std::uint32_t gold = label_id(row[0], *labels, at + "/0");
          gold_ids.push_back(gold);
          for (std::size_t a = 0; a < d.approaches.size(); ++a) {
            const auto& o = row[a + 1];
            const std::string oat = pointer_append(at, a + 1);
            if (o.is_boolean() && o.get<bool>()) {
              predicted_ids[a].push_back(gold);
            } else if (o.is_null()) {
              predicted_ids[a].push_back(CellOutcomes::invalid);
            } else if (o.is_string()) {
              const std::uint32_t id = label_id(o, *labels, oat);
              if (id == gold) throw InputError(903, source_, oat, "a right answer is written true, not as its label");
              predicted_ids[a].push_back(id);
            } else {
              throw InputError(903, source_, oat, "expected true (right), null (no answer) or a wrong label, got " + describe_json(o));
            }
          }
          break;
        }
        case OutcomeTask::ner: {
          if (!row[0].is_number_unsigned()) throw InputError(903, source_, at + "/0", "expected the number of gold entities, got " + describe_json(row[0]));
          const auto gold = row[0].get<std::uint64_t>();
          for (std::size_t a = 0; a < d.approaches.size(); ++a) {
            documents[a].push_back(ner_counts(row[a + 1], gold, pointer_append(at, a + 1)));
          }
          break;
        }
        case OutcomeTask::similarity: {
          gold_scores.push_back(scale_number(row[0], at + "/0"));
          for (std::size_t a = 0; a < d.approaches.size(); ++a) {
            const auto& o = row[a + 1];
            predicted_scores[a].push_back(o.is_null() ? std::nullopt : std::optional<double>(scale_number(o, pointer_append(at, a + 1))));
          }
          break;
        }
      }
    }
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      switch (b.task) {
        case OutcomeTask::classification:
          d.cells.push_back(CellOutcomes::classification(labels, gold_ids, predicted_ids[a], zero_division_, average_over_));
          break;
        case OutcomeTask::ner: d.cells.push_back(CellOutcomes::ner(documents[a], zero_division_)); break;
        case OutcomeTask::similarity:
          d.cells.push_back(CellOutcomes::similarity(gold_scores, predicted_scores[a], min_score_, max_score_));
          break;
      }
      if (!d.cells.back().supports(b.metric)) {
        throw InputError(902, source_, "/metric", "\"" + b.metric + "\" is not a metric of " + to_string(b.task) + " outcomes");
      }
    }
    check_scores(object_member(v, "scores", source_, where), d, b.metric, where + "/scores");
    return d;
  }

  std::shared_ptr<const std::vector<std::string>> read_labels(const nlohmann::ordered_json& v, const std::string& where) {
    if (!v.is_array() || v.empty()) throw InputError(906, source_, where, "expected a non-empty array of labels, got " + describe_json(v));
    std::vector<std::string> labels;
    for (std::size_t l = 0; l < v.size(); ++l) {
      const std::string at = pointer_append(where, l);
      if (!v[l].is_string() || v[l].get<std::string>().empty()) throw InputError(201, source_, at, "expected a non-empty string, got " + describe_json(v[l]));
      if (!labels.empty() && !(labels.back() < v[l].get<std::string>())) {
        throw InputError(903, source_, at, "labels must be sorted and distinct (\"" + v[l].get<std::string>() + "\" after \"" + labels.back() + "\")");
      }
      labels.push_back(v[l].get<std::string>());
    }
    return std::make_shared<const std::vector<std::string>>(std::move(labels));
  }

  std::uint32_t label_id(const nlohmann::ordered_json& v, const std::vector<std::string>& labels, const std::string& at) {
    if (v.is_string()) {
      for (std::size_t l = 0; l < labels.size(); ++l) {
        if (labels[l] == v.get<std::string>()) return static_cast<std::uint32_t>(l);
      }
      throw InputError(903, source_, at, "\"" + v.get<std::string>() + "\" is not in the dataset's labels");
    }
    throw InputError(903, source_, at, "expected a label, got " + describe_json(v));
  }

  metrics::NerMatchCounts ner_counts(const nlohmann::ordered_json& o, std::uint64_t gold, const std::string& at) {
    metrics::NerMatchCounts m;
    if (o.is_boolean() && o.get<bool>()) {
      if (gold > 0xFFFFFFFFu) throw InputError(903, source_, at, "too many entities");
      m.same_span_same_type = static_cast<std::uint32_t>(gold);
      return m;
    }
    if (!o.is_array() || o.size() != 6) {
      throw InputError(903, source_, at,
                       "expected true (every entity right) or the six counts [same span same type, same span other type, "
                       "overlap same type, overlap other type, missed, spurious], got " + describe_json(o));
    }
    std::uint32_t* fields[] = {&m.same_span_same_type, &m.same_span_other_type, &m.overlap_same_type, &m.overlap_other_type,
                               &m.missed, &m.spurious};
    for (std::size_t k = 0; k < 6; ++k) {
      if (!o[k].is_number_unsigned() || o[k].get<std::uint64_t>() > 0xFFFFFFFFu) {
        throw InputError(903, source_, pointer_append(at, k), "expected a count, got " + describe_json(o[k]));
      }
      *fields[k] = static_cast<std::uint32_t>(o[k].get<std::uint64_t>());
    }
    if (CellOutcomes::gold_entities(m) != gold) {
      throw InputError(903, source_, at,
                       "the pairs and misses add up to " + std::to_string(CellOutcomes::gold_entities(m)) +
                           " gold entities, the row's gold count is " + std::to_string(gold));
    }
    return m;
  }

  double scale_number(const nlohmann::ordered_json& v, const std::string& at) {
    const double x = score_from_json(v, source_, at);
    if (x < min_score_ || x > max_score_) {
      throw InputError(903, source_, at, "the score " + detail::general(x, 10) + " is outside the scale [" +
                                             detail::general(min_score_, 10) + ", " + detail::general(max_score_, 10) + "]");
    }
    return x;
  }

  void check_scores(const nlohmann::ordered_json& v, const OutcomeDataset& d, const std::string& metric, const std::string& where) {
    if (!v.is_object()) throw InputError(201, source_, where, "expected an object, got " + describe_json(v));
    for (auto it = v.begin(); it != v.end(); ++it) {
      bool known = false;
      for (const auto& a : d.approaches) known = known || a == it.key();
      if (!known) throw InputError(904, source_, pointer_append(where, it.key()), "a score of an approach the dataset does not list");
    }
    for (std::size_t a = 0; a < d.approaches.size(); ++a) {
      const std::string at = pointer_append(where, d.approaches[a]);
      const auto it = v.find(d.approaches[a]);
      if (it == v.end()) throw InputError(904, source_, where, "missing the score of \"" + d.approaches[a] + "\"");
      const Result<double> computed = d.cells[a].score(metric);
      if (it->is_null() && !computed) continue;
      const double stored = score_from_json(*it, source_, at);
      if (!computed || std::fabs(computed.value() - stored) > 1e-9 * std::max(1.0, std::fabs(stored))) {
        throw InputError(905, source_, at,
                         "the stored " + metric + " " + detail::general(stored, 10) + " is not what the items give (" +
                             (computed ? detail::general(computed.value(), 10) : computed.message()) +
                             "): the file was edited by hand; bless it again");
      }
    }
  }

  const nlohmann::ordered_json& doc_;
  std::string source_;
  OutcomeTask task_ = OutcomeTask::classification;
  metrics::ZeroDivision zero_division_ = metrics::ZeroDivision::zero;
  metrics::AverageOver average_over_ = metrics::AverageOver::observed;
  double min_score_ = 0.0;
  double max_score_ = 5.0;
};

}  // namespace detail

/// An outcome baseline from its text; `source` names it in errors. Throws InputError:
/// synthbench.input.101/102 invalid JSON, 201 wrong type, 202 missing key, 203/204 a score
/// that is not a finite number, 901 not an outcome baseline (format or version), 902 bad task,
/// metric or options, 903 a bad item row, 904 approaches and scores that do not match, 905 a
/// stored score the items do not give, 906 no real dataset, approach or item.
inline OutcomeBaseline parse_outcome_baseline(const std::string& text, const std::string& source = "<string>") {
  const auto doc = detail::parse_json_strict<nlohmann::ordered_json>(text, source);
  return detail::OutcomeBaselineReader(doc, source).read();
}

/// The outcome baseline in `path` (IoError synthbench.io.1 when it cannot be read; InputError
/// as parse_outcome_baseline, naming the file).
inline OutcomeBaseline read_outcome_baseline(const std::filesystem::path& path) {
  return parse_outcome_baseline(detail::read_file(path), path.string());
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_OUTCOME_BASELINE_HPP
