#ifndef SYNTHBENCH_EXPERIMENT_SOLVER_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVER_HPP

/// @file
/// The interface of an approach that solves a task: it sees only the inputs (never the gold
/// answers) and returns one prediction per input, in order. A prediction that could not be
/// obtained (an LLM answer that does not parse) is an empty optional with the raw answer
/// kept, so parse failures are counted, never silently scored.

#include <optional>  // std::optional
#include <string>    // std::string
#include <utility>   // std::pair
#include <vector>    // std::vector

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// One labelled intent example.
struct IntentItem {
  std::string text;   ///< the utterance
  std::string label;  ///< its intent, e.g. "AddToPlaylist" or "atis_flight#atis_airfare"
};

/// One labelled similarity example.
struct SimilarityItem {
  std::string text1;   ///< first sentence
  std::string text2;   ///< second sentence
  double score = 0.0;  ///< gold similarity, 0 (unrelated) to 5 (equivalent)
};

/// An intent prediction: the label, or nothing when the answer was unusable.
struct IntentPrediction {
  std::optional<std::string> label;  ///< the predicted intent
  std::string raw;                   ///< the raw answer (LLM solvers), empty otherwise
};

/// A similarity prediction: a score in [0, 5], or nothing when the answer was unusable.
struct SimilarityPrediction {
  std::optional<double> score;  ///< the predicted similarity
  std::string raw;              ///< the raw answer (LLM solvers), empty otherwise
};

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

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVER_HPP
