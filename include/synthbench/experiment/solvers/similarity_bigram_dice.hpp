#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_BIGRAM_DICE_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_BIGRAM_DICE_HPP

/// @file
/// `bigram-dice`: 2 |A n B| / (|A| + |B|), the Dice coefficient (Dice, "Measures of the amount
/// of ecologic association between species", Ecology 26(3), 1945) of the two sets of word
/// bigrams (text_features.hpp's tokenize), each sentence padded with a start and an end
/// marker so that a one-word sentence has bigrams ("<s> w", "w </s>"). Word order counts, which
/// the set measures over single words ignore. Two empty sentences are identical (1).

#include <cstddef>  // std::size_t
#include <set>      // std::set
#include <string>   // std::string
#include <vector>   // std::vector

#include "synthbench/experiment/solvers/similarity_reference_solvers.hpp"  // PairwiseSimilaritySolver
#include "synthbench/experiment/text_features.hpp"                         // tokenize
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The set of padded word bigrams of `text`, each as "first second" (see the file comment);
/// empty for a text without words.
inline std::set<std::string> word_bigrams(const std::string& text) {
  const auto words = text::tokenize(text);
  std::set<std::string> out;
  if (words.empty()) return out;
  std::string previous = "<s>";
  for (const auto& w : words) {
    out.insert(previous + " " + w);
    previous = w;
  }
  out.insert(previous + " </s>");
  return out;
}

/// The Dice coefficient of the padded word-bigram sets (see the file comment).
class BigramDiceSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  /// "bigram-dice".
  std::string name() const override { return "bigram-dice"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    const auto sa = word_bigrams(a);
    const auto sb = word_bigrams(b);
    if (sa.empty() && sb.empty()) return 1.0;
    std::size_t common = 0;
    for (const auto& g : sa) common += sb.count(g);
    return 2.0 * static_cast<double>(common) / static_cast<double>(sa.size() + sb.size());
  }
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_BIGRAM_DICE_HPP
