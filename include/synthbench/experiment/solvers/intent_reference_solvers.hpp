#ifndef SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_REFERENCE_SOLVERS_HPP
#define SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_REFERENCE_SOLVERS_HPP

/// @file
/// In-process intent classifiers, trained on a train split, so that an experiment runs with
/// no LLM at all. Their quality differs visibly, which is what a meta-evaluation needs (a
/// synthetic benchmark must be able to rank them):
///
/// | name | method | source |
/// | --- | --- | --- |
/// | naive-bayes | multinomial naive Bayes, Laplace smoothing (alpha = 1) | McCallum & Nigam 1998 |
/// | tfidf-centroid | nearest class centroid of unit TF-IDF vectors, cosine | Rocchio 1971; Manning et al. 2008, 14.2 |
/// | knn | k = 5 nearest training examples by TF-IDF cosine, similarity-weighted vote | Manning et al. 2008, 14.3 |
/// | keyword-overlap | the class whose 15 most distinctive training words occur most often | synthbench |
/// | majority | always the most frequent training label | |
///
/// Every tie is broken deterministically (the label that sorts first), so results are the
/// same on every platform.

#include <algorithm>      // std::sort, std::min, std::upper_bound
#include <cmath>          // std::log
#include <cstddef>        // std::size_t
#include <map>            // std::map
#include <memory>         // std::unique_ptr, std::make_unique
#include <set>            // std::set
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair
#include <vector>         // std::vector

#include "synthbench/error.hpp"
#include "synthbench/experiment/solver.hpp"
#include "synthbench/experiment/text_features.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

namespace detail {

/// The labels of `train` in sorted order and each item's label index.
struct LabelIndex {
  std::vector<std::string> labels;
  std::vector<std::size_t> of_item;

  explicit LabelIndex(const std::vector<IntentItem>& train) {
    if (train.empty()) throw UsageError(40, "an intent reference solver needs a non-empty train split");
    std::set<std::string> unique;
    for (const auto& item : train) unique.insert(item.label);
    labels.assign(unique.begin(), unique.end());
    for (const auto& item : train) {
      of_item.push_back(static_cast<std::size_t>(
          std::lower_bound(labels.begin(), labels.end(), item.label) - labels.begin()));
    }
  }
};

/// argmax over `scores`, first (smallest label) on ties.
inline std::size_t argmax(const std::vector<double>& scores) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i) {
    if (scores[i] > scores[best]) best = i;
  }
  return best;
}

}  // namespace detail

/// Multinomial naive Bayes over word counts with Laplace smoothing.
class NaiveBayesIntentSolver : public IntentSolver {
 public:
  /// The terms a text is counted as (words by default; char_ngram_bayes.hpp counts n-grams).
  using Features = std::vector<std::string> (*)(const std::string&);

  /// Trains on `train`; `alpha` is the additive smoothing.
  explicit NaiveBayesIntentSolver(const std::vector<IntentItem>& train, double alpha = 1.0)
      : NaiveBayesIntentSolver(train, alpha, &default_features, "naive-bayes") {}

  std::string name() const override { return name_; }

  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<IntentPrediction> out;
    out.reserve(texts.size());
    const std::size_t k = log_prior_.size();
    for (const auto& text : texts) {
      std::vector<double> score = log_prior_;
      for (const auto& w : features_(text)) {
        const auto it = ids_.find(w);
        if (it == ids_.end()) continue;  // unseen terms: no evidence
        const double* row = log_likelihood_.data() + std::size_t{it->second} * k;
        for (std::size_t c = 0; c < k; ++c) score[c] += row[c];
      }
      out.push_back({index_.labels[detail::argmax(score)], {}});
    }
    return out;
  }

 protected:
  /// Trains on `train`, counting each text as `features(text)`, under the name `name`.
  NaiveBayesIntentSolver(const std::vector<IntentItem>& train, double alpha, Features features, std::string name)
      : index_(train), features_(features), name_(std::move(name)) {
    // Words are interned to ids (first occurrence first); counts and log-likelihoods are
    // dense (word id x class) tables.
    const std::size_t k = index_.labels.size();
    std::vector<double> class_count(k, 0.0);
    std::vector<double> word_count;  // id * k + class
    std::vector<double> total_words(k, 0.0);
    for (std::size_t i = 0; i < train.size(); ++i) {
      const std::size_t c = index_.of_item[i];
      class_count[c] += 1.0;
      for (auto& w : features_(train[i].text)) {
        const auto [it, inserted] = ids_.emplace(std::move(w), static_cast<std::uint32_t>(ids_.size()));
        if (inserted) word_count.resize(word_count.size() + k, 0.0);
        word_count[std::size_t{it->second} * k + c] += 1.0;
        total_words[c] += 1.0;
      }
    }
    const double v = static_cast<double>(ids_.size());
    log_prior_.resize(k);
    log_likelihood_.resize(word_count.size());
    for (std::size_t c = 0; c < k; ++c) {
      log_prior_[c] = std::log(class_count[c] / static_cast<double>(train.size()));
      const double denominator = total_words[c] + alpha * v;
      for (std::size_t id = 0; id < ids_.size(); ++id) {
        log_likelihood_[id * k + c] = std::log((word_count[id * k + c] + alpha) / denominator);
      }
    }
  }

 private:
  static std::vector<std::string> default_features(const std::string& text) { return text::tokenize(text); }

  detail::LabelIndex index_;
  Features features_;
  std::string name_;
  std::vector<double> log_prior_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // the vocabulary
  std::vector<double> log_likelihood_;                   // id * classes + class
};

