#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_NER_FUZZY_GAZETTEER_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_NER_FUZZY_GAZETTEER_HPP

/// @file
/// `gazetteer-fuzzy`: approximate dictionary matching. Each capitalized span of a sentence
/// (ner_reference_solvers.hpp) is compared with every entity name of the train split by the
/// cosine of their character 3-gram count vectors (text_features.hpp's char_ngrams: lowercased,
/// a space at both ends; Damashek, "Gauging similarity with n-grams", Science 267, 1995); the
/// span becomes an entity of the most similar name's type when that cosine is at least
/// `threshold` (default 0.5), and is dropped otherwise. A name's type is the one it has most
/// often in training (ties: the type that sorts first); equally similar names: the one that
/// sorts first. "Blair" finds "Tony Blair" (cosine 5 / sqrt(50) = 0.71); a capitalized word
/// like no train name is not an entity. Cosines are accumulated through an inverted index of
/// the names' 3-grams, so only names sharing a 3-gram with the span are visited.

#include <algorithm>      // std::sort
#include <cmath>          // std::sqrt
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint32_t
#include <map>            // std::map
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair
#include <vector>         // std::vector

#include "synthbench/experiment/solvers/ner_token_spans.hpp"  // TokenSpanNerSolver, detail::ner_solvers
#include "synthbench/experiment/text_features.hpp"                  // char_ngrams, count_vector, SparseVector
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// The fuzzy gazetteer of the file comment.
class FuzzyGazetteerNerSolver : public TokenSpanNerSolver {
 public:
  /// Trains on `train`. Throws UsageError 55 (no entity) or 56 (a span outside its text), and
  /// UsageError 57 for a threshold outside (0, 1].
  explicit FuzzyGazetteerNerSolver(const std::vector<NerItem>& train, double threshold = 0.5)
      : index_(train), threshold_(threshold) {
    namespace ns = detail::ner_solvers;
    if (!(threshold > 0.0 && threshold <= 1.0)) {
      throw UsageError(57, "the fuzzy gazetteer's threshold must lie in (0, 1], got " + std::to_string(threshold));
    }
    types_ = index_.names;
    std::map<std::string, std::vector<std::size_t>> counts;  // name -> count per type, names sorted
    for (const auto& s : ns::train_sentences(train, index_)) {
      for (const auto& e : s.entities) {
        auto& c = counts[text_of(s.tokens, e.first, e.last)];
        c.resize(index_.names.size(), 0);
        ++c[e.type];
      }
    }
    for (const auto& [name, c] : counts) {
      std::size_t best = 0;
      for (std::size_t t = 1; t < c.size(); ++t) {
        if (c[t] > c[best]) best = t;
      }
      const std::uint32_t id = static_cast<std::uint32_t>(type_of_name_.size());
      type_of_name_.push_back(best);
      std::vector<std::string> grams = text::char_ngrams(name, 3);
      for (const auto& g : grams) gram_ids_.emplace(g, static_cast<std::uint32_t>(gram_ids_.size()));
      text::SparseVector v = text::count_vector(grams, gram_ids_);
      text::normalize(v);
      if (postings_.size() < gram_ids_.size()) postings_.resize(gram_ids_.size());
      for (const auto& [gram, weight] : v) postings_[gram].emplace_back(id, weight);
    }
  }

  /// "gazetteer-fuzzy".
  std::string name() const override { return "gazetteer-fuzzy"; }

 protected:
  std::vector<detail::ner_solvers::TokenSpan> spans(const std::vector<NerToken>& tokens) const override {
    namespace ns = detail::ner_solvers;
    std::vector<ns::TokenSpan> out;
    std::vector<double> cosine(type_of_name_.size(), 0.0);
    std::vector<std::uint32_t> touched;
    for (auto span : ns::capitalized_spans(tokens)) {
      std::vector<std::string> grams = text::char_ngrams(text_of(tokens, span.first, span.last), 3);
      // The span's norm counts every 3-gram, the dot products only those some name has.
      std::sort(grams.begin(), grams.end());
      double norm = 0.0;
      for (std::size_t i = 0; i < grams.size();) {
        std::size_t j = i + 1;
        while (j < grams.size() && grams[j] == grams[i]) ++j;
        norm += static_cast<double>((j - i) * (j - i));
        i = j;
      }
      if (norm == 0.0) continue;
      norm = std::sqrt(norm);
      for (const auto& [gram, count] : text::count_vector(grams, gram_ids_)) {
        for (const auto& [name, name_weight] : postings_[gram]) {
          if (cosine[name] == 0.0) touched.push_back(name);
          cosine[name] += count / norm * name_weight;
        }
      }
      double best = 0.0;
      std::size_t best_name = 0;
      for (const auto name : touched) {
        if (cosine[name] > best || (cosine[name] == best && name < best_name)) {
          best = cosine[name];
          best_name = name;
        }
      }
      for (const auto name : touched) cosine[name] = 0.0;
      touched.clear();
      if (best > 0.0 && best >= threshold_) {
        span.type = type_of_name_[best_name];
        out.push_back(span);
      }
    }
    return out;
  }

 private:
  static std::string text_of(const std::vector<NerToken>& tokens, std::size_t first, std::size_t last) {
    std::string text;
    for (std::size_t i = first; i < last; ++i) text += (i > first ? " " : "") + tokens[i].text;
    return text;
  }

  detail::ner_solvers::TypeIndex index_;
  double threshold_;
  std::vector<std::size_t> type_of_name_;  // per name id (names in byte order)
  std::unordered_map<std::string, std::uint32_t> gram_ids_;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> postings_;  // gram id -> (name id, weight)
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_NER_FUZZY_GAZETTEER_HPP
