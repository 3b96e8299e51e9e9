#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_REFERENCE_SOLVERS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_REFERENCE_SOLVERS_HPP

/// @file
/// In-process semantic-similarity scorers: each maps a sentence pair to a similarity in
/// [0, 1] and reports 5 times it, on the 0-5 scale of STS (Agirre et al. 2012). None needs a
/// train split (STS has none here). Their quality differs visibly:
///
/// | name | similarity | source |
/// | --- | --- | --- |
/// | tfidf-cosine | cosine of TF-IDF word vectors, IDF fitted on the sentences being scored | Salton & Buckley 1988 |
/// | char-ngram-cosine | cosine of character 3-gram count vectors | Damashek 1995 |
/// | token-jaccard | \|A n B\| / \|A u B\| of the two word sets | Jaccard 1912 |
/// | token-lcs | 2 LCS / (\|a\| + \|b\|), longest common subsequence of the word sequences | Hirschberg 1977 |
/// | length-ratio | min(\|a\|, \|b\|) / max(\|a\|, \|b\|) in words: ignores content | (a weak baseline) |

#include <algorithm>      // std::min, std::max
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t
#include <memory>         // std::unique_ptr, std::make_unique
#include <set>            // std::set
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair
#include <vector>         // std::vector

#include "synthbench/experiment/solver.hpp"
#include "synthbench/experiment/text_features.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// The sizes of two sentences' word sets (tokenize of text_features.hpp) and how many words
/// they share: what the set-overlap similarities (Jaccard, overlap coefficient) are made of.
struct WordSetOverlap {
  std::size_t size_a = 0;  ///< distinct words of the first sentence
  std::size_t size_b = 0;  ///< distinct words of the second
  std::size_t common = 0;  ///< distinct words in both
};

/// The word-set overlap of `a` and `b`.
inline WordSetOverlap word_set_overlap(const std::string& a, const std::string& b) {
  const auto ta = text::tokenize(a);
  const auto tb = text::tokenize(b);
  const std::set<std::string> sa(ta.begin(), ta.end());
  const std::set<std::string> sb(tb.begin(), tb.end());
  WordSetOverlap out{sa.size(), sb.size(), 0};
  for (const auto& w : sa) out.common += sb.count(w);
  return out;
}

}  // namespace detail

/// A similarity scorer defined by a similarity in [0, 1] of one pair.
class PairwiseSimilaritySolver : public SimilaritySolver {
 public:
  std::vector<SimilarityPrediction> predict(const std::vector<std::pair<std::string, std::string>>& pairs) override {
    prepare(pairs);
    std::vector<SimilarityPrediction> out;
    out.reserve(pairs.size());
    for (const auto& [a, b] : pairs) {
      const double s = similarity(a, b);
      out.push_back({5.0 * std::min(1.0, std::max(0.0, s)), {}});
    }
    return out;
  }

 protected:
  /// Called once with every pair before scoring (e.g. to fit IDF weights).
  virtual void prepare(const std::vector<std::pair<std::string, std::string>>&) {}
  /// The similarity of one pair in [0, 1].
  virtual double similarity(const std::string& a, const std::string& b) const = 0;
};

/// Cosine of TF-IDF vectors; IDF is fitted on every sentence of the dataset being scored
/// (transductive, as unsupervised STS baselines are).
class TfidfCosineSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  std::string name() const override { return "tfidf-cosine"; }

 protected:
  void prepare(const std::vector<std::pair<std::string, std::string>>& pairs) override {
    std::vector<std::vector<std::string>> docs;
    for (const auto& [a, b] : pairs) {
      docs.push_back(text::tokenize(a));
      docs.push_back(text::tokenize(b));
    }
    vectorizer_.fit(docs);
  }
  double similarity(const std::string& a, const std::string& b) const override {
    return text::dot(vectorizer_.transform(text::tokenize(a)), vectorizer_.transform(text::tokenize(b)));
  }

 private:
  text::TfidfVectorizer vectorizer_;
};

/// Cosine of character 3-gram counts.
class CharNgramCosineSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  std::string name() const override { return "char-ngram-cosine"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    std::unordered_map<std::string, std::uint32_t> ids;
    const auto ga = text::char_ngrams(a, 3);
    const auto gb = text::char_ngrams(b, 3);
    for (const auto* grams : {&ga, &gb}) {
      for (const auto& g : *grams) ids.emplace(g, static_cast<std::uint32_t>(ids.size()));
    }
    return text::cosine(text::count_vector(ga, ids), text::count_vector(gb, ids));
  }
};

/// Jaccard similarity of the word sets; two empty sentences are identical (1).
class TokenJaccardSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  std::string name() const override { return "token-jaccard"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    const auto o = detail::word_set_overlap(a, b);
    if (o.size_a == 0 && o.size_b == 0) return 1.0;
    return static_cast<double>(o.common) / static_cast<double>(o.size_a + o.size_b - o.common);
  }
};

/// 2 LCS / (|a| + |b|) over word sequences (dynamic programming, two rows).
class TokenLcsSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  std::string name() const override { return "token-lcs"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    const auto ta = text::tokenize(a);
    const auto tb = text::tokenize(b);
    if (ta.empty() && tb.empty()) return 1.0;
    std::vector<std::size_t> previous(tb.size() + 1, 0);
    std::vector<std::size_t> current(tb.size() + 1, 0);
    for (std::size_t i = 1; i <= ta.size(); ++i) {
      for (std::size_t j = 1; j <= tb.size(); ++j) {
        current[j] = ta[i - 1] == tb[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
      }
      std::swap(previous, current);
    }
    return 2.0 * static_cast<double>(previous[tb.size()]) / static_cast<double>(ta.size() + tb.size());
  }
};

/// min / max of the word counts: blind to content, a floor for the others.
class LengthRatioSimilaritySolver : public PairwiseSimilaritySolver {
 public:
  std::string name() const override { return "length-ratio"; }

 protected:
  double similarity(const std::string& a, const std::string& b) const override {
    const double la = static_cast<double>(text::tokenize(a).size());
    const double lb = static_cast<double>(text::tokenize(b).size());
    if (la == 0.0 && lb == 0.0) return 1.0;
    return std::min(la, lb) / std::max(la, lb);
  }
};

/// The five similarity reference solvers.
inline std::vector<std::unique_ptr<SimilaritySolver>> similarity_reference_solvers() {
  std::vector<std::unique_ptr<SimilaritySolver>> solvers;
  solvers.push_back(std::make_unique<TfidfCosineSimilaritySolver>());
  solvers.push_back(std::make_unique<CharNgramCosineSimilaritySolver>());
  solvers.push_back(std::make_unique<TokenJaccardSimilaritySolver>());
  solvers.push_back(std::make_unique<TokenLcsSimilaritySolver>());
  solvers.push_back(std::make_unique<LengthRatioSimilaritySolver>());
  return solvers;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_SIMILARITY_REFERENCE_SOLVERS_HPP
