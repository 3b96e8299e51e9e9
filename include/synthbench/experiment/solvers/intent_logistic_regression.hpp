#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LOGISTIC_REGRESSION_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LOGISTIC_REGRESSION_HPP

/// @file
/// `logistic-regression`: multinomial logistic regression (softmax) over the features of
/// intent_linear_model.hpp, trained by stochastic gradient descent on the L2-penalized log
/// loss (Bottou, "Stochastic gradient descent tricks", 2012). For a train item (x, y), with
/// p_k = exp(w_k . x) / sum_j exp(w_j . x) and eta_t = eta_0 / (1 + eta_0 lambda t) at step t
/// (1, 2, ...):
///
///     w_k <- (1 - eta_t lambda) w_k - eta_t (p_k - [k = y]) x        for every class k
///
/// (the bias feature is shrunk with the rest). Deterministic: the pass order is seeded
/// (LinearTrainingOptions).

#include <algorithm>  // std::max_element
#include <cmath>      // std::exp
#include <cstddef>    // std::size_t
#include <string>     // std::string
#include <vector>     // std::vector

#include "synthbench/experiment/solvers/intent_linear_model.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Multinomial logistic regression trained by SGD (see the file comment).
class LogisticRegressionIntentSolver : public IntentSolver {
 public:
  /// Trains on `train`. Throws UsageError 40 for an empty train split.
  explicit LogisticRegressionIntentSolver(const std::vector<IntentItem>& train, LinearTrainingOptions options = {})
      : model_(train) {
    stats::Xoshiro256StarStar rng(options.seed);
    std::vector<double> p(model_.classes());
    std::size_t t = 0;
    for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
      for (const std::size_t i : model_.pass_order(rng, options.shuffle)) {
        ++t;
        const double eta = options.learning_rate / (1.0 + options.learning_rate * options.l2 * static_cast<double>(t));
        const text::SparseVector& x = model_.examples()[i];
        for (std::size_t k = 0; k < p.size(); ++k) p[k] = model_.score(k, x);
        const double top = *std::max_element(p.begin(), p.end());  // softmax without overflow
        double sum = 0.0;
        for (auto& v : p) sum += (v = std::exp(v - top));
        for (std::size_t k = 0; k < p.size(); ++k) {
          model_.shrink(k, 1.0 - eta * options.l2);
          const double gradient = p[k] / sum - (k == model_.class_of(i) ? 1.0 : 0.0);
          model_.add(k, x, -eta * gradient);
        }
      }
    }
  }

  /// "logistic-regression".
  std::string name() const override { return "logistic-regression"; }

  /// The most probable intent of each text.
  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override { return model_.predict(texts); }

  /// The learned weight of `word` in class `label` (the bias for an empty word): for tests.
  double weight(const std::string& label, const std::string& word) const { return model_.weight(label, word); }

 private:
  detail::LinearIntentModel model_;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LOGISTIC_REGRESSION_HPP
