#ifndef SYNTHBENCH_METRICS_CLASSIFICATION_HPP
#define SYNTHBENCH_METRICS_CLASSIFICATION_HPP

/// @file
/// Single-label classification metrics (intent detection) from per-item outcomes.
///
/// For each class c, with TP_c items of class c predicted as c, P_c items predicted as c and
/// S_c gold items of class c (its support):
///
///     precision_c = TP_c / P_c      recall_c = TP_c / S_c      F1_c = 2 TP_c / (P_c + S_c)
///
/// (F1 in the count form of scikit-learn >= 1.4, equal to the harmonic mean 2PR / (P + R)
/// wherever both are defined, and 0 rather than 0/0 when TP = 0 < P + S.) Averages over the
/// averaged class set C (below), as sklearn.metrics.precision_recall_fscore_support:
///
/// - macro:    the unweighted mean of the per-class values over C;
/// - weighted: the mean weighted by support S_c;
/// - micro:    the ratios of the sums, sum TP / sum P, sum TP / sum S, 2 sum TP / (sum P + sum S).
///
/// Accuracy is (items whose prediction equals the gold label) / (items), with invalid
/// predictions counted as wrong. 0/0 follows the ZeroDivision policy (zero_division.hpp);
/// with `undefined`, classes whose value is 0/0 are left out of macro and weighted means.
///
/// **The label set** is the declared labels (ClassificationOptions::labels) plus every gold
/// label, or the gold labels alone when none are declared. A prediction outside it (an LLM
/// answering something else) or missing (no parsable answer) is *invalid*: it is wrong for
/// accuracy and a false negative of the gold class, but it is not a prediction of any class,
/// so it creates no class and no false positive. (scikit-learn with labels=None would make
/// every distinct wrong answer a class of its own with F1 = 0, so an LLM that fails in three
/// different ways would be punished three times as hard in macro-F1 as one that fails three
/// times in the same way.) Invalid predictions are counted and kept with their item.
///
/// **The averaged class set C** (AverageOver):
/// - `observed` (default): the classes that are a gold label or a valid prediction in the
///   items scored -- scikit-learn's labels=None on the valid predictions. On clean outputs
///   this gives scikit-learn's default numbers (what a practitioner gets from
///   `f1_score(y_true, y_pred, average="macro")`).
/// - `gold`: the classes with support in the items scored (labels=unique(y_true)).
/// - `label_set`: every class of the label set (labels=L), including never-seen ones.
/// - `declared`: exactly the declared labels, seen or not; a gold label outside them adds no
///   support to any averaged class (its items still count as false positives of the class
///   predicted for them). This is what the study's code computed (SG4NLP, src/runner.py: a
///   LabelBinarizer fitted on the train labels, then classification_report's macro average
///   over every column), so a declared label absent from the items scored counts with F1 = 0:
///   a perfect solver on the first 200 ATIS test items scores 13/21 = 0.619 this way (13 of
///   its 14 gold labels are among the 21 train labels), 1.000 with `observed`.
/// On a bootstrap resample C is recomputed from the resampled items, as on the original.
///
/// **Multi-intent labels** such as ATIS `atis_flight#atis_airfare`: by default labels are
/// compared as exact strings. With MultiLabelMatch::unordered_set each label (gold, predicted
/// and declared) is read as a set of intents split at `label_separator`: empty parts are
/// dropped, duplicates merged and the parts sorted, so `atis_airfare#atis_flight` equals
/// `atis_flight#atis_airfare`. It is still one class per distinct set (not multi-label
/// scoring with partial credit). Strings are otherwise compared byte for byte: case and
/// whitespace normalization belong to the parser that produced the predictions.

#include <algorithm>  // std::sort, std::unique, std::lower_bound
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint32_t
#include <memory>     // std::shared_ptr, std::make_shared
#include <optional>   // std::optional
#include <string>     // std::string
#include <utility>    // std::move, std::pair
#include <vector>     // std::vector

#include "synthbench/error.hpp"
#include "synthbench/metrics/zero_division.hpp"
#include "synthbench/result.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace metrics {

/// How multi-intent labels ("a#b") are compared.
enum class MultiLabelMatch {
  exact,          ///< as strings (default)
  unordered_set,  ///< as sets of intents split at the separator
};