/// Nearest centroid of unit-length TF-IDF vectors (Rocchio classification).
class TfidfCentroidIntentSolver : public IntentSolver {
 public:
  /// Trains on `train`.
  explicit TfidfCentroidIntentSolver(const std::vector<IntentItem>& train) : index_(train) {
    std::vector<std::vector<std::string>> docs;
    for (const auto& item : train) docs.push_back(text::tokenize(item.text));
    vectorizer_.fit(docs);
    std::vector<std::map<std::uint32_t, double>> sums(index_.labels.size());
    for (std::size_t i = 0; i < train.size(); ++i) {
      for (const auto& [id, w] : vectorizer_.transform(docs[i])) sums[index_.of_item[i]][id] += w;
    }
    for (auto& s : sums) {
      text::SparseVector centroid(s.begin(), s.end());
      text::normalize(centroid);
      centroids_.push_back(std::move(centroid));
    }
  }

  std::string name() const override { return "tfidf-centroid"; }

  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<IntentPrediction> out;
    for (const auto& text : texts) {
      const text::SparseVector v = vectorizer_.transform(text::tokenize(text));
      std::vector<double> score(centroids_.size());
      for (std::size_t c = 0; c < centroids_.size(); ++c) score[c] = text::dot(v, centroids_[c]);
      out.push_back({index_.labels[detail::argmax(score)], {}});
    }
    return out;
  }

 private:
  detail::LabelIndex index_;
  text::TfidfVectorizer vectorizer_;
  std::vector<text::SparseVector> centroids_;
};

/// k nearest neighbours by TF-IDF cosine, each neighbour voting with its similarity. A text
/// with no known word falls back to the most frequent training label.
class KnnIntentSolver : public IntentSolver {
 public:
  /// Trains on `train` with `k` neighbours.
  explicit KnnIntentSolver(const std::vector<IntentItem>& train, std::size_t k = 5) : index_(train), k_(k) {
    std::vector<std::vector<std::string>> docs;
    for (const auto& item : train) docs.push_back(text::tokenize(item.text));
    vectorizer_.fit(docs);
    postings_.resize(vectorizer_.vocabulary_size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
      for (const auto& [id, w] : vectorizer_.transform(docs[i])) postings_[id].push_back({static_cast<std::uint32_t>(i), w});
    }
    std::vector<double> frequency(index_.labels.size(), 0.0);
    for (const auto c : index_.of_item) frequency[c] += 1.0;
    majority_ = detail::argmax(frequency);
  }

  std::string name() const override { return "knn"; }

  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<IntentPrediction> out;
    out.reserve(texts.size());
    // Dense accumulators over the training examples, reset through the list of those touched.
    std::vector<double> similarity(index_.of_item.size(), 0.0);
    std::vector<char> seen(index_.of_item.size(), 0);
    std::vector<std::uint32_t> touched;
    std::vector<std::pair<double, std::uint32_t>> nearest;
    for (const auto& text : texts) {
      for (const auto doc : touched) {
        similarity[doc] = 0.0;
        seen[doc] = 0;
      }
      touched.clear();
      for (const auto& [id, w] : vectorizer_.transform(text::tokenize(text))) {
        for (const auto& [doc, dw] : postings_[id]) {  // inverted index: cosine of unit vectors
          if (seen[doc] == 0) {
            seen[doc] = 1;
            touched.push_back(doc);
          }
          similarity[doc] += w * dw;
        }
      }
      if (touched.empty()) {
        out.push_back({index_.labels[majority_], {}});
        continue;
      }
      // The k nearest, most similar first; equal similarity: the earlier training example (a
      // total order, so the k and their order are those of a full sort).
      const auto before = [](const std::pair<double, std::uint32_t>& a, const std::pair<double, std::uint32_t>& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
      };
      nearest.clear();
      for (const auto doc : touched) {
        const std::pair<double, std::uint32_t> candidate{similarity[doc], doc};
        if (nearest.size() == k_ && (k_ == 0 || !before(candidate, nearest.back()))) continue;
        nearest.insert(std::upper_bound(nearest.begin(), nearest.end(), candidate, before), candidate);
        if (nearest.size() > k_) nearest.pop_back();
      }
      std::vector<double> votes(index_.labels.size(), 0.0);
      for (const auto& [s, doc] : nearest) votes[index_.of_item[doc]] += s;
      out.push_back({index_.labels[detail::argmax(votes)], {}});
    }
    return out;
  }

 private:
  detail::LabelIndex index_;
  std::size_t k_;
  text::TfidfVectorizer vectorizer_;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> postings_;
  std::size_t majority_ = 0;
};

