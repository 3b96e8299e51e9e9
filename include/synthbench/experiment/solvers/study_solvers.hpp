#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_STUDY_SOLVERS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_STUDY_SOLVERS_HPP

/// @file
/// Every in-process reference solver of each task: the approaches the seed study ranks
/// (seed_study.hpp). Eight per task, so that a rank correlation over them can be significant:
/// with n = 8 approaches a perfect SRCC has the exact one-sided p-value 1/8! = 1/40,320, and
/// an SRCC of 0.643 or more is significant at 5% (with n = 5 the smallest p is 1/120, and
/// 0.60 has p = 0.175). The five-solver sets of intent_reference_solvers.hpp,
/// ner_reference_solvers.hpp and similarity_reference_solvers.hpp stay as they were (examples
/// 03 and 05 and their blessed baselines use them).
///
/// | task | solvers (in this order) |
/// | --- | --- |
/// | intent | naive-bayes, tfidf-centroid, knn, keyword-overlap, majority, logistic-regression, linear-svm, char-ngram-bayes |
/// | NER | averaged-perceptron, gazetteer-capitalization, gazetteer, token-majority, capitalized-majority, hmm, gazetteer-caseless, gazetteer-fuzzy |
/// | similarity | tfidf-cosine, char-ngram-cosine, token-jaccard, token-lcs, length-ratio, edit-distance, overlap-coefficient, bigram-dice |

#include <memory>  // std::unique_ptr, std::make_unique
#include <vector>  // std::vector

#include "synthbench/experiment/solvers/intent_char_ngram_bayes.hpp"
#include "synthbench/experiment/solvers/intent_linear_svm.hpp"
#include "synthbench/experiment/solvers/intent_logistic_regression.hpp"
#include "synthbench/experiment/solvers/intent_reference_solvers.hpp"
#include "synthbench/experiment/solvers/ner_caseless_gazetteer.hpp"
#include "synthbench/experiment/solvers/ner_fuzzy_gazetteer.hpp"
#include "synthbench/experiment/solvers/ner_hmm_tagger.hpp"
#include "synthbench/experiment/solvers/ner_reference_solvers.hpp"
#include "synthbench/experiment/solvers/similarity_bigram_dice.hpp"
#include "synthbench/experiment/solvers/similarity_edit_distance.hpp"
#include "synthbench/experiment/solvers/similarity_overlap_coefficient.hpp"
#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The eight intent solvers, trained on `train` (see the file comment). Throws UsageError 40
/// for an empty train split.
inline std::vector<std::unique_ptr<IntentSolver>> intent_study_solvers(const std::vector<IntentItem>& train) {
  std::vector<std::unique_ptr<IntentSolver>> solvers = intent_reference_solvers(train);
  solvers.push_back(std::make_unique<LogisticRegressionIntentSolver>(train));
  solvers.push_back(std::make_unique<LinearSvmIntentSolver>(train));
  solvers.push_back(std::make_unique<CharNgramBayesIntentSolver>(train));
  return solvers;
}

/// The eight NER solvers, trained on `train` (see the file comment). Throws UsageError 55 or
/// 56 as ner_reference_solvers.
inline std::vector<std::unique_ptr<NerSolver>> ner_study_solvers(const std::vector<NerItem>& train) {
  std::vector<std::unique_ptr<NerSolver>> solvers = ner_reference_solvers(train);
  solvers.push_back(std::make_unique<HmmNerSolver>(train));
  solvers.push_back(std::make_unique<CaselessGazetteerNerSolver>(train));
  solvers.push_back(std::make_unique<FuzzyGazetteerNerSolver>(train));
  return solvers;
}

/// The eight similarity solvers (see the file comment).
inline std::vector<std::unique_ptr<SimilaritySolver>> similarity_study_solvers() {
  std::vector<std::unique_ptr<SimilaritySolver>> solvers = similarity_reference_solvers();
  solvers.push_back(std::make_unique<EditDistanceSimilaritySolver>());
  solvers.push_back(std::make_unique<OverlapCoefficientSimilaritySolver>());
  solvers.push_back(std::make_unique<BigramDiceSimilaritySolver>());
  return solvers;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_STUDY_SOLVERS_HPP