/// Which classes macro and weighted averages (and micro sums) run over.
enum class AverageOver {
  observed,   ///< gold labels and valid predictions in the items scored (default)
  gold,       ///< gold labels in the items scored
  label_set,  ///< every class of the label set
  declared,   ///< exactly the declared labels (the SG4NLP study's train label set)
};

/// "exact" or "unordered_set".
inline const char* to_string(MultiLabelMatch m) noexcept {
  return m == MultiLabelMatch::exact ? "exact" : "unordered_set";
}
/// "observed", "gold", "label_set" or "declared".
inline const char* to_string(AverageOver a) noexcept {
  switch (a) {
    case AverageOver::observed: return "observed";
    case AverageOver::gold: return "gold";
    case AverageOver::label_set: return "label_set";
    case AverageOver::declared: return "declared";
  }
  return "observed";
}

/// Options of classification scoring. The defaults reproduce scikit-learn's defaults on
/// clean outputs.
struct ClassificationOptions {
  /// Declared labels (e.g. every intent of the dataset); gold labels are always added.
  std::vector<std::string> labels;
  /// The value of 0/0.
  ZeroDivision zero_division = ZeroDivision::zero;
  /// The classes averages run over.
  AverageOver average_over = AverageOver::observed;
  /// How multi-intent labels compare.
  MultiLabelMatch multi_label = MultiLabelMatch::exact;
  /// The separator of multi-intent labels.
  char label_separator = '#';
};

/// An approach's answer for one item: a label, or nullopt when it gave no parsable answer.
using LabelPrediction = std::optional<std::string>;

/// A prediction that is not in the label set, or missing.
struct InvalidPrediction {
  std::size_t item = 0;  ///< 0-based item index
  bool missing = false;  ///< true: no answer at all; false: `answer` is outside the label set
  std::string answer;    ///< the answer as given (after multi-label canonicalization)
};

/// Precision, recall and F1 of one class, with the counts they come from.
struct ClassScores {
  std::string label;                ///< the class
  std::size_t support = 0;          ///< S_c: gold items of the class
  std::size_t predicted = 0;        ///< P_c: items validly predicted as the class
  std::size_t true_positives = 0;   ///< TP_c
  Result<double> precision = 0.0;   ///< TP_c / P_c
  Result<double> recall = 0.0;      ///< TP_c / S_c
  Result<double> f1 = 0.0;          ///< 2 TP_c / (P_c + S_c)
};

/// An average of precision, recall and F1.
struct AverageScores {
  Result<double> precision = 0.0;  ///< averaged precision
  Result<double> recall = 0.0;     ///< averaged recall
  Result<double> f1 = 0.0;         ///< averaged F1 (for macro: the mean of per-class F1)
};

/// Everything about one approach on one set of items.
struct ClassificationReport {
  std::size_t items = 0;                ///< items scored (with repetitions, on a resample)
  std::size_t correct = 0;              ///< items whose valid prediction equals the gold label
  std::size_t invalid = 0;              ///< items with an invalid prediction (missing included)
  std::size_t missing = 0;              ///< items with no answer at all
  Result<double> accuracy = 0.0;        ///< correct / items
  std::vector<ClassScores> classes;     ///< the averaged class set, in label order
  AverageScores macro;                  ///< unweighted means over the classes
  AverageScores micro;                  ///< ratios of summed counts
  AverageScores weighted;               ///< support-weighted means
};

/// A single number computed from classification outcomes.
enum class ClassificationMetric {
  accuracy,
  macro_precision,
  macro_recall,
  macro_f1,
  micro_precision,
  micro_recall,
  micro_f1,
  weighted_precision,
  weighted_recall,
  weighted_f1,
};

/// Every ClassificationMetric, in declaration order.
inline constexpr ClassificationMetric all_classification_metrics[] = {
    ClassificationMetric::accuracy,           ClassificationMetric::macro_precision,
    ClassificationMetric::macro_recall,       ClassificationMetric::macro_f1,
    ClassificationMetric::micro_precision,    ClassificationMetric::micro_recall,
    ClassificationMetric::micro_f1,           ClassificationMetric::weighted_precision,
    ClassificationMetric::weighted_recall,    ClassificationMetric::weighted_f1};

