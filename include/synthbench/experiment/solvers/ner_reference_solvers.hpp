#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_REFERENCE_SOLVERS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_REFERENCE_SOLVERS_HPP

/// @file
/// In-process named entity recognizers, trained on a train split, so that an experiment runs
/// with no LLM at all. Their quality differs visibly (measured on CrossNER politics and
/// literature in docs/datasets.md), which is what a meta-evaluation needs:
///
/// | name | method | source |
/// | --- | --- | --- |
/// | averaged-perceptron | BIO tagger: averaged structured perceptron, Viterbi decoding, word/shape/affix/context features | Collins, EMNLP 2002 |
/// | gazetteer-capitalization | gazetteer matches, extended to the capitalized span around them; other capitalized spans typed by their head word | synthbench |
/// | gazetteer | train-set entity names, longest match first, the most frequent type of each name | the CoNLL-2003 baseline (Tjong Kim Sang & De Meulder 2003) |
/// | token-majority | each token's most frequent train label (a type or outside), adjacent equal types merged | the most-frequent-tag baseline |
/// | capitalized-majority | maximal runs of capitalized tokens, all of the train split's most frequent type | synthbench |
///
/// This header is the five solvers together with ner_reference_solvers(); each has its own
/// header: ner_tokens.hpp (the tokenizer), ner_token_spans.hpp (what the solvers share),
/// ner_span_solvers.hpp (four solvers) and ner_perceptron.hpp (averaged-perceptron).

#include <memory>  // std::unique_ptr, std::make_unique
#include <vector>  // std::vector

#include "synthbench/experiment/items.hpp"                     // NerItem
#include "synthbench/experiment/solver.hpp"                    // NerSolver
#include "synthbench/experiment/solvers/ner_perceptron.hpp"    // PerceptronNerSolver
#include "synthbench/experiment/solvers/ner_span_solvers.hpp"  // the four span solvers
#include "synthbench/experiment/solvers/ner_token_spans.hpp"   // TokenSpanNerSolver
#include "synthbench/experiment/solvers/ner_tokens.hpp"        // NerToken, ner_tokenize
#include "synthbench/version.hpp"                              // SYNTHBENCH_NAMESPACE_BEGIN/END

SYNTHBENCH_NAMESPACE_BEGIN

/// The five NER reference solvers, trained on `train`, in the order of their strict F1 on
/// CrossNER politics (strongest first; docs/datasets.md).
inline std::vector<std::unique_ptr<NerSolver>> ner_reference_solvers(const std::vector<NerItem>& train) {
  std::vector<std::unique_ptr<NerSolver>> solvers;
  solvers.push_back(std::make_unique<PerceptronNerSolver>(train));
  solvers.push_back(std::make_unique<GazetteerCapitalizationNerSolver>(train));
  solvers.push_back(std::make_unique<GazetteerNerSolver>(train));
  solvers.push_back(std::make_unique<TokenMajorityNerSolver>(train));
  solvers.push_back(std::make_unique<CapitalizedMajorityNerSolver>(train));
  return solvers;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_REFERENCE_SOLVERS_HPP
