#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_REMEMBERING_SOLVER_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_REMEMBERING_SOLVER_HPP

/// @file
/// `RememberingSolver`: a solver that remembers its answers, so that running several grids on
/// the same data (the seed study's two modes, and its samples of the real test split) asks the
/// wrapped solver once per input. A batch whose every input has been answered before is
/// answered from memory; any other batch goes to the wrapped solver whole (so a solver that
/// looks at the whole batch, as tfidf-cosine fits its IDF on it, still sees it), and its
/// answers are remembered for the inputs not seen before. An input answered in two batches
/// keeps its first answer: for a batch-dependent solver, a later batch made only of known
/// inputs gets the answers of the batches they came from.

#include <cstddef>  // std::size_t
#include <map>      // std::map
#include <memory>   // std::shared_ptr
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "synthbench/error.hpp"
#include "synthbench/experiment/solver.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Wraps a solver of inputs `Input` and predictions `Prediction` (see the file comment).
template <class Input, class Prediction>
class RememberingSolver : public Solver<Input, Prediction> {
 public:
  /// Remembers the answers of `inner`. Throws UsageError 88 for a null solver.
  explicit RememberingSolver(std::shared_ptr<Solver<Input, Prediction>> inner) : inner_(std::move(inner)) {
    if (!inner_) throw UsageError(88, "a RememberingSolver needs a solver to wrap");
  }

  /// The wrapped solver's name.
  std::string name() const override { return inner_->name(); }

  /// One prediction per input, from memory when every input is known (see the file comment).
  std::vector<Prediction> predict(const std::vector<Input>& inputs) override {
    std::vector<Prediction> out;
    out.reserve(inputs.size());
    for (const auto& input : inputs) {
      const auto it = answers_.find(input);
      if (it == answers_.end()) break;
      out.push_back(it->second);
    }
    if (out.size() == inputs.size()) return out;
    ++inner_calls_;
    out = inner_->predict(inputs);
    if (out.size() == inputs.size()) {
      for (std::size_t i = 0; i < inputs.size(); ++i) answers_.emplace(inputs[i], out[i]);
    }
    return out;  // a wrong count is reported by run_experiment (synthbench.usage.85)
  }

  /// The wrapped solver's calls so far (batches not answered from memory).
  std::size_t inner_calls() const noexcept { return inner_calls_; }

 private:
  std::shared_ptr<Solver<Input, Prediction>> inner_;
  std::map<Input, Prediction> answers_;
  std::size_t inner_calls_ = 0;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_REMEMBERING_SOLVER_HPP