/// The metric's name as in reports: "accuracy", "macro_f1", "weighted_recall", ...
inline const char* to_string(ClassificationMetric m) noexcept {
  switch (m) {
    case ClassificationMetric::accuracy: return "accuracy";
    case ClassificationMetric::macro_precision: return "macro_precision";
    case ClassificationMetric::macro_recall: return "macro_recall";
    case ClassificationMetric::macro_f1: return "macro_f1";
    case ClassificationMetric::micro_precision: return "micro_precision";
    case ClassificationMetric::micro_recall: return "micro_recall";
    case ClassificationMetric::micro_f1: return "micro_f1";
    case ClassificationMetric::weighted_precision: return "weighted_precision";
    case ClassificationMetric::weighted_recall: return "weighted_recall";
    case ClassificationMetric::weighted_f1: return "weighted_f1";
  }
  return "accuracy";
}

/// `label` as a sorted set of intents joined by `separator` ("b#a#b" -> "a#b").
inline std::string canonical_label_set(const std::string& label, char separator) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (begin <= label.size()) {
    std::size_t end = label.find(separator, begin);
    if (end == std::string::npos) end = label.size();
    if (end > begin) parts.push_back(label.substr(begin, end - begin));
    begin = end + 1;
  }
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

template <class Unused = void>
class BasicClassificationOutcomes;

/// The outcomes class (see BasicClassificationOutcomes). It is a template only so that a translation unit that
/// includes this header without using it does not compile its member functions
/// (docs/performance.md: compile time); there is one instantiation.
using ClassificationOutcomes = BasicClassificationOutcomes<>;

/// A ClassificationMetric bound to shared outcomes: what a resampling bootstrap calls. Cheap
/// to copy. (The scores layer wraps it with make_resamplable; metrics does not depend on it.)
struct ClassificationScorer {
  std::shared_ptr<const ClassificationOutcomes> outcomes;  ///< the per-item records
  ClassificationMetric metric = ClassificationMetric::macro_f1;  ///< the number to compute

  /// The number of items.
  std::size_t item_count() const noexcept;
  /// The metric on the items at `indices` (repetitions count as often as they appear).
  template <class Indices = std::vector<std::uint32_t>>
  Result<double> score_on(const Indices& indices) const;
};

/// Per-item classification outcomes of one approach on one dataset: (gold class, predicted
/// class or invalid) for each item. Every metric is computed from these records, so a
/// bootstrap recomputes scores from resampled item indices without re-running any model.
template <class Unused>
class BasicClassificationOutcomes {
 public:
  /// The class id of an invalid prediction.
  static constexpr std::uint32_t invalid_class = 0xFFFFFFFFu;

  /// One item's outcome: class ids into labels().
  struct Item {
    std::uint32_t gold = 0;                     ///< the gold class
    std::uint32_t predicted = invalid_class;    ///< the predicted class, or invalid_class
  };

  /// Outcomes of `predicted` against `gold` (same length, item by item). Throws UsageError
  /// (synthbench.usage.31) when the lengths differ, and InputError (synthbench.input.301) for
  /// an empty gold label or declared label, naming the item.
  BasicClassificationOutcomes(const std::vector<std::string>& gold, const std::vector<LabelPrediction>& predicted,
                         ClassificationOptions options = {})
      : options_(std::move(options)) {
    if (gold.size() != predicted.size()) {
      throw UsageError(31, "classification needs one prediction per gold label, got " + std::to_string(gold.size()) +
                               " gold labels and " + std::to_string(predicted.size()) + " predictions");
    }
    if (gold.size() > invalid_class) throw UsageError(31, "classification supports at most 2^32 - 1 items");
    std::vector<std::string> canonical_gold;
    canonical_gold.reserve(gold.size());
    for (std::size_t i = 0; i < gold.size(); ++i) {
      canonical_gold.push_back(canonical(gold[i]));
      if (canonical_gold.back().empty()) {
        throw InputError(301, "gold labels", "item " + std::to_string(i), "the gold label is empty");
      }
    }
    labels_ = canonical_gold;
    for (std::size_t i = 0; i < options_.labels.size(); ++i) {
      labels_.push_back(canonical(options_.labels[i]));
      if (labels_.back().empty()) {
        throw InputError(301, "declared labels", "label " + std::to_string(i), "a declared label is empty");
      }
    }
    std::sort(labels_.begin(), labels_.end());
    labels_.erase(std::unique(labels_.begin(), labels_.end()), labels_.end());
    declared_.assign(labels_.size(), 0);
    for (const auto& label : options_.labels) declared_[find(canonical(label))] = 1;
    items_.resize(gold.size());
    for (std::size_t i = 0; i < gold.size(); ++i) {
      items_[i].gold = find(canonical_gold[i]);
      if (!predicted[i]) {
        invalid_.push_back({i, true, {}});
        continue;
      }
      std::string answer = canonical(*predicted[i]);
      const std::uint32_t id = find(answer);
      if (id == invalid_class) {
        invalid_.push_back({i, false, std::move(answer)});
      } else {
        items_[i].predicted = id;
      }
    }
    fill_slots();
  }

