#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_CHAR_NGRAM_BAYES_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_CHAR_NGRAM_BAYES_HPP

/// @file
/// `char-ngram-bayes`: multinomial naive Bayes (McCallum & Nigam 1998, Laplace smoothing) over
/// the character 3-grams of a text instead of its words (text_features.hpp's char_ngrams:
/// lowercased, whitespace collapsed, a space at both ends), as character n-gram text
/// classifiers do (Cavnar & Trenkle, "N-gram-based text categorization", SDAIR 1994). It sees
/// inside words, so "flights" and "flight" share evidence and misspellings still count.

#include <string>  // std::string
#include <vector>  // std::vector

#include "synthbench/experiment/solvers/intent_reference_solvers.hpp"  // NaiveBayesIntentSolver
#include "synthbench/experiment/text_features.hpp"                     // char_ngrams
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Multinomial naive Bayes over character 3-grams (see the file comment).
class CharNgramBayesIntentSolver : public NaiveBayesIntentSolver {
 public:
  /// Trains on `train`; `alpha` is the additive smoothing. Throws UsageError 40 for an empty
  /// train split.
  explicit CharNgramBayesIntentSolver(const std::vector<IntentItem>& train, double alpha = 1.0)
      : NaiveBayesIntentSolver(train, alpha, &trigrams, "char-ngram-bayes") {}

 private:
  static std::vector<std::string> trigrams(const std::string& text) { return text::char_ngrams(text, 3); }
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_CHAR_NGRAM_BAYES_HPP
