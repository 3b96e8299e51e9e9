#ifndef SYNTHBENCH_EXPERIMENT_SOLVER_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVER_HPP

/// @file
/// The interface of an approach that solves a task: it sees only the inputs (never the gold
/// answers) and returns one prediction per input, in order (items.hpp).

#include <string>    // std::string
#include <utility>   // std::pair
#include <vector>    // std::vector

#include "synthbench/experiment/items.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// An approach to a task with inputs `Input` and predictions `Prediction`.
template <class Input, class Prediction>
class Solver {
 public:
  virtual ~Solver() = default;
  /// The approach's name, as it appears in score tables ("naive-bayes", "gpt-4o").
  virtual std::string name() const = 0;
  /// One prediction per input, in order.
  virtual std::vector<Prediction> predict(const std::vector<Input>& inputs) = 0;
};

/// Solves intent detection: utterance -> intent.
using IntentSolver = Solver<std::string, IntentPrediction>;
/// Solves semantic text similarity: sentence pair -> score in [0, 5].
using SimilaritySolver = Solver<std::pair<std::string, std::string>, SimilarityPrediction>;
/// Solves named entity recognition: sentence -> entity spans.
using NerSolver = Solver<std::string, NerPrediction>;

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVER_HPP