  /// The number of items.
  std::size_t size() const noexcept { return items_.size(); }
  /// The per-item records.
  const std::vector<Item>& items() const noexcept { return items_; }
  /// The label set (canonical, sorted): class id k is labels()[k].
  const std::vector<std::string>& labels() const noexcept { return labels_; }
  /// The options the outcomes were built with.
  const ClassificationOptions& options() const noexcept { return options_; }
  /// Every invalid prediction, in item order.
  const std::vector<InvalidPrediction>& invalid_predictions() const noexcept { return invalid_; }

  /// The full report on all items.
  ClassificationReport report() const { return report_from(tally_all()); }
  /// The full report on the items at `indices`.
  ClassificationReport report(const std::vector<std::uint32_t>& indices) const { return report_from(tally(indices)); }

  /// One metric on all items.
  Result<double> score(ClassificationMetric metric) const { return aggregate(metric, tally_all()); }
  /// One metric on the items at `indices` (a bootstrap resample: repetitions allowed). Throws
  /// UsageError (synthbench.usage.32) for an index out of range.
  Result<double> score(ClassificationMetric metric, const std::vector<std::uint32_t>& indices) const {
    return aggregate(metric, tally(indices));
  }

  /// `metric` bound to a shared copy of these outcomes, for the bootstrap.
  ClassificationScorer scorer(ClassificationMetric metric) const {
    return ClassificationScorer{std::make_shared<const ClassificationOutcomes>(*this), metric};
  }

 private:
  // Counts over a multiset of items: the sufficient statistics of every metric here. One
  // buffer, [support | predicted | true positives], K + 2 slots each; predicted slot K counts
  // answers outside the label set and slot K + 1 missing answers.
  struct Tally {
    std::vector<std::uint32_t> counts;
    std::size_t slots = 0;  // K + 2
    std::size_t items = 0;
    std::size_t correct = 0;
    std::size_t invalid = 0;
    std::size_t missing = 0;
    std::uint32_t support_of(std::size_t c) const noexcept { return counts[c]; }
    std::uint32_t predicted_of(std::size_t c) const noexcept { return counts[slots + c]; }
    std::uint32_t true_positives_of(std::size_t c) const noexcept { return counts[2 * slots + c]; }
  };

  std::string canonical(const std::string& label) const {
    return options_.multi_label == MultiLabelMatch::unordered_set ? canonical_label_set(label, options_.label_separator)
                                                                   : label;
  }

  std::uint32_t find(const std::string& label) const {
    const auto it = std::lower_bound(labels_.begin(), labels_.end(), label);
    if (it == labels_.end() || *it != label) return invalid_class;
    return static_cast<std::uint32_t>(it - labels_.begin());
  }

  // The predicted slot of item i: its class, K (outside the label set) or K + 1 (missing).
  void fill_slots() {
    const auto k = static_cast<std::uint32_t>(labels_.size());
    slot_.resize(items_.size());
    for (std::size_t i = 0; i < items_.size(); ++i) slot_[i] = items_[i].predicted == invalid_class ? k : items_[i].predicted;
    for (const auto& bad : invalid_) {
      if (bad.missing) slot_[bad.item] = k + 1;
    }
  }

