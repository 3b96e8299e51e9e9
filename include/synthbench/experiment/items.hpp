#ifndef SYNTHBENCH_EXPERIMENT_ITEMS_HPP
#define SYNTHBENCH_EXPERIMENT_ITEMS_HPP

/// @file
/// The labelled examples of the three tasks of the study, and what a solver predicts for
/// each. A prediction that could not be obtained (an LLM answer that does not parse, a
/// refusal, a failed call) is an empty optional with the raw answer and the call's outcome
/// kept, so each kind is counted, never silently scored.

#include <optional>  // std::optional
#include <string>    // std::string
#include <utility>   // std::pair
#include <vector>    // std::vector

#include "synthbench/llm/outcome.hpp"
#include "synthbench/metrics/ner.hpp"
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

/// One annotated NER example: entity spans are code-point offsets [start, end) into `text`.
struct NerItem {
  std::string text;                       ///< the sentence (UTF-8)
  std::vector<metrics::Entity> entities;  ///< its entities, with their texts
};

/// An intent prediction: the label, or nothing when the answer was unusable.
struct IntentPrediction {
  std::optional<std::string> label;  ///< the predicted intent
  std::string raw;                   ///< the raw answer (LLM solvers), empty otherwise
  std::optional<llm::Outcome> outcome = std::nullopt;  ///< how the LLM call ended (LLM solvers); empty for other solvers
};

/// A similarity prediction: a score, or nothing when the answer was unusable.
struct SimilarityPrediction {
  std::optional<double> score;  ///< the predicted similarity (0 to 5)
  std::string raw;              ///< the raw answer (LLM solvers), empty otherwise
  std::optional<llm::Outcome> outcome = std::nullopt;  ///< how the LLM call ended (LLM solvers); empty for other solvers
};

/// A NER prediction: the entities found, or nothing when the answer was unusable.
struct NerPrediction {
  std::optional<std::vector<metrics::Entity>> entities;  ///< predicted spans (code points)
  std::string raw;                                       ///< the raw answer (LLM solvers), empty otherwise
  std::optional<llm::Outcome> outcome = std::nullopt;  ///< how the LLM call ended (LLM solvers); empty for other solvers
};

/// The input a solver sees of an intent item: its text.
inline const std::string& input_of(const IntentItem& item) { return item.text; }
/// The input a solver sees of a similarity item: its sentence pair.
inline std::pair<std::string, std::string> input_of(const SimilarityItem& item) { return {item.text1, item.text2}; }
/// The input a solver sees of a NER item: its text.
inline const std::string& input_of(const NerItem& item) { return item.text; }

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_ITEMS_HPP
