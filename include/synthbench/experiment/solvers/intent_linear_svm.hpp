#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LINEAR_SVM_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LINEAR_SVM_HPP

/// @file
/// `linear-svm`: one linear support vector machine per intent (one against the rest) over the
/// features of intent_linear_model.hpp, trained by Pegasos (Shalev-Shwartz, Singer & Srebro,
/// "Pegasos: primal estimated sub-gradient solver for SVM", ICML 2007), the sub-gradient
/// method on the hinge loss with step eta_t = 1 / (lambda t). For a train item (x, y) at step t
/// and each class k, with y_k = +1 when k = y and -1 otherwise:
///
///     w_k <- (1 - eta_t lambda) w_k + [y_k (w_k . x) < 1] eta_t y_k x
///
/// (the margin is taken with w_k before the step; the bias is a feature like the others, as in
/// the paper's section 6). The optional projection step is not used. The passes visit the
/// train split in a seeded order (LinearTrainingOptions; `learning_rate` is not used).

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/experiment/solvers/intent_linear_model.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// One-against-the-rest linear SVMs trained by Pegasos (see the file comment).
class LinearSvmIntentSolver : public IntentSolver {
 public:
  /// Trains on `train` with lambda = `options.l2`. Throws UsageError 40 for an empty train
  /// split, UsageError 41 for lambda <= 0.
  explicit LinearSvmIntentSolver(const std::vector<IntentItem>& train, LinearTrainingOptions options = {})
      : model_(train) {
    if (!(options.l2 > 0.0)) throw UsageError(41, "the linear SVM needs a positive L2 penalty (lambda)");
    stats::Xoshiro256StarStar rng(options.seed);
    std::vector<double> margin(model_.classes());
    std::size_t t = 0;
    for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
      for (const std::size_t i : model_.pass_order(rng, options.shuffle)) {
        ++t;
        const double eta = 1.0 / (options.l2 * static_cast<double>(t));
        const text::SparseVector& x = model_.examples()[i];
        for (std::size_t k = 0; k < margin.size(); ++k) {
          const double y = k == model_.class_of(i) ? 1.0 : -1.0;
          const double m = y * model_.score(k, x);
          model_.shrink(k, 1.0 - eta * options.l2);
          if (m < 1.0) model_.add(k, x, eta * y);
        }
      }
    }
  }

  /// "linear-svm".
  std::string name() const override { return "linear-svm"; }

  /// The intent with the highest SVM score of each text.
  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override { return model_.predict(texts); }

  /// The learned weight of `word` in class `label` (the bias for an empty word): for tests.
  double weight(const std::string& label, const std::string& word) const { return model_.weight(label, word); }

 private:
  detail::LinearIntentModel model_;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_LINEAR_SVM_HPP
