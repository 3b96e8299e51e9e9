#ifndef SYNTHBENCH_EXPERIMENT_GENERATOR_HPP
#define SYNTHBENCH_EXPERIMENT_GENERATOR_HPP

/// @file
/// The interface of a synthetic-data generator: given real examples to imitate and the
/// label set, it produces a named synthetic dataset (METHOD.md, step 1). Implementations:
/// pre-generated files (the SG4NLP generated sets) and LLM-backed generation.

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/experiment/dataset.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// What a generator is asked for.
template <class Item>
struct GenerationRequest {
  const Dataset<Item>* examples = nullptr;  ///< real items to sample the prompt's examples from
  std::vector<std::string> labels;          ///< intents, or NER entity types; empty for similarity
  std::string domain;                       ///< a description of the data ("news headlines")
  std::size_t count = 200;                  ///< how many valid items to produce
  std::size_t k = 1;                        ///< examples per class / per score / at random (task-dependent)
  std::uint64_t seed = 0;                   ///< for every random choice the generator makes
};

/// Produces a synthetic dataset.
template <class Item>
class Generator {
 public:
  virtual ~Generator() = default;
  /// The generator's name as it appears in score tables (usually the generating model's).
  virtual std::string name() const = 0;
  /// The synthetic dataset, named name(), with a report of what was rejected on the way.
  virtual Dataset<Item> generate(const GenerationRequest<Item>& request) = 0;
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_GENERATOR_HPP
