#ifndef SYNTHBENCH_EXPERIMENT_TEXT_FEATURES_HPP
#define SYNTHBENCH_EXPERIMENT_TEXT_FEATURES_HPP

/// @file
/// Text features for the in-process reference solvers (namespace synthbench::text): tokens,
/// character n-grams, a vocabulary, TF-IDF weighting and sparse vectors with cosine similarity.
///
/// Tokens are maximal runs of ASCII letters, digits and apostrophes, lowercased, plus any
/// byte >= 0x80 (so UTF-8 letters stay inside words); everything else separates tokens.
/// TF-IDF follows scikit-learn's TfidfVectorizer defaults: raw term counts times
/// idf(t) = ln((1 + N) / (1 + df(t))) + 1, then L2 normalization (Manning, Raghavan & Schütze,
/// "Introduction to Information Retrieval", 2008, ch. 6).

#include <algorithm>      // std::sort
#include <cmath>          // std::log, std::sqrt
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair
#include <vector>         // std::vector

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
/// Text features: tokens, n-grams, sparse vectors and their algebra. A namespace of their own,
/// so that `text::normalize` (unit length) is not read as the bias factor's normalization and
/// `text::tokenize` not as the NER tokenizer (experiment/solvers/ner_tokens.hpp).
namespace text {

/// The lowercased tokens of `text` (see the file comment).
inline std::vector<std::string> tokenize(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      current += static_cast<char>(c - 'A' + 'a');
    } else if (word) {
      current += ch;
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

/// The character n-grams of the lowercased `text` with runs of whitespace collapsed to one
/// space and a space added at both ends (so word boundaries count), e.g. " ab", "abc".
inline std::vector<std::string> char_ngrams(const std::string& text, std::size_t n) {
  std::string normalized = " ";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (normalized.back() != ' ') normalized += ' ';
    } else {
      normalized += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
    }
  }
  if (normalized.back() != ' ') normalized += ' ';
  std::vector<std::string> grams;
  if (normalized.size() < n) return grams;
  for (std::size_t i = 0; i + n <= normalized.size(); ++i) grams.push_back(normalized.substr(i, n));
  return grams;
}

/// A sparse vector: (feature id, weight) pairs sorted by id, ids unique.
using SparseVector = std::vector<std::pair<std::uint32_t, double>>;

/// The dot product of two sparse vectors (merge of the sorted id lists).
inline double dot(const SparseVector& a, const SparseVector& b) {
  double sum = 0.0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      sum += a[i++].second * b[j++].second;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return sum;
}

/// The Euclidean norm of a sparse vector.
inline double norm(const SparseVector& v) {
  double sum = 0.0;
  for (const auto& [id, w] : v) sum += w * w;
  return std::sqrt(sum);
}

/// Cosine similarity; 0 when either vector is zero.
inline double cosine(const SparseVector& a, const SparseVector& b) {
  const double n = norm(a) * norm(b);
  return n > 0.0 ? dot(a, b) / n : 0.0;
}

/// Scales `v` to unit length (a zero vector stays zero).
inline void normalize(SparseVector& v) {
  const double n = norm(v);
  if (n > 0.0) {
    for (auto& [id, w] : v) w /= n;
  }
}

/// Term counts of `terms` as a sparse vector over `ids` (terms not in `ids` are skipped).
inline SparseVector count_vector(const std::vector<std::string>& terms,
                                 const std::unordered_map<std::string, std::uint32_t>& ids) {
  // The known ids, sorted, then counted by runs: no hash map of counts (counts are small
  // integers, exact in a double).
  std::vector<std::uint32_t> found;
  found.reserve(terms.size());
  for (const auto& t : terms) {
    const auto it = ids.find(t);
    if (it != ids.end()) found.push_back(it->second);
  }
  std::sort(found.begin(), found.end());
  SparseVector v;
  for (std::size_t i = 0; i < found.size();) {
    std::size_t j = i + 1;
    while (j < found.size() && found[j] == found[i]) ++j;
    v.emplace_back(found[i], static_cast<double>(j - i));
    i = j;
  }
  return v;
}

/// A vocabulary with document frequencies, fitted on a corpus, that turns documents into
/// L2-normalized TF-IDF vectors. Terms unseen when fitting are ignored.
class TfidfVectorizer {
 public:
  /// Fits the vocabulary and IDF weights on `documents` (each a list of terms).
  void fit(const std::vector<std::vector<std::string>>& documents) {
    ids_.clear();
    std::vector<double> df;
    for (const auto& doc : documents) {
      std::vector<std::uint32_t> seen;
      for (const auto& term : doc) {
        auto [it, inserted] = ids_.emplace(term, static_cast<std::uint32_t>(ids_.size()));
        if (inserted) df.push_back(0.0);
        seen.push_back(it->second);
      }
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      for (const auto id : seen) df[id] += 1.0;
    }
    const double n = static_cast<double>(documents.size());
    idf_.resize(df.size());
    for (std::size_t i = 0; i < df.size(); ++i) idf_[i] = std::log((1.0 + n) / (1.0 + df[i])) + 1.0;
  }

  /// The unit-length TF-IDF vector of a document (zero when no term is known).
  SparseVector transform(const std::vector<std::string>& document) const {
    SparseVector v = count_vector(document, ids_);
    for (auto& [id, w] : v) w *= idf_[id];
    normalize(v);
    return v;
  }

  /// The number of known terms.
  std::size_t vocabulary_size() const noexcept { return ids_.size(); }
  /// The id of `term`, or -1 when unknown.
  long long id_of(const std::string& term) const {
    const auto it = ids_.find(term);
    return it == ids_.end() ? -1 : static_cast<long long>(it->second);
  }
  /// The IDF weight of the term with id `id`.
  double idf(std::uint32_t id) const { return idf_.at(id); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<double> idf_;
};

}  // namespace text
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_TEXT_FEATURES_HPP
