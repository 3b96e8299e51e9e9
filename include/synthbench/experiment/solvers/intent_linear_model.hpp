#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LINEAR_MODEL_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LINEAR_MODEL_HPP

/// @file
/// What the linear intent classifiers trained by stochastic gradient descent share
/// (intent_logistic_regression.hpp, intent_linear_svm.hpp): the features, one weight vector
/// per class, the seeded order of the training passes and the prediction.
///
/// **Features.** The distinct words of a text (text_features.hpp's tokenize) that occur in the
/// train split, each with weight 1 / sqrt(m) for m such words (an L2-normalized binary bag of
/// words), plus a bias feature of value 1. Unknown words are ignored.
///
/// **Weights** are stored as a scale s times a dense vector v per class (w = s v), so that the
/// L2 shrinkage w <- (1 - eta lambda) w of every step costs one multiplication (Bottou,
/// "Stochastic gradient descent tricks", Neural Networks: Tricks of the Trade, 2012, section
/// 5.1).
///
/// **Order.** `epochs` passes over the train split; before each pass the order is reshuffled by
/// Fisher-Yates with stats::Xoshiro256StarStar seeded with `seed` (the same order on every
/// platform), or kept as given when `shuffle` is false (for hand-worked tests).
///
/// **Prediction.** The class with the highest score w_k . x, the label that sorts first on ties.

#include <algorithm>      // std::sort, std::unique, std::fill, std::lower_bound
#include <cmath>          // std::sqrt
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t, std::uint64_t
#include <iterator>       // std::ptrdiff_t
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::swap, std::pair, std::move
#include <vector>         // std::vector

#include "synthbench/experiment/items.hpp"                              // IntentItem, IntentPrediction
#include "synthbench/experiment/solver.hpp"                             // IntentSolver
#include "synthbench/experiment/solvers/intent_reference_solvers.hpp"   // detail::LabelIndex, detail::argmax
#include "synthbench/experiment/text_features.hpp"                      // tokenize, SparseVector
#include "synthbench/stats/random.hpp"                                  // stats::Xoshiro256StarStar
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// How a linear intent classifier is trained by SGD.
struct LinearTrainingOptions {
  std::size_t epochs = 5;            ///< passes over the train split
  double learning_rate = 0.5;        ///< eta_0 (logistic regression; the SVM's rate is 1 / (lambda t))
  double l2 = 1e-4;                  ///< lambda, the L2 penalty
  std::uint64_t seed = 2012;         ///< seed of the per-epoch shuffling
  bool shuffle = true;               ///< false: visit the train split in its order every epoch
};

namespace detail {

/// A linear model with one weight vector per class over the features of the file comment.
class LinearIntentModel {
 public:
  /// The vocabulary and labels of `train`; every weight 0.
  explicit LinearIntentModel(const std::vector<IntentItem>& train) : index_(train) {
    // One pass: each train text is tokenized once, its words interned as they come.
    std::vector<std::vector<std::uint32_t>> words(train.size());
    for (std::size_t i = 0; i < train.size(); ++i) {
      for (auto& w : text::tokenize(train[i].text)) {
        words[i].push_back(ids_.emplace(std::move(w), static_cast<std::uint32_t>(ids_.size())).first->second);
      }
    }
    width_ = ids_.size() + 1;  // + the bias feature
    weights_.assign(index_.labels.size() * width_, 0.0);
    scales_.assign(index_.labels.size(), 1.0);
    examples_.reserve(train.size());
    for (auto& w : words) examples_.push_back(features_of(std::move(w)));
  }

  /// The features of `text`: (id, value) pairs sorted by id, the bias (id V) last.
  text::SparseVector features(const std::string& text) const {
    std::vector<std::uint32_t> found;
    for (const auto& w : text::tokenize(text)) {
      const auto it = ids_.find(w);
      if (it != ids_.end()) found.push_back(it->second);
    }
    return features_of(std::move(found));
  }

  /// w_k . x.
  double score(std::size_t k, const text::SparseVector& x) const {
    const double* v = weights_.data() + k * width_;
    double sum = 0.0;
    for (const auto& [id, value] : x) sum += v[id] * value;
    return scales_[k] * sum;
  }

  /// w_k <- factor w_k (a factor of 0 resets the class's weights).
  void shrink(std::size_t k, double factor) {
    if (factor == 0.0) {
      std::fill(weights_.begin() + static_cast<std::ptrdiff_t>(k * width_),
                weights_.begin() + static_cast<std::ptrdiff_t>((k + 1) * width_), 0.0);
      scales_[k] = 1.0;
      return;
    }
    scales_[k] *= factor;
    if (scales_[k] < 1e-9) {  // fold the scale back in before it underflows
      double* v = weights_.data() + k * width_;
      for (std::size_t j = 0; j < width_; ++j) v[j] *= scales_[k];
      scales_[k] = 1.0;
    }
  }

  /// w_k <- w_k + step x.
  void add(std::size_t k, const text::SparseVector& x, double step) {
    double* v = weights_.data() + k * width_;
    for (const auto& [id, value] : x) v[id] += step * value / scales_[k];
  }

  /// The weight of `word` (or of the bias, for an empty word) in class `label`; 0 for an
  /// unknown word or label.
  double weight(const std::string& label, const std::string& word) const {
    const auto l = std::lower_bound(index_.labels.begin(), index_.labels.end(), label);
    if (l == index_.labels.end() || *l != label) return 0.0;
    const auto k = static_cast<std::size_t>(l - index_.labels.begin());
    if (word.empty()) return scales_[k] * weights_[k * width_ + width_ - 1];
    const auto it = ids_.find(word);
    return it == ids_.end() ? 0.0 : scales_[k] * weights_[k * width_ + it->second];
  }

  /// The order of one pass: 0..n-1, shuffled by `rng` when `shuffle`.
  std::vector<std::size_t> pass_order(stats::Xoshiro256StarStar& rng, bool shuffle) const {
    std::vector<std::size_t> order(examples_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (shuffle) {
      for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[static_cast<std::size_t>(rng.bounded(i))]);
    }
    return order;
  }

  /// The predicted label of each text.
  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) const {
    std::vector<IntentPrediction> out;
    out.reserve(texts.size());
    std::vector<double> scores(classes());
    for (const auto& text : texts) {
      const text::SparseVector x = features(text);
      for (std::size_t k = 0; k < scores.size(); ++k) scores[k] = score(k, x);
      out.push_back({index_.labels[argmax(scores)], {}});
    }
    return out;
  }

  /// The features of the known word ids `found` (any order, repeats allowed).
  text::SparseVector features_of(std::vector<std::uint32_t> found) const {
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    text::SparseVector x;
    x.reserve(found.size() + 1);
    const double value = found.empty() ? 0.0 : 1.0 / std::sqrt(static_cast<double>(found.size()));
    for (const auto id : found) x.emplace_back(id, value);
    x.emplace_back(static_cast<std::uint32_t>(width_ - 1), 1.0);
    return x;
  }

  /// The number of classes.
  std::size_t classes() const noexcept { return index_.labels.size(); }
  /// The train split's features, in order.
  const std::vector<text::SparseVector>& examples() const noexcept { return examples_; }
  /// The class of train item i.
  std::size_t class_of(std::size_t i) const { return index_.of_item[i]; }

 private:
  LabelIndex index_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::size_t width_ = 1;
  std::vector<double> weights_;  // class * width + feature
  std::vector<double> scales_;   // per class
  std::vector<text::SparseVector> examples_;
};

}  // namespace detail

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LINEAR_MODEL_HPP