  // Branch-free counting of the items at `indices` (or of all items when null): the
  // bootstrap's inner loop.
  Tally tally_of(const std::vector<std::uint32_t>* indices) const {
    const std::size_t k = labels_.size();
    Tally t;
    t.slots = k + 2;
    t.counts.assign(3 * t.slots, 0);
    std::uint32_t* support = t.counts.data();
    std::uint32_t* predicted = support + t.slots;
    std::uint32_t* true_positives = predicted + t.slots;
    const auto add = [&](std::size_t i) {
      const std::uint32_t gold = items_[i].gold;
      const std::uint32_t slot = slot_[i];
      ++support[gold];
      ++predicted[slot];
      true_positives[gold] += slot == gold ? 1u : 0u;
    };
    if (indices == nullptr) {
      for (std::size_t i = 0; i < items_.size(); ++i) add(i);
      t.items = items_.size();
    } else {
      for (const auto i : *indices) {
        if (i >= items_.size()) {
          throw UsageError(32, "item index " + std::to_string(i) + " out of range (" + std::to_string(items_.size()) +
                                   " items)");
        }
        add(i);
      }
      t.items = indices->size();
    }
    for (std::size_t c = 0; c < k; ++c) t.correct += true_positives[c];
    t.invalid = std::size_t{predicted[k]} + predicted[k + 1];
    t.missing = predicted[k + 1];
    return t;
  }

  Tally tally_all() const { return tally_of(nullptr); }
  Tally tally(const std::vector<std::uint32_t>& indices) const { return tally_of(&indices); }

  bool in_average(const Tally& t, std::size_t c) const {
    switch (options_.average_over) {
      case AverageOver::observed: return t.support_of(c) > 0 || t.predicted_of(c) > 0;
      case AverageOver::gold: return t.support_of(c) > 0;
      case AverageOver::label_set: return true;
      case AverageOver::declared: return declared_[c] != 0;
    }
    return true;
  }

  enum class Kind { precision, recall, f1 };

  static const char* kind_name(Kind kind) noexcept {
    return kind == Kind::precision ? "precision" : (kind == Kind::recall ? "recall" : "F1");
  }

  // The numerator and denominator of `kind` for class c.
  static std::pair<double, double> class_fraction(Kind kind, const Tally& t, std::size_t c) noexcept {
    const double tp = t.true_positives_of(c);
    switch (kind) {
      case Kind::precision: return {tp, static_cast<double>(t.predicted_of(c))};
      case Kind::recall: return {tp, static_cast<double>(t.support_of(c))};
      case Kind::f1: break;
    }
    return {2 * tp, static_cast<double>(t.predicted_of(c)) + static_cast<double>(t.support_of(c))};
  }

  Result<double> class_value(Kind kind, const Tally& t, std::size_t c) const {
    const auto [numerator, denominator] = class_fraction(kind, t, c);
    if (const auto v = ratio_value(numerator, denominator, options_.zero_division)) return *v;
    const char* why = kind == Kind::precision ? ": no item is predicted as it"
                      : kind == Kind::recall  ? ": it has no gold item"
                                              : ": it is neither gold nor predicted";
    return ratio(numerator, denominator, options_.zero_division,
                 std::string(kind_name(kind)) + " of '" + labels_[c] + "'", why);
  }

  Result<double> macro(Kind kind, const Tally& t, bool weighted) const {
    double sum = 0.0;
    double weight = 0.0;
    std::size_t classes = 0;
    for (std::size_t c = 0; c < labels_.size(); ++c) {
      if (!in_average(t, c)) continue;
      ++classes;
      const auto [numerator, denominator] = class_fraction(kind, t, c);
      const auto v = ratio_value(numerator, denominator, options_.zero_division);
      if (!v) continue;  // 0/0 under ZeroDivision::undefined: left out of the mean
      const double w = weighted ? static_cast<double>(t.support_of(c)) : 1.0;
      sum += w * *v;
      weight += w;
    }
    if (classes > 0 && weight > 0.0) return sum / weight;
    const std::string what = std::string(weighted ? "weighted " : "macro ") + kind_name(kind);
    if (classes == 0) return Result<double>::undefined(Undefined::too_few, what + ": no class to average over");
    return Result<double>::undefined(Undefined::too_few,
                                     what + (weighted ? ": no averaged class with a defined value has support"
                                                      : ": every class's value is 0/0 (zero_division = undefined)"));
  }