/// For each class, its `keywords_per_class` most distinctive training words (count in the
/// class times log(number of classes / number of classes using the word)); a text goes to the
/// class whose keywords it contains most often, the more frequent class on ties.
class KeywordOverlapIntentSolver : public IntentSolver {
 public:
  /// Trains on `train`.
  explicit KeywordOverlapIntentSolver(const std::vector<IntentItem>& train, std::size_t keywords_per_class = 15)
      : index_(train) {
    const std::size_t k = index_.labels.size();
    std::vector<std::unordered_map<std::string, double>> counts(k);
    std::unordered_map<std::string, double> classes_using;
    frequency_.assign(k, 0.0);
    for (std::size_t i = 0; i < train.size(); ++i) {
      frequency_[index_.of_item[i]] += 1.0;
      for (const auto& w : text::tokenize(train[i].text)) counts[index_.of_item[i]][w] += 1.0;
    }
    for (const auto& c : counts) {
      for (const auto& [w, n] : c) classes_using[w] += 1.0;
    }
    keywords_.resize(k);
    for (std::size_t c = 0; c < k; ++c) {
      std::vector<std::pair<double, std::string>> scored;
      for (const auto& [w, n] : counts[c]) {
        scored.push_back({n * std::log(static_cast<double>(k) / classes_using[w]), w});
      }
      std::sort(scored.begin(), scored.end(),
                [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
      for (std::size_t i = 0; i < std::min(keywords_per_class, scored.size()); ++i) {
        if (scored[i].first > 0.0) keywords_[c].insert(scored[i].second);
      }
    }
  }

  std::string name() const override { return "keyword-overlap"; }

  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<IntentPrediction> out;
    for (const auto& text : texts) {
      const auto words = text::tokenize(text);
      std::vector<double> score(keywords_.size(), 0.0);
      for (std::size_t c = 0; c < keywords_.size(); ++c) {
        for (const auto& w : words) score[c] += keywords_[c].count(w) != 0 ? 1.0 : 0.0;
        score[c] += frequency_[c] * 1e-9;  // ties go to the more frequent class
      }
      out.push_back({index_.labels[detail::argmax(score)], {}});
    }
    return out;
  }

 private:
  detail::LabelIndex index_;
  std::vector<std::set<std::string>> keywords_;
  std::vector<double> frequency_;
};

/// Always predicts the most frequent training label (the smallest on ties).
class MajorityIntentSolver : public IntentSolver {
 public:
  /// Trains on `train`.
  explicit MajorityIntentSolver(const std::vector<IntentItem>& train) {
    const detail::LabelIndex index(train);
    std::vector<double> frequency(index.labels.size(), 0.0);
    for (const auto c : index.of_item) frequency[c] += 1.0;
    label_ = index.labels[detail::argmax(frequency)];
  }

  std::string name() const override { return "majority"; }

  std::vector<IntentPrediction> predict(const std::vector<std::string>& texts) override {
    return std::vector<IntentPrediction>(texts.size(), IntentPrediction{label_, {}});
  }

 private:
  std::string label_;
};

/// The five intent reference solvers, trained on `train`, strongest first.
inline std::vector<std::unique_ptr<IntentSolver>> intent_reference_solvers(const std::vector<IntentItem>& train) {
  std::vector<std::unique_ptr<IntentSolver>> solvers;
  solvers.push_back(std::make_unique<NaiveBayesIntentSolver>(train));
  solvers.push_back(std::make_unique<TfidfCentroidIntentSolver>(train));
  solvers.push_back(std::make_unique<KnnIntentSolver>(train));
  solvers.push_back(std::make_unique<KeywordOverlapIntentSolver>(train));
  solvers.push_back(std::make_unique<MajorityIntentSolver>(train));
  return solvers;
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_EXPERIMENT_SOLVERS_INTENT_REFERENCE_SOLVERS_HPP