  Result<double> micro(Kind kind, const Tally& t) const {
    double tp = 0.0;
    double p = 0.0;
    double s = 0.0;
    for (std::size_t c = 0; c < labels_.size(); ++c) {
      if (!in_average(t, c)) continue;
      tp += t.true_positives_of(c);
      p += t.predicted_of(c);
      s += t.support_of(c);
    }
    const double numerator = kind == Kind::f1 ? 2 * tp : tp;
    const double denominator = kind == Kind::precision ? p : (kind == Kind::recall ? s : p + s);
    if (const auto v = ratio_value(numerator, denominator, options_.zero_division)) return *v;
    const char* why = kind == Kind::precision ? ": no valid prediction" : (kind == Kind::recall ? ": no gold item" : ": no item");
    return ratio(numerator, denominator, options_.zero_division, std::string("micro ") + kind_name(kind), why);
  }

  Result<double> accuracy(const Tally& t) const {
    if (t.items == 0) return Result<double>::undefined(Undefined::too_few, "accuracy of 0 items is 0/0");
    return static_cast<double>(t.correct) / static_cast<double>(t.items);
  }

  Result<double> aggregate(ClassificationMetric metric, const Tally& t) const {
    switch (metric) {
      case ClassificationMetric::accuracy: return accuracy(t);
      case ClassificationMetric::macro_precision: return macro(Kind::precision, t, false);
      case ClassificationMetric::macro_recall: return macro(Kind::recall, t, false);
      case ClassificationMetric::macro_f1: return macro(Kind::f1, t, false);
      case ClassificationMetric::micro_precision: return micro(Kind::precision, t);
      case ClassificationMetric::micro_recall: return micro(Kind::recall, t);
      case ClassificationMetric::micro_f1: return micro(Kind::f1, t);
      case ClassificationMetric::weighted_precision: return macro(Kind::precision, t, true);
      case ClassificationMetric::weighted_recall: return macro(Kind::recall, t, true);
      case ClassificationMetric::weighted_f1: return macro(Kind::f1, t, true);
    }
    return accuracy(t);
  }

  ClassificationReport report_from(const Tally& t) const {
    ClassificationReport r;
    r.items = t.items;
    r.correct = t.correct;
    r.invalid = t.invalid;
    r.missing = t.missing;
    r.accuracy = accuracy(t);
    for (std::size_t c = 0; c < labels_.size(); ++c) {
      if (!in_average(t, c)) continue;
      r.classes.push_back(ClassScores{labels_[c], t.support_of(c), t.predicted_of(c), t.true_positives_of(c),
                                      class_value(Kind::precision, t, c), class_value(Kind::recall, t, c),
                                      class_value(Kind::f1, t, c)});
    }
    r.macro = {macro(Kind::precision, t, false), macro(Kind::recall, t, false), macro(Kind::f1, t, false)};
    r.micro = {micro(Kind::precision, t), micro(Kind::recall, t), micro(Kind::f1, t)};
    r.weighted = {macro(Kind::precision, t, true), macro(Kind::recall, t, true), macro(Kind::f1, t, true)};
    return r;
  }

  ClassificationOptions options_;
  std::vector<std::string> labels_;
  std::vector<Item> items_;
  std::vector<InvalidPrediction> invalid_;
  std::vector<std::uint32_t> slot_;  // predicted slot per item (see fill_slots)
  std::vector<char> declared_;       // per class id: 1 when it is a declared label
};

inline std::size_t ClassificationScorer::item_count() const noexcept { return outcomes ? outcomes->size() : 0; }

template <class Indices>
Result<double> ClassificationScorer::score_on(const Indices& indices) const {
  if (!outcomes) throw UsageError(34, "a default-constructed scorer has no outcomes to score");
  return outcomes->score(metric, indices);
}

}  // namespace metrics
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_METRICS_CLASSIFICATION_HPP
